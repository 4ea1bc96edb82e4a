"""The forwarding stage: open an attempt on a node, then shape its answer, whole or streamed, for a client."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import httpx
from starlette.responses import JSONResponse, Response

from gateway.config import TimeoutConfig
from gateway.errors import UpstreamFailed
from gateway.forwarding.attempt import Opened, attempt_timeout, open_attempt
from gateway.forwarding.event_stream import EventStream
from gateway.forwarding.receipts import Trail
from gateway.protocols import openai as oai
from gateway.protocols.request import InferenceRequest, Protocol
from gateway.protocols.streams import stream_reader
from gateway.protocols.usage import Usage
from gateway.routing.node import NodeState

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


class Forwarder:
    def __init__(
        self,
        http: httpx.AsyncClient,
        timeouts: TimeoutConfig,
        propagate: Callable[[dict[str, str]], None] | None = None,
    ):
        self._http = http
        self._propagate = propagate  # puts the trace context in a node's request headers (tracing on)
        self._total_s = timeouts.total_s
        self._timeout = attempt_timeout(timeouts)

    async def open(
        self, node: NodeState, request: InferenceRequest, usage: Usage, trail: Trail | None = None
    ) -> Opened:
        """Raises ``AttemptFailed`` when this node cannot serve it. ``trail``: what the attempt was
        recorded as (a node behind a node-agent signs its receipt for its ids)."""
        return await open_attempt(
            self._http, self._timeout, self._total_s, node, request, usage, trail, self._propagate
        )

    def respond(
        self,
        opened: Opened,
        request: InferenceRequest,
        usage: Usage,
        headers: dict[str, str],
        on_done: Callable[[], Awaitable[None]],
    ) -> Response:
        if opened.body is not None:
            return _whole(opened, opened.body, request, usage, headers)
        headers = {**_STREAM_HEADERS, **_relayed(opened.response, ("x-compute-type",)), **headers}
        return EventStream(opened, stream_reader(request, usage), usage, on_done, self._total_s, headers)


def _whole(
    opened: Opened, body: bytes, request: InferenceRequest, usage: Usage, headers: dict[str, str]
) -> Response:
    relayed = {**_relayed(opened.response, _RELAYED_HEADERS), **headers}
    if request.protocol is Protocol.TGI:
        usage.prompt_tokens = _int_header(opened.response, "x-prompt-tokens")
        usage.completion_tokens = _int_header(opened.response, "x-generated-tokens")
        return Response(body, media_type="application/json", headers=relayed)
    try:
        payload = json.loads(body)
    except ValueError:
        raise UpstreamFailed(f"node {opened.node.id} answered with malformed JSON") from None
    oai.normalise_response(payload, oai.completion_id(request.route))
    tokens = payload.get("usage") or {}
    usage.prompt_tokens = tokens.get("prompt_tokens")
    usage.completion_tokens = tokens.get("completion_tokens")
    return JSONResponse(payload, headers=relayed)


def _relayed(response: httpx.Response, names: tuple[str, ...]) -> dict[str, str]:
    return {name: response.headers[name] for name in names if name in response.headers}


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name)
    return int(value) if value and value.isdigit() else None
