"""uvicorn's httptools protocol with read deadlines, a bound on request heads and a connection cap.

uvicorn bounds only the idle time between requests. A client trickling its headers or its body one
byte at a time would hold a connection, and the memory behind it, for as long as it likes. Here the
request line and headers must arrive within ``header_timeout_s`` of their first byte (of the
connection, for the first request), and the body within ``body_timeout_s`` of the headers, as
Node's ``headersTimeout``/``requestTimeout`` and nginx's ``client_header_timeout``/
``client_body_timeout`` do. A late client gets a 408 in its protocol's error shape and the
connection is closed; the app sees the client leave, so nothing half-read is ever acted on.
httptools sets no bound on a request's head: past ``max_header_bytes`` the client gets a 431.

Cost on the request path: one timer per connection, moved (not re-created) as each request's
phases begin and end; it is re-armed only when it fires early, at most once per deadline. Per read
from the socket, a comparison (and an addition while a request's head is arriving).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from gateway import metrics
from gateway.config import ServerConfig
from gateway.errors import GatewayError, HeadersTooLarge, RequestTimeout
from gateway.protocols.errors import error_body
from gateway.protocols.request import Protocol

LINGER_S = 1.0  # how long a connection answered 408 may still send before it is closed


def guarded_protocol(
    settings: ServerConfig, closed: Callable[[], None] | None = None
) -> type[GuardedHttpProtocol]:
    """The protocol class uvicorn instantiates per connection, bound to these settings; ``closed``
    is called as each connection ends (a worker tells the balancer so)."""
    hooks = (closed,) if closed else ()
    return type("GuardedHttpProtocol", (GuardedHttpProtocol,), {"settings": settings, "on_close": hooks})


class GuardedHttpProtocol(HttpToolsProtocol):
    settings: ClassVar[ServerConfig] = ServerConfig()
    on_close: ClassVar[tuple[Callable[[], None], ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: float | None = None  # loop time by which the current phase must end
        self._reading_body = False
        self._request_begun = False  # a byte of the current request arrived
        self._head_bytes = 0  # of the current request's line and headers, as far as they came
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.settings.max_connections:
            metrics.CONNECTIONS_CLOSED.labels(reason="max_connections").inc()
            transport.close()
            return
        self._expect(self.settings.header_timeout_s, body=False)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._deadline = None
        super().connection_lost(exc)
        for hook in self.on_close:
            hook()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._deadline is not None and not self._reading_body:  # the chunk was all request head
            self._head_bytes += len(data)
            if self._head_bytes > self.settings.max_header_bytes:
                self._deadline = None
                metrics.CONNECTIONS_CLOSED.labels(reason="headers_too_large").inc()
                limit = self.settings.max_header_bytes
                self._answer_and_close(HeadersTooLarge(f"The request headers exceed {limit} bytes."))

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._request_begun = True
        if self._deadline is None:  # a later request on a kept-alive connection
            self._expect(self.settings.header_timeout_s, body=False)

    def on_headers_complete(self) -> None:
        # Every request gets a body phase; one without a body completes in the same read.
        self._expect(self.settings.body_timeout_s, body=True)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._deadline = None
        self._request_begun = False
        super().on_message_complete()

    def _expect(self, seconds: float, *, body: bool) -> None:
        self._reading_body = body
        self._head_bytes = 0
        self._deadline = self.loop.time() + seconds
        if self._timer is None:
            self._timer = self.loop.call_at(self._deadline, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        if self._deadline is None or self.transport.is_closing():
            return
        if self.loop.time() < self._deadline:  # the deadline moved on with a later phase
            self._timer = self.loop.call_at(self._deadline, self._on_timer)
            return
        self._deadline = None
        self._late()

    def _late(self) -> None:
        phase = "body" if self._reading_body else "headers"
        metrics.CONNECTIONS_CLOSED.labels(reason=f"{phase}_timeout").inc()
        cycle = self.cycle
        if self._reading_body:
            answer = not cycle.response_started
            # The app reading the body sees the client leave; anything it answers is dropped.
            cycle.disconnected = True
            cycle.message_event.set()
        else:
            # Not while an earlier pipelined response is still being written, nor to a client that
            # never began a request (a browser's preconnect).
            answer = self._request_begun and (cycle is None or cycle.response_complete)
        if not answer:
            self.transport.close()
            return
        error = RequestTimeout(f"The request {phase} did not arrive in time; the connection is closed.")
        self._answer_and_close(error)

    def _answer_and_close(self, error: GatewayError) -> None:
        """A lingering close, as nginx and Apache do: closing at once while the client is still
        sending would answer its next bytes with a reset, which can destroy the answer before it is
        read. Send it, half-close, and discard what arrives for a moment."""
        if self._timer is not None:
            self._timer.cancel()
        self.transport.write(_error_response(error, getattr(self, "url", b"")))
        self.transport.set_protocol(_Discard(self))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._timer = self.loop.call_later(LINGER_S, self.transport.close)


class _Discard(asyncio.Protocol):
    """A connection answered 408 while it lingers: its bytes are dropped, its end is its owner's."""

    def __init__(self, owner: GuardedHttpProtocol) -> None:
        self.owner = owner

    def data_received(self, data: bytes) -> None:
        pass

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner.connection_lost(exc)


def _error_response(error: GatewayError, url: bytes) -> bytes:
    """The whole response, in the error shape of the protocol the URL (as far as it came) names."""
    protocol = Protocol.OPENAI if url.startswith(b"/v1/") else Protocol.TGI
    body = json.dumps(error_body(error, protocol)).encode()
    reason = HTTPStatus(error.status).phrase.encode()
    head = (
        b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\nconnection: close\r\n\r\n"
    )
    return head % (error.status, reason, len(body)) + body
