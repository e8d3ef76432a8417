"""Keep-alive connections (nginx's upstream keepalive, a load generator) are spread over gunicorn's workers: with
one shared listening socket, the first worker to wake could take every connection of a burst and keep them, while
the others idle (gunicorn.conf.py, reuse_port)."""

import http.client
import os
from collections import Counter
from pathlib import Path

import pytest

from tests.production_support import Gunicorn, collect_static, database_url, production_env, require_postgres

WORKERS = 3
CONNECTIONS = 30


def worker_pids(master_pid):
    return [int(pid) for pid in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()]


def established_on(port):
    """Inodes of the established TCP sockets whose local port is `port`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":
            inodes.add(fields[9])
    return inodes


def connections_per_worker(master_pid, port):
    sockets = established_on(port)
    held = Counter()
    for pid in worker_pids(master_pid):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in sockets:
                held[pid] += 1
    return held


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_keep_alive_connections_is_shared_by_the_workers(tmp_path):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("reads connections from Linux's /proc")
    require_postgres()
    static_root = tmp_path / "static"
    collect_static(static_root)
    env = production_env(static_root, tmp_path / "media", DATABASE_URL=database_url(), WEB_CONCURRENCY=WORKERS)
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        clients = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=15) for _ in range(CONNECTIONS)]
        try:
            for client in clients:
                client.connect()
            for client in clients:
                client.request("GET", "/robots.txt", headers={"Host": "127.0.0.1"})
            for client in clients:
                response = client.getresponse()
                response.read()
                assert response.status == 200 and not response.will_close  # each stays open
            held = connections_per_worker(server.process.pid, server.port)
        finally:
            for client in clients:
                client.close()
    assert sum(held.values()) == CONNECTIONS
    assert max(held.values()) <= CONNECTIONS * 2 // 3, f"one worker holds most connections: {dict(held)}"
