"""Sending one attempt to one node, and shaping its answer for the client.

Forwarding uses a pooled ``httpx.AsyncClient`` rather than huggingface_hub's client: the gateway
must pass unknown OpenAI fields through, relay TGI's bytes and headers unchanged, hold a stream's
first event before committing to a node, and apply separate connect / first-byte / total timeouts;
``AsyncInferenceClient`` parses and re-types payloads and exposes none of that.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send

from domain.events import Outcome
from gateway import metrics, sse
from gateway.config import TimeoutConfig
from gateway.errors import (
    GatewayError,
    Protocol,
    UpstreamFailed,
    UpstreamRejected,
    UpstreamTimeout,
)
from gateway.nodes import NodeState
from gateway.protocols import openai as oai
from gateway.protocols.request import InferenceRequest

KEEP_ALIVE_AFTER_S = 15.0
# Events read ahead of the client; beyond that the node waits (backpressure). It also bounds one
# stream's turn on the event loop, which every other request's next step waits behind.
_READ_AHEAD = 8
# Headers TGI sets on a non-stream answer that clients (and the legacy client) read.
_RELAYED_HEADERS = (
    "x-compute-type",
    "x-compute-time",
    "x-compute-characters",
    "x-total-time",
    "x-validation-time",
    "x-queue-time",
    "x-inference-time",
    "x-time-per-token",
    "x-prompt-tokens",
    "x-generated-tokens",
)
_STREAM_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


class AttemptFailed(Exception):
    """One node could not serve the request. ``retryable``: another allowed node may be tried."""

    def __init__(self, error: GatewayError, *, retryable: bool):
        super().__init__(error.message)
        self.error = error
        self.retryable = retryable


@dataclass
class Usage:
    """What the completion record needs to know about an answer."""

    status: int = 200
    outcome: Outcome = "success"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    first_byte_ms: float | None = None
    started: float = field(default_factory=time.perf_counter)


@dataclass
class Opened:
    """A node accepted the request. For streams, the first event has arrived and is not an error."""

    node: NodeState
    response: httpx.Response
    events: AsyncIterator[bytes] | None = None
    first_event: bytes | None = None
    body: bytes | None = None


class Forwarder:
    def __init__(self, http: httpx.AsyncClient, timeouts: TimeoutConfig):
        self._http = http
        self._timeouts = timeouts
        self._timeout = httpx.Timeout(
            connect=timeouts.connect_s,
            read=timeouts.first_byte_s,
            write=timeouts.connect_s,
            pool=timeouts.connect_s,
        )

    async def open(self, node: NodeState, request: InferenceRequest, usage: Usage) -> Opened:
        path, body = request.upstream[node.config.protocol]
        headers = {"content-type": "application/json"}
        if node.config.token:
            headers["authorization"] = f"Bearer {node.config.token}"
        upstream = self._http.build_request(
            "POST", node.config.url + path, content=_dumps(body), headers=headers, timeout=self._timeout
        )
        response: httpx.Response | None = None
        try:
            async with asyncio.timeout(self._timeouts.total_s):
                response = await self._http.send(upstream, stream=True)
                if response.status_code != 200:
                    await response.aread()
                    raise _status_failure(response)
                if not request.stream:
                    body_bytes = await response.aread()
                    usage.first_byte_ms = _ms_since(usage.started)
                    return Opened(node, response, body=body_bytes)
                events = sse.events(_body_chunks(response))
                first = await _first_data_event(events)
                usage.first_byte_ms = _ms_since(usage.started)
                return Opened(node, response, events=events, first_event=first)
        except AttemptFailed as e:
            failed = e
        except httpx.ConnectTimeout:
            failed = AttemptFailed(
                UpstreamFailed(f"node {node.id} did not accept the connection"), retryable=True
            )
        except (TimeoutError, httpx.TimeoutException):
            failed = AttemptFailed(UpstreamTimeout(f"node {node.id} did not answer in time"), retryable=False)
        except httpx.HTTPError:
            failed = AttemptFailed(UpstreamFailed(f"node {node.id} could not be reached"), retryable=True)
        if response is not None:
            await response.aclose()
        raise failed

    def respond(
        self,
        opened: Opened,
        request: InferenceRequest,
        usage: Usage,
        headers: dict[str, str],
        on_done: Callable[[], Awaitable[None]],
    ) -> Response:
        if opened.body is not None:
            return self._respond_whole(opened, request, usage, headers)
        headers = {**_STREAM_HEADERS, **_relayed(opened.response, ("x-compute-type",)), **headers}
        return _EventStream(opened, request, usage, on_done, self._timeouts.total_s, headers)

    def _respond_whole(
        self, opened: Opened, request: InferenceRequest, usage: Usage, headers: dict[str, str]
    ) -> Response:
        relayed = {**_relayed(opened.response, _RELAYED_HEADERS), **headers}
        assert opened.body is not None
        if request.protocol is Protocol.TGI:
            usage.prompt_tokens = _int_header(opened.response, "x-prompt-tokens")
            usage.completion_tokens = _int_header(opened.response, "x-generated-tokens")
            return Response(opened.body, media_type="application/json", headers=relayed)
        try:
            payload = json.loads(opened.body)
        except ValueError:
            raise UpstreamFailed(f"node {opened.node.id} answered with malformed JSON") from None
        oai.normalise_response(payload, oai.completion_id(request.route))
        tokens = payload.get("usage") or {}
        usage.prompt_tokens = tokens.get("prompt_tokens")
        usage.completion_tokens = tokens.get("completion_tokens")
        return JSONResponse(payload, headers=relayed)


class _TgiStream:
    """Native streams pass through byte for byte; the last event carries the token counts."""

    def __init__(self, usage: Usage):
        self._usage = usage
        self.finished = False

    def __call__(self, event: bytes) -> bytes:
        if b'"generated_text":null' in event:
            return event  # a token event: nothing to learn from it
        data = sse.data_of(event)
        if data:
            with contextlib.suppress(ValueError):
                payload = json.loads(data)
                if payload.get("generated_text") is not None:
                    self.finished = True
                    details = payload.get("details") or {}
                    self._usage.completion_tokens = details.get("generated_tokens")
                elif "error" in payload:
                    self.finished = True  # the node ended the stream with its own in-band error
                    self._usage.outcome = "upstream_error"
        return event

    def error(self, message: str, status: int) -> bytes:
        return sse.encode({"error": message, "error_type": "upstream" if status == 502 else "timeout"})


class _OpenAIStream:
    """OpenAI streams: ids and finish reasons normalised, usage chunk only if the client asked."""

    def __init__(self, request: InferenceRequest, usage: Usage):
        self._usage = usage
        self._include_usage = request.include_usage
        self._id = oai.completion_id(request.route)
        self._id_bytes = self._id.encode()
        self.finished = False

    def __call__(self, event: bytes) -> bytes:
        token = _TOKEN_CHUNK.match(event)
        if token and event.endswith(_NULL_USAGE_END) and not _NEEDS_PARSING.search(event):
            return self._token_chunk(event, token.end())
        data = sse.data_of(event)
        if data is None:
            return event  # keep-alive comments pass through
        if data == b"[DONE]":
            self.finished = True
            return sse.DONE
        try:
            payload = json.loads(data)
        except ValueError:
            return b""  # a fragment from a peer that broke mid-event; the error follows
        if "error" in payload:
            self._usage.outcome = "upstream_error"
            err = payload["error"]
            message = err.get("message") if isinstance(err, dict) else str(err)
            status = err.get("http_status_code", 500) if isinstance(err, dict) else 500
            return sse.encode(oai.stream_error(str(message), int(status), "upstream_error"))
        if payload.get("usage") and not payload.get("choices"):
            tokens = payload["usage"]
            self._usage.prompt_tokens = tokens.get("prompt_tokens")
            self._usage.completion_tokens = tokens.get("completion_tokens")
            if not self._include_usage:
                return b""
        elif not self._include_usage and "usage" in payload:
            del payload["usage"]  # requested upstream only for the record
        return sse.encode(oai.normalise_response(payload, self._id))

    def _token_chunk(self, event: bytes, id_at: int) -> bytes:
        """The same edit as the JSON path, on the bytes: the id filled in, the null usage dropped
        unless the client asked for usage. Only for chunks whose top-level id is provably the empty
        one after the first key, whose usage (the last key) is null, with no finish reason to map."""
        if self._include_usage:
            return b"".join((event[:id_at], self._id_bytes, event[id_at:]))
        return b"".join((event[:id_at], self._id_bytes, event[id_at : -len(_NULL_USAGE_END)], b"}\n\n"))

    def error(self, message: str, status: int) -> bytes:
        return sse.encode(oai.stream_error(message, status, "upstream_error")) + sse.DONE


# TGI's token chunks: ``{"object":"chat.completion.chunk","id":"","created":<non-zero>,...`` ending
# in ``,"usage":null}``. Both anchors sit at the top level: the id follows a plain string as the
# second key, and the last key before the closing brace is the object's own.
_TOKEN_CHUNK = re.compile(rb'data: \{"object":"[a-z._]+","id":"(?=","created":[1-9])')
_NULL_USAGE_END = b',"usage":null}\n\n'
# A finish reason to map, or an error (or the word as content: parsed too, to be safe).
_NEEDS_PARSING = re.compile(rb'"finish_reason":"|"error"')


async def _first_data_event(events: AsyncIterator[bytes]) -> bytes:
    """Hold the stream's first event: an in-band error there means another node may still be tried."""
    async for event in events:
        data = sse.data_of(event)
        if data is None:
            continue  # keep-alive before the first token
        if data.startswith(b"{") and b'"error"' in data:
            try:
                payload = json.loads(data)
            except ValueError:
                payload = {}
            if "error" in payload:
                raise AttemptFailed(UpstreamFailed("the node failed before the first token"), retryable=True)
        return event
    raise AttemptFailed(UpstreamFailed("the node closed the stream without an event"), retryable=True)


