"""Relaying a node's stream: keep-alive comments in silences, errors and deadlines passed on."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from gateway import forwarding, sse


async def _node(*steps: bytes | float | Exception) -> AsyncIterator[bytes]:
    for step in steps:
        if isinstance(step, float):
            await asyncio.sleep(step)
        elif isinstance(step, Exception):
            raise step
        else:
            yield step


def _relay(events: AsyncIterator[bytes], within_s: float = 10.0) -> list[bytes]:
    async def collect() -> list[bytes]:
        return [e async for e in forwarding._with_keep_alive(events, time.monotonic() + within_s)]

    return asyncio.run(collect())


@pytest.fixture(autouse=True)
def short_keep_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forwarding, "KEEP_ALIVE_AFTER_S", 0.05)


def test_events_pass_in_order_with_a_comment_in_each_silence() -> None:
    out = _relay(_node(b"data: 1\n\n", 0.12, b"data: 2\n\n", b"data: 3\n\n"))
    assert out[0] == b"data: 1\n\n" and out[-2:] == [b"data: 2\n\n", b"data: 3\n\n"]
    assert set(out[1:-2]) == {sse.KEEP_ALIVE} and len(out) >= 4


def test_a_node_error_reaches_the_relay() -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        _relay(_node(b"data: 1\n\n", httpx.RemoteProtocolError("peer closed")))


def test_the_total_deadline_ends_a_silent_stream() -> None:
    with pytest.raises(TimeoutError):
        _relay(_node(b"data: 1\n\n", 5.0, b"data: 2\n\n"), within_s=0.2)
