"""Checking a node-agent's receipt against what the gateway itself sent and received.

For a node behind a node-agent, the gateway sends a one-time key with the request and MACs under it
the body it sends and the bytes it receives (a stream's events up to the agent's trailing receipt
event, which is taken out before anything is relayed). The receipt must be signed by the node key
of the verified descriptor, name this request and decision, carry the same two MACs, and claim the
token counts the answer itself carried (TGI's headers, or the usage the stream or body reported).
A response altered between agent and gateway, or an agent reporting other counts than its server,
shows as a mismatch. A missing, unreadable or mismatching receipt is recorded as such in the
completion record and counted as the operator's fault; it does not change what the client received.
The key is never stored, so the MACs in the trail cannot be tied to any text afterwards.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
from prometheus_client import Counter

from domain.events import NodeRef, ReceiptCheck
from domain.nodes import (
    RECEIPT_EVENT,
    RECEIPT_HEADER,
    NodeIdentityError,
    SignedReceipt,
    body_mac,
    decode_receipt,
    parse_receipt_event,
    verify_receipt,
)
from gateway.protocols.usage import Usage
from gateway.routing.node import NodeState

OPERATOR_FAULTS = Counter(
    "sovgw_operator_faults_total",
    "Answers whose node-agent receipt was missing, unreadable or did not match.",
    ["operator", "status"],
)


@dataclass(frozen=True, slots=True)
class Trail:
    """What an attempt was recorded as: the request and decision ids, and the node as routed to."""

    request_id: str
    decision_id: str
    node: NodeRef


class ReceiptWatch:
    """One attempt's receipt: fed what went out and came back, judged once the answer has gone."""

    def __init__(self, node: NodeState, trail: Trail, sent: bytes):
        self._node = node
        self._identity = node.identity  # as routed under: a refresh mid-answer does not change it
        self._ids = (trail.request_id, trail.decision_id)
        # A one-time key for the agent's MACs of both bodies: once checked, the MACs in the record
        # can no longer be tied to any text (the key is never stored).
        self.key = secrets.token_bytes(32)
        sent_mac = body_mac(self.key)
        sent_mac.update(sent)
        self._sent = sent_mac.hexdigest()
        self._received = body_mac(self.key)
        self._receipt: SignedReceipt | None = None
        self._unreadable = False

    def whole(self, headers: httpx.Headers, body: bytes) -> None:
        """A whole answer: its bytes and the receipt header."""
        self._received.update(body)
        value = headers.get(RECEIPT_HEADER)
        if value is not None:
            self._take(decode_receipt, value.encode())

    async def tap(self, events: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        """A stream's events, hashed as they pass, without the receipt event (held here)."""
        async for event in events:
            if event.startswith(RECEIPT_EVENT):
                self._take(parse_receipt_event, event)
                continue
            self._received.update(event)
            yield event

    def check(self, usage: Usage) -> ReceiptCheck:
        """The verdict for the completion record; an operator fault is counted."""
        verdict = self._verdict(usage)
        if verdict.status in ("missing", "unreadable", "invalid"):
            OPERATOR_FAULTS.labels(operator=self._node.config.operator, status=verdict.status).inc()
        return verdict

    def _take(self, parse: Callable[[bytes], SignedReceipt], value: bytes) -> None:
        try:
            self._receipt = parse(value)
        except NodeIdentityError:
            self._unreadable = True

    def _verdict(self, usage: Usage) -> ReceiptCheck:
        identity = self._identity
        if self._receipt is None:
            if self._unreadable:
                return ReceiptCheck(status="unreadable", problems=["the receipt could not be read"])
            if usage.outcome != "success":
                # The answer did not complete (client gone, node broke off): no receipt was due.
                return ReceiptCheck(status="not_received", problems=[f"the answer ended as {usage.outcome}"])
            return ReceiptCheck(status="missing", problems=["the node-agent sent no receipt"])
        signed, r = self._receipt, self._receipt.receipt
        problems: list[str] = []
        if identity is None:
            problems.append("the node has no verified descriptor to check the receipt against")
        else:
            try:
                verify_receipt(signed, identity.descriptor.node_key)
            except NodeIdentityError as e:
                problems.append(str(e))
            if r.descriptor_sha256 != identity.descriptor_sha256:
                problems.append("the receipt names another descriptor")
        if (r.request_id, r.decision_id) != self._ids:
            problems.append("the receipt is for another request or decision")
        if r.request_hmac != self._sent:
            problems.append("the request digest differs from the body the gateway sent")
        if r.response_hmac != self._received.hexdigest():
            problems.append("the response digest differs from the bytes the gateway received")
        for name, claimed, seen in (
            ("prompt", r.prompt_tokens, usage.prompt_tokens),
            ("generated", r.generated_tokens, usage.completion_tokens),
        ):
            if claimed is not None and seen is not None and claimed != seen:
                problems.append(f"the receipt claims {claimed} {name} tokens, the answer said {seen}")
        return ReceiptCheck(status="invalid" if problems else "verified", problems=problems, receipt=signed)
