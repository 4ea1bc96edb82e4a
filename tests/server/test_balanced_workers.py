"""``sovgw serve --workers 2``: connections are spread evenly over the workers, and a worker that dies
is replaced while the other goes on serving."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.single_node import SOVGW, start_node, wait_ready, write_config
from gateway.local import free_port
from tests.support.processes import children, cmdline

# Two workers start up (each builds the detection engine) before anything is measured.
pytestmark = pytest.mark.timeout(600)

MODEL = "balanced/model"
KEY = "sk-balanced-test"


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int, Path]]:
    tmp_path = tmp_path_factory.mktemp("balanced")
    sim_port, port = free_port(), free_port()
    config = write_config(tmp_path, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    settings = yaml.safe_load(config.read_text())
    settings["classification"] = {"executor": "inline"}
    config.write_text(yaml.safe_dump(settings))
    sim = start_node(sim_port, MODEL)
    log = tmp_path / "gateway.log"
    argv = [*SOVGW, "serve", "--config", str(config), "--workers", "2"]
    with log.open("wb") as stderr:
        gateway = subprocess.Popen(argv, stderr=stderr)
    try:
        wait_ready(f"http://127.0.0.1:{port}/ready")
        _wait_for(log, "ready (2 of 2)")  # the port is served from the first; both are counted here
        yield port, gateway.pid, log
    finally:
        for process in (gateway, sim):
            process.terminate()
            process.wait(timeout=60)


def _wait_for(log: Path, line: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while line not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"no {line!r} in the gateway's log"
        time.sleep(0.2)


def _workers(pid: int) -> set[int]:
    return {child for child in children(pid) if "spawn_main" in cmdline(child)}


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _server_side_inode(port: int, client_port: int) -> str:
    """The inode of the gateway's end of the loopback connection from ``client_port``."""
    local, remote = f"0100007F:{port:04X}", f"0100007F:{client_port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == local and fields[2] == remote:
            return fields[9]
    raise AssertionError(f"no connection from port {client_port}")


def _serving_worker(port: int, conns: list[socket.socket], workers: set[int]) -> Counter[int]:
    """Which worker holds each connection (by the socket's inode under /proc): test-only
    introspection, nothing the gateway says about itself."""
    held = {pid: _socket_inodes(pid) for pid in workers}
    spread: Counter[int] = Counter()
    for conn in conns:
        inode = _server_side_inode(port, conn.getsockname()[1])
        (owner,) = [pid for pid, inodes in held.items() if inode in inodes]
        spread[owner] += 1
    return spread


def _ask(conn: socket.socket) -> bytes:
    conn.sendall(b"GET /health HTTP/1.1\r\nhost: gateway\r\n\r\n")
    return conn.recv(4096)


def test_sixteen_connections_are_spread_eight_and_eight(two_workers: tuple[int, int, Path]) -> None:
    port, supervisor, _ = two_workers
    workers = _workers(supervisor)
    assert len(workers) == 2
    for _ in range(3):  # three rounds, as the uneven 12/4, 9/7, 10/6 were seen
        conns = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(16)]
        try:
            assert all(_ask(conn).startswith(b"HTTP/1.1 200") for conn in conns)
            assert sorted(_serving_worker(port, conns, workers).values()) == [8, 8]
        finally:
            for conn in conns:
                conn.close()
        time.sleep(2)  # the workers report the closes to the supervisor


def test_a_worker_that_dies_is_replaced_and_the_other_keeps_serving(
    two_workers: tuple[int, int, Path],
) -> None:
    port, supervisor, log = two_workers
    first = _workers(supervisor)
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    # A connection handed over in the instant the worker dies goes with it, like those it held;
    # once the supervisor has seen it go, every connection goes to the survivor.
    _wait_for(log, f"worker {victim} exited")
    for _ in range(20):  # the survivor answers while the replacement starts
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            assert _ask(conn).startswith(b"HTTP/1.1 200")
    deadline = time.monotonic() + 120
    while len(now := _workers(supervisor)) != 2 or victim in now:
        assert time.monotonic() < deadline, "the dead worker was not replaced"
        time.sleep(0.5)
    replacement = (now - first).pop()
    _wait_for(log, f"worker {replacement} ready")
