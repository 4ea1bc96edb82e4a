"""The client's stream as an ASGI response: the held first event at once, the rest relayed in batches."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from gateway import metrics
from gateway.forwarding.attempt import Opened
from gateway.forwarding.relay import ClientGone, Relay
from gateway.protocols.streams import StreamReader
from gateway.protocols.usage import Usage


class EventStream(Response):
    """The held first event goes out from the request's own task, without waiting for a turn of the
    event loop; the rest follows in batches (see ``Relay``). A task watches for the client leaving,
    which ends the relay and hangs up on the node."""

    media_type = "text/event-stream"

    def __init__(
        self,
        opened: Opened,
        reader: StreamReader,
        usage: Usage,
        on_done: Callable[[], Awaitable[None]],
        within_s: float,
        headers: dict[str, str],
    ):
        self.status_code = 200
        self.background = None
        self.init_headers(headers)
        self._opened = opened
        self._usage = usage
        self._on_done = on_done
        self._within_s = within_s
        self._rewrite = reader

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        opened, usage, rewrite = self._opened, self._usage, self._rewrite
        assert opened.events is not None and opened.first_event is not None
        finished = relayed = False
        relay: Relay | None = None
        watcher: asyncio.Task[None] | None = None
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            first = rewrite(opened.first_event)
            if first:
                await send(_body(first))
            relay = Relay(opened.events, rewrite, self._within_s)
            watcher = asyncio.create_task(_until_disconnect(receive), name="relay-disconnect")
            watcher.add_done_callback(lambda _: relay.client_gone() if relay else None)
            try:
                while (out := await relay.take()) is not None:
                    await send(_body(out))
                finished = rewrite.finished
                if not finished:
                    raise httpx.RemoteProtocolError("stream ended early")
            except (httpx.HTTPError, TimeoutError) as e:
                # Bytes already reached the client: no retry, an in-band error in its protocol, then close.
                timed_out = isinstance(e, TimeoutError | httpx.TimeoutException)
                usage.outcome = "timeout" if timed_out else "upstream_error"
                usage.status = 504 if timed_out else 502
                metrics.UPSTREAM_ERRORS.labels(node=opened.node.id).inc()
                message = (
                    "The generation did not finish in time."
                    if timed_out
                    else "The node stopped answering before the generation finished."
                )
                await send(_body(rewrite.error(message, usage.status)))
            relayed = True
        except ClientGone:
            pass
        finally:
            if not finished and usage.outcome == "success":
                usage.outcome = "client_disconnected"
            if watcher is not None:
                watcher.cancel()
            if relay is not None:
                await relay.close()
            await opened.response.aclose()
            # Shielded: a request task cancelled mid-stream must still have its completion recorded.
            await asyncio.shield(self._on_done())
        if relayed:
            # The stream ends after its completion record: a client's next request would otherwise
            # find its own audit record queued behind this one (+1.2 ms time to first token at c=1).
            await send({"type": "http.response.body", "body": b"", "more_body": False})


def _body(chunk: bytes) -> Message:
    return {"type": "http.response.body", "body": chunk, "more_body": True}


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
