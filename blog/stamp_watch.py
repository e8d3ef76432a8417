"""Each process's own copy of the content stamp, kept current by Redis, so that reading it costs no round trip.

With a shared cache, every request starts by reading the content stamp (blog/content_version.py) from Redis: a
round trip that was half the time of a page served from the page cache. Instead, a thread in each process keeps
a connection on which Redis tells it whenever the stamp's key is written, deleted or expires (server-assisted
client-side caching: CLIENT TRACKING in broadcast mode, Redis 6 or later), and reads the key again on each notice.

Requests use the copy only while the thread can vouch for it: it has read the key since the last notice, and
Redis answered its last ping less than LIVENESS_SECONDS ago. Otherwise (starting, Redis unreachable or refusing
tracking, the key expired) they read the stamp from Redis as before. A change made through any instance reaches
every other one in the time a notice takes to cross the network.
"""

import logging
import os
import threading
import time

import redis

logger = logging.getLogger("quire.cache")

PING_SECONDS = 1.0
LIVENESS_SECONDS = 3.0  # without a pong for this long the copy is not used
RETRY_SECONDS = 0.5  # doubled after each failure in a row, up to MAX_RETRY_SECONDS
MAX_RETRY_SECONDS = 30.0
NOT_VOUCHED = (None, 0.0)


class StampWatch:
    def __init__(self, url, key, read):
        """`key`: the stamp's key as Redis stores it; `read()`: the stamp read from the cache, or None."""
        self.url, self.key, self.read = url, key, read
        self.state = NOT_VOUCHED  # (copy, monotonic time until which it may be used), replaced as one value
        self.pid = None
        self.lock = threading.Lock()
        self.failures, self.stale = 0, False  # failures: attempts to watch that failed in a row
        self.stopped = False

    def latest(self):
        """The stamp as Redis last had it, or None when this process cannot vouch for its copy."""
        if self.pid != os.getpid():
            self.start()  # first use in this process (threads do not survive a fork)
        copy, until = self.state
        return copy if time.monotonic() < until else None

    def forget(self):
        """This process has just written the stamp: its next requests read it from Redis until the watch has read
        it again, even should Redis's notice of this very write arrive late."""
        self.state, self.stale = NOT_VOUCHED, True

    def start(self):
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid, self.state = os.getpid(), NOT_VOUCHED
            threading.Thread(target=self.run, name="quire-stamp-watch", daemon=True).start()

    def stop(self):
        self.stopped, self.state = True, NOT_VOUCHED

    def run(self):
        while not self.stopped:
            try:
                self.follow()
            except Exception as error:  # this thread must outlive any failure; requests read Redis meanwhile
                self.state = NOT_VOUCHED
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
            self.state = NOT_VOUCHED
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
                    self.refresh()
                elif kind == b"pong":
                    answered = time.monotonic()
                    self.vouch()
            elif time.monotonic() - answered > LIVENESS_SECONDS:
                raise redis.ConnectionError(f"no answer from Redis for {LIVENESS_SECONDS:.0f} s")
            if self.stale:
                self.refresh()

    def refresh(self):
        self.state, self.stale = NOT_VOUCHED, False
        stamp = self.read()
        if stamp is not None and not self.stale:  # stale: written here meanwhile; read again at the next wake-up
            self.state = (stamp, time.monotonic() + LIVENESS_SECONDS)

    def vouch(self):
        copy, _ = self.state
        if copy is not None:
            self.state = (copy, time.monotonic() + LIVENESS_SECONDS)


def command(connection, *args):
    connection.send_command(*args)
    return connection.read_response()
