"""The node-agent: the node's descriptor and evidence, and every other request passed to the
inference server byte for byte, generation requests with a signed receipt.

A whole answer carries its receipt in the ``x-sovgw-receipt`` header; a stream is relayed as it
comes and ends with one more event, ``event: sovgw-receipt``, which the gateway strips before its
client sees the stream. The receipt's response digest covers exactly the bytes relayed before it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

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
from nodeagent.evidence import EvidenceCommand, EvidenceUnavailable
from nodeagent.wire import (
    LAST_CHUNK,
    Answer,
    Downstream,
    Header,
    Request,
    Upstream,
    UpstreamError,
    chunk,
    response_head,
)

GENERATION_PATHS = frozenset(
    {b"/", b"/generate", b"/generate_stream", b"/v1/chat/completions", b"/v1/completions"}
)
# Connection-level headers are the hop's own, not the answer's.
_HOP = frozenset({b"connection", b"keep-alive", b"transfer-encoding", b"content-length", b"te", b"trailer"})
# Not passed on either: the body goes with the head at once, so a 100 Continue has no place.
_NOT_FORWARDED = _HOP | {b"host", b"expect"}
_NO_BODY = frozenset({b"GET", b"HEAD", b"DELETE", b"OPTIONS"})
_NONCE = re.compile(r"^[0-9a-f]{64}$")
_UNREACHABLE = b'{"error":"the inference server could not be reached","error_type":"node"}'
_JSON = [(b"content-type", b"application/json")]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgentSettings:
    upstream: str  # the inference server's base URL, e.g. http://127.0.0.1:3000
    descriptor: SignedDescriptor
    node_key: Ed25519PrivateKey
    # Hardware evidence from the operator's command; None: simulated evidence signed by node_key.
    evidence_command: EvidenceCommand | None = None


class NodeAgent:
    """Answers one request on a gateway's connection (``handle``); holds the upstream connections."""

    def __init__(self, settings: AgentSettings):
        url = urlsplit(settings.upstream)
        if url.scheme != "http" or not url.hostname:
            raise ValueError(f"the upstream must be an http:// URL, not {settings.upstream!r}")
        self._upstream = Upstream(url.hostname, url.port or 80)
        self._prefix = url.path.rstrip("/").encode()
        self._key = settings.node_key
        self._descriptor_json = settings.descriptor.model_dump_json().encode()
        self._digest = descriptor_digest(settings.descriptor.descriptor)
        self._weights = settings.descriptor.descriptor.model_weights_digest
        self._node_id = settings.descriptor.descriptor.node_id
        self._evidence_command = settings.evidence_command

    async def handle(self, request: Request, conn: Downstream) -> None:
        path, method = request.path, request.method
        if method == b"GET" and path == b"/descriptor":
            conn.answer(200, self._descriptor_json)
        elif method == b"GET" and path == b"/attestation":
            conn.answer(*await self._attestation(request.query))
        elif method == b"POST" and path in GENERATION_PATHS:
            await self._generation(request, conn)
        else:
            await self._pass(request, conn)

    def close(self) -> None:
        self._upstream.close()

    async def _attestation(self, query: bytes) -> tuple[int, bytes]:
        nonce = parse_qs(query.decode("latin-1")).get("nonce", [""])[0]
        if not _NONCE.match(nonce):
            return 400, b'{"error":"nonce must be 64 lowercase hex digits"}'
        if self._evidence_command is None:
            evidence = simulated_evidence(nonce, self._digest, self._key, datetime.now(UTC))
            return 200, evidence.model_dump_json().encode()
        try:
            evidence = await self._evidence_command.evidence(nonce, self._digest)
        except EvidenceUnavailable as e:
            log.warning("no evidence: %s", e)
            return 503, json.dumps({"error": str(e)}).encode()
        return 200, evidence.model_dump_json().encode()

    async def _send(self, request: Request) -> tuple[Answer, int, list[Header]]:
        """The request on to the server, and its answer's status and headers. Raises ``UpstreamError``."""
        lines = [
            b"%s %s%s HTTP/1.1\r\nhost: %s\r\n"
            % (request.method, self._prefix, request.target, self._upstream.host_header)
        ]
        lines += [k + b": " + v + b"\r\n" for k, v in request.headers if k not in _NOT_FORWARDED]
        if request.body or request.method not in _NO_BODY:
            lines.append(b"content-length: %d\r\n" % len(request.body))
        data = b"".join(lines) + b"\r\n" + request.body
        answer, reused = await self._upstream.send(data)
        try:
            status, headers = await answer.head()
        except UpstreamError:
            answer.finish()
            if not reused:
                raise
            # A kept connection the server closed as the request went out: nothing of it was
            # answered, so it goes once more on a new connection (as HTTP clients do).
            answer, _ = await self._upstream.send_new(data)
            try:
                status, headers = await answer.head()
            except UpstreamError:
                answer.finish()
                raise
        return answer, status, headers

    async def _pass(self, request: Request, conn: Downstream) -> None:
        """Anything but a generation: relayed as is, without a receipt (health, info, metrics)."""
        try:
            answer, status, headers = await self._send(request)
        except UpstreamError:
            conn.answer(502, _UNREACHABLE)
            return
        try:
            if request.method == b"HEAD":
                answer.close()  # the head is the whole answer; the connection is not reused
                conn.write(response_head(status, headers))
                return
            body = await _whole(answer)
        except UpstreamError:
            conn.answer(502, _UNREACHABLE)
            return
        finally:
            answer.finish()
        conn.answer(status, body, _relayed(headers))

    async def _generation(self, request: Request, conn: Downstream) -> None:
        started = datetime.now(UTC)
        try:
            answer, status, headers = await self._send(request)
        except UpstreamError:
            conn.answer(502, _UNREACHABLE)
            return
        sent = dict(request.headers)
        ids = (
            sent.get(REQUEST_ID_HEADER.encode(), b"").decode("latin-1"),
            sent.get(DECISION_ID_HEADER.encode(), b"").decode("latin-1"),
        )
        header = sent.get(DIGEST_KEY_HEADER.encode())
        key = digest_key(header.decode("latin-1") if header is not None else None)
        request_hmac = body_mac(key)
        request_hmac.update(request.body)
        try:
            if _header(headers, b"content-type").startswith(b"text/event-stream"):
                await self._stream(
                    answer, conn, (status, headers), ids, (request_hmac.hexdigest(), key), started
                )
                return
            try:
                content = await _whole(answer)
            except UpstreamError:
                conn.answer(502, _UNREACHABLE)
                return
        finally:
            answer.finish()
        counts = from_headers({k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}, content)
        response_hmac = body_mac(key)
        response_hmac.update(content)
        receipt = self._receipt(ids, counts, (request_hmac.hexdigest(), response_hmac.hexdigest()), started)
        extra = (RECEIPT_HEADER.encode(), encode_receipt(receipt).encode())
        conn.answer(status, content, [*_relayed(headers), extra])

    async def _stream(
        self,
        answer: Answer,
        conn: Downstream,
        head: tuple[int, list[Header]],
        ids: tuple[str, str],
        request: tuple[str, bytes],
        started: datetime,
    ) -> None:
        """``request``: the request body's MAC and the one-time key the response's MAC is under."""
        start = response_head(head[0], [*_relayed(head[1]), (b"transfer-encoding", b"chunked")])
        if not answer.buffered:  # else the head leaves with the first event, in one write
            conn.write(start)
            start = b""
        digest, counter = body_mac(request[1]), StreamCounter()
        try:
            while data := await answer.chunk():
                digest.update(data)
                counter.feed(data)
                conn.write(start + chunk(data))
                start = b""
                await conn.drain()
                if conn.closed:
                    answer.close()  # the gateway went away: the server's answer has no reader
                    return
        except UpstreamError:
            pass  # the server broke off: the receipt says what was relayed until then
        receipt = self._receipt(ids, counter.finish(), (request[0], digest.hexdigest()), started)
        conn.write(start + chunk(receipt_event(receipt)) + LAST_CHUNK)

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


async def _whole(answer: Answer) -> bytes:
    """The body as the server sent it (not decompressed): what the digest covers is what is relayed."""
    parts = []
    while data := await answer.chunk():
        parts.append(data)
    return b"".join(parts)


def _header(headers: list[Header], name: bytes) -> bytes:
    return next((v for k, v in headers if k.lower() == name), b"")


def _relayed(headers: list[Header]) -> list[Header]:
    return [(k, v) for k, v in headers if k.lower() not in _HOP]
