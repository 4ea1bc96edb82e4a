"""Turning the pipeline's values into audit events and committing them.

A record that must precede an action (a forward, a denial, a policy revision) fails closed: when it
cannot be committed the request is answered 503 and nothing is forwarded. Records of what already
happened (an engine failure, a completion, shutdown) never raise: they alarm instead. Records a
client's answer rests on (a forward, a denial, an engine failure) return the log's signed promise
for them, which the answer carries in its ``x-sovgw-promise`` header (``audit.promise``).
"""

from __future__ import annotations

import logging
import time
from typing import Literal

from audit.log import AuditLog, AuditUnavailable
from domain.classification import ClassificationSummary
from domain.events import (
    AdminEvent,
    AuditEvent,
    CompletionEvent,
    DecisionRef,
    DenialEvent,
    EngineFailureEvent,
    ForwardEvent,
    NodeRef,
    ReceiptCheck,
    RequestContext,
)
from domain.policy import PolicyDecision
from gateway import metrics
from gateway.errors import ServiceUnavailable
from gateway.protocols.usage import Usage
from gateway.routing.node import NodeIdentity, NodeState

log = logging.getLogger(__name__)


class Recorder:
    def __init__(self, audit: AuditLog):
        self._audit = audit
        self._revision = ""  # the policy revision the trail last recorded
        self._failed_at: float | None = None  # monotonic time of the last failed commit, until one succeeds

    def failing_for(self) -> float | None:
        """Seconds since the last commit failed, or None when the last commit succeeded."""
        return None if self._failed_at is None else time.monotonic() - self._failed_at

    async def startup(self, config_sha256: str, revision: str) -> None:
        """The trail says when the gateway started, with which configuration and policy."""
        self._revision = revision
        detail = {"config_sha256": config_sha256, "policy_revision": revision}
        await self._append(AdminEvent(kind="startup", detail=detail))

    async def shutdown(self) -> None:
        try:
            await self._audit.append(AdminEvent(kind="shutdown"))
        except AuditUnavailable:
            log.error("shutdown could not be recorded")

    async def node_identity(self, node: NodeState, identity: NodeIdentity | None, reason: str | None) -> None:
        """A node entered routing on a verified identity, or left it (``reason``). Never raises."""
        detail = {"node": node.id, "operator": node.config.operator, "routable": str(identity is not None)}
        if identity is not None:
            detail["descriptor_sha256"] = identity.descriptor_sha256
            if identity.evidence_sha256 is not None:
                detail["evidence_sha256"] = identity.evidence_sha256
            if identity.signed is not None and identity.operator_key is not None:
                # What an export needs to prove this node's receipts: audit/export/nodes.py
                detail["descriptor"] = identity.signed.model_dump_json()
                detail["operator_key"] = identity.operator_key
        if reason is not None:
            detail["reason"] = reason
        try:
            await self._audit.append(AdminEvent(kind="node_identity", detail=detail))
        except AuditUnavailable:
            log.error("node %s: identity change could not be recorded", node.id)

    async def policy_revision(self, revision: str) -> None:
        if revision == self._revision:
            return
        previous, self._revision = self._revision, revision  # set first: one record per change
        await self._append(AdminEvent(kind="policy_revision", detail={"from": previous, "to": revision}))

    async def forward(
        self,
        context: RequestContext,
        summary: ClassificationSummary,
        decision: PolicyDecision,
        node: NodeRef,
        attempt: int,
    ) -> str:
        """The promise for the record of this attempt, committed before it is made."""
        event = ForwardEvent(
            request=context,
            classification=summary,
            decision=decision_ref(decision),
            node=node,
            attempt=attempt,
        )
        return await self._append(event)

    async def denial(
        self,
        context: RequestContext,
        summary: ClassificationSummary,
        decision: PolicyDecision,
        status: Literal[451, 503] = 451,
    ) -> str:
        """A refusal (451), or a request the policy would send to a node that is down now (503)."""
        event = DenialEvent(
            request=context, classification=summary, decision=decision_ref(decision), status=status
        )
        return await self._append(event)

    async def engine_failure(
        self,
        context: RequestContext,
        stage: Literal["classification", "policy"],
        reason: str,
        summary: ClassificationSummary | None,
    ) -> str | None:
        event = EngineFailureEvent(request=context, stage=stage, error=reason, classification=summary)
        try:
            return (await self._audit.append_promised(event))[1]
        except AuditUnavailable:
            log.error("engine failure could not be recorded either")
            return None

    async def completion(
        self,
        context: RequestContext,
        usage: Usage,
        node: NodeRef,
        attempt: int,
        failovers: int,
        receipt: ReceiptCheck | None = None,
    ) -> None:
        """The end of one forward record's attempt: served, failed with its status, or abandoned."""
        event = CompletionEvent(
            request=context,
            outcome=usage.outcome,
            status=usage.status,
            served_by=node,
            failovers=failovers,
            attempt=attempt,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            latency_ms=(time.perf_counter() - usage.started) * 1000,
            first_byte_ms=usage.first_byte_ms,
            receipt=receipt,
        )
        try:
            await self._audit.append(event)
        except AuditUnavailable:
            # The answer has already gone; the forward record stands. Alarm, do not hide it.
            metrics.STAGE_FAILURES.labels(stage="audit_completion").inc()
            log.error("completion record for request %s could not be committed", context.request_id)

    async def _append(self, event: AuditEvent) -> str:
        with metrics.timed("record"):
            try:
                _, promise = await self._audit.append_promised(event)
            except AuditUnavailable:
                self._failed_at = time.monotonic()
                metrics.STAGE_FAILURES.labels(stage="audit").inc()
                log.error("audit record could not be committed; request not forwarded")
                raise ServiceUnavailable(
                    "The audit trail cannot record this request; nothing was forwarded.",
                    code="audit_unavailable",
                ) from None
        self._failed_at = None
        return promise


def decision_ref(decision: PolicyDecision) -> DecisionRef:
    return DecisionRef(
        decision_id=decision.decision_id,
        allow=decision.allow,
        revision=decision.revision,
        engine=decision.engine,
        reasons=decision.reasons,
        obligations=decision.obligations,
        legal_basis=decision.legal_basis,
    )


def node_ref(node: NodeState, basis: str) -> NodeRef:
    identity = node.identity  # verified descriptor and evidence, for nodes that have them
    return NodeRef(
        node_id=node.id,
        operator=node.config.operator,
        jurisdiction=node.config.jurisdiction,
        transfer_basis=basis,
        descriptor_sha256=identity.descriptor_sha256 if identity else None,
        evidence_sha256=identity.evidence_sha256 if identity else None,
    )
