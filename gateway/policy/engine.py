"""One small interface for both policy engines, and the strict reading of what they answer.

Both engines evaluate ``data.sovgw.residency.decision`` over the same files. Whatever goes wrong,
an engine raises :class:`~gateway.policy.errors.PolicyEngineError` with a short reason class;
it never answers "allow" on a failure. An undefined or malformed result is a failure too.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from domain.policy import PolicyDecision, PolicyInput
from gateway.config import PolicyConfig
from gateway.policy import metrics
from gateway.policy.errors import engine_failure

log = logging.getLogger(__name__)

ENTRYPOINT = "data.sovgw.residency.decision"
ENTRYPOINT_PATH = "sovgw/residency/decision"

Basis = Annotated[str, StringConstraints(pattern=r"^(intra-EEA|adequacy:[A-Z]{2}|none)$")]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    rule: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    node: str | None = None

    def sort_key(self) -> tuple[int, str, str, str]:
        # Notes about the request first, then per node; stable whatever order the engine used.
        return (0 if self.node is None else 1, self.node or "", self.rule, self.reason)


class RawDecision(BaseModel):
    """The policy's answer exactly as Rego returns it (findings sorted)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    allow: bool
    allowed_nodes: dict[str, Basis]
    obligations: dict[str, str]
    findings: list[Finding]
    legal_basis: str | None


@dataclass(frozen=True)
class Evaluation:
    result: RawDecision
    revision: str
    engine: str

    def decision(self) -> PolicyDecision:
        return PolicyDecision(
            decision_id=uuid.uuid4().hex,
            allow=self.result.allow,
            allowed_nodes=dict(self.result.allowed_nodes),
            obligations=dict(self.result.obligations),
            reasons=[f.reason for f in self.result.findings],
            revision=self.revision,
            engine=self.engine,
            legal_basis=self.result.legal_basis,
        )


def parse_result(engine: str, value: Any, inp: dict[str, Any]) -> RawDecision:
    """Read the entry point's value strictly; anything unexpected is a failure, never a decision."""
    try:
        raw = RawDecision.model_validate(value)
    except ValidationError as e:
        where = ", ".join(".".join(str(p) for p in err["loc"]) or "(top)" for err in e.errors()[:3])
        raise engine_failure(
            engine, "malformed", f"result does not match the decision shape at {where}"
        ) from None
    candidates = {c.get("id") for c in inp.get("candidates", []) if isinstance(c, dict)}
    if raw.allow != bool(raw.allowed_nodes):
        raise engine_failure(engine, "malformed", "allow disagrees with allowed_nodes")
    if not raw.allowed_nodes.keys() <= candidates:
        raise engine_failure(engine, "malformed", "allowed_nodes names a node that was not a candidate")
    return raw.model_copy(update={"findings": sorted(raw.findings, key=Finding.sort_key)})


class PolicyEngine(Protocol):
    """What the pipeline needs from a policy engine."""

    name: str

    @property
    def revision(self) -> str:
        """The revision of the policy and data the next decision will use ("" before the first load)."""
        ...

    async def decide(self, inp: PolicyInput) -> PolicyDecision: ...

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        """The raw, validated answer for an input in JSON form (for explain and differential tests)."""
        ...

    async def check_for_changes(self) -> None:
        """Notice a new policy revision if one is due to be looked for (cheap when not due)."""
        ...

    async def ready(self) -> bool: ...

    async def aclose(self) -> None: ...


def record_decision(decision: PolicyDecision) -> PolicyDecision:
    metrics.DECISIONS.labels(decision.engine, "allow" if decision.allow else "deny").inc()
    return decision


def build_policy_engine(config: PolicyConfig) -> PolicyEngine:
    """The OPA server when ``opa_url`` is set, else the embedded engine; cached unless cache_size is 0."""
    from gateway.policy.cache import CachedPolicyEngine

    engine: PolicyEngine
    if config.opa_url is not None:
        from gateway.policy.opa_server import OpaServerEngine

        engine = OpaServerEngine.from_config(config)
    else:
        from gateway.policy.embedded import EmbeddedEngine

        engine = EmbeddedEngine.from_config(config)
    if config.cache_size == 0:
        return engine
    return CachedPolicyEngine(engine, max_entries=config.cache_size)
