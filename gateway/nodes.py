"""The node registry: what each node is, whether it is healthy, how loaded, and picking one.

Health is checked in the background with huggingface_hub's ``AsyncInferenceClient`` (``/health``
and ``/info``) plus TGI's ``/metrics`` queue size. A node is unhealthy until its first check
passes: nothing is sent to a node nobody has seen answer. Request failures feed a circuit breaker
that takes a node out for a cooldown.

A check that times out takes a node out only when it is the ``failure_threshold``-th in a row
and the node answered no request since the check before: under a burst the gateway's own event
loop is the slow party, and marking its only nodes unhealthy would turn a slowdown into a run of
503s. A check that fails outright (an error status, a refused connection, another model) takes it
out at once, and failing requests open the circuit breaker whatever the checks say.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx
from huggingface_hub import AsyncInferenceClient
from prometheus_client import Gauge
from prometheus_client.parser import text_string_to_metric_families

from gateway import metrics
from gateway.config import HealthConfig, NodeConfig, NodeProtocol

log = logging.getLogger(__name__)


@dataclass(eq=False)
class NodeState:
    config: NodeConfig
    healthy: bool = False
    in_flight: int = 0
    queue_size: int = 0
    max_concurrent: int | None = None
    consecutive_failures: int = 0
    open_until: float = 0.0  # circuit open (node skipped) until this monotonic time
    answered_at: float = 0.0  # monotonic time of the last request it answered
    check_timeouts: int = 0  # health checks timed out in a row
    _client: AsyncInferenceClient | None = field(default=None, repr=False)
    _in_flight_gauge: Gauge = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._in_flight_gauge = metrics.IN_FLIGHT.labels(node=self.config.id)  # once, not per request

    @property
    def id(self) -> str:
        return self.config.id

    def available(self, now: float) -> bool:
        return self.healthy and now >= self.open_until

    @property
    def load(self) -> int:
        return self.in_flight + self.queue_size

    def begin(self) -> None:
        """A request sent to the node (counted until ``end``)."""
        self.in_flight += 1
        self._in_flight_gauge.inc()

    def end(self) -> None:
        self.in_flight -= 1
        self._in_flight_gauge.dec()


class NodeRegistry:
    def __init__(self, nodes: list[NodeConfig], health: HealthConfig, http: httpx.AsyncClient):
        self._nodes = {n.id: NodeState(n) for n in nodes}
        self._health = health
        self._http = http
        self._task: asyncio.Task[None] | None = None

    def serving(self, model: str, protocols: Iterable[NodeProtocol]) -> list[NodeState]:
        wanted = set(protocols)
        return [n for n in self._nodes.values() if model in n.config.models and n.config.protocol in wanted]

    def any_healthy(self) -> bool:
        now = time.monotonic()
        return any(n.available(now) for n in self._nodes.values())

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
        await self.check_all()
        self._task = asyncio.create_task(self._loop(), name="node-health")

    async def aclose(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for node in self._nodes.values():
            if node._client is not None:
                await node._client.close()

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._health.interval_s)
            await self.check_all()

    async def check_all(self) -> None:
        await asyncio.gather(*(self._check(n) for n in self._nodes.values()))

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
        if node._client is None:
            # No implicit Hub token is ever sent (see gateway/__init__.py); only the node's own.
            node._client = AsyncInferenceClient(
                model=node.config.url, token=node.config.token, provider="hf-inference"
            )
        if not await node._client.health_check():
            return False
        if node.config.protocol is NodeProtocol.TGI:
            info = await node._client.get_endpoint_info()
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
