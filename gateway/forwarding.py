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
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.responses import JSONResponse, Response, StreamingResponse

from audit.events import Outcome
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
_RELAY_QUEUE = 64  # events read ahead of a slow client; beyond that the node waits (backpressure)
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
                events = sse.events(response.aiter_raw())
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
        return StreamingResponse(
            self._relay(opened, request, usage, on_done),
            media_type="text/event-stream",
            headers={**_STREAM_HEADERS, **_relayed(opened.response, ("x-compute-type",)), **headers},
        )

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

    async def _relay(
        self, opened: Opened, request: InferenceRequest, usage: Usage, on_done: Callable[[], Awaitable[None]]
    ) -> AsyncIterator[bytes]:
        assert opened.events is not None and opened.first_event is not None
        rewrite = _OpenAIStream(request, usage) if request.protocol is Protocol.OPENAI else _TgiStream(usage)
        deadline = time.monotonic() + self._timeouts.total_s
        finished = False
        try:
            out = rewrite(opened.first_event)
            if out:
                yield out
            async for event in _with_keep_alive(opened.events, deadline):
                out = rewrite(event)
                if out:
                    yield out
            finished = rewrite.finished
            if not finished:
                raise httpx.RemoteProtocolError("stream ended early")
        except (httpx.HTTPError, TimeoutError) as e:
            # Bytes already reached the client: no retry, an in-band error in its protocol, then close.
            timed_out = isinstance(e, TimeoutError | httpx.TimeoutException)
            usage.outcome = "timeout" if timed_out else "upstream_error"
            usage.status = 504 if timed_out else 502
            metrics.UPSTREAM_ERRORS.labels(node=opened.node.id).inc()
            yield rewrite.error(
                "The node stopped answering before the generation finished."
                if not timed_out
                else "The generation did not finish in time.",
                usage.status,
            )
        finally:
            if not finished and usage.outcome == "success":
                usage.outcome = "client_disconnected"
            await opened.response.aclose()
            # Shielded: a client that went away cancels this generator, but the completion
            # record must still be written.
            await asyncio.shield(on_done())


class _TgiStream:
    """Native streams pass through byte for byte; the last event carries the token counts."""

    def __init__(self, usage: Usage):
        self._usage = usage
        self.finished = False

    def __call__(self, event: bytes) -> bytes:
        data = sse.data_of(event)
        if data and b'"generated_text":null' not in data:
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
        self.finished = False

    def __call__(self, event: bytes) -> bytes:
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

    def error(self, message: str, status: int) -> bytes:
        return sse.encode(oai.stream_error(message, status, "upstream_error")) + sse.DONE


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


async def _with_keep_alive(events: AsyncIterator[bytes], deadline: float) -> AsyncIterator[bytes]:
    """Relay events; after 15 s of silence send a ``:`` comment so proxies keep the connection.

    One reader task per stream feeds a small queue: waiting on the queue can time out without
    cancelling a read from the node (which would break the upstream connection), and costs no task
    per event.
    """
    queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue(maxsize=_RELAY_QUEUE)

    async def read() -> None:
        try:
            async for event in events:
                await queue.put(event)
            await queue.put(None)
        except Exception as e:  # handed to the consumer, which raises it in the client's stream
            await queue.put(e)

    reader = asyncio.create_task(read(), name="relay-reader")
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            try:
                async with asyncio.timeout(min(KEEP_ALIVE_AFTER_S, remaining)):
                    item = await queue.get()
            except TimeoutError:
                yield sse.KEEP_ALIVE  # the deadline, if that was it, is checked at the loop's top
                continue
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader


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
