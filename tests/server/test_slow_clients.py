"""A real ``sovgw serve`` against slow clients: 400 connections trickling their headers are closed by
the header deadline while another client's requests keep their latency; a body sent too slowly is
answered 408, and nothing of it is recorded or forwarded."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from bench.single_node import SOVGW, start_node, wait_ready, write_config
from gateway.local import free_port

# Two rounds of 300 requests unloaded and under a 12 s attack, after a gateway's start-up.
pytestmark = pytest.mark.timeout(600)

MODEL = "slow/model"
KEY = "sk-slow-clients-test"
HEADER_DEADLINE_S = 2.0
SLOW_CLIENTS = 400
SAMPLES = 300


@dataclass(frozen=True)
class Served:
    url: str
    port: int
    audit_db: Path
    node_url: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("slow-clients")
    sim_port, port = free_port(), free_port()
    config = write_config(workdir, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    settings = yaml.safe_load(config.read_text())
    settings["classification"] = {"executor": "inline"}
    settings["server"] = {"header_timeout_s": HEADER_DEADLINE_S, "body_timeout_s": HEADER_DEADLINE_S}
    config.write_text(yaml.safe_dump(settings))
    sim = start_node(sim_port, MODEL)
    gateway = subprocess.Popen([*SOVGW, "serve", "--config", str(config)])
    try:
        wait_ready(f"http://127.0.0.1:{sim_port}/health")
        wait_ready(f"http://127.0.0.1:{port}/ready")
        yield Served(f"http://127.0.0.1:{port}", port, workdir / "audit.db", f"http://127.0.0.1:{sim_port}")
    finally:
        for process in (gateway, sim):
            process.terminate()
            process.wait(timeout=60)


def _p99(url: str, n: int) -> float:
    """The 99th percentile of ``n`` chat requests in a row on one kept-alive connection, in seconds."""
    body = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}
    took = []
    with httpx.Client(base_url=url, headers={"authorization": f"Bearer {KEY}"}, timeout=30) as client:
        for _ in range(n):
            start = time.perf_counter()
            assert client.post("/v1/chat/completions", json=body).status_code == 200
            took.append(time.perf_counter() - start)
    return sorted(took)[int(n * 0.99)]


def _under_attack(url: str) -> tuple[float, dict[str, Any]]:
    """p99 while SLOW_CLIENTS connections trickle headers, and how the server ended theirs."""
    port = url.rsplit(":", 1)[1]
    attack = subprocess.Popen(
        [sys.executable, "-m", "tests.server.trickle", port, str(SLOW_CLIENTS), "12"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        assert attack.stdout is not None and attack.stdout.readline() == "connected\n"
        p99 = _p99(url, SAMPLES)
        tally = json.loads(attack.stdout.readline())
    finally:
        attack.kill()
        attack.wait()
    return p99, tally


def test_slow_headers_are_closed_at_the_deadline_and_others_keep_their_latency(served: Served) -> None:
    gateway = served.url
    _p99(gateway, 50)  # warm: the first requests fill caches and pools
    measured = []
    for _ in range(2):  # the machine is shared: one re-measurement if the first was disturbed
        unloaded = _p99(gateway, SAMPLES)
        loaded, tally = _under_attack(gateway)
        measured.append(f"p99 {unloaded * 1000:.1f} ms unloaded, {loaded * 1000:.1f} ms under attack")
        if loaded < 2 * unloaded:
            break
    print("; ".join(measured))
    assert loaded < 2 * unloaded, measured
    # Every slow connection the server ended was ended by the deadline, with a 408 (it had begun a
    # request), and none was held much past it.
    assert tally["answered_408"] >= SLOW_CLIENTS, tally
    assert tally["closed_silently"] == 0 and tally["refused"] == 0, tally
    assert min(tally["lifetimes"]) > HEADER_DEADLINE_S - 0.1, tally["lifetimes"][:10]
    assert max(tally["lifetimes"]) < HEADER_DEADLINE_S + 1.5, max(tally["lifetimes"])


def _records(served: Served) -> int:
    """The record count once earlier requests' completion records (written after the answer) are in."""

    def count() -> int:
        with sqlite3.connect(served.audit_db) as db:
            return int(db.execute("SELECT count(*) FROM audit_records").fetchone()[0])

    last = count()
    while True:
        time.sleep(0.5)
        if (now := count()) == last:
            return now
        last = now


def _forwarded(served: Served) -> int:
    text = httpx.get(f"{served.node_url}/metrics").text
    return int(next(line.split()[1] for line in text.splitlines() if line.startswith("tgi_request_count ")))


def _send_body_slowly(served: Served, path: str, body: bytes) -> tuple[bytes, float]:
    """Headers at once, half the body, then a byte every 0.25 s: what came back, and when."""
    head = (
        f"POST {path} HTTP/1.1\r\nhost: gateway\r\nauthorization: Bearer {KEY}\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", served.port)) as conn:
        start = time.monotonic()
        conn.sendall(head + body[: len(body) // 2])
        conn.settimeout(0.25)
        answer = b""
        for byte in body[len(body) // 2 :]:
            try:
                conn.sendall(bytes([byte]))
                chunk = conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            answer += chunk
            if not chunk:
                break
        return answer, time.monotonic() - start


@pytest.mark.parametrize(
    ("path", "shape"),
    [("/v1/chat/completions", "openai"), ("/generate", "tgi")],
)
def test_a_body_sent_too_slowly_gets_408_and_nothing_is_recorded_or_forwarded(
    served: Served, path: str, shape: str
) -> None:
    message = {"role": "user", "content": "Ona Petraitienė, LT60 1010 0123 4567 8910"}
    payload = {"model": MODEL, "messages": [message]} if shape == "openai" else {"inputs": message["content"]}
    body = json.dumps(payload).encode()
    records, forwarded = _records(served), _forwarded(served)
    answer, took = _send_body_slowly(served, path, body)
    head, _, rest = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"connection: close" in head.lower()
    error = json.loads(rest)
    if shape == "openai":
        assert error["error"]["code"] == "request_timeout"
    else:
        assert error["error_type"] == "timeout"
    assert b"Petraitien" not in answer
    assert HEADER_DEADLINE_S - 0.1 < took < HEADER_DEADLINE_S + 1.5
    assert (_records(served), _forwarded(served)) == (records, forwarded)
    # The gateway goes on serving.
    ok = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}
    auth = {"authorization": f"Bearer {KEY}"}
    assert httpx.post(f"{served.url}/v1/chat/completions", json=ok, headers=auth).status_code == 200
