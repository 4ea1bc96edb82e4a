"""When the audit record cannot be committed, nothing is forwarded and the client gets a 503."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.cluster import MODEL, NodeSpec, start_cluster


@pytest.fixture
def small_filesystem() -> Iterator[Path]:
    mountpoint = Path(tempfile.mkdtemp(prefix="sovgw-gw-full-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mountpoint)], capture_output=True
    )
    if mounted.returncode != 0:
        mountpoint.rmdir()
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
        mountpoint.rmdir()


def test_a_full_disk_means_503_and_nothing_forwarded(small_filesystem: Path) -> None:
    running = start_cluster(small_filesystem, [NodeSpec("lt-1", "LT")])
    try:
        body = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}
        ok = httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
        assert ok.status_code == 200
        sim = running.nodes["lt-1"].sim
        with (small_filesystem / "filler").open("wb", buffering=0) as filler:  # unbuffered: close cannot fail
            try:
                while True:
                    filler.write(b"\0" * 65536)
            except OSError:
                pass  # the disk is full now
        refused = None
        for _ in range(20):  # SQLite may still have a few free pages to commit into
            before = sim.requests
            r = httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
            if r.status_code == 503:
                refused = r
                assert sim.requests == before, "a request was forwarded without its audit record"
                break
            assert r.status_code == 200
        assert refused is not None, "the gateway kept answering with a full disk"
        assert refused.json()["error"]["code"] == "audit_unavailable" and "retry-after" in refused.headers
        refused_at = sim.requests
        r = httpx.post(f"{running.url}/generate", json={"inputs": "hello"}, headers=running.auth)
        assert r.status_code == 503 and r.json()["error_type"] == "unavailable"
        assert sim.requests == refused_at
        # A load balancer must stop sending: /ready says why, though the store's probe still passes.
        ready = httpx.get(f"{running.url}/ready")
        assert ready.status_code == 503 and ready.json()["checks"]["audit"] is False
        assert any(reason.startswith("audit:") for reason in ready.json()["reasons"])
        # Room again: ready once the store commits (asked again after the pause that follows a failure).
        (small_filesystem / "filler").unlink()
        deadline = time.monotonic() + 30
        while httpx.get(f"{running.url}/ready").status_code != 200:
            assert time.monotonic() < deadline, "never ready again after the disk had room"
            time.sleep(0.5)
        assert (
            httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth).status_code
            == 200
        )
    finally:
        running.stop()