class _ClientGone(Exception):
    """The client closed its connection mid-stream."""


class _Relay:
    """A node's events, read by one task and handed to the client's side in batches.

    The client's side takes everything read since its last turn and sends it at once: one ASGI
    send and one socket write per batch, not per event, and no event waits to be batched. The
    reader stops once ``_READ_AHEAD`` events wait. One timer per stream sends a keep-alive comment
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
                raise _ClientGone
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
                    if len(self._out) >= _READ_AHEAD:
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


class _EventStream(Response):
    """The client's stream: the held first event goes out from the request's own task, without
    waiting for a turn of the event loop; the rest follows in batches (see ``_Relay``). A task
    watches for the client leaving, which ends the relay and hangs up on the node."""

    media_type = "text/event-stream"

    def __init__(
        self,
        opened: Opened,
        request: InferenceRequest,
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
        self._rewrite = (
            _OpenAIStream(request, usage) if request.protocol is Protocol.OPENAI else _TgiStream(usage)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        opened, usage, rewrite = self._opened, self._usage, self._rewrite
        assert opened.events is not None and opened.first_event is not None
        finished = relayed = False
        relay: _Relay | None = None
        watcher: asyncio.Task[None] | None = None
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            first = rewrite(opened.first_event)
            if first:
                await send(_body(first))
            relay = _Relay(opened.events, rewrite, self._within_s)
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
        except _ClientGone:
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


def _body_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body as it arrives: the stream itself, without ``aiter_raw``'s per-chunk layer (the
    relay closes the response)."""
    stream = response.stream
    assert isinstance(stream, httpx.AsyncByteStream)
    return aiter(stream)


