"""One node as routing sees it: its configuration, health, load and circuit breaker state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Gauge

from gateway import metrics
from gateway.config import NodeConfig


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
    check_failures: int = 0  # health checks failed in a row
    info: dict[str, Any] | None = None  # the node's last /info (TGI nodes), as it answered
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
