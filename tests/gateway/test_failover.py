"""Failover stays inside the allowed set, and never happens once a byte reached the client."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openai
import pytest

from tests.support.cluster import MODEL, NodeSpec, start_cluster

MESSAGES = [{"role": "user", "content": "Tell me about the Daugava river."}]


def test_a_node_dying_under_load_fails_over_to_allowed_nodes_only(tmp_path: Path) -> None:
    running = start_cluster(
        tmp_path,
        [
            NodeSpec("lt-1", "LT", latency_ms=20),
            NodeSpec("lv-1", "LV", latency_ms=20),
            NodeSpec("us-1", "US", latency_ms=0),  # serves the model, but not where this tenant may go
        ],
    )
    try:
        client = running.openai()
        stop = threading.Event()
        failures: list[BaseException] = []
        served: list[str] = []

        def worker() -> None:
            while not stop.is_set():
                try:
                    raw = client.chat.completions.with_raw_response.create(
                        model=MODEL, messages=MESSAGES, max_tokens=3
                    )
                    served.append(raw.headers["x-sovgw-node"])
                except BaseException as e:
                    failures.append(e)

        with ThreadPoolExecutor(8) as pool:
            for _ in range(8):
                pool.submit(worker)
            time.sleep(0.5)
            running.nodes["lv-1"].server.kill()
            killed_at = len(served)
            time.sleep(1.0)
            stop.set()
        assert not failures, [repr(f) for f in failures[:3]]
        assert len(served) > killed_at + 10  # requests kept succeeding after the node died
        assert set(served[killed_at + 8 :]) == {"lt-1"}
        assert running.nodes["us-1"].sim.requests == 0
    finally:
        running.stop()


def test_a_node_dying_after_the_first_token_ends_the_stream_in_band_without_retry(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT"), NodeSpec("lv-1", "LV")])
    try:
        for node in running.nodes.values():
            node.sim.fail_next_stream_after_tokens = 2
        received: list[str] = []
        with pytest.raises(openai.APIError) as err:
            for chunk in running.openai().chat.completions.create(
                model=MODEL, messages=MESSAGES, max_tokens=20, stream=True
            ):
                received.extend(c.delta.content or "" for c in chunk.choices)
        assert received  # the client had tokens before the error
        assert "stopped answering" in str(err.value)
        assert sum(n.sim.requests for n in running.nodes.values()) == 1  # no second attempt
    finally:
        running.stop()


def test_a_stream_that_fails_before_its_first_event_is_retried_on_another_node(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT"), NodeSpec("lv-1", "LV")])
    try:
        lt = running.nodes["lt-1"].sim
        body = {"inputs": "hello", "parameters": {"max_new_tokens": 3}}
        for _ in range(6):
            lt.fail_next_stream_after_tokens = 0  # lt-1 drops every stream before its first event
            with httpx.stream("POST", f"{running.url}/generate_stream", json=body, headers=running.auth) as r:
                events = r.read().split(b"\n\n")[:-1]
            assert r.status_code == 200 and r.headers["x-sovgw-node"] == "lv-1"
            assert len(events) == 3 and b'"generated_text":null' not in events[-1]
        assert lt.requests >= 1  # lt-1 was tried, and the client never saw it
    finally:
        running.stop()
