"""Each gunicorn worker on its own listening socket (gunicorn.conf.py, config/gunicorn_worker.py): keep-alive
connections (nginx's upstream keepalive, a load generator) are spread over the workers, where one shared socket
let the first worker to wake take a whole burst and the others idle; a reload loses no connection; a unix socket
and a port another program holds behave as with one shared socket."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.production_support import (
    PROJECT, Gunicorn, collect_static, database_url, free_port, production_env, request, require_postgres,
)

WORKERS = 3
CONNECTIONS = 30


@pytest.fixture
def server_env(tmp_path):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("reads sockets from Linux's /proc")
    require_postgres()
    static_root = tmp_path / "static"
    collect_static(static_root)
    return production_env(static_root, tmp_path / "media", DATABASE_URL=database_url(), WEB_CONCURRENCY=WORKERS,
                          GUNICORN_KEEPALIVE=60)


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if not children.exists():
        pytest.skip("the kernel does not list child processes (CONFIG_PROC_CHILDREN)")
    return [int(pid) for pid in children.read_text().split()]


def established_on(port):
    """Inodes of the established TCP sockets whose local port is `port`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":
            inodes.add(fields[9])
    return inodes


def socket_inodes(pid):
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def wait_for_workers(master_pid, count=WORKERS, seconds=30):
    deadline = time.monotonic() + seconds
    while len(worker_pids(master_pid)) < count:
        assert time.monotonic() < deadline, "gunicorn did not start its workers"
        time.sleep(0.1)


def keep_alive_clients(port, count):
    clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=15) for _ in range(count)]
    for client in clients:
        client.connect()
    for client in clients:
        client.request("GET", "/robots.txt", headers={"Host": "127.0.0.1"})
    for client in clients:
        response = client.getresponse()
        response.read()
        assert response.status == 200 and not response.will_close  # each stays open
    return clients


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_keep_alive_connections_is_shared_by_the_workers(server_env, tmp_path):
    with Gunicorn(server_env, tmp_path / "gunicorn.log") as server:
        wait_for_workers(server.process.pid)
        time.sleep(1)  # every worker has loaded the app and polls its socket
        clients = keep_alive_clients(server.port, CONNECTIONS)
        try:
            sockets = established_on(server.port)
            held = Counter({pid: len(socket_inodes(pid) & sockets) for pid in worker_pids(server.process.pid)})
        finally:
            for client in clients:
                client.close()
    assert sum(held.values()) == CONNECTIONS
    assert max(held.values()) <= CONNECTIONS * 2 // 3, f"one worker holds most connections: {dict(held)}"


@pytest.mark.django_db(transaction=True)
def test_a_reload_loses_no_connection(server_env, tmp_path):
    """Workers stopping after a reload finish their kept-alive connections; new connections meanwhile all reach a
    worker that is still accepting."""
    with Gunicorn(server_env, tmp_path / "gunicorn.log") as server:
        wait_for_workers(server.process.pid)
        time.sleep(1)
        clients = keep_alive_clients(server.port, CONNECTIONS)  # the old workers linger to finish these
        failures, statuses = [], Counter()

        def keep_connecting(until):
            while time.monotonic() < until:
                try:
                    statuses[request(server.port, "GET", "/robots.txt").status] += 1
                except OSError as error:
                    failures.append(repr(error))

        try:
            threads = [threading.Thread(target=keep_connecting, args=(time.monotonic() + 5,)) for _ in range(4)]
            for thread in threads:
                thread.start()
            time.sleep(0.5)
            os.kill(server.process.pid, signal.SIGHUP)
            for thread in threads:
                thread.join()
        finally:
            for client in clients:
                client.close()
    assert not failures, f"{len(failures)} connections failed during the reload: {failures[:3]}"
    assert set(statuses) == {200} and statuses[200] > 50


@pytest.mark.django_db(transaction=True)
def test_a_unix_socket_is_one_socket_shared_by_the_workers(server_env, tmp_path):
    path = tmp_path / "quire.sock"
    env = {**server_env, "BIND": f"unix:{path}"}
    with open(tmp_path / "gunicorn.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
                                   cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_workers(process.pid)
            time.sleep(1)
            for _ in range(10):
                with socket.socket(socket.AF_UNIX) as client:
                    client.settimeout(15)
                    client.connect(str(path))
                    client.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    assert client.recv(64).startswith(b"HTTP/1.1 200")
            listening = [line for line in Path("/proc/net/unix").read_text().splitlines()
                         if line.endswith(str(path)) and line.split()[5] == "01"]  # state 01: listening
            assert len(listening) == 1, f"{len(listening)} sockets listen on {path}"
        finally:
            process.terminate()
            process.wait(15)


@pytest.mark.django_db(transaction=True)
def test_a_port_another_program_holds_stops_gunicorn_with_the_usual_error(server_env, tmp_path):
    port = free_port()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", port))
        holder.listen()
        with open(tmp_path / "gunicorn.log", "wb") as log:
            process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
                                       cwd=PROJECT, env={**server_env, "PORT": str(port)}, stdout=log,
                                       stderr=subprocess.STDOUT)
            try:
                returncode = process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                returncode = None
    output = (tmp_path / "gunicorn.log").read_text()
    assert returncode not in (None, 0), f"gunicorn kept running on a port in use:\n{output[-2000:]}"
    assert "in use" in output.lower()
