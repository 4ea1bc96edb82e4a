"""Every forward record gets exactly one completion record: served, failed with its status (failovers
included), or refused by the node."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

import openai
import pytest

from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

MESSAGES = [{"role": "user", "content": "Tell me about the Venta river."}]


def _records(cluster: Cluster, kind: str) -> list[dict[str, Any]]:
    with sqlite3.connect(cluster.workdir / "audit.db") as db:
        rows = db.execute("SELECT canonical FROM audit_records WHERE kind = ? ORDER BY seq", (kind,))
        return [json.loads(r[0]) for r in rows]


def _paired(cluster: Cluster) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Forward and completion records once every forward has its completion (written after answers)."""
    deadline = time.monotonic() + 10
    while True:
        forwards, completions = _records(cluster, "forward"), _records(cluster, "completion")
        if len(completions) >= len(forwards) or time.monotonic() > deadline:
            return forwards, completions
        time.sleep(0.05)


def _key(record: dict[str, Any]) -> tuple[str, int]:
    return record["request"]["request_id"], record.get("attempt", 1)


def test_a_failed_attempt_is_completed_before_the_failover_is_forwarded(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT"), NodeSpec("lv-1", "LV")])
    try:
        running.nodes["lv-1"].sim.fail_rate = 1.0  # every generation fails (TGI's 424 or a dropped answer)
        client = running.openai()
        for _ in range(8):
            raw = client.chat.completions.with_raw_response.create(
                model=MODEL, messages=MESSAGES, max_tokens=3
            )
            assert raw.headers["x-sovgw-node"] == "lt-1"
        forwards, completions = _paired(running)
        assert Counter(map(_key, forwards)) == Counter(map(_key, completions))  # one each, no orphan
        failed = [c for c in completions if c["outcome"] == "upstream_error"]
        assert failed, "no request tried the failing node first (8 requests, random ties)"
        for record in failed:
            assert record["served_by"]["node_id"] == "lv-1" and record["status"] == 502
        served = [c for c in completions if c["outcome"] == "success"]
        assert len(served) == 8 and {c["served_by"]["node_id"] for c in served} == {"lt-1"}
        assert all(c["failovers"] == c["attempt"] - 1 for c in served)
    finally:
        running.stop()


def test_a_request_the_node_refuses_is_completed_with_the_node_s_status(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT")])
    try:
        with pytest.raises(openai.UnprocessableEntityError):  # TGI refuses more tokens than it allows
            running.openai().chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=10**6)
        forwards, completions = _paired(running)
        assert len(forwards) == len(completions) == 1
        assert completions[0]["outcome"] == "upstream_error" and 400 <= completions[0]["status"] < 500
        assert _key(completions[0]) == _key(forwards[0])
    finally:
        running.stop()


def test_a_client_s_refused_requests_do_not_take_the_node_out(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT")])
    try:
        client = running.openai()
        for _ in range(running.config.health.failure_threshold + 2):
            with pytest.raises(openai.UnprocessableEntityError):
                client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=10**6)
        served = client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=3)
        assert served.choices[0].message.content  # the node's circuit stayed closed
    finally:
        running.stop()
