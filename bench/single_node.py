"""A gateway and one simulated node as separate processes on loopback: what the scripts in bench/
measure or crash."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from gateway.config import hash_api_key

SOVGW = [sys.executable, "-m", "sovgw.cli"]


def write_config(
    workdir: Path, *, port: int, sim_port: int, model: str, key: str, audit: dict[str, Any] | None = None
) -> Path:
    """A config with one LT node and one tenant that may use it; ``audit`` overrides that section."""
    config = {
        "listen": {"host": "127.0.0.1", "port": port},
        "audit": {
            "database_url": f"sqlite:///{workdir / 'audit.db'}",
            "pseudonym_key_dir": str(workdir / "keys"),
            **(audit or {"signing_key": base64.b64encode(os.urandom(32)).decode()}),
        },
        "health": {"interval_s": 0.5},
        "nodes": [
            {
                "id": "lt-1",
                "base_url": f"http://127.0.0.1:{sim_port}",
                "jurisdiction": "LT",
                "operator": "Bench Compute UAB",
                "models": [model],
            }
        ],
        "tenants": [
            {
                "id": "bench",
                "home_jurisdiction": "LT",
                "allowed_jurisdictions": ["LT"],
                "purposes": ["bench"],
                "api_keys": [{"id": "k", "sha256": hash_api_key(key)}],
            }
        ],
    }
    path = workdir / "gateway.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def start_node(port: int, model: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*SOVGW, "node-sim", "--port", str(port), "--jurisdiction", "LT", "--model", model]
    )


def start_gateway(config: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    """``sovgw serve`` in a process group of its own: ``os.killpg`` ends every process it started."""
    argv = [*SOVGW, "serve", "--config", str(config), "--workers", str(workers)]
    return subprocess.Popen(argv, start_new_session=True)


def wait_ready(url: str, timeout: float = 120, process: subprocess.Popen[bytes] | None = None) -> bool:
    """Until ``url`` answers 200; False at once if ``process`` (the server behind it) exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    if process is not None:
        return False
    raise SystemExit(f"{url} not ready after {timeout:.0f} s")
