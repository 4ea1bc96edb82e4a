"""OpenAI parameters reach the node faithfully, and TGI's quirks are smoothed over."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from gateway.forwarding.attempt import AttemptFailed, first_data_event
from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

MESSAGES = [{"role": "user", "content": "Describe the Curonian Spit."}]


def test_the_same_seed_gives_the_same_answer(cluster: Cluster) -> None:
    client = cluster.openai()
    first = client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=12, seed=7)
    second = client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=12, seed=7)
    other = client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=12, seed=8)
    assert first.choices[0].message.content == second.choices[0].message.content
    assert first.choices[0].message.content != other.choices[0].message.content


def test_response_format_reaches_the_node(cluster: Cluster) -> None:
    schema = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    completion = cluster.openai().chat.completions.create(
        model=MODEL,
        messages=MESSAGES,
        response_format={"type": "json_schema", "json_schema": {"name": "place", "schema": schema}},
    )
    assert "city" in json.loads(completion.choices[0].message.content or "")


def test_a_string_stop_and_top_p_of_one_are_accepted(cluster: Cluster) -> None:
    # TGI itself rejects both (stop must be a list; top_p must be < 1.0); OpenAI clients send them.
    completion = cluster.openai().chat.completions.create(
        model=MODEL, messages=MESSAGES, max_tokens=5, stop="zzz", top_p=1.0
    )
    assert completion.choices[0].message.content


def test_an_in_band_error_as_the_first_event_allows_another_node() -> None:
    async def events():  # type: ignore[no-untyped-def]
        yield b":\n\n"
        yield b'data: {"error":"Model is overloaded","error_type":"overloaded"}\n\n'

    with pytest.raises(AttemptFailed) as failed:
        asyncio.run(first_data_event(events()))
    assert failed.value.retryable


def test_a_failing_node_is_taken_out_by_the_circuit_breaker(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT"), NodeSpec("lv-1", "LV")])
    try:
        broken = running.nodes["lt-1"].sim
        broken.fail_rate = 1.0  # every generation answers 500/424
        body = {"model": MODEL, "messages": MESSAGES, "max_tokens": 3}
        threshold = running.config.health.failure_threshold
        for _ in range(100):  # the broken node is picked at random among equals until it trips
            r = httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
            assert r.status_code == 200 and r.headers["x-sovgw-node"] == "lv-1"  # failed over each time
            if broken.requests >= threshold:
                break
        assert broken.requests == threshold
        for _ in range(10):
            httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
        assert broken.requests == threshold  # the circuit is open for the cooldown: not tried again
    finally:
        running.stop()
