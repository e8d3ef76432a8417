"""Processes for the benchmark: gunicorn instances, Redis and nginx, each on a free loopback port, stopped on exit."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30, host=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"Host": host} if host else {})
            with urllib.request.urlopen(request, timeout=2):
                return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
            time.sleep(0.2)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


class Processes:
    """Started processes, each stopped (SIGTERM, then SIGKILL) when the benchmark ends."""

    def __init__(self):
        self.running = []

    def start(self, args, env=None, log=None):
        stream = open(log, "wb") if log else subprocess.DEVNULL
        process = subprocess.Popen(args, env=env, stdout=stream, stderr=subprocess.STDOUT, cwd=PROJECT,
                                   start_new_session=True)
        self.running.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.running):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.running = []


def start_gunicorn(processes, env, port, log, **overrides):
    environment = {**env, "PORT": str(port), "ACCESS_LOG": "0", **{key: str(value) for key, value in overrides.items()}}
    processes.start([PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"], env=environment, log=log)
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return f"http://127.0.0.1:{port}"


def start_redis(processes, workdir):
    binary = shutil.which("redis-server")
    if not binary:
        return None
    port = free_port()
    processes.start([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--dir", str(workdir)], log=workdir / "redis.log")
    for _ in range(50):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not start")


NGINX_CONF = """
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    proxy_cache_path {root}/cache levels=1:2 keys_zone=pages:10m max_size=200m inactive=10m use_temp_path=off;
    upstream quire {{ server 127.0.0.1:{app_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{static_port};
        root {root}/static-site;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://quire;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_cache pages;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            proxy_cache_use_stale updating error timeout http_500 http_502 http_503;
            proxy_cache_background_update on;
            add_header X-Proxy-Cache $upstream_cache_status;
        }}
    }}
}}
"""


def start_nginx(processes, workdir, app_port, html_by_path, workers=2):
    """nginx serving `html_by_path` as static files, and a proxy_cache in front of the app; returns both bases."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    root = Path(tempfile.mkdtemp(prefix="nginx-", dir=workdir))
    os.chmod(workdir, 0o755)
    os.chmod(root, 0o755)
    for path, html in html_by_path.items():
        target = root / "static-site" / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
    static_port, proxy_port = free_port(), free_port()
    conf = root / "nginx.conf"
    conf.write_text(NGINX_CONF.format(
        workers=workers, root=root, app_port=app_port, static_port=static_port, proxy_port=proxy_port,
        user="user root;" if os.geteuid() == 0 else "",
    ))
    processes.start([binary, "-p", str(root), "-c", str(conf), "-g", "daemon off;"], log=root / "stdout.log")
    wait_for(f"http://127.0.0.1:{static_port}/")
    return f"http://127.0.0.1:{static_port}", f"http://127.0.0.1:{proxy_port}"


def worker_memory_mib(master_pid):
    """Resident memory (MiB) of each worker process of the gunicorn master `master_pid`, read from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)
