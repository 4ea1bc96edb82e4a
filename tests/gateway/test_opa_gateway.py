"""The gateway in front of a real OPA server: decisions from it, and closed when it stops."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from tests.policy.conftest import start_opa
from tests.support.cluster import MODEL, NodeSpec, start_cluster

pytestmark = pytest.mark.opa


def test_a_stopped_opa_server_means_503_recorded_and_nothing_forwarded(tmp_path: Path) -> None:
    opa = start_opa(Path(__file__).resolve().parents[2] / "policies/rego", log=tmp_path / "opa.log")
    running = start_cluster(
        tmp_path, [NodeSpec("lt-1", "LT")], overrides={"policy": {"opa_url": opa.url, "cache_size": 0}}
    )
    try:
        body = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}
        ok = httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
        assert ok.status_code == 200
        opa.stop()
        sim = running.nodes["lt-1"].sim
        before = sim.requests
        r = httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
        assert r.status_code == 503 and r.json()["error"]["code"] == "policy_unavailable"
        assert sim.requests == before
        assert httpx.get(f"{running.url}/ready").json()["checks"]["policy"] is False
    finally:
        running.stop()
        opa.stop()
    with sqlite3.connect(tmp_path / "audit.db") as db:
        stages = [
            r[0] for r in db.execute("SELECT canonical FROM audit_records WHERE kind = 'engine_failure'")
        ]
    assert len(stages) == 1 and b'"stage":"policy"' in stages[0]
