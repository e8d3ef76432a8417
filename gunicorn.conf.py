"""gunicorn settings for `make serve` and production (docs/DEPLOYMENT.md); every value can come from the
environment. Run: gunicorn -c gunicorn.conf.py config.wsgi"""

import multiprocessing
import os


def env_int(name, default):
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def env_flag(name, default):
    raw = os.environ.get(name, "").strip().lower()
    return raw not in ("0", "false", "no", "off") if raw else default


# Where to listen: BIND (e.g. unix:/run/quire.sock or 0.0.0.0:8000), else HOST:PORT (default 127.0.0.1:8000).
bind = [os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{env_int('PORT', 8000)}"]

# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new connections across them. On one
# shared socket, the first worker to wake takes every connection of a burst: long-lived keep-alive connections
# (nginx's upstream keepalive, a load generator) then stay on that worker and the others idle, half the throughput
# on two cores. Off for unix sockets, systemd's sockets and a port held by another program (config/gunicorn_worker.py
# decides when the master starts and on each reload); GUNICORN_REUSE_PORT=0 turns it off.
reuse_port = env_flag("GUNICORN_REUSE_PORT", True)


def on_starting(server):
    from config.gunicorn_worker import share_listening_socket_where_needed

    share_listening_socket_where_needed(server, under_systemd="LISTEN_FDS" in os.environ)


def on_reload(server):  # the reload has read this file again
    from config.gunicorn_worker import share_listening_socket_where_needed

    share_listening_socket_where_needed(server, under_systemd=server.systemd)


# Worker processes: WEB_CONCURRENCY, else one per core plus one (each request is CPU-bound Python).
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1)
# gthread keeps client connections alive between requests (sync workers close each one); GUNICORN_THREADS per worker.
# The default is gthread, closing its own listening socket as soon as it stops (config/gunicorn_worker.py).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "config.gunicorn_worker.ThreadWorker")
threads = env_int("GUNICORN_THREADS", 2)

timeout = env_int("GUNICORN_TIMEOUT", 30)  # a worker silent this long is restarted
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)  # time to finish requests on restart or shutdown
keepalive = env_int("GUNICORN_KEEPALIVE", 5)  # seconds an idle client connection is kept
# Workers are not recycled: their memory stays flat (every per-process copy is bounded; docs/PERFORMANCE.md), and
# a restart every 10,000 requests cost a busy server a fifth of its throughput. GUNICORN_MAX_REQUESTS=N restarts
# each worker after about N requests, should some library leak; the jitter keeps them from restarting together.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max(1, max_requests // 10) if max_requests else 0

# Request limits: a longer request line or header is answered 400 before Django sees it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Logs to stdout/stderr for the process manager; ACCESS_LOG=0 turns the access log off (benchmarks).
accesslog = "-" if env_flag("ACCESS_LOG", True) else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# X-Forwarded-Proto and friends are believed only from these proxy addresses (FORWARDED_ALLOW_IPS).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
