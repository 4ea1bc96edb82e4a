"""`sovgw serve --workers 2`: one gateway on one port, and its metrics count every worker's requests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import yaml

from bench.single_node import SOVGW, start_node, wait_ready, write_config
from gateway import metrics
from gateway.config import load_config
from gateway.local import free_port
from gateway.server import worker_config
from tests.support.processes import children, cmdline, running, tree

MODEL = "workers/model"
KEY = "sk-workers-test"
REQUESTS = 40


def _metric(text: str, name: str, **labels: str) -> float:
    """The one sample of ``name`` with exactly ``labels``; fails if there are several (one per worker)."""
    found = []
    for line in text.splitlines():
        m = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if m and dict(re.findall(r'(\w+)="([^"]*)"', m[1])) == labels:
            found.append(float(m[2]))
    assert len(found) == 1, f"{name}{labels}: {found}"
    return found[0]


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    sim_port, port = free_port(), free_port()
    config = write_config(tmp_path, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    settings = yaml.safe_load(config.read_text())
    settings["classification"] = {"executor": "inline"}  # no pools: the test is about the workers
    config.write_text(yaml.safe_dump(settings))
    sim = start_node(sim_port, MODEL)
    log = (tmp_path / "gateway.log").open("wb")  # the workers' log lines, for the test that reads them
    gateway = subprocess.Popen([*SOVGW, "serve", "--config", str(config), "--workers", "2"], stderr=log)
    try:
        wait_ready(f"http://127.0.0.1:{sim_port}/health")
        _wait_serving(gateway, f"http://127.0.0.1:{port}/ready", tmp_path / "gateway.log")
        yield f"http://127.0.0.1:{port}", gateway
    finally:
        for process in (gateway, sim):
            process.terminate()
            process.wait(timeout=60)
        log.close()


def _wait_serving(gateway: subprocess.Popen[bytes], ready: str, log: Path, timeout: float = 90) -> None:
    """Until the gateway is ready; a gateway that exits or never gets ready fails with its log's end
    (a full-suite run once saw one never ready, and the log was gone with the run's temp dir)."""
    if wait_ready(ready, timeout, gateway):
        return
    state = f"exited with {gateway.returncode}" if gateway.poll() is not None else f"not ready in {timeout} s"
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
    pytest.fail(f"the two-worker gateway {state}; its log ends:\n{tail}")


def test_every_worker_s_info_lines_are_shown(
    two_workers: tuple[str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    # Each worker checks the node itself and says so at INFO: two workers, two "healthy" lines.
    deadline = time.monotonic() + 10
    while True:
        lines = (tmp_path / "gateway.log").read_text(errors="replace").splitlines()
        healthy = {line.split()[2] for line in lines if "node lt-1: healthy" in line}  # by process id
        if len(healthy) == 2 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(healthy) == 2, lines[-20:]


def _workers(pid: int) -> set[int]:
    """uvicorn's worker processes, not multiprocessing's resource tracker."""
    return {child for child in children(pid) if "spawn_main" in cmdline(child)}


def test_every_scrape_counts_every_request(two_workers: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, gateway = two_workers
    assert len(_workers(gateway.pid)) == 2
    body = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 4}
    headers = {"authorization": f"Bearer {KEY}"}

    def ask(_: int) -> int:
        return httpx.post(f"{url}/v1/chat/completions", json=body, headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(ask, range(REQUESTS))) == [200] * REQUESTS
    for _ in range(4):  # each on a new connection, answered by either worker
        text = httpx.get(f"{url}/metrics", timeout=10).text
        assert _metric(text, "sovgw_requests_total", route="/v1/chat/completions", status="200") == REQUESTS
        assert _metric(text, "sovgw_node_in_flight", node="lt-1") == 0
        assert _metric(text, "sovgw_node_healthy", node="lt-1", jurisdiction="LT") == 1


# A worker's share of the traffic. Which worker takes a connection is the kernel's choice (often the
# same one every time), so the sums are proved on worker processes driven directly.
_WORKER = """
import sys
import time
from gateway import metrics
from gateway.config import NodeConfig
from gateway.routing.node import NodeState

answered, open_now, healthy = map(int, sys.argv[1:])
for _ in range(answered):
    metrics.REQUESTS.labels(route="/v1/chat/completions", status="200").inc()
config = NodeConfig(id="lt-1", base_url="http://node", jurisdiction="LT", operator="Op", models=["m"])
node = NodeState(config)
for _ in range(open_now):
    node.begin()
metrics.NODE_HEALTHY.labels(node="lt-1", jurisdiction="LT").set(healthy)
print("written", flush=True)
sys.stdin.read()  # alive until the test is done
"""


def test_metrics_of_workers_add_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(metrics.MULTIPROCESS_DIR_ENV, str(tmp_path))
    shares = [("7", "2", "1"), ("5", "1", "0")]  # the second worker saw the node fail its check
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, *share], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for share in shares
    ]
    try:
        assert [w.stdout.readline() if w.stdout else "" for w in workers] == ["written\n"] * 2
        text = metrics.exposition().decode()
    finally:
        for w in workers:
            w.kill()
            w.wait()
    assert _metric(text, "sovgw_requests_total", route="/v1/chat/completions", status="200") == 12
    assert _metric(text, "sovgw_node_in_flight", node="lt-1") == 3
    assert _metric(text, "sovgw_node_healthy", node="lt-1", jurisdiction="LT") == 0


def test_live_gauges_of_workers_that_are_gone_are_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    for pid in (gone.pid, os.getpid()):
        (tmp_path / f"gauge_livesum_{pid}.db").write_bytes(b"")
    (tmp_path / f"counter_{gone.pid}.db").write_bytes(b"")
    monkeypatch.setenv(metrics.MULTIPROCESS_DIR_ENV, str(tmp_path))
    metrics.forget_dead_workers()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"counter_{gone.pid}.db",  # what it answered still counts
        f"gauge_livesum_{os.getpid()}.db",
    ]