def _status_failure(response: httpx.Response) -> AttemptFailed:
    status = response.status_code
    message, error_type = _tgi_error(response)
    # 424 is TGI's "generation" failure: the node broke while generating, not the request.
    if status in (424, 429) or status >= 500:
        return AttemptFailed(UpstreamFailed(f"node answered {status}: {message}"), retryable=True)
    if status == 401 or status == 403:
        # The gateway's credentials for the node are wrong: the client did nothing wrong.
        return AttemptFailed(UpstreamFailed("the node refused the gateway's credentials"), retryable=True)
    return AttemptFailed(UpstreamRejected(status, message, error_type), retryable=False)


def _tgi_error(response: httpx.Response) -> tuple[str, str]:
    try:
        payload = response.json()
    except ValueError:
        return (response.text.strip()[:500] or response.reason_phrase), "validation"
    if isinstance(payload, dict):
        err = payload.get("error")
        if isinstance(err, dict):  # OpenAI-shaped node
            return str(err.get("message", "")), str(err.get("type", "validation"))
        if isinstance(err, str):
            return err, str(payload.get("error_type", "validation"))
    return response.reason_phrase, "validation"


def _relayed(response: httpx.Response, names: tuple[str, ...]) -> dict[str, str]:
    return {name: response.headers[name] for name in names if name in response.headers}


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name)
    return int(value) if value and value.isdigit() else None


def _ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _dumps(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
