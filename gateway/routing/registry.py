"""The routing stage: which nodes serve a model, and picking the least-loaded available one among those
the policy allowed. Request outcomes feed a circuit breaker that takes a failing node out for a
cooldown, whatever its health checks say."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Iterable
from typing import Any

import httpx

from gateway import metrics
from gateway.config import AttestationConfig, HealthConfig, NodeConfig, NodeProtocol, OperatorConfig
from gateway.routing.health import HealthChecks
from gateway.routing.identity import IdentityChecks
from gateway.routing.node import NodeState

log = logging.getLogger(__name__)


class NodeRegistry:
    def __init__(
        self,
        nodes: list[NodeConfig],
        health: HealthConfig,
        http: httpx.AsyncClient,
        operators: list[OperatorConfig] | None = None,
        attestation: AttestationConfig | None = None,
    ):
        self._nodes = {n.id: NodeState(n) for n in nodes}
        self._health = health
        self.health = HealthChecks(list(self._nodes.values()), health, http)
        self.identity = IdentityChecks(
            list(self._nodes.values()), operators or [], attestation or AttestationConfig(), http
        )

    def serving(self, model: str, protocols: Iterable[NodeProtocol]) -> list[NodeState]:
        wanted = set(protocols)
        return [n for n in self._nodes.values() if model in n.config.models and n.config.protocol in wanted]

    def info(self, model: str, jurisdictions: Iterable[str]) -> dict[str, Any] | None:
        """The last ``/info`` of a TGI node serving ``model`` in ``jurisdictions``, an available one first."""
        now, where = time.monotonic(), set(jurisdictions)
        described = [
            n
            for n in self.serving(model, (NodeProtocol.TGI,))
            if n.info is not None and n.config.jurisdiction in where
        ]
        described.sort(key=lambda n: not n.available(now))
        return dict(described[0].info) if described and described[0].info is not None else None

    def any_healthy(self) -> bool:
        now = time.monotonic()
        return any(n.available(now) for n in self._nodes.values())

    def out_of_routing(self) -> dict[str, str]:
        """Nodes whose identity keeps them out of routing, and why."""
        now = time.monotonic()
        return {n.id: why for n in self._nodes.values() if (why := n.why_out(now)) is not None}

    def pick(self, allowed: Iterable[str], exclude: set[str]) -> NodeState | None:
        """The least-loaded available node among ``allowed``; ties are broken at random."""
        now = time.monotonic()
        best: list[NodeState] = []
        for node_id in allowed:
            node = self._nodes.get(node_id)
            if node is None or node_id in exclude or not node.available(now):
                continue
            if node.max_concurrent is not None and node.in_flight >= node.max_concurrent:
                continue
            if not best or node.load < best[0].load:
                best = [node]
            elif node.load == best[0].load:
                best.append(node)
        return random.choice(best) if best else None

    # -- request outcomes feed the circuit breaker ------------------------------------------

    def record_success(self, node: NodeState) -> None:
        node.consecutive_failures = 0
        node.answered_at = time.monotonic()

    def record_failure(self, node: NodeState) -> None:
        node.consecutive_failures += 1
        metrics.UPSTREAM_ERRORS.labels(node=node.id).inc()
        if node.consecutive_failures >= self._health.failure_threshold:
            node.open_until = time.monotonic() + self._health.cooldown_s
            node.consecutive_failures = 0
            log.warning(
                "node %s: circuit opened for %.0f s after repeated failures", node.id, self._health.cooldown_s
            )

    # -- background health checks ----------------------------------------------------------

    async def start(self) -> None:
        await asyncio.gather(self.health.start(), self.identity.start())

    async def aclose(self) -> None:
        await self.health.aclose()
        await self.identity.aclose()

    async def check_all(self) -> None:
        await asyncio.gather(self.health.check_all(), self.identity.check_all())
