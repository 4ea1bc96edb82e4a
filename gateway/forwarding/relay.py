"""A node's stream events, read by one task and handed to the client's side in batches."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

from gateway.protocols import sse

KEEP_ALIVE_AFTER_S = 15.0
# Events read ahead of the client; beyond that the node waits (backpressure). It also bounds one
# stream's turn on the event loop, which every other request's next step waits behind.
READ_AHEAD = 8


class ClientGone(Exception):
    """The client closed its connection mid-stream."""


class Relay:
    """The client's side takes everything read since its last turn and sends it at once: one ASGI
    send and one socket write per batch, not per event, and no event waits to be batched. The
    reader stops once ``READ_AHEAD`` events wait. One timer per stream sends a keep-alive comment
    after ``KEEP_ALIVE_AFTER_S`` of silence and ends the stream at its deadline; waiting never
    cancels a read from the node (that would break the upstream connection).
    """

    def __init__(self, events: AsyncIterator[bytes], rewrite: Callable[[bytes], bytes], within_s: float):
        self._loop = asyncio.get_running_loop()
        self._rewrite = rewrite
        self._out: list[bytes] = []
        self._ended = False
        self._error: Exception | None = None
        self._keep_alive = self._timed_out = self._gone = False
        self._waiter: asyncio.Future[None] | None = None
        self._room: asyncio.Future[None] | None = None
        self._last = self._loop.time()
        self._deadline = self._last + within_s
        self._timer = self._loop.call_at(min(self._last + KEEP_ALIVE_AFTER_S, self._deadline), self._tick)
        self._reader = self._loop.create_task(self._read(events), name="relay-reader")

    async def take(self) -> bytes | None:
        """What to send next: events, a keep-alive comment, or None once the node's stream ended."""
        while True:
            if self._gone:
                raise ClientGone
            if self._timed_out:
                raise TimeoutError
            if self._out:
                out = self._out[0] if len(self._out) == 1 else b"".join(self._out)
                self._out.clear()
                self._last = self._loop.time()
                self._keep_alive = False  # data went out: that silence is over
                if self._room is not None:
                    _settle(self._room)
                    self._room = None
                return out
            if self._ended:
                if self._error is not None:
                    raise self._error
                return None
            if self._keep_alive:
                self._keep_alive = False
                return sse.KEEP_ALIVE
            self._waiter = self._loop.create_future()
            await self._waiter

    def client_gone(self) -> None:
        self._gone = True
        self._wake()

    async def close(self) -> None:
        self._timer.cancel()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader

    async def _read(self, events: AsyncIterator[bytes]) -> None:
        try:
            async for event in events:
                out = self._rewrite(event)
                if out:
                    self._out.append(out)
                    self._wake()
                    if len(self._out) >= READ_AHEAD:
                        self._room = self._loop.create_future()
                        await self._room
        except Exception as e:  # handed to the client's side, which ends the stream in-band
            self._error = e
        self._ended = True
        self._wake()

    def _wake(self) -> None:
        if self._waiter is not None:
            _settle(self._waiter)
            self._waiter = None

    def _tick(self) -> None:
        now = self._loop.time()
        if now >= self._deadline:
            self._timed_out = True
            self._wake()
            return
        if now - self._last >= KEEP_ALIVE_AFTER_S * 0.99:  # the timer may fire a hair early
            self._keep_alive = True
            self._last = now
            self._wake()
        self._timer = self._loop.call_at(min(self._last + KEEP_ALIVE_AFTER_S, self._deadline), self._tick)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
