"""What the gateway tells the audit trail. The store turns these into records.

None of these carry personal data: no prompt, output, name or address. The API key id is replaced
by a keyed MAC (a pseudonymous actor) before anything is stored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.classification import ClassificationSummary
from domain.nodes import SignedReceipt


def _absent(value: object) -> bool:
    return value is None


# Fields added after records were first written are left out of a record while they have no
# value, so a record without them is the same document, and hashes the same, as before.
def _later() -> Any:
    return Field(default=None, exclude_if=_absent)


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RequestContext(_Event):
    request_id: str
    tenant: str
    api_key_id: str
    purpose: str
    route: str
    model: str | None
    stream: bool


class DecisionRef(_Event):
    decision_id: str
    allow: bool
    revision: str
    engine: str
    reasons: list[str] = Field(default_factory=list)
    obligations: dict[str, str] = Field(default_factory=dict)
    legal_basis: str | None = None


class NodeRef(_Event):
    node_id: str
    operator: str
    jurisdiction: str
    transfer_basis: str
    # Nodes with a verified identity: the descriptor and the evidence the request was routed under.
    descriptor_sha256: str | None = _later()
    evidence_sha256: str | None = _later()


class ReceiptCheck(_Event):
    """What the gateway found of a node-agent's receipt for one answer. ``missing``, ``unreadable``
    and ``invalid`` are the operator's faults; ``not_received``: the answer did not complete."""

    status: Literal["verified", "invalid", "missing", "unreadable", "not_received"]
    problems: list[str] = Field(default_factory=list)
    receipt: SignedReceipt | None = None


class ForwardEvent(_Event):
    """Committed before any byte goes to ``node``. A failover commits another one, attempt + 1."""

    kind: Literal["forward"] = "forward"
    request: RequestContext
    classification: ClassificationSummary
    decision: DecisionRef
    node: NodeRef
    attempt: int = 1


Outcome = Literal["success", "upstream_error", "client_disconnected", "timeout", "no_node"]


class CompletionEvent(_Event):
    kind: Literal["completion"] = "completion"
    request: RequestContext
    outcome: Outcome
    status: int
    served_by: NodeRef | None  # the node of this attempt, whether it served or failed
    failovers: int = 0
    attempt: int = 1  # the forward record it completes (one completion per forward record)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float
    first_byte_ms: float | None = None
    receipt: ReceiptCheck | None = _later()  # nodes behind a node-agent


class DenialEvent(_Event):
    """The policy allowed no node. ``status`` is what the client was answered: 451, the policy
    refuses this request; 503, it would allow a node that is down now. Records from before the
    field have no status and were 451s or 503s alike."""

    kind: Literal["denial"] = "denial"
    request: RequestContext
    classification: ClassificationSummary
    decision: DecisionRef
    status: Literal[451, 503] = 451


class EngineFailureEvent(_Event):
    """Classification or the policy engine could not give an answer; nothing was forwarded."""

    kind: Literal["engine_failure"] = "engine_failure"
    request: RequestContext
    stage: Literal["classification", "policy"]
    error: str  # a class of failure ("timeout", "unreachable", ...), never input text
    classification: ClassificationSummary | None = None


class AdminEvent(_Event):
    """Configuration or policy-revision changes, key rotations, exports, erasures, audit-trail access."""

    kind: Literal[
        "config_change",
        "policy_revision",
        "key_rotation",
        "export",
        "erasure",
        "startup",
        "shutdown",
        "access",
        "node_identity",  # a node entered or left routing on its descriptor or evidence
        "entry_format",  # the log's leaves hash format 2 entries from this record on (audit/entries.py)
    ]
    detail: dict[str, str] = Field(default_factory=dict)


AuditEvent = ForwardEvent | CompletionEvent | DenialEvent | EngineFailureEvent | AdminEvent
