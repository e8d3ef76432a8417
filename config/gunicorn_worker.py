"""gunicorn with a listening socket per worker (gunicorn.conf.py, `reuse_port`), made safe to stop and reload.

With SO_REUSEPORT the kernel spreads new connections over the workers' own sockets, where one shared socket lets
the first worker to wake take a whole burst of keep-alive connections. Two things need care:
- a worker that stops (TERM, a reload) keeps its socket open while it finishes its requests, and the kernel goes
  on queueing connections there, to be reset when it closes: ThreadWorker closes it as soon as it stops accepting;
- the sockets are per worker only where that works: TCP addresses this process can bind beside the others, and
  not under systemd's socket activation (share_listening_socket_where_needed, from gunicorn.conf.py's hooks).
"""

import socket

from gunicorn.workers import gthread


class ThreadWorker(gthread.ThreadWorker):
    """gunicorn's gthread worker, which closes its own listening socket once it stops accepting."""

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled)
        if not enabled and not self.alive and self.cfg.reuse_port:
            for listener in self.sockets:
                listener.close()
            self.sockets = []


def can_listen_beside_others(address):
    host, port = address[0], address[1]
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            probe.bind((host, port))
    except OSError:
        return False
    return True


def share_listening_socket_where_needed(server, under_systemd):
    """Turn `reuse_port` off for unix sockets, inherited file descriptors and systemd's sockets, and for a port that
    another program holds (the master then binds it as usual and reports the conflict)."""
    cfg = server.cfg
    if not cfg.reuse_port:
        return
    tcp = all(isinstance(address, tuple) for address in cfg.address)
    if under_systemd or not tcp or not all(can_listen_beside_others(address) for address in cfg.address):
        cfg.set("reuse_port", False)
        server.log.info("One listening socket shared by the workers (reuse_port off for %s).", cfg.address)
