"""Past a worker's limit of inference requests in flight, the surplus is answered 503 at once, in the
client's protocol, with retry-after; nothing of it is recorded or forwarded, and it is counted."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

NODE_LATENCY_MS = 1500
CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    running = start_cluster(
        tmp_path_factory.mktemp("admission"),
        [NodeSpec("lt-1", "LT", latency_ms=NODE_LATENCY_MS)],
        overrides={"server": {"max_in_flight": 2}},
    )
    yield running
    running.stop()


def _records(cluster: Cluster) -> int:
    path = Path(cluster.config.audit.database_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM audit_records").fetchone()[0])


def _settled_records(cluster: Cluster) -> int:
    """The record count once the completion records (written after the answer) are in."""
    count = _records(cluster)
    while True:
        time.sleep(0.3)
        if (now := _records(cluster)) == count:
            return count
        count = now


def _shed(cluster: Cluster, route: str) -> float:
    text = httpx.get(f"{cluster.url}/metrics").text
    found = re.search(
        rf'^sovgw_requests_shed_total\{{reason="in_flight",route="{re.escape(route)}"\}} (\S+)$', text, re.M
    )
    return float(found[1]) if found else 0.0


def test_requests_past_the_bound_get_503_at_once_and_nothing_is_recorded(cluster: Cluster) -> None:
    chat = f"{cluster.url}/v1/chat/completions"
    before_one = _records(cluster)
    assert httpx.post(chat, json=CHAT, headers=cluster.auth, timeout=30).status_code == 200
    sim = cluster.nodes["lt-1"].sim
    records, forwarded = _settled_records(cluster), sim.requests
    per_request = records - before_one  # a served request's records: forward and completion
    shed_before = _shed(cluster, "/v1/chat/completions"), _shed(cluster, "/generate")

    def admitted(_: int) -> int:
        return httpx.post(chat, json=CHAT, headers=cluster.auth, timeout=30).status_code

    with ThreadPoolExecutor(2) as pool:
        both = pool.map(admitted, range(2))
        time.sleep(NODE_LATENCY_MS / 3000)  # both are waiting on the node now
        start = time.monotonic()
        openai_shed = httpx.post(chat, json=CHAT, headers=cluster.auth, timeout=30)
        tgi_shed = httpx.post(
            f"{cluster.url}/generate", json={"inputs": "hello"}, headers=cluster.auth, timeout=30
        )
        took = time.monotonic() - start
        health = httpx.get(f"{cluster.url}/health")  # probes are never shed
        assert list(both) == [200, 200]

    assert took < NODE_LATENCY_MS / 3000, "the surplus waited instead of being answered at once"
    assert openai_shed.status_code == 503 and openai_shed.headers["retry-after"] == "1"
    assert openai_shed.json()["error"]["type"] == "service_unavailable"
    assert openai_shed.json()["error"]["code"] == "overloaded"
    assert tgi_shed.status_code == 503 and tgi_shed.headers["retry-after"] == "1"
    assert tgi_shed.json()["error_type"] == "unavailable"
    assert health.status_code == 200
    assert sim.requests - forwarded == 2  # the admitted two only
    assert _settled_records(cluster) - records == 2 * per_request
    shed_after = _shed(cluster, "/v1/chat/completions"), _shed(cluster, "/generate")
    assert (shed_after[0] - shed_before[0], shed_after[1] - shed_before[1]) == (1, 1)
    # The bound counts requests in flight, not requests ever made: room again once they are answered.
    assert httpx.post(chat, json=CHAT, headers=cluster.auth, timeout=30).status_code == 200
