"""Bodies no node or classifier could be trusted to read alike are refused with 400 in the client's
protocol, before any record is written or anything is forwarded."""

from __future__ import annotations

import asyncio
import sqlite3

import httpx
import pytest
from starlette.requests import Request
from starlette.types import Message

from gateway.errors import PayloadTooLarge
from gateway.intake.body import read_bounded
from tests.support.cluster import Cluster

HOSTILE = {
    "nested 100,000 deep": b'{"messages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nested past the limit": b'{"model": "m", "x": ' + b"[" * 70 + b"]" * 70 + b"}",
    "lone surrogate": b'{"messages": [{"role": "user", "content": "hi \\ud800 there"}]}',
    "lone surrogate in a key": b'{"messages": [{"role": "user", "content": "hi"}], "\\udfff": 1}',
    "surrogate bytes": b'{"messages": [{"role": "user", "content": "hi \xed\xa0\x80"}]}',
    "NaN": b'{"messages": [{"role": "user", "content": "hi"}], "temperature": NaN}',
    "Infinity": b'{"messages": [{"role": "user", "content": "hi"}], "top_p": -Infinity}',
    "1e400": b'{"messages": [{"role": "user", "content": "hi"}], "temperature": 1e400}',
    "an integer of 5,000 digits": b'{"messages": [], "seed": ' + b"9" * 5000 + b"}",
    "Latin-1": b'{"messages": [{"role": "user", "content": "caf\xe9"}]}',
}


def _records(cluster: Cluster) -> int:
    path = cluster.config.audit.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM audit_records").fetchone()[0])


def _forwarded(cluster: Cluster) -> int:
    return sum(node.sim.requests for node in cluster.nodes.values())


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_json_is_a_400_in_openai_shape_and_nothing_is_recorded(cluster: Cluster, name: str) -> None:
    before, forwarded = _records(cluster), _forwarded(cluster)
    response = httpx.post(
        f"{cluster.url}/v1/chat/completions",
        content=HOSTILE[name],
        headers={"authorization": f"Bearer {cluster.key}", "content-type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["message"]
    assert _records(cluster) == before  # no forward, denial or failure record for a refused body
    assert _forwarded(cluster) == forwarded


@pytest.mark.parametrize("name", ["lone surrogate", "NaN", "nested past the limit"])
def test_hostile_json_on_a_tgi_route_is_a_400_in_tgi_shape(cluster: Cluster, name: str) -> None:
    body = HOSTILE[name].replace(b'"messages"', b'"inputs": "hi", "parameters": {}, "x"', 1)
    response = httpx.post(
        f"{cluster.url}/generate",
        content=body,
        headers={"authorization": f"Bearer {cluster.key}", "content-type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400, response.text
    assert response.json()["error_type"] == "validation"


def test_a_body_past_its_limit_is_refused_without_reading_the_rest() -> None:
    received = 0

    async def receive() -> Message:
        nonlocal received
        received += 1  # 100 KB a chunk, 200 MB in all if it were read whole
        return {"type": "http.request", "body": b" " * 100_000, "more_body": received < 2_000}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)
    with pytest.raises(PayloadTooLarge):
        asyncio.run(read_bounded(request, 16_384))
    assert received == 1


def test_a_declared_length_past_the_limit_is_refused_before_reading() -> None:
    async def receive() -> Message:
        raise AssertionError("the body was read")

    headers = [(b"content-length", b"200000000")]
    request = Request({"type": "http", "method": "POST", "headers": headers}, receive)
    with pytest.raises(PayloadTooLarge):
        asyncio.run(read_bounded(request, 16_384))
