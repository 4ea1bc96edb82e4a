"""One attempt to one node: send the request, wait for its answer (or a stream's first event), and
say whether another allowed node may be tried if it fails.

Forwarding uses a pooled ``httpx.AsyncClient`` rather than huggingface_hub's client: the gateway
must pass unknown OpenAI fields through, relay TGI's bytes and headers unchanged, hold a stream's
first event before committing to a node, and apply separate connect / first-byte / total timeouts;
``AsyncInferenceClient`` parses and re-types payloads and exposes none of that.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from domain.events import NodeRef, ReceiptCheck
from domain.nodes import DECISION_ID_HEADER, DIGEST_KEY_HEADER, REQUEST_ID_HEADER
from gateway.config import TimeoutConfig
from gateway.errors import GatewayError, UpstreamFailed, UpstreamRejected, UpstreamTimeout
from gateway.forwarding.receipts import ReceiptWatch, Trail
from gateway.protocols import sse
from gateway.protocols.request import InferenceRequest
from gateway.protocols.usage import Usage
from gateway.routing.node import NodeState


class AttemptFailed(Exception):
    """One node could not serve the request. ``retryable``: another allowed node may be tried."""

    def __init__(self, error: GatewayError, *, retryable: bool):
        super().__init__(error.message)
        self.error = error
        self.retryable = retryable


@dataclass
class Opened:
    """A node accepted the request. For streams, the first event has arrived and is not an error."""

    node: NodeState
    response: httpx.Response
    events: AsyncIterator[bytes] | None = None
    first_event: bytes | None = None
    body: bytes | None = None
    routed: NodeRef | None = None  # the node as the forward record named it
    watch: ReceiptWatch | None = None  # nodes behind a node-agent

    def receipt(self, usage: Usage) -> ReceiptCheck | None:
        """The node-agent's receipt as checked, once the answer has gone; None for other nodes."""
        return self.watch.check(usage) if self.watch is not None else None


def attempt_timeout(timeouts: TimeoutConfig) -> httpx.Timeout:
    """Per-phase limits of one attempt (the whole attempt is bounded by ``total_s`` besides)."""
    return httpx.Timeout(
        connect=timeouts.connect_s,
        read=timeouts.first_byte_s,
        write=timeouts.connect_s,
        pool=timeouts.connect_s,
    )


async def open_attempt(
    http: httpx.AsyncClient,
    limits: httpx.Timeout,
    total_s: float,
    node: NodeState,
    request: InferenceRequest,
    usage: Usage,
    trail: Trail | None = None,
    propagate: Callable[[dict[str, str]], None] | None = None,
) -> Opened:
    """``trail``: what the attempt was recorded as; a node-agent signs its receipt for its ids.
    ``propagate``: adds the trace context to the node's headers (tracing on)."""
    path, body = request.upstream[node.config.protocol]
    headers = {"content-type": "application/json"}
    if node.config.token:
        headers["authorization"] = f"Bearer {node.config.token}"
    if propagate is not None:
        propagate(headers)
    content = _dumps(body)
    watch: ReceiptWatch | None = None
    if node.config.behind_agent and trail is not None:
        headers[REQUEST_ID_HEADER], headers[DECISION_ID_HEADER] = trail.request_id, trail.decision_id
        watch = ReceiptWatch(node, trail, content)
        headers[DIGEST_KEY_HEADER] = watch.key.hex()
    routed = trail.node if trail is not None else None
    upstream = http.build_request(
        "POST", node.config.url + path, content=content, headers=headers, timeout=limits
    )
    response: httpx.Response | None = None
    try:
        async with asyncio.timeout(total_s):
            response = await http.send(upstream, stream=True)
            if response.status_code != 200:
                await response.aread()
                raise _status_failure(response)
            if not request.stream:
                body_bytes = await response.aread()
                usage.first_byte_ms = ms_since(usage.started)
                if watch is not None:
                    watch.whole(response.headers, body_bytes)
                return Opened(node, response, body=body_bytes, routed=routed, watch=watch)
            events = sse.events(_body_chunks(response))
            if watch is not None:
                events = watch.tap(events)
            first = await first_data_event(events)
            usage.first_byte_ms = ms_since(usage.started)
            return Opened(node, response, events=events, first_event=first, routed=routed, watch=watch)
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


async def first_data_event(events: AsyncIterator[bytes]) -> bytes:
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


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _body_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body as it arrives: the stream itself, without ``aiter_raw``'s per-chunk layer (the
    relay closes the response)."""
    stream = response.stream
    assert isinstance(stream, httpx.AsyncByteStream)
    return aiter(stream)


def _status_failure(response: httpx.Response) -> AttemptFailed:
    status = response.status_code
    message, error_type = _node_error(response)
    # 424 is TGI's "generation" failure: the node broke while generating, not the request.
    if status in (424, 429) or status >= 500:
        return AttemptFailed(UpstreamFailed(f"node answered {status}: {message}"), retryable=True)
    if status == 401 or status == 403:
        # The gateway's credentials for the node are wrong: the client did nothing wrong.
        return AttemptFailed(UpstreamFailed("the node refused the gateway's credentials"), retryable=True)
    return AttemptFailed(UpstreamRejected(status, message, error_type), retryable=False)


def _node_error(response: httpx.Response) -> tuple[str, str]:
    """The message and error type of a node's error body, TGI- or OpenAI-shaped."""
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


def _dumps(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
