"""The node-agent as an ASGI app: the node's descriptor and evidence, and every other request passed
to the inference server byte for byte, generation requests with a signed receipt.

A whole answer carries its receipt in the ``x-sovgw-receipt`` header; a stream is relayed as it
comes and ends with one more event, ``event: sovgw-receipt``, which the gateway strips before its
client sees the stream. The receipt's response digest covers exactly the bytes relayed before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from typing import Any
from urllib.parse import parse_qs

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import (
    DECISION_ID_HEADER,
    DIGEST_KEY_HEADER,
    RECEIPT_HEADER,
    REQUEST_ID_HEADER,
    Receipt,
    SignedDescriptor,
    SignedReceipt,
    body_mac,
    descriptor_digest,
    digest_key,
    encode_receipt,
    receipt_event,
    sign_receipt,
    simulated_evidence,
)
from nodeagent.counting import Counts, StreamCounter, from_headers

Scope = dict[str, Any]
Message = dict[str, Any]
GENERATION_PATHS = frozenset(
    {"/", "/generate", "/generate_stream", "/v1/chat/completions", "/v1/completions"}
)
# Connection-level headers are the hop's own, not the answer's.
_HOP = frozenset({b"connection", b"keep-alive", b"transfer-encoding", b"content-length", b"te", b"trailer"})
_NONCE = re.compile(r"^[0-9a-f]{64}$")
_UNREACHABLE = b'{"error":"the inference server could not be reached","error_type":"node"}'


@dataclass(frozen=True)
class AgentSettings:
    upstream: str  # the inference server's base URL, e.g. http://127.0.0.1:3000
    descriptor: SignedDescriptor
    node_key: Ed25519PrivateKey


class NodeAgent:
    def __init__(self, settings: AgentSettings, http: httpx.AsyncClient | None = None):
        self._upstream = settings.upstream.rstrip("/")
        self._key = settings.node_key
        self._descriptor = settings.descriptor
        self._descriptor_json = settings.descriptor.model_dump_json().encode()
        self._digest = descriptor_digest(settings.descriptor.descriptor)
        self._weights = settings.descriptor.descriptor.model_weights_digest
        self._node_id = settings.descriptor.descriptor.node_id
        self._http = http or httpx.AsyncClient(
            timeout=httpx.Timeout(connect=5, read=None, write=30, pool=30),
            limits=httpx.Limits(max_connections=1024, max_keepalive_connections=64),
            cookies=_NoCookies(),  # a server's cookies are no concern of the agent (and cost per request)
        )

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        path, method = scope["path"], scope["method"]
        if method == "GET" and path == "/descriptor":
            await _answer(send, 200, self._descriptor_json)
        elif method == "GET" and path == "/attestation":
            await self._attestation(scope, send)
        elif method == "POST" and path in GENERATION_PATHS:
            await self._generation(scope, receive, send)
        else:
            await self._pass(scope, receive, send)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._http.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _attestation(self, scope: Scope, send: Any) -> None:
        nonce = parse_qs(scope.get("query_string", b"").decode()).get("nonce", [""])[0]
        if not _NONCE.match(nonce):
            await _answer(send, 400, b'{"error":"nonce must be 64 lowercase hex digits"}')
            return
        evidence = simulated_evidence(nonce, self._digest, self._key, datetime.now(UTC))
        await _answer(send, 200, evidence.model_dump_json().encode())

    async def _pass(self, scope: Scope, receive: Any, send: Any) -> None:
        """Anything but a generation: relayed as is, without a receipt (health, info, metrics)."""
        body = await _body(receive)
        request = self._http.build_request(
            scope["method"], self._url(scope), content=body, headers=_headers(scope)
        )
        try:
            response = await self._http.send(request, stream=True)
        except httpx.HTTPError:
            await _answer(send, 502, _UNREACHABLE)
            return
        try:
            await _answer(send, response.status_code, await _raw(response), _relayed(response))
        finally:
            await response.aclose()

    async def _generation(self, scope: Scope, receive: Any, send: Any) -> None:
        started = datetime.now(UTC)
        body = await _body(receive)
        headers = _headers(scope)
        request = self._http.build_request("POST", self._url(scope), content=body, headers=headers)
        try:
            response = await self._http.send(request, stream=True)
        except httpx.HTTPError:
            await _answer(send, 502, _UNREACHABLE)
            return
        ids = (headers.get(REQUEST_ID_HEADER, ""), headers.get(DECISION_ID_HEADER, ""))
        key = digest_key(headers.get(DIGEST_KEY_HEADER))
        request_hmac = body_mac(key)
        request_hmac.update(body)
        try:
            if response.headers.get("content-type", "").startswith("text/event-stream"):
                await self._stream(response, send, ids, (request_hmac.hexdigest(), key), started)
            else:
                content = await _raw(response)
                counts = from_headers(response.headers, content)
                response_hmac = body_mac(key)
                response_hmac.update(content)
                macs = (request_hmac.hexdigest(), response_hmac.hexdigest())
                receipt = self._receipt(ids, counts, macs, started)
                extra = [(RECEIPT_HEADER.encode(), encode_receipt(receipt).encode())]
                await _answer(send, response.status_code, content, _relayed(response) + extra)
        finally:
            await response.aclose()

    async def _stream(
        self,
        response: httpx.Response,
        send: Any,
        ids: tuple[str, str],
        request: tuple[str, bytes],
        started: datetime,
    ) -> None:
        """``request``: the request body's MAC and the one-time key the response's MAC is under."""
        await send(
            {"type": "http.response.start", "status": response.status_code, "headers": _relayed(response)}
        )
        digest, counter = body_mac(request[1]), StreamCounter()
        try:
            async for chunk in response.aiter_raw():
                digest.update(chunk)
                counter.feed(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except httpx.HTTPError:
            pass  # the server broke off: the receipt says what was relayed until then
        receipt = self._receipt(ids, counter.finish(), (request[0], digest.hexdigest()), started)
        await send({"type": "http.response.body", "body": receipt_event(receipt), "more_body": False})

    def _receipt(
        self,
        ids: tuple[str, str],
        counts: Counts,
        macs: tuple[str, str],
        started: datetime,
    ) -> SignedReceipt:
        receipt = Receipt(
            node_id=self._node_id,
            request_id=ids[0],
            decision_id=ids[1],
            prompt_tokens=counts.prompt_tokens,
            generated_tokens=counts.generated_tokens,
            total_time_ms=counts.total_time_ms,
            queue_time_ms=counts.queue_time_ms,
            request_hmac=macs[0],
            response_hmac=macs[1],
            started_at=started,
            ended_at=datetime.now(UTC),
            model_weights_digest=self._weights,
            descriptor_sha256=self._digest,
        )
        return sign_receipt(receipt, self._key)

    def _url(self, scope: Scope) -> str:
        query = scope.get("query_string", b"")
        return self._upstream + scope["path"] + (f"?{query.decode()}" if query else "")


class _NoCookies(CookieJar):
    def extract_cookies(self, response: Any, request: Any) -> None:
        pass


def create_app(settings: AgentSettings, http: httpx.AsyncClient | None = None) -> NodeAgent:
    return NodeAgent(settings, http)


async def _body(receive: Any) -> bytes:
    parts = []
    while True:
        message = await receive()
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(parts)


async def _raw(response: httpx.Response) -> bytes:
    """The body as the server sent it (not decompressed): what the digest covers is what is relayed."""
    return b"".join([chunk async for chunk in response.aiter_raw()])


def _headers(scope: Scope) -> dict[str, str]:
    """The client's headers for the server, without the hop's own and the host."""
    return {
        k.decode("latin-1"): v.decode("latin-1")
        for k, v in scope["headers"]
        if k not in _HOP and k != b"host"
    }


def _relayed(response: httpx.Response) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in response.headers.raw if k.lower() not in _HOP]


async def _answer(
    send: Any, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    head = [
        *(headers or [(b"content-type", b"application/json")]),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body, "more_body": False})
