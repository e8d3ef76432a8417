"""Django's PostgreSQL backend, with a health check that costs no round trip to the server.

With persistent connections and CONN_HEALTH_CHECKS, Django checks a connection with `SELECT 1` before the first
query of every request; on a busy server that wait costs as much as the query it protects. A connection the server
has dropped (a restart, a failover, a terminated backend) has its socket readable (at end of file), while an idle
healthy connection has nothing to read: polling the socket tells them apart at once. Anything to read counts as
unusable and Django opens a new connection. A database that stops answering without closing the connection is
still caught by the failed query (a 503 page, config/health.py), after which Django drops the connection.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
            return not poller.poll(0)
        except (OSError, ValueError):
            return False
