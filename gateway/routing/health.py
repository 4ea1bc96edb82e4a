"""Background health checks of every node: ``/health``, TGI's ``/info`` and its ``/metrics`` queue size.

A node is unhealthy until its first check passes: nothing is sent to a node nobody has seen answer.
After that, one failed check does not take it out: each worker checks every node itself, and a
node that one worker saw fail once would otherwise be refused by that worker alone while it
serves the others. A node leaves at the ``failure_threshold``-th failed check in a row; a check
that times out does not count while the node keeps answering requests (under a burst the
gateway's own event loop is the slow party). A node that serves another model than configured
leaves at once: that is a wrong address, not a passing fault. Failing requests open the circuit
breaker (``registry.py``) whatever the checks say.

The checks use the gateway's own HTTP client, so they need no Hub and work air-gapped (with
``HF_HUB_OFFLINE=1`` huggingface_hub's client refuses every request, to any host).
"""

from __future__ import annotations

import asyncio
import logging
import time

import httpx
from prometheus_client.parser import text_string_to_metric_families

from gateway import metrics
from gateway.config import HealthConfig, NodeProtocol
from gateway.routing.node import NodeState
from gateway.routing.periodic import NodeChecks

log = logging.getLogger(__name__)


class WrongModel(Exception):
    """The node answers for a model this gateway does not list for it."""


class HealthChecks(NodeChecks):
    task_name = "node-health"

    def __init__(self, nodes: list[NodeState], health: HealthConfig, http: httpx.AsyncClient):
        super().__init__(nodes, health.interval_s)
        self._health = health
        self._http = http

    async def check(self, node: NodeState) -> None:
        started = time.monotonic()
        try:
            async with asyncio.timeout(self._health.timeout_s):
                await self._probe(node)
        except WrongModel as e:
            log.warning("node %s: %s", node.id, e)
            healthy = False
        except Exception as e:  # any failure to answer counts, never "unknown so fine"
            node.check_failures += 1
            timed_out = isinstance(e, TimeoutError | httpx.TimeoutException)
            answering = node.answered_at >= started - self._health.interval_s - self._health.timeout_s
            patience = node.check_failures < self._health.failure_threshold or (timed_out and answering)
            healthy = node.healthy and patience
            log.info(
                "node %s: health check failed (%s; %d in a row, answering requests: %s)",
                node.id, "timeout" if timed_out else type(e).__name__, node.check_failures, answering,
            )  # fmt: skip
        else:
            node.check_failures = 0
            healthy = True
        if healthy and not node.healthy:
            log.info("node %s: healthy", node.id)
            node.open_until = 0.0  # a passing check closes the circuit early
        elif node.healthy and not healthy:
            log.warning("node %s: unhealthy", node.id)
        node.healthy = healthy
        metrics.NODE_HEALTHY.labels(node=node.id, jurisdiction=node.config.jurisdiction).set(int(healthy))

    async def _probe(self, node: NodeState) -> None:
        """Raises unless the node is up and serves what it should; notes its limits and queue."""
        (await self._get(node, "/health")).raise_for_status()
        if node.config.protocol is not NodeProtocol.TGI:
            return
        info = (await self._get(node, "/info")).raise_for_status().json()
        if not isinstance(info, dict):
            raise ValueError("/info is not a JSON object")
        served = info.get("model_id")
        if served and served not in node.config.models:
            raise WrongModel(f"serves {served}, not a configured model")
        limit = info.get("max_concurrent_requests")
        node.max_concurrent = limit if isinstance(limit, int) and limit > 0 else None
        node.info = info
        node.queue_size = await self._queue_size(node)

    async def _get(self, node: NodeState, path: str) -> httpx.Response:
        headers = {"authorization": f"Bearer {node.config.token}"} if node.config.token else {}
        return await self._http.get(f"{node.config.url}{path}", headers=headers)

    async def _queue_size(self, node: NodeState) -> int:
        """TGI's ``tgi_queue_size`` gauge; 0 when the node exports no metrics."""
        response = await self._get(node, "/metrics")
        if response.status_code != 200:
            return 0
        for family in text_string_to_metric_families(response.text):
            if family.name == "tgi_queue_size":
                return int(sum(s.value for s in family.samples))
        return 0