@pytest.mark.parametrize(
    ("configured", "workers", "cores", "each"),
    [
        (0, 1, 4, 0),  # one worker: one classifier process per core, as configured
        (0, 2, 4, 2),  # the workers share the cores
        (0, 4, 2, 1),  # never none
        (3, 2, 4, 3),  # a number set in the configuration is kept
    ],
)
def test_workers_share_the_cores_among_their_classifier_processes(
    tmp_path: Path, configured: int, workers: int, cores: int, each: int
) -> None:
    path = write_config(tmp_path, port=free_port(), sim_port=free_port(), model=MODEL, key=KEY)
    settings = yaml.safe_load(path.read_text())
    settings["classification"] = {"workers": configured}
    path.write_text(yaml.safe_dump(settings))
    config = worker_config(load_config(path), workers, cores)
    assert config.classification.workers == each


def test_workers_leave_with_a_supervisor_killed_outright(tmp_path: Path) -> None:
    sim_port, port = free_port(), free_port()
    config = write_config(tmp_path, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    sim = start_node(sim_port, MODEL)
    argv = [*SOVGW, "serve", "--config", str(config), "--workers", "2"]
    gateway = subprocess.Popen(argv)  # the classifier's process pool too: the whole tree must go
    started: set[int] = set()
    try:
        wait_ready(f"http://127.0.0.1:{sim_port}/health")
        wait_ready(f"http://127.0.0.1:{port}/ready")
        started = tree(gateway.pid)
        assert len(_workers(gateway.pid)) == 2 and len(started) > 3  # workers, their pools, a tracker
        gateway.kill()
        gateway.wait()
        deadline = time.monotonic() + 15
        while left := {pid for pid in started if running(pid)}:
            assert time.monotonic() < deadline, f"{len(left)} processes outlived the supervisor"
            time.sleep(0.2)
        # Nothing holds the port: a new gateway starts on it and answers.
        gateway = subprocess.Popen(argv)
        wait_ready(f"http://127.0.0.1:{port}/ready")
    finally:
        for process in (gateway, sim):
            process.terminate()
            process.wait(timeout=60)
        for pid in started:  # what a failure left behind
            if running(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_health_check_failing_once_costs_no_request_with_two_workers(tmp_path: Path) -> None:
    # The node runs in this process so the test can make its /health fail for one check's time.
    from gateway.local import ThreadedServer
    from nodesim.app import create_app as create_sim
    from nodesim.settings import SimSettings

    sim_port, port = free_port(), free_port()
    sim_app = create_sim(SimSettings(jurisdiction="LT", model=MODEL, latency_ms=0, tokens_per_second=0))
    node = ThreadedServer(sim_app, sim_port).start()
    config = write_config(tmp_path, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    settings = yaml.safe_load(config.read_text())
    settings["classification"] = {"executor": "inline"}
    config.write_text(yaml.safe_dump(settings))
    gateway = subprocess.Popen([*SOVGW, "serve", "--config", str(config), "--workers", "2"])
    url = f"http://127.0.0.1:{port}/v1/chat/completions"
    body = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2}
    statuses: list[int] = []
    try:
        wait_ready(f"http://127.0.0.1:{port}/ready")
        with httpx.Client(headers={"authorization": f"Bearer {KEY}"}, timeout=10) as client:
            end = time.monotonic() + 4
            failed_once = False
            while time.monotonic() < end:
                if not failed_once and time.monotonic() > end - 3:
                    sim_app.state.sim.healthy = False  # one check interval (0.5 s) of failing /health
                    threading.Timer(0.6, lambda: setattr(sim_app.state.sim, "healthy", True)).start()
                    failed_once = True
                statuses.append(client.post(url, json=body).status_code)
    finally:
        gateway.terminate()
        gateway.wait(timeout=60)
        node.stop()
    assert len(statuses) > 20 and set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
