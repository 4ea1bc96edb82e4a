"""Checks of the nodes that have an identity: their operator's signed descriptor and, behind a
node-agent, fresh evidence bound to it.

A described node is routable only while its descriptor is signed by a key the configuration lists
for its operator, names this node, its operator and its configured jurisdiction, and is inside its
validity window; behind a node-agent, also while its last evidence (asked with a fresh nonce on
every check) verified and is younger than ``attestation.max_age_s``. Anything else takes it out of
routing at once, with the reason in ``/ready``; every change in or out is reported to
``on_change`` (the audit trail). Nodes without a descriptor are never looked at here.

Nodes behind a node-agent are checked every ``attestation.interval_s`` and on each new connection
the gateway opens to them (``on_connection``, over that connection, before it carries a request):
a connection to a node whose evidence fails carries nothing, and the node leaves routing at once.
"""

from __future__ import annotations

import asyncio
import logging
import math
import secrets
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx

from domain.nodes import (
    Evidence,
    NodeIdentityError,
    SignedDescriptor,
    descriptor_signer,
    evidence_digest,
    parse_signed_descriptor,
    verify_descriptor,
)
from domain.policy import NodeAppraisal
from gateway.config import AttestationConfig, ConfigError, OperatorConfig
from gateway.routing.attestation import appraise, verifiers_for
from gateway.routing.node import NodeIdentity, NodeState
from gateway.routing.periodic import NodeChecks

log = logging.getLogger(__name__)

# (node, identity now or None, why not) -> recorded
OnChange = Callable[[NodeState, NodeIdentity | None, str | None], Awaitable[None]]
# A path on the node -> the body it answered with 200; raises otherwise.
Fetch = Callable[[str], Awaitable[bytes]]
# A GET over one connection: (path and query, headers) -> (status, body).
Get = Callable[[str, dict[str, str]], Awaitable[tuple[int, bytes]]]


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
        try:
            self._verifiers = verifiers_for(attestation)
        except ValueError as e:
            raise ConfigError(str(e)) from None
        self._http = http
        self.on_change: OnChange | None = None
        self._agents: dict[tuple[str, int], list[NodeState]] = {}  # nodes behind agents, by host and port
        for node in self._nodes:
            if node.config.behind_agent:
                url = httpx.URL(node.config.url)
                port = url.port or (443 if url.scheme == "https" else 80)
                self._agents.setdefault((url.host, port), []).append(node)

    async def on_connection(self, host: str, port: int, get: Get) -> None:
        """A new connection to ``host:port``: every node behind a node-agent there is checked over
        it first. Raises ``NodeIdentityError`` (the connection is then not used) if one fails."""
        for node in self._agents.get((host, port), ()):
            await self.check(node, partial(_over_connection, get, node))
            if node.out_reason is not None:
                raise NodeIdentityError(node.out_reason)

    async def check(self, node: NodeState, fetch: Fetch | None = None) -> None:
        """``fetch``: how to reach the node (by default a request of the shared client). Checks of
        one node may overlap (schedule, new connections): each compares with the state it finds
        when it ends, so a change is reported once."""
        try:
            async with asyncio.timeout(self._attestation.timeout_s):
                identity, until, expiry = await self._verify(node, fetch or partial(self._fetch, node))
        except (NodeIdentityError, httpx.HTTPError, TimeoutError, ValueError) as e:
            was_in = node.why_out(time.monotonic()) is None
            reason = _reason(e)
            changed = was_in or reason != node.out_reason
            node.identity, node.routable_until, node.out_reason = None, -math.inf, reason
            if changed:
                log.warning("node %s: out of routing: %s", node.id, reason)
                await self._report(node, None, reason)
            return
        was_in, previous = node.why_out(time.monotonic()) is None, node.identity
        node.identity, node.routable_until, node.expiry_reason = identity, until, expiry
        node.out_reason = None
        if not was_in or previous is None or previous.descriptor_sha256 != identity.descriptor_sha256:
            log.info("node %s: identity verified (descriptor %s)", node.id, identity.descriptor_sha256[:16])
            await self._report(node, identity, None)

    async def _verify(self, node: NodeState, fetch: Fetch) -> tuple[NodeIdentity, float, str]:
        """The node's identity now, the monotonic time it stops holding, and why it would."""
        signed = await self._descriptor(node, fetch)
        now = datetime.now(UTC)
        keys = self._keys.get(node.config.operator, [])
        digest = verify_descriptor(signed, keys, now)
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
        measurement: str | None = None
        if node.config.behind_agent:
            evidence, measurement = await self._evidence(fetch, signed, digest, now)
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
            measurement=measurement,
            model_weights_digest=d.model_weights_digest,
            tgi_image_digest=d.tgi_image_digest,
            descriptor_sha256=digest,
        )
        identity = NodeIdentity(
            d,
            digest,
            appraisal,
            evidence_digest(evidence) if evidence else None,
            signed,
            descriptor_signer(signed, keys),
        )
        return identity, time.monotonic() + (until - now).total_seconds(), expiry

    async def _descriptor(self, node: NodeState, fetch: Fetch) -> SignedDescriptor:
        source = node.config.descriptor
        if isinstance(source, Path):
            try:
                return parse_signed_descriptor(await asyncio.to_thread(source.read_bytes))
            except OSError as e:
                raise NodeIdentityError(f"its descriptor file cannot be read ({e.strerror})") from None
        return parse_signed_descriptor(await fetch("/descriptor"))

    async def _evidence(
        self, fetch: Fetch, signed: SignedDescriptor, digest: str, now: datetime
    ) -> tuple[Evidence, str | None]:
        """The node's fresh evidence and the launch measurement it proves (if its type has one)."""
        nonce = secrets.token_hex(32)
        answer = await fetch(f"/attestation?nonce={nonce}")
        try:
            evidence = Evidence.model_validate_json(answer)
        except ValueError:
            raise NodeIdentityError("its evidence is not readable") from None
        max_age = timedelta(seconds=self._attestation.max_age_s)
        measurement = appraise(evidence, signed.descriptor, digest, nonce, now, max_age, self._verifiers)
        return evidence, measurement

    async def _fetch(self, node: NodeState, path: str) -> bytes:
        response = await self._http.get(f"{node.config.url}{path}", headers=_auth(node))
        return response.raise_for_status().content

    async def _report(self, node: NodeState, identity: NodeIdentity | None, reason: str | None) -> None:
        if self.on_change is None:
            return
        try:
            await self.on_change(node, identity, reason)
        except Exception as e:  # recording is the trail's job; a failure there must not stop checks
            log.error("node %s: identity change could not be recorded (%s)", node.id, type(e).__name__)


async def _over_connection(get: Get, node: NodeState, path: str) -> bytes:
    status, body = await get(httpx.URL(node.config.url).raw_path.rstrip(b"/").decode() + path, _auth(node))
    if status != 200:
        raise NodeIdentityError(f"its node-agent answered {status}")
    return body


def _auth(node: NodeState) -> dict[str, str]:
    return {"authorization": f"Bearer {node.config.token}"} if node.config.token else {}


def _reason(error: Exception) -> str:
    cause: BaseException | None = error
    while cause is not None:  # a new connection refused by ``on_connection``: the reason it gave
        if isinstance(cause, NodeIdentityError):
            return str(cause)
        # httpcore's pool raises its ConnectError again with the refusal as context, not cause.
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "its node-agent did not answer in time"
    if isinstance(error, httpx.HTTPStatusError):
        return f"its node-agent answered {error.response.status_code}"
    if isinstance(error, httpx.HTTPError):
        return "its node-agent could not be reached"
    return "its descriptor or evidence is not readable"
