"""Checks of the nodes that have an identity: their operator's signed descriptor and, behind a
node-agent, fresh evidence bound to it.

A described node is routable only while its descriptor is signed by a key the configuration lists
for its operator, names this node, its operator and its configured jurisdiction, and is inside its
validity window; behind a node-agent, also while its last evidence (asked with a fresh nonce on
every check) verified and is younger than ``attestation.max_age_s``. Anything else takes it out of
routing at once, with the reason in ``/ready``; every change in or out is reported to
``on_change`` (the audit trail). Nodes without a descriptor are never looked at here.
"""

from __future__ import annotations

import asyncio
import logging
import math
import secrets
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from domain.nodes import (
    Evidence,
    NodeIdentityError,
    SignedDescriptor,
    evidence_digest,
    parse_signed_descriptor,
    verify_descriptor,
)
from domain.policy import NodeAppraisal
from gateway.config import AttestationConfig, OperatorConfig
from gateway.routing.attestation import appraise
from gateway.routing.node import NodeIdentity, NodeState
from gateway.routing.periodic import NodeChecks

log = logging.getLogger(__name__)

# (node, identity now or None, why not) -> recorded
OnChange = Callable[[NodeState, NodeIdentity | None, str | None], Awaitable[None]]


class IdentityChecks(NodeChecks):
    task_name = "node-identity"

    def __init__(
        self,
        nodes: list[NodeState],
        operators: list[OperatorConfig],
        attestation: AttestationConfig,
        http: httpx.AsyncClient,
    ):
        super().__init__([n for n in nodes if n.config.descriptor is not None], attestation.interval_s)
        self._keys = {o.name: o.public_keys for o in operators}
        self._attestation = attestation
        self._http = http
        self.on_change: OnChange | None = None

    async def check(self, node: NodeState) -> None:
        was_in = node.why_out(time.monotonic()) is None
        try:
            async with asyncio.timeout(self._attestation.timeout_s):
                identity, until, expiry = await self._verify(node)
        except (NodeIdentityError, httpx.HTTPError, TimeoutError, ValueError) as e:
            reason = _reason(e)
            changed = was_in or reason != node.out_reason
            node.identity, node.routable_until, node.out_reason = None, -math.inf, reason
            if changed:
                log.warning("node %s: out of routing: %s", node.id, reason)
                await self._report(node, None, reason)
            return
        previous = node.identity
        node.identity, node.routable_until, node.expiry_reason = identity, until, expiry
        node.out_reason = None
        if not was_in or previous is None or previous.descriptor_sha256 != identity.descriptor_sha256:
            log.info("node %s: identity verified (descriptor %s)", node.id, identity.descriptor_sha256[:16])
            await self._report(node, identity, None)

    async def _verify(self, node: NodeState) -> tuple[NodeIdentity, float, str]:
        """The node's identity now, the monotonic time it stops holding, and why it would."""
        signed = await self._descriptor(node)
        now = datetime.now(UTC)
        digest = verify_descriptor(signed, self._keys.get(node.config.operator, []), now)
        d = signed.descriptor
        if d.node_id != node.id:
            raise NodeIdentityError(f"the descriptor describes node {d.node_id!r}")
        if d.operator.legal_name != node.config.operator:
            raise NodeIdentityError("the descriptor names another operator")
        if d.country != node.config.jurisdiction:
            raise NodeIdentityError(
                f"the descriptor places the node in {d.country}, not {node.config.jurisdiction}"
            )
        until, expiry = d.valid_until, "its descriptor expired"
        evidence: Evidence | None = None
        if node.config.behind_agent:
            evidence = await self._evidence(node, signed, digest, now)
            stale_at = evidence.issued_at + timedelta(seconds=self._attestation.max_age_s)
            if stale_at < until:
                until, expiry = stale_at, "its evidence is stale (no fresh evidence since)"
        appraisal = NodeAppraisal(
            operator=d.operator.legal_name,
            registration_number=d.operator.registration_number,
            country=d.country,
            site=d.site,
            gpu_model=d.gpu_model,
            evidence_type=evidence.type if evidence else None,
            fresh=evidence is not None,
            model_weights_digest=d.model_weights_digest,
            tgi_image_digest=d.tgi_image_digest,
            descriptor_sha256=digest,
        )
        identity = NodeIdentity(d, digest, appraisal, evidence_digest(evidence) if evidence else None)
        return identity, time.monotonic() + (until - now).total_seconds(), expiry

    async def _descriptor(self, node: NodeState) -> SignedDescriptor:
        source = node.config.descriptor
        if isinstance(source, Path):
            try:
                return parse_signed_descriptor(await asyncio.to_thread(source.read_bytes))
            except OSError as e:
                raise NodeIdentityError(f"its descriptor file cannot be read ({e.strerror})") from None
        response = (await self._get(node, "/descriptor")).raise_for_status()
        return parse_signed_descriptor(response.content)

    async def _evidence(
        self, node: NodeState, signed: SignedDescriptor, digest: str, now: datetime
    ) -> Evidence:
        nonce = secrets.token_hex(32)
        response = (await self._get(node, f"/attestation?nonce={nonce}")).raise_for_status()
        try:
            evidence = Evidence.model_validate_json(response.content)
        except ValueError:
            raise NodeIdentityError("its evidence is not readable") from None
        max_age = timedelta(seconds=self._attestation.max_age_s)
        appraise(evidence, signed.descriptor, digest, nonce, now, max_age)
        return evidence

    async def _get(self, node: NodeState, path: str) -> httpx.Response:
        headers = {"authorization": f"Bearer {node.config.token}"} if node.config.token else {}
        return await self._http.get(f"{node.config.url}{path}", headers=headers)

    async def _report(self, node: NodeState, identity: NodeIdentity | None, reason: str | None) -> None:
        if self.on_change is None:
            return
        try:
            await self.on_change(node, identity, reason)
        except Exception as e:  # recording is the trail's job; a failure there must not stop checks
            log.error("node %s: identity change could not be recorded (%s)", node.id, type(e).__name__)


def _reason(error: Exception) -> str:
    if isinstance(error, NodeIdentityError):
        return str(error)
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "its node-agent did not answer in time"
    if isinstance(error, httpx.HTTPStatusError):
        return f"its node-agent answered {error.response.status_code}"
    if isinstance(error, httpx.HTTPError):
        return "its node-agent could not be reached"
    return "its descriptor or evidence is not readable"
