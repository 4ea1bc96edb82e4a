"""Air-gapped for real: with HF_HUB_OFFLINE=1 (as huggingface_hub users set on closed sites) the
gateway starts, finds its node healthy and serves, and no process of it resolves or connects to any
host but the loopback addresses its configuration names."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx

from bench.single_node import SOVGW, start_node, wait_ready, write_config
from gateway.local import free_port

MODEL = "airgap/model"
KEY = "sk-airgap-test"

# Loaded by every Python process of the gateway (workers and classifier processes included):
# a look-up or connection to anything but loopback is refused and reported on stderr.
GUARD = """
import socket, sys
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_getaddrinfo, _connect = socket.getaddrinfo, socket.socket.connect

def _say(what):
    sys.stderr.write(f"OUTSIDE-NETWORK {what}\\n"); sys.stderr.flush()

def getaddrinfo(host, *args, **kwargs):
    if host not in _LOOPBACK and host is not None:
        _say(f"lookup {host!r}")
        raise socket.gaierror(socket.EAI_NONAME, "blocked")
    return _getaddrinfo(host, *args, **kwargs)

def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK:
        _say(f"connect {address!r}")
        raise OSError("blocked")
    return _connect(self, address)

socket.getaddrinfo, socket.socket.connect = getaddrinfo, connect
"""


def test_start_up_and_requests_under_hf_hub_offline_touch_no_outside_host(tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    sim_port, port = free_port(), free_port()
    config = write_config(tmp_path, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": os.pathsep.join([str(guard), os.getcwd()])}
    sim = start_node(sim_port, MODEL)
    log = tmp_path / "gateway.log"
    with log.open("wb") as out:
        gateway = subprocess.Popen([*SOVGW, "serve", "--config", str(config)], env=env, stderr=out)
        try:
            wait_ready(f"http://127.0.0.1:{port}/ready")
            response = httpx.post(
                f"http://127.0.0.1:{port}/v1/chat/completions",
                json={"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 3},
                headers={"authorization": f"Bearer {KEY}"},
                timeout=30,
            )
            assert response.status_code == 200, response.text
        finally:
            gateway.terminate()
            gateway.wait(timeout=30)
            sim.terminate()
            sim.wait(timeout=10)
    assert "OUTSIDE-NETWORK" not in log.read_text(errors="replace")
