"""What the audit API answers and accepts, as models: the handlers answer through them.

Their JSON Schemas are the components of the OpenAPI document (``openapi.py``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from audit.query.counts import Answer, CountedKind, CountRow
from audit.query.integrity import ProvenRecord, SignedCheckpoint, TrailStatus
from audit.query.pages import RecordView
from audit.query.scope import Role
from audit.record_fields import RecordFields
from audit.times import utc
from gateway.compliance import params
from gateway.compliance.tokens import TokenInfo

HexHash = Annotated[str, StringConstraints(pattern="^[0-9a-f]{64}$")]


class Record(RecordFields):
    """A record: its queryable fields, its leaf hash and the signed document they were copied from."""

    leaf_hash: HexHash
    document: dict[str, Any] = Field(
        description="the signed record; its leaf hashes its entry: its scope and SHA-256 (audit/entries.py)"
    )

    @classmethod
    def of(cls, view: RecordView) -> Record:
        return cls(
            seq=view.seq,
            recorded_at=utc(view.recorded_at),
            kind=view.kind,
            **view.columns,
            leaf_hash=view.leaf_hash.hex(),
            document=view.document,
        )


class Checkpoint(BaseModel):
    size: int = Field(ge=0)
    root: HexHash
    key_name: str
    key_id: str
    signed_at: datetime
    note: str = Field(description="the C2SP signed note")
    signature_verified: bool

    @classmethod
    def of(cls, found: SignedCheckpoint) -> Checkpoint:
        row = found.row
        return cls(
            size=row.size,
            root=bytes(row.root).hex(),
            key_name=row.key_name,
            key_id=row.key_id,
            signed_at=utc(row.signed_at),
            note=row.note,
            signature_verified=found.verified,
        )


class ErrorDetail(BaseModel):
    code: str
    message: str


class Error(BaseModel):
    error: ErrorDetail


class Page(BaseModel):
    records: list[Record]
    next_cursor: str | None


class RecordWithProof(BaseModel):
    record: Record
    checkpoint: Checkpoint | None
    inclusion_proof: list[HexHash]
    verified: bool
    problem: str | None

    @classmethod
    def of(cls, proven: ProvenRecord) -> RecordWithProof:
        return cls(
            record=Record.of(proven.record),
            checkpoint=Checkpoint.of(proven.checkpoint) if proven.checkpoint else None,
            inclusion_proof=[h.hex() for h in proven.proof],
            verified=proven.verified,
            problem=proven.problem,
        )


class DayCount(BaseModel):
    day: date
    jurisdiction: str | None
    category: str | None
    kind: CountedKind
    answer: Answer = Field(
        description="forwarded to a node; refused by the policy (451); unavailable (503: no allowed "
        "node healthy, classification or the policy engine down, or an attempt failed at the node); "
        "client_error (the node refused the request's values, 4xx)"
    )
    count: int = Field(ge=1)

    @classmethod
    def of(cls, row: CountRow) -> DayCount:
        return cls(
            day=row.day,
            jurisdiction=row.jurisdiction,
            category=row.category,
            kind=row.kind,
            answer=row.answer,
            count=row.count,
        )


class Counts(BaseModel):
    counts: list[DayCount]


class Status(BaseModel):
    status: Literal["verified", "failed"]
    tree_size: int = Field(ge=0)
    checkpoint_size: int | None
    checkpoint_signed_at: datetime | None
    uncovered_records: int = Field(ge=0)
    checks: list[str]
    problems: list[str]

    @classmethod
    def of(cls, found: TrailStatus) -> Status:
        signed_at = found.checkpoint_signed_at
        return cls(
            status="verified" if found.ok else "failed",
            tree_size=found.tree_size,
            checkpoint_size=found.checkpoint_size,
            checkpoint_signed_at=utc(signed_at) if signed_at else None,
            uncovered_records=found.uncovered_records,
            checks=found.checks,
            problems=found.problems,
        )


class Me(BaseModel):
    """What a token grants; times in ISO 8601 with their offset."""

    token_id: str
    role: Role
    label: str
    tenants: list[str]
    jurisdictions: list[str]
    records_from: str | None
    records_to: str | None
    expires_at: str | None

    @classmethod
    def of(cls, info: TokenInfo) -> Me:
        s = info.scope
        return cls(
            token_id=info.token_id,
            role=info.role,
            label=info.label,
            tenants=list(s.tenants),
            jurisdictions=list(s.jurisdictions),
            records_from=s.since.isoformat() if s.since else None,
            records_to=s.until.isoformat() if s.until else None,
            expires_at=info.expires_at.isoformat() if info.expires_at else None,
        )


When = Annotated[str, WithJsonSchema(params.time_schema())]
Text = Annotated[str, WithJsonSchema(params.text_schema())]
Jurisdiction = Annotated[str, WithJsonSchema({"type": "string", "pattern": params.JURISDICTION_PATTERN})]


class ExportBody(BaseModel):
    """What an export takes: a time range, and a tenant or a jurisdiction to narrow it to (not both).

    ``api.export_request`` checks a body against exactly this schema.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "not": {
                "required": ["tenant", "jurisdiction"],
                "properties": {"tenant": {"type": "string"}, "jurisdiction": {"type": "string"}},
            }
        },
    )

    since: When = Field(alias="from", description="first day or RFC 3339 time")
    until: When = Field(alias="to", description="last day, inclusive, or a time")
    tenant: Text | None = None
    jurisdiction: Jurisdiction | None = None


EXPORT_FIELDS = tuple(field.alias or name for name, field in ExportBody.model_fields.items())
