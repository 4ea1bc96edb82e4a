"""The stored shape of the trail: records (leaves), tree nodes, tree heads, signed checkpoints.

Every table is insert-only. A record keeps its canonical bytes (exactly what the leaf hashes) beside
its queryable fields (``audit.record_fields``) copied out of them; the verifier checks that the two
agree. Tree nodes hold every
complete subtree above the leaves (the leaves' hashes sit in the records), so any proof is O(log n)
reads. A tree head is written with each committed batch: the size it reached and its root.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, LargeBinary, SmallInteger, Text
from sqlmodel import Field, SQLModel

from audit.record_fields import RecordFields


class AuditRecord(RecordFields, table=True):
    __tablename__ = "audit_records"
    # More indexes come with the migrations (audit.migrations); every one costs each append.
    __table_args__ = (Index("ix_audit_records_tenant_time", "tenant", "recorded_at"),)

    leaf_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    canonical: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class TreeNode(SQLModel, table=True):
    """The hash of the complete subtree over leaves [index << level, (index + 1) << level), level >= 1."""

    __tablename__ = "audit_tree_nodes"

    level: int = Field(sa_column=Column(SmallInteger, primary_key=True, autoincrement=False))
    idx: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class TreeHead(SQLModel, table=True):
    """One per committed batch. The primary key on size is the last guard against two writers
    committing the same sequence numbers."""

    __tablename__ = "audit_tree_heads"

    size: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    root: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    committed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class CheckpointRow(SQLModel, table=True):
    __tablename__ = "audit_checkpoints"
    __table_args__ = (Index("ix_audit_checkpoints_size", "size"),)

    # SQLite only autoincrements an INTEGER primary key.
    id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    )
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    root: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    key_name: str
    key_id: str  # hex of the 4-byte signed-note key id
    note: str = Field(sa_column=Column(Text, nullable=False))  # the whole signed note, as published
    signed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class SchemaVersion(SQLModel, table=True):
    __tablename__ = "audit_schema_version"

    version: int = Field(primary_key=True)
    applied_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


LOG_TABLES = (
    AuditRecord.__table__,  # type: ignore[attr-defined]
    TreeNode.__table__,  # type: ignore[attr-defined]
    TreeHead.__table__,  # type: ignore[attr-defined]
    CheckpointRow.__table__,  # type: ignore[attr-defined]
)
