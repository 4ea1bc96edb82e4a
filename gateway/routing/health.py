"""Background health checks of every node: huggingface_hub's ``AsyncInferenceClient`` (``/health``
and ``/info``) plus TGI's ``/metrics`` queue size.

A node is unhealthy until its first check passes: nothing is sent to a node nobody has seen answer.
A check that times out takes a node out only when it is the ``failure_threshold``-th in a row
and the node answered no request since the check before: under a burst the gateway's own event
loop is the slow party, and marking its only nodes unhealthy would turn a slowdown into a run of
503s. A check that fails outright (an error status, a refused connection, another model) takes it
out at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import httpx
from huggingface_hub import AsyncInferenceClient
from prometheus_client.parser import text_string_to_metric_families

from gateway import metrics
from gateway.config import HealthConfig, NodeProtocol
from gateway.routing.node import NodeState

log = logging.getLogger(__name__)


class HealthChecks:
    def __init__(self, nodes: list[NodeState], health: HealthConfig, http: httpx.AsyncClient):
        self._nodes = nodes
        self._health = health
        self._http = http
        self._clients: dict[str, AsyncInferenceClient] = {}
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.check_all()
        self._task = asyncio.create_task(self._loop(), name="node-health")

    async def aclose(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for client in self._clients.values():
            await client.close()

    async def check_all(self) -> None:
        await asyncio.gather(*(self._check(n) for n in self._nodes))

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._health.interval_s)
            await self.check_all()

    async def _check(self, node: NodeState) -> None:
        started = time.monotonic()
        try:
            async with asyncio.timeout(self._health.timeout_s):
                healthy = await self._probe(node)
        except TimeoutError:
            node.check_timeouts += 1
            answering = node.answered_at >= started - self._health.interval_s - self._health.timeout_s
            patience = node.check_timeouts < self._health.failure_threshold
            healthy = node.healthy and (answering or patience)
            log.info(
                "node %s: health check timed out (%d in a row, answering requests: %s)",
                node.id, node.check_timeouts, answering,
            )  # fmt: skip
        except Exception as e:  # any failure to answer is "unhealthy", never "unknown so fine"
            log.info("node %s: health check failed (%s)", node.id, type(e).__name__)
            healthy = False
        else:
            node.check_timeouts = 0
        if healthy and not node.healthy:
            log.info("node %s: healthy", node.id)
            node.open_until = 0.0  # a passing check closes the circuit early
        elif node.healthy and not healthy:
            log.warning("node %s: unhealthy", node.id)
        node.healthy = healthy
        metrics.NODE_HEALTHY.labels(node=node.id, jurisdiction=node.config.jurisdiction).set(int(healthy))

    async def _probe(self, node: NodeState) -> bool:
        client = self._clients.get(node.id)
        if client is None:
            # No implicit Hub token is ever sent (see gateway/__init__.py); only the node's own.
            client = AsyncInferenceClient(
                model=node.config.url, token=node.config.token, provider="hf-inference"
            )
            self._clients[node.id] = client
        if not await client.health_check():
            return False
        if node.config.protocol is NodeProtocol.TGI:
            info = await client.get_endpoint_info()
            served = info.get("model_id")
            if served and served not in node.config.models:
                log.warning("node %s serves %s, not a configured model", node.id, served)
                return False
            node.max_concurrent = info.get("max_concurrent_requests")
            node.queue_size = await self._queue_size(node)
        return True

    async def _queue_size(self, node: NodeState) -> int:
        """TGI's ``tgi_queue_size`` gauge; 0 when the node exports no metrics."""
        headers = {"authorization": f"Bearer {node.config.token}"} if node.config.token else {}
        response = await self._http.get(f"{node.config.url}/metrics", headers=headers)
        if response.status_code != 200:
            return 0
        for family in text_string_to_metric_families(response.text):
            if family.name == "tgi_queue_size":
                return int(sum(s.value for s in family.samples))
        return 0
