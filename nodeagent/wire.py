"""HTTP/1.1 on both sides of the node-agent: requests read from the gateway's connections, and kept-
alive connections to the inference server whose answers arrive as a head, then body chunks.

httptools (llhttp, as uvicorn uses) parses; the rest is asyncio protocols writing bytes, so a request
costs the agent two parses and a few writes rather than an ASGI framework and an HTTP client.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import cast

import httptools

log = logging.getLogger(__name__)

MAX_HEAD = 64 * 1024  # a request's line and headers; past this the connection gets a 431
IDLE_S = 75.0  # longer than the gateway keeps an idle connection, so the gateway closes first
CONNECT_S = 5.0
MAX_IDLE_UPSTREAM = 64
# Idle upstream connections are reused only this long: inference servers close idle ones after a
# few seconds (uvicorn 5 s), and a request written as the server closes is lost with it.
UPSTREAM_KEEP_S = 2.0
HIGH_WATER = 1 << 20  # bytes of an answer held before the server is asked to wait
_REASONS = {s.value: s.phrase.encode() for s in HTTPStatus}

Header = tuple[bytes, bytes]


@dataclass(slots=True)
class Request:
    method: bytes
    target: bytes  # path and query, as sent
    headers: list[Header]  # names lower-cased
    body: bytes
    keep_alive: bool

    @property
    def path(self) -> bytes:
        return self.target.partition(b"?")[0]

    @property
    def query(self) -> bytes:
        return self.target.partition(b"?")[2]


def response_head(status: int, headers: list[Header]) -> bytes:
    lines = [
        b"HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, b"")),
        *(k + b": " + v + b"\r\n" for k, v in headers),
    ]
    return b"".join(lines) + b"\r\n"


def chunk(data: bytes) -> bytes:
    """One chunk of a chunked body (none for empty data: an empty chunk would end the body)."""
    return b"%x\r\n%s\r\n" % (len(data), data) if data else b""


LAST_CHUNK = b"0\r\n\r\n"


class Downstream(asyncio.Protocol):
    """One connection from the gateway: requests parsed as they come, answered one at a time."""

    def __init__(self, handle: Callable[[Request, Downstream], Awaitable[None]]) -> None:
        self._handle = handle
        self._parser = httptools.HttpRequestParser(self)
        self._transport: asyncio.Transport | None = None
        self._queue: deque[Request] = deque()
        self._task: asyncio.Task[None] | None = None
        self._writable: asyncio.Future[None] | None = None
        self._idle: asyncio.TimerHandle | None = None
        self._target = b""
        self._headers: list[Header] = []
        self._body: list[bytes] = []
        self._head_size = 0
        self.closed = False

    # -- the transport's side ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is one without subclassing it
        self._arm_idle()

    def data_received(self, data: bytes) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._refuse(400)
        except httptools.HttpParserError:
            self._refuse(400)
        if self._head_size > MAX_HEAD:
            self._refuse(431)
        elif self._task is None and not self.closed:
            self._arm_idle()  # nothing in flight: a request that stops halfway counts as idle

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._idle is not None:
            self._idle.cancel()
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)

    def pause_writing(self) -> None:
        self._writable = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)
        self._writable = None

    # -- httptools' callbacks -----------------------------------------------------------------

    def on_message_begin(self) -> None:
        self._target, self._headers, self._body, self._head_size = b"", [], [], 0

    def on_url(self, url: bytes) -> None:
        self._target += url
        self._head_size += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name.lower(), value))
        self._head_size += len(name) + len(value)

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        request = Request(
            self._parser.get_method(),
            self._target,
            self._headers,
            b"".join(self._body),
            self._parser.should_keep_alive(),
        )
        self._queue.append(request)
        if len(self._queue) > 8 and self._transport is not None:
            self._transport.pause_reading()  # a client pipelining ahead waits for its answers
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._serve())

    # -- answering ------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        if not self.closed and self._transport is not None:
            self._transport.write(data)

    async def drain(self) -> None:
        """Waits while the gateway reads slower than the answer comes."""
        if self._writable is not None:
            await self._writable

    def answer(self, status: int, body: bytes, headers: list[Header] | None = None) -> None:
        head = [
            *(headers or [(b"content-type", b"application/json")]),
            (b"content-length", b"%d" % len(body)),
        ]
        self.write(response_head(status, head) + body)

    async def _serve(self) -> None:
        while self._queue and not self.closed:
            request = self._queue.popleft()
            try:
                await self._handle(request, self)
            except Exception as e:  # a bug here must not leave the gateway waiting on a half answer
                log.error("node-agent: request failed (%s)", type(e).__name__)
                self.close()
            if not request.keep_alive:
                self.close()
        self._task = None
        if not self.closed and self._transport is not None:
            self._transport.resume_reading()
            self._arm_idle()

    def close(self) -> None:
        if self._transport is not None and not self.closed:
            self.closed = True
            self._transport.close()

    def _refuse(self, status: int) -> None:
        self.answer(
            status,
            b'{"error":"malformed request"}',
            [(b"content-type", b"application/json"), (b"connection", b"close")],
        )
        self.close()

    def _arm_idle(self) -> None:
        self._idle = asyncio.get_running_loop().call_later(IDLE_S, self.close)


class UpstreamError(Exception):
    """The inference server could not be reached, or broke off its answer."""


class Answer(asyncio.Protocol):
    """One connection to the inference server; it carries one exchange at a time: ``head()`` is the
    status and headers, then ``chunk()`` each piece of the body as it arrives, b"" at its end."""

    def __init__(self, pool: Upstream) -> None:
        self._pool = pool
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._head: asyncio.Future[tuple[int, list[Header]]] | None = None
        self._headers: list[Header] = []
        self._chunks: deque[bytes] = deque()
        self._held = 0
        self._paused = False
        self._arrived: asyncio.Future[None] | None = None
        self._complete = False
        self._failed = False
        self._reusable = False
        self.busy = False

    def start(self, data: bytes) -> None:
        loop = asyncio.get_running_loop()
        self._head, self._headers, self._complete, self._reusable = loop.create_future(), [], False, False
        self.busy = True
        assert self._transport is not None
        self._transport.write(data)

    async def head(self) -> tuple[int, list[Header]]:
        assert self._head is not None
        return await self._head

    async def chunk(self) -> bytes:
        """The body that arrived since the last call (waiting for some); b"" once it is complete.
        Raises ``UpstreamError``."""
        while not self._chunks:
            if self._complete:
                return b""
            if self._failed:
                raise UpstreamError("the inference server broke off its answer")
            self._arrived = asyncio.get_running_loop().create_future()
            await self._arrived
        data = self._chunks.popleft() if len(self._chunks) == 1 else b"".join(self._chunks)
        self._chunks.clear()
        self._held = 0
        if self._paused and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()
        return data

    @property
    def buffered(self) -> bool:
        """Some of the body has arrived and is waiting to be read."""
        return bool(self._chunks)

    def finish(self) -> None:
        """The exchange is over: the connection goes back to the pool if it can carry another."""
        self.busy = False
        if self._complete and self._reusable and not self._failed:
            self._pool.release(self)
        else:
            self.close()

    def close(self) -> None:
        self._failed = True
        if self._transport is not None:
            self._transport.close()

    # -- the transport's side ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is one without subclassing it

    def data_received(self, data: bytes) -> None:
        if not self.busy:
            self.close()  # an idle connection the server writes to is not one to reuse
            return
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            self._fail()

    def connection_lost(self, exc: Exception | None) -> None:
        self._pool.forget(self)
        if not self._complete:
            self._fail()

    # -- httptools' callbacks -----------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        if self._head is not None and not self._head.done():
            self._head.set_result((self._parser.get_status_code(), self._headers))

    def on_body(self, body: bytes) -> None:
        self._chunks.append(body)
        self._held += len(body)
        if self._held >= HIGH_WATER and not self._paused and self._transport is not None:
            self._paused = True
            self._transport.pause_reading()  # the gateway reads slower than the server writes
        self._wake()

    def on_message_complete(self) -> None:
        self._complete = True
        self._reusable = self._parser.should_keep_alive()
        self._wake()

    def _fail(self) -> None:
        self._failed = True
        if self._head is not None and not self._head.done():
            self._head.set_exception(UpstreamError("the inference server did not answer"))
        self._wake()

    def _wake(self) -> None:
        if self._arrived is not None and not self._arrived.done():
            self._arrived.set_result(None)


class Upstream:
    """Kept-alive connections to one inference server."""

    def __init__(self, host: str, port: int) -> None:
        self._address = (host, port)
        self.host_header = host.encode() if port == 80 else b"%s:%d" % (host.encode(), port)
        self._idle: list[tuple[Answer, float]] = []  # with the time each went idle

    async def send(self, data: bytes) -> tuple[Answer, bool]:
        """``data`` (a request's head and body) on an idle connection or a new one; True if the
        connection was kept from an earlier exchange (the server may have closed it meanwhile)."""
        now = time.monotonic()
        while self._idle:
            connection, since = self._idle.pop()
            if now - since < UPSTREAM_KEEP_S:
                connection.start(data)
                return connection, True
            connection.close()  # idle long enough for the server to be closing it
        return await self.send_new(data)

    async def send_new(self, data: bytes) -> tuple[Answer, bool]:
        """``data`` on a new connection."""
        connection = await self._connect()
        connection.start(data)
        return connection, False

    def release(self, connection: Answer) -> None:
        if len(self._idle) < MAX_IDLE_UPSTREAM:
            self._idle.append((connection, time.monotonic()))
        else:
            connection.close()

    def forget(self, connection: Answer) -> None:
        self._idle = [(c, since) for c, since in self._idle if c is not connection]

    def close(self) -> None:
        for connection, _ in self._idle:
            connection.close()
        self._idle.clear()

    async def _connect(self) -> Answer:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(CONNECT_S):
                _, protocol = await loop.create_connection(lambda: Answer(self), *self._address)
        except (OSError, TimeoutError) as e:
            raise UpstreamError("the inference server could not be reached") from e
        return protocol
