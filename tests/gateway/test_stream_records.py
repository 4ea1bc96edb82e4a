"""A stream's end as the trail and the node see it: usage recorded, a departed client stops the
node's generation and is recorded as such, slow nodes get keep-alive comments through to the client."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.forwarding import relay
from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

MESSAGES = [{"role": "user", "content": "Tell me about the Neris river."}]


def _completions(cluster: Cluster, expected: int) -> list[dict[str, Any]]:
    """The completion records, once ``expected`` of them are in (they are written after the stream)."""
    deadline = time.monotonic() + 10
    while True:
        with sqlite3.connect(cluster.workdir / "audit.db") as db:
            rows = db.execute("SELECT canonical FROM audit_records WHERE kind = 'completion' ORDER BY seq")
            records = [json.loads(r[0]) for r in rows]
        if len(records) >= expected or time.monotonic() > deadline:
            return records
        time.sleep(0.05)


def test_a_finished_stream_is_recorded_with_its_token_counts(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT")])
    try:
        chunks = list(
            running.openai().chat.completions.create(
                model=MODEL, messages=MESSAGES, max_tokens=7, stream=True
            )
        )
        assert all(not getattr(c, "usage", None) for c in chunks)  # the client did not ask for usage
        [record] = _completions(running, 1)
    finally:
        running.stop()
    assert record["outcome"] == "success" and record["status"] == 200
    assert record["completion_tokens"] == 7 and record["prompt_tokens"]


def test_a_client_that_leaves_mid_stream_stops_the_node_and_is_recorded(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT", tokens_per_second=20)])
    try:
        node = running.nodes["lt-1"].sim
        body = {"model": MODEL, "messages": MESSAGES, "max_tokens": 200, "stream": True}
        with httpx.stream("POST", f"{running.url}/v1/chat/completions", json=body, headers=running.auth) as r:
            for line in r.iter_lines():
                if line.startswith("data:"):
                    break  # one token, then the client goes away (10 s of generation left)
        [record] = _completions(running, 1)
        deadline = time.monotonic() + 5
        while node.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)
        assert node.in_flight == 0  # the gateway hung up on the node too
    finally:
        running.stop()
    assert record["outcome"] == "client_disconnected"


def test_a_slow_node_s_silences_are_filled_with_comments_the_sdk_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay, "KEEP_ALIVE_AFTER_S", 0.05)
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT", tokens_per_second=5)])
    try:
        body = {"model": MODEL, "messages": MESSAGES, "max_tokens": 3, "stream": True}
        with httpx.stream("POST", f"{running.url}/v1/chat/completions", json=body, headers=running.auth) as r:
            raw = r.read()
        assert raw.count(b":\n\n") >= 2 and raw.endswith(b"data: [DONE]\n\n")
        chunks = list(
            running.openai().chat.completions.create(
                model=MODEL, messages=MESSAGES, max_tokens=3, stream=True
            )
        )
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    finally:
        running.stop()
