"""Re-splitting a node's byte stream into whole events, however the network cut it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from gateway.protocols import sse


def _split(*chunks: bytes) -> list[bytes]:
    async def source() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    async def collect() -> list[bytes]:
        return [event async for event in sse.events(source())]

    return asyncio.run(collect())


STREAM = b'data: {"a":1}\n\n:\n\ndata: {"b":2}\n\ndata: [DONE]\n\n'
EVENTS = [b'data: {"a":1}\n\n', b":\n\n", b'data: {"b":2}\n\n', b"data: [DONE]\n\n"]


@pytest.mark.parametrize("cut", [1, 2, 7, 15, 16, 17, 30, len(STREAM)])
def test_events_come_out_whole_wherever_the_stream_was_cut(cut: int) -> None:
    chunks = [STREAM[i : i + cut] for i in range(0, len(STREAM), cut)]
    assert _split(*chunks) == EVENTS


def test_one_event_per_chunk_passes_as_it_came() -> None:
    assert _split(*EVENTS) == EVENTS


def test_crlf_line_ends_are_normalised() -> None:
    assert _split(STREAM.replace(b"\n", b"\r\n")) == EVENTS


def test_a_peer_that_closed_mid_event_leaves_its_fragment_for_the_caller() -> None:
    assert _split(b'data: {"a":1}\n\ndata: {"b"') == [b'data: {"a":1}\n\n', b'data: {"b"']
