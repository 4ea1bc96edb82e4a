"""One node as routing sees it: its configuration, health, load, circuit breaker state and verified
identity."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Gauge

from domain.nodes import NodeDescriptor, SignedDescriptor
from domain.policy import NodeAppraisal
from gateway import metrics
from gateway.config import NodeConfig


@dataclass(frozen=True, slots=True)
class NodeIdentity:
    """A node's descriptor as verified, and the evidence it was last appraised with (behind a node-agent).
    ``signed`` and ``operator_key``: the descriptor as its operator signed it and the key that verified
    it, which the trail keeps so an export can prove the node's receipts to a stranger."""

    descriptor: NodeDescriptor
    descriptor_sha256: str
    appraisal: NodeAppraisal
    evidence_sha256: str | None = None
    signed: SignedDescriptor | None = None
    operator_key: str | None = None


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
    # Nodes with a descriptor: routable only until its window or its evidence's age runs out
    # (monotonic time), and only once verified; ``out_reason`` says why not. Others: always.
    identity: NodeIdentity | None = None
    routable_until: float = math.inf
    out_reason: str | None = None
    expiry_reason: str = ""  # what running out of ``routable_until`` means for this node
    _in_flight_gauge: Gauge = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._in_flight_gauge = metrics.IN_FLIGHT.labels(node=self.config.id)  # once, not per request
        if self.config.descriptor is not None:
            self.routable_until = -math.inf
            self.out_reason = "its descriptor has not been verified yet"

    @property
    def id(self) -> str:
        return self.config.id

    def available(self, now: float) -> bool:
        return self.healthy and self.open_until <= now < self.routable_until

    def why_out(self, now: float) -> str | None:
        """Why the node's identity keeps it out of routing, or None."""
        if self.out_reason is not None:
            return self.out_reason
        return self.expiry_reason if now >= self.routable_until else None

    @property
    def attested(self) -> bool:
        """Attested by fresh evidence; nodes without an identity keep the configuration's claim."""
        if self.config.descriptor is None:
            return self.config.attested
        return self.identity is not None and self.identity.appraisal.fresh

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
