"""Every answer carries the log's signed promise for its record (``x-sovgw-promise``), streams before
their first byte and refusals too, and ``sovgw audit verify --promise`` holds the log to it."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import httpx
import pytest

from audit.promise import HEADER, decode
from sovgw.cli import main
from tests.gateway.conftest import US_MODEL
from tests.support.cluster import MODEL, Cluster

CHAT = {
    "model": MODEL,
    "messages": [{"role": "user", "content": "Tell me about the Neris."}],
    "max_tokens": 5,
}
GENERATE = {"inputs": "Tell me about the Neris.", "parameters": {"max_new_tokens": 5}}

ROUTES: dict[str, tuple[str, dict[str, Any]]] = {
    "chat": ("/v1/chat/completions", CHAT),
    "chat stream": ("/v1/chat/completions", {**CHAT, "stream": True}),
    "completion": ("/v1/completions", {"model": MODEL, "prompt": "The Neris", "max_tokens": 5}),
    "completion stream": ("/v1/completions", {"model": MODEL, "prompt": "The Neris", "stream": True}),
    "generate": ("/generate", GENERATE),
    "generate_stream": ("/generate_stream", GENERATE),
    "compat stream": ("/", {**GENERATE, "stream": True}),
}


def _record(cluster: Cluster, seq: int) -> dict[str, Any]:
    with sqlite3.connect(cluster.workdir / "audit.db") as db:
        row = db.execute("SELECT canonical FROM audit_records WHERE seq = ?", (seq,)).fetchone()
    assert row is not None, f"no record {seq}"
    return json.loads(row[0])


def _kept(cluster: Cluster, promise: str, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{cluster.workdir / 'audit.db'}"
    code = main(["audit", "verify", "--database", url, "--trust-log-keys", "--promise", promise])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.mark.parametrize("name", list(ROUTES))
def test_each_route_promises_the_forward_record_before_the_first_byte(
    cluster: Cluster, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    route, body = ROUTES[name]
    with httpx.stream("POST", f"{cluster.url}{route}", json=body, headers=cluster.auth, timeout=20) as r:
        promise = r.headers[HEADER]  # with the status line: before any of the answer's bytes
        request_id = r.headers["x-sovgw-request-id"]
        assert r.status_code == 200
        r.read()
    record = _record(cluster, decode(promise).seq)
    assert record["kind"] == "forward" and record["request"]["request_id"] == request_id
    assert "promise for seq" in _kept(cluster, promise, capsys)


@pytest.mark.parametrize("route", ["/v1/chat/completions", "/generate"])
def test_a_denial_promises_its_denial_record(
    cluster: Cluster, route: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Write to jonas.jonaitis@example.lt"
    body = (
        {"model": US_MODEL, "messages": [{"role": "user", "content": text}]}
        if route.startswith("/v1/")
        else {"inputs": text}
    )
    headers = {**cluster.auth, "x-sovgw-model": US_MODEL}
    r = httpx.post(f"{cluster.url}{route}", json=body, headers=headers, timeout=20)
    assert r.status_code == 451
    record = _record(cluster, decode(r.headers[HEADER]).seq)
    assert record["kind"] == "denial"
    assert record["decision"]["decision_id"] == r.headers["x-sovgw-decision-id"]
    _kept(cluster, r.headers[HEADER], capsys)


def test_a_node_s_refusal_promises_the_forward_record_it_followed(
    cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    body = {**GENERATE, "parameters": {"top_p": 1.5}}
    r = httpx.post(f"{cluster.url}/generate", json=body, headers=cluster.auth, timeout=20)
    assert r.status_code == 422
    assert _record(cluster, decode(r.headers[HEADER]).seq)["kind"] == "forward"
    _kept(cluster, r.headers[HEADER], capsys)


def test_an_unrecorded_refusal_promises_nothing(cluster: Cluster) -> None:
    """A request refused before anything was recorded (bad key, bad body) has no record to promise."""
    assert HEADER not in httpx.post(f"{cluster.url}/v1/chat/completions", json=CHAT).headers
    bad = httpx.post(f"{cluster.url}/generate", json={"inputs": ""}, headers=cluster.auth)
    assert bad.status_code == 422 and HEADER not in bad.headers


def test_the_openai_sdk_hands_the_promise_to_its_caller(
    cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = cluster.openai().chat.completions.with_raw_response.create(**CHAT)
    raw.parse()
    _kept(cluster, raw.headers[HEADER], capsys)
