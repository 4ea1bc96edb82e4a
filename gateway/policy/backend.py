"""What an evaluation backend implements, and the strict reading of the policy's answer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from domain.policy import PolicyDecision
from gateway.policy.errors import engine_failure

ENTRYPOINT = "data.sovgw.residency.decision"

Basis = Annotated[str, StringConstraints(pattern=r"^(intra-EEA|adequacy:[A-Z]{2}|none)$")]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    rule: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    node: str | None = None

    def sort_key(self) -> tuple[int, str, str, str]:
        # Notes about the request first, then per node; stable whatever order the backend used.
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
    """One evaluation of the entry point: the answer, the revision that gave it, and by which backend."""

    result: RawDecision
    revision: str
    engine: str

    def decision(self) -> PolicyDecision:
        """A new decision (with its own id) from this evaluation; a cached one is reused this way."""
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


class Backend(Protocol):
    """Evaluates ``data.sovgw.residency.decision`` over the policy files; the engine decides with it.

    Whatever goes wrong, a backend raises :class:`~gateway.policy.errors.PolicyEngineError`; an
    undefined or malformed result is a failure too.
    """

    name: str

    @property
    def revision(self) -> str:
        """The revision of the policy and data the next evaluation will use ("" before the first load)."""
        ...

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        """The validated answer for an input in JSON form."""
        ...

    async def check_for_changes(self) -> None:
        """Notice a new policy revision if one is due to be looked for (cheap when not due)."""
        ...

    async def refresh(self) -> bool:
        """Look for a new revision now; True when it changed."""
        ...

    async def ready(self) -> bool: ...

    async def aclose(self) -> None: ...
