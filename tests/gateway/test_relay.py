"""Relaying a node's stream: keep-alive comments in silences, errors and deadlines passed on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.forwarding import relay as relaying
from gateway.protocols import sse


async def _node(*steps: bytes | float | Exception) -> AsyncIterator[bytes]:
    for step in steps:
        if isinstance(step, float):
            await asyncio.sleep(step)
        elif isinstance(step, Exception):
            raise step
        else:
            yield step


def _relay(events: AsyncIterator[bytes], within_s: float = 10.0) -> list[bytes]:
    """What the client is sent, one item per send."""

    async def collect() -> list[bytes]:
        relay = relaying.Relay(events, lambda event: event, within_s)
        sent = []
        try:
            while (out := await relay.take()) is not None:
                sent.append(out)
        finally:
            await relay.close()
        return sent

    return asyncio.run(collect())


@pytest.fixture(autouse=True)
def short_keep_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relaying, "KEEP_ALIVE_AFTER_S", 0.05)


def test_events_pass_in_order_with_a_comment_in_each_silence() -> None:
    out = _relay(_node(b"data: 1\n\n", 0.12, b"data: 2\n\n", b"data: 3\n\n"))
    assert out[0] == b"data: 1\n\n" and out[-1] == b"data: 2\n\ndata: 3\n\n"  # read together, sent together
    assert set(out[1:-1]) == {sse.KEEP_ALIVE} and len(out) >= 3


def test_a_node_error_reaches_the_relay() -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        _relay(_node(b"data: 1\n\n", httpx.RemoteProtocolError("peer closed")))


def test_the_total_deadline_ends_a_silent_stream() -> None:
    with pytest.raises(TimeoutError):
        _relay(_node(b"data: 1\n\n", 5.0, b"data: 2\n\n"), within_s=0.2)


def test_events_the_node_sent_together_go_out_in_one_write_but_never_wait_for_company() -> None:
    out = _relay(_node(b"data: 1\n\n", b"data: 2\n\n", 0.01, b"data: 3\n\n"))
    assert b"".join(out) == b"data: 1\n\ndata: 2\n\ndata: 3\n\n"
    assert out[-1] == b"data: 3\n\n"  # the last event did not wait for more


def test_a_client_slower_than_the_node_holds_the_node_back() -> None:
    read: list[int] = []

    async def node() -> AsyncIterator[bytes]:
        for i in range(100):
            read.append(i)
            yield b"data: %d\n\n" % i

    async def slow_client() -> tuple[int, bytes]:
        relay = relaying.Relay(node(), lambda event: event, 10.0)
        try:
            first = await relay.take()
            assert first is not None
            await asyncio.sleep(0.05)  # the client is busy; the reader may not run ahead unbounded
            ahead = len(read)
            rest = b""
            while (out := await relay.take()) is not None:
                rest += out
            return ahead, first + rest
        finally:
            await relay.close()

    ahead, sent = asyncio.run(slow_client())
    assert ahead <= 2 * relaying.READ_AHEAD
    assert sent == b"".join(b"data: %d\n\n" % i for i in range(100))
