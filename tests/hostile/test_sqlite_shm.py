"""SQLite's shared-memory file lost under a serving gateway: 503 and not ready, never a silent exit.

The report: ``chattr +i`` on ``audit.db-shm`` while serving, and the process died of SIGBUS
without a word. Here the file is made immutable, truncated or removed under a running
``sovgw serve``; the gateway must keep running, refuse requests with 503 (forwarding nothing),
report not ready, and say in its log which file and what to do.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from bench.single_node import SOVGW, start_node, wait_ready, write_config
from gateway.local import free_port

MODEL = "shm/model"
KEY = "sk-shm-test"
BODY = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}


class Gateway:
    def __init__(self, url: str, process: subprocess.Popen[bytes], log: Path, sim_url: str) -> None:
        self.url, self.process, self.log, self.sim_url = url, process, log, sim_url

    def chat(self) -> httpx.Response:
        return httpx.post(
            f"{self.url}/v1/chat/completions",
            json=BODY,
            headers={"authorization": f"Bearer {KEY}"},
            timeout=30,
        )


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[Gateway]:
    sim_port, port = free_port(), free_port()
    config = write_config(tmp_path, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    settings = yaml.safe_load(config.read_text())
    settings["classification"] = {"executor": "inline"}
    config.write_text(yaml.safe_dump(settings))
    sim = start_node(sim_port, MODEL)
    log_path = tmp_path / "gateway.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([*SOVGW, "serve", "--config", str(config)], stderr=log)
        try:
            wait_ready(f"http://127.0.0.1:{sim_port}/health")
            wait_ready(f"http://127.0.0.1:{port}/ready")
            yield Gateway(f"http://127.0.0.1:{port}", process, log_path, f"http://127.0.0.1:{sim_port}")
        finally:
            subprocess.run(["chattr", "-i", str(tmp_path / "audit.db-shm")], capture_output=True)
            for p in (process, sim):
                p.terminate()
                p.wait(timeout=60)


def _immutable(shm: Path) -> None:
    done = subprocess.run(["chattr", "+i", str(shm)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot set the immutable flag here (needs root and a filesystem that supports it)")


LOSSES = {
    "immutable": _immutable,
    "truncated": lambda shm: os.truncate(shm, 0),
    "removed": lambda shm: shm.unlink(),
}


def _refused_and_not_ready(gw: Gateway) -> None:
    """Requests get 503 in the client's protocol while the process lives on, and /ready says why."""
    for _ in range(3):
        r = gw.chat()
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "audit_unavailable"
    ready = httpx.get(f"{gw.url}/ready", timeout=30)
    assert ready.status_code == 503 and ready.json()["checks"]["audit"] is False
    assert gw.process.poll() is None, "the gateway exited"


@pytest.mark.parametrize("loss", LOSSES)
def test_a_lost_shm_file_means_503_and_not_ready_and_a_log_line_naming_it(
    gateway: Gateway, tmp_path: Path, loss: str
) -> None:
    assert gateway.chat().status_code == 200
    forwarded = httpx.get(f"{gateway.sim_url}/health").status_code  # the node is up
    assert forwarded == 200
    shm = tmp_path / "audit.db-shm"
    assert shm.exists()
    LOSSES[loss](shm)
    _refused_and_not_ready(gateway)
    time.sleep(0.5)
    log = gateway.log.read_text(errors="replace")
    assert "audit.db-shm" in log, log[-2000:]
    if loss == "immutable":
        assert "not writable" in log
        subprocess.run(["chattr", "-i", str(shm)], check=True)
        deadline = time.monotonic() + 30
        while httpx.get(f"{gateway.url}/ready", timeout=30).status_code != 200:
            assert time.monotonic() < deadline, "never ready again once the file was writable"
            time.sleep(0.5)
        assert gateway.chat().status_code == 200
    else:
        assert "restart" in log  # the fix, in the line that names the file
    assert gateway.process.poll() is None
