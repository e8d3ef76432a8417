"""Each process's own copy of the content stamp, kept current by Redis, so that reading it costs no round trip.

With a shared cache, every request starts by reading the content stamp (blog/content_version.py) from Redis: a
round trip that was half the time of a page served from the page cache. Instead, a thread in each process keeps
a connection on which Redis tells it whenever the stamp's key is written, deleted or expires (server-assisted
client-side caching: CLIENT TRACKING in broadcast mode, Redis 6 or later), and reads the key again on each notice.
It also reads the key again every PING_SECONDS, so that a notice that never comes (a write that reached Redis but
not the notice, a key that expired unnoticed) leaves the copy wrong for at most that long.

Requests use the copy only while the thread can vouch for it: it has read the key since the last notice, and
read it again less than LIVENESS_SECONDS ago. Otherwise (starting, Redis unreachable or refusing tracking, the
key missing) they read the stamp from Redis as before. A change made through any instance reaches every other one
in the time a notice takes to cross the network and wake the thread: milliseconds.
"""

import logging
import os
import threading
import time

import redis

logger = logging.getLogger("quire.cache")

PING_SECONDS = 0.5  # the key is read again this often, and Redis must answer a ping on the watch's connection
LIVENESS_SECONDS = 2.0  # a copy not read again for this long is not used
RETRY_SECONDS = 0.5  # doubled after each failure in a row, up to MAX_RETRY_SECONDS
MAX_RETRY_SECONDS = 30.0
NOT_VOUCHED = (None, 0.0)


class StampWatch:
    def __init__(self, url, key, read):
        """`url`: the primary Redis server; `key`: the stamp's key as Redis stores it; `read()`: the stamp as the
        primary has it, or None (missing, or Redis unreachable)."""
        self.url, self.key, self.read = url, key, read
        self.state = NOT_VOUCHED  # (copy, monotonic time until which it may be used), replaced as one value
        self.generation = 0  # moves on with every notice and every write here; a read from before is not used
        self.pid = None
        self.lock = threading.Lock()
        self.failures = 0  # attempts to watch that failed in a row
        self.stopped = False

    def latest(self):
        """The stamp as Redis last had it, or None when this process cannot vouch for its copy."""
        if self.pid != os.getpid():
            self.start()  # first use in this process (threads do not survive a fork)
        copy, until = self.state
        return copy if time.monotonic() < until else None

    def forget(self):
        """The stamp has changed (a notice), or this process is writing it: the copy is not used until the watch
        has read the key again, after this call."""
        with self.lock:
            self.generation += 1
            self.state = NOT_VOUCHED

    def start(self):
        with self.lock:
            if self.pid == os.getpid():
                return
            self.state = NOT_VOUCHED  # a copy made by the parent process is not this process's to vouch for
            self.generation += 1
            self.pid = os.getpid()
            threading.Thread(target=self.run, name="quire-stamp-watch", daemon=True).start()

    def stop(self):
        self.stopped = True
        self.forget()

    def run(self):
        while not self.stopped:
            try:
                self.follow()
            except Exception as error:  # this thread must outlive any failure; requests read Redis meanwhile
                self.forget()
                if not self.failures:
                    logger.warning("Not watching the content stamp (%s); reading it from Redis on every request "
                                   "until the watch reconnects.", error)
                self.failures += 1
            time.sleep(min(MAX_RETRY_SECONDS, RETRY_SECONDS * 2 ** (self.failures - 1)))

    def follow(self):
        connection = redis.ConnectionPool.from_url(  # RESP2: notices come as pub/sub messages, read one by one
            self.url, protocol=2, socket_connect_timeout=LIVENESS_SECONDS, socket_timeout=LIVENESS_SECONDS
        ).make_connection()
        try:
            connection.connect()
            client_id = command(connection, "CLIENT", "ID")
            command(connection, "CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.key)
            command(connection, "SUBSCRIBE", "__redis__:invalidate")
            self.refresh()
            if self.failures:
                logger.warning("Watching the content stamp again.")
                self.failures = 0
            self.listen(connection)
        finally:
            self.forget()
            connection.disconnect()

    def listen(self, connection):
        pinged = answered = time.monotonic()
        while not self.stopped:
            now = time.monotonic()
            if now - pinged >= PING_SECONDS:
                connection.send_command("PING")
                pinged = now
            if connection.can_read(timeout=PING_SECONDS):
                kind = connection.read_response()[0]
                if kind == b"message":  # the key was written, deleted or expired (or the whole cache flushed)
                    self.forget()  # read again below
                elif kind == b"pong":
                    answered = time.monotonic()
                    self.refresh()
            elif time.monotonic() - answered > LIVENESS_SECONDS:
                raise redis.ConnectionError(f"no answer from Redis for {LIVENESS_SECONDS:.0f} s")
            if self.state is NOT_VOUCHED:  # a notice, a write here meanwhile, or the key was missing
                self.refresh()

    def refresh(self):
        """Read the key; its value becomes the copy unless a notice or a write here came while it was read."""
        generation = self.generation
        stamp = self.read()
        with self.lock:
            if stamp is None:  # the key expired or was deleted: requests read the database until it is back
                self.state = NOT_VOUCHED
            elif generation == self.generation:
                self.state = (stamp, time.monotonic() + LIVENESS_SECONDS)


def command(connection, *args):
    connection.send_command(*args)
    return connection.read_response()
