"""The simulator's connections: whole non-stream generation requests and a gateway's checks answered
in place, everything else handed to uvicorn's own protocol and the Starlette app.

Under load the node's cost per request was mostly uvicorn's ASGI task and Starlette's middleware
around an answer computed in microseconds. Here ``POST /generate``, ``POST /``, ``POST
/v1/chat/completions`` and the GET routes a gateway polls on the same connections (health, /info,
/metrics, /v1/models) are parsed with httptools and answered from ``data_received`` with one
write, the same bytes the app sends (status line, uvicorn's date and server headers, the route's
headers in Starlette's order, body). The first request the fast path does not take (another route,
a stream, a paced node, pipelining, ``Expect``, HTTP/1.0, a parse error, a large body) hands the
connection, with every byte of that request, to uvicorn's ``HttpToolsProtocol`` for good.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, cast

import httptools
from starlette.applications import Starlette
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from nodesim import limits
from nodesim.exchange import Reply

log = logging.getLogger(__name__)

# (path, headers with lower-case names, body) -> the whole answer, or None: the app must answer.
Handler = Callable[[str, Mapping[str, str], bytes], Reply | None]


def encode(reply: Reply, default_headers: list[tuple[bytes, bytes]], keep_alive: bool) -> bytes:
    """The answer as uvicorn writes a Starlette ``Response``: status line, the server's default
    headers, the response's, ``connection: close`` when the connection ends with it, body."""
    lines = [STATUS_LINE[reply.status]]
    for name, value in (*default_headers, *reply.raw_headers()):
        lines += (name, b": ", value, b"\r\n")
    if not keep_alive:
        lines.append(b"connection: close\r\n")
    lines += (b"\r\n", reply.body)
    return b"".join(lines)


class SimProtocol(asyncio.Protocol):
    """One connection, built by uvicorn as it builds its own (``Config(http=SimProtocol)``); the
    app's ``state.fast_routes`` maps (method, path) to handlers."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        if not config.loaded:
            config.load()
        self._uvicorn = partial(
            HttpToolsProtocol, config=config, server_state=server_state, app_state=app_state, _loop=_loop
        )
        routes: dict[tuple[str, str], Handler] = cast(Starlette, config.app).state.fast_routes
        self._routes = {
            (method.encode(), path.encode()): handler for (method, path), handler in routes.items()
        }
        self._keep_alive_s = config.timeout_keep_alive
        self._server = server_state
        self._parser = httptools.HttpRequestParser(self)
        self._transport: asyncio.Transport | None = None
        self._idle: asyncio.TimerHandle | None = None
        self._pending = bytearray()  # every byte since the last answer: the request in progress
        self._begun = 0
        self._complete = False
        self._target = b""
        self._handler: Handler | None = None
        self._headers: dict[str, str] = {}
        self._body: list[bytes] = []
        self._keep_alive = True
        self._refuse = False

    # -- the transport's side ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is one without subclassing it
        self._server.connections.add(self)  # type: ignore[arg-type]  # uvicorn shuts it down with the rest

    def connection_lost(self, exc: Exception | None) -> None:
        self._server.connections.discard(self)  # type: ignore[arg-type]
        self._cancel_idle()

    def data_received(self, data: bytes) -> None:
        self._cancel_idle()
        self._pending += data
        try:
            self._parser.feed_data(data)
        except (httptools.HttpParserError, httptools.HttpParserUpgrade):
            self._refuse = True
        if self._refuse or self._begun > 1 or len(self._pending) > limits.MAX_BODY_BYTES:
            self._hand_over()
        elif self._complete:
            self._answer()

    def shutdown(self) -> None:
        """uvicorn's shutdown: nothing is ever left half answered here, so the connection closes."""
        if self._transport is not None:
            self._transport.close()

    # -- httptools' callbacks -----------------------------------------------------------------

    def on_message_begin(self) -> None:
        self._begun += 1

    def on_url(self, url: bytes) -> None:
        self._target += url

    def on_header(self, name: bytes, value: bytes) -> None:
        # Starlette's request.headers.get answers the first of repeated headers.
        self._headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))

    def on_headers_complete(self) -> None:
        parser = self._parser
        self._keep_alive = parser.should_keep_alive()  # read here, as uvicorn does: reset at the end
        self._handler = self._routes.get((parser.get_method(), self._target))
        declared = self._headers.get("content-length", "0")
        if (
            self._handler is None
            or parser.get_http_version() != "1.1"
            or "expect" in self._headers
            # the app refuses a body declared too large before it arrives; here it would be awaited
            or not declared.isdigit()
            or int(declared) > limits.MAX_BODY_BYTES
        ):
            self._refuse = True

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        self._complete = True

    # -- answering ------------------------------------------------------------------------------

    def _answer(self) -> None:
        path = self._target.decode("ascii")
        assert self._transport is not None and self._handler is not None
        try:
            reply = self._handler(path, self._headers, b"".join(self._body))
        except Exception as e:  # a bug: the client sees the connection drop rather than a made-up answer
            log.error("node-sim: %s answering %s", type(e).__name__, path)
            self._transport.close()
            return
        if reply is None:
            self._hand_over()
            return
        keep_alive = self._keep_alive
        self._transport.write(encode(reply, self._server.default_headers, keep_alive))
        self._server.total_requests += 1
        self._pending.clear()
        self._begun, self._complete, self._target, self._handler = 0, False, b"", None
        self._headers, self._body = {}, []
        if keep_alive:
            self._idle = asyncio.get_running_loop().call_later(self._keep_alive_s, self._transport.close)
        else:
            self._transport.close()

    def _hand_over(self) -> None:
        """uvicorn's protocol takes the connection from the start of the request in progress, as
        it takes a WebSocket upgrade from its own."""
        self._server.connections.discard(self)  # type: ignore[arg-type]
        self._cancel_idle()
        assert self._transport is not None
        protocol = self._uvicorn()
        protocol.connection_made(self._transport)
        self._transport.set_protocol(protocol)
        protocol.data_received(bytes(self._pending))
        self._pending.clear()

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
