"""Server-sent events exactly as TGI's axum server frames them.

Every event is ``data: <compact JSON>\\n\\n``; a ``:\\n\\n`` comment goes out after
``keep_alive_seconds`` without an event (axum's ``KeepAlive::default()``, 15 s). Pacing and
keep-alive share one clock: the stream knows when its next token is due, so it sleeps until then
and pings whenever the gap would exceed the keep-alive interval, with no timer task per stream.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable, Mapping

from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

DONE = b"data: [DONE]\n\n"
KEEP_ALIVE = b":\n\n"


def dumps(value: object) -> str:
    """serde_json's compact form: no spaces, non-ASCII kept as is."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def event(payload: str) -> bytes:
    return b"data: " + payload.encode() + b"\n\n"


class Pacer:
    """Waits between events and yields keep-alive comments while waiting."""

    def __init__(self, keep_alive_seconds: float) -> None:
        self.keep_alive = keep_alive_seconds
        self.last_sent = time.monotonic()

    def sent(self) -> None:
        self.last_sent = time.monotonic()

    async def wait(self, seconds: float) -> AsyncIterator[bytes]:
        deadline = time.monotonic() + seconds
        while True:
            now = time.monotonic()
            ping_at = self.last_sent + self.keep_alive
            if ping_at >= deadline:
                await asyncio.sleep(max(0.0, deadline - now))
                return
            await asyncio.sleep(max(0.0, ping_at - now))
            yield KEEP_ALIVE
            self.sent()


class EventStreamResponse(StreamingResponse):
    """An SSE response that runs ``on_close`` however it ends: finished, client gone, or crashed.

    ``paced`` streams wait between events, so a client leaving must cut them short (Starlette's
    disconnect listener); unpaced ones finish at once, and skipping the listener's task group
    halves their cost, which matters when the simulator shares a benchmark machine."""

    def __init__(
        self,
        content: AsyncIterator[bytes],
        headers: Mapping[str, str],
        on_close: Callable[[], None],
        paced: bool = True,
    ) -> None:
        # Set outright: Starlette would append "; charset=utf-8", axum sends the bare type.
        headers = {"content-type": "text/event-stream", "cache-control": "no-cache", **headers}
        super().__init__(content, status_code=200, headers=headers)
        self._on_close = on_close
        self._paced = paced

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            if self._paced:
                await super().__call__(scope, receive, send)
            else:
                await self.stream_response(send)
        finally:
            self._on_close()
