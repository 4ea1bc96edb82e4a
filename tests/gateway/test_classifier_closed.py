"""A classifier that cannot answer never means "no personal data"."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.cluster import MODEL, NodeSpec, start_cluster

BODY = {"model": MODEL, "messages": [{"role": "user", "content": "hello there"}], "max_tokens": 2}
# Far too short for any analysis: every classification times out.
NO_TIME = {"timeout_s": 0.000001}


def test_on_failure_deny_refuses_with_503_and_forwards_nothing(tmp_path: Path) -> None:
    running = start_cluster(
        tmp_path, [NodeSpec("lt-1", "LT")], overrides={"classification": {**NO_TIME, "on_failure": "deny"}}
    )
    try:
        r = httpx.post(f"{running.url}/v1/chat/completions", json=BODY, headers=running.auth)
        assert r.status_code == 503 and r.json()["error"]["code"] == "classification_unavailable"
        assert running.nodes["lt-1"].sim.requests == 0
    finally:
        running.stop()


def test_on_failure_special_serves_only_from_the_home_jurisdiction(tmp_path: Path) -> None:
    running = start_cluster(
        tmp_path,
        [NodeSpec("lt-1", "LT"), NodeSpec("lv-1", "LV"), NodeSpec("de-1", "DE")],
        overrides={"classification": {**NO_TIME, "on_failure": "special"}},
    )
    try:
        for _ in range(6):
            r = httpx.post(f"{running.url}/v1/chat/completions", json=BODY, headers=running.auth)
            assert r.status_code == 200
            assert r.headers["x-sovgw-data-category"] == "special"
            assert r.headers["x-sovgw-node"] == "lt-1"  # the tenant's home jurisdiction, LT
        assert running.nodes["lv-1"].sim.requests == running.nodes["de-1"].sim.requests == 0
    finally:
        running.stop()
