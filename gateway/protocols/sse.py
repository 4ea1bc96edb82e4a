"""Server-sent events as TGI writes them: ``data: <json>\\n\\n`` events and ``:`` comments."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

DONE = b"data: [DONE]\n\n"
KEEP_ALIVE = b":\n\n"
_SEP = b"\n\n"


async def events(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """Re-split a byte stream into whole events, each with its trailing blank line."""
    buffer = b""
    async for chunk in chunks:
        if b"\r" in chunk:
            chunk = chunk.replace(b"\r\n", b"\n")
        if buffer:
            chunk, buffer = buffer + chunk, b""
        end = chunk.find(_SEP)
        if end >= 0 and end == len(chunk) - 2:
            yield chunk  # the usual case: a node writes one whole event per chunk
            continue
        start = 0
        while end >= 0:
            yield chunk[start : end + 2]
            start = end + 2
            end = chunk.find(_SEP, start)
        buffer = chunk[start:]
    if buffer.strip():
        # A peer that closed mid-event: hand over what arrived so the caller can judge it.
        yield buffer


def data_of(event: bytes) -> bytes | None:
    """The payload of a ``data:`` event, or None for comments and other fields."""
    if not event.startswith(b"data:"):
        return None
    return event[5:].strip()


def encode(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode() + _SEP
