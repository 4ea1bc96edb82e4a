"""Fixtures: a private copy of the shipped policies, and real OPA servers the tests start and stop."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY

from gateway.policy.source import default_rego_dir
from tests.support.system import opa_binary


def sample(metric: str, engine: str, reason: str | None = None) -> float:
    """A policy metric's current value, as a scrape would show it (0 before the first increment)."""
    labels = {"engine": engine} if reason is None else {"engine": engine, "reason": reason}
    return REGISTRY.get_sample_value(metric, labels) or 0.0


@pytest.fixture
def policy_dir(tmp_path: Path) -> Path:
    """A copy of policies/rego that a test may edit."""
    target = tmp_path / "rego"
    shutil.copytree(default_rego_dir(), target)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OpaServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_opa(*paths: Path, log: Path, extra: tuple[str, ...] = ()) -> OpaServer:
    port = free_port()
    out = log.open("wb")
    process = subprocess.Popen(
        [str(opa_binary()), "run", "--server", "--addr", f"127.0.0.1:{port}", "--watch", *extra]
        + [str(p) for p in paths],
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    server = OpaServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"OPA exited at start: {server.log_text()[-2000:]}")
        try:
            # 401: up, behind token authorization (which covers /health too)
            if httpx.get(f"{server.url}/health", timeout=0.5).status_code in (200, 401):
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError("OPA did not become healthy within 15 s")


@pytest.fixture
def opa(policy_dir: Path, tmp_path: Path) -> Iterator[OpaServer]:
    """A real OPA server watching the test's policy directory."""
    server = start_opa(policy_dir, log=tmp_path / "opa.log")
    yield server
    server.stop()
