"""What the policy stage reads and what it answers.

The input is exactly what the Rego policy in ``policies/rego`` sees as ``input``; the decision is its
answer, plus the revision of the policy and data that produced it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from domain.classification import ClassificationSummary
from domain.codes import Jurisdiction


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TenantPolicySettings(_Value):
    """What the residency policy reads about a tenant (see policies/rego)."""

    allow_adequacy_transfers: bool = False
    special_category_jurisdictions: list[Jurisdiction] | None = None
    require_attestation: bool = False
    # With attestation required: the evidence types this tenant accepts (None: every type the
    # deployment's policy data accepts), and the model weights digests it accepts (None: any).
    attestation_types: list[str] | None = None
    allowed_model_digests: list[str] | None = None
    # Settings looser than the defaults take effect only with a named legal basis, which each
    # decision records (for example "SCC-2021/914 module 2, contract 2026-17").
    legal_basis: str | None = None
    retention_class: str = "standard"


class TenantView(_Value):
    id: str
    home_jurisdiction: str
    allowed_jurisdictions: list[str]
    settings: TenantPolicySettings


class NodeAppraisal(_Value):
    """What the gateway verified about a node: its operator's signed descriptor and, behind a
    node-agent, fresh evidence bound to it. Absent for nodes configured without an identity."""

    operator: str
    registration_number: str
    country: str
    site: str
    gpu_model: str
    evidence_type: str | None  # None: a descriptor from a file, no evidence
    fresh: bool  # evidence verified within the configured age
    measurement: str | None = None  # the launch measurement (hex) hardware evidence proved
    model_weights_digest: str
    tgi_image_digest: str
    descriptor_sha256: str


class CandidateNode(_Value):
    id: str
    operator: str
    jurisdiction: str
    healthy: bool
    attested: bool
    appraisal: NodeAppraisal | None = None


class RequestMeta(_Value):
    route: str
    protocol: str  # "openai" or "tgi"
    model: str | None
    stream: bool


class PolicyInput(_Value):
    tenant: TenantView
    purpose: str
    classification: ClassificationSummary
    candidates: list[CandidateNode]
    request: RequestMeta


class PolicyDecision(_Value):
    decision_id: str
    allow: bool
    # node id -> transfer basis ("intra-EEA", "adequacy:CH", ...); only nodes that may serve.
    allowed_nodes: dict[str, str] = Field(default_factory=dict)
    obligations: dict[str, str] = Field(default_factory=dict)
    reasons: list[str] = Field(default_factory=list)
    revision: str
    engine: str  # "opa", "embedded" or "home-jurisdiction"
    legal_basis: str | None = None
