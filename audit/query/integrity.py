"""What a reader is shown of the trail's integrity: signed checkpoints, a record's proof, a quick check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, select

from audit import entries, merkle, tree_store
from audit.checkpoint import NoteVerifier, verify_by_any
from audit.query.pages import RecordView, get_record
from audit.query.scope import AccessScope
from audit.records import CheckpointRow


@dataclass(frozen=True)
class SignedCheckpoint:
    row: CheckpointRow
    verified: bool  # signed by one of the trusted keys
    problem: str | None = None


def latest_checkpoint(conn: Connection, trusted: Sequence[NoteVerifier]) -> SignedCheckpoint | None:
    row = tree_store.latest_checkpoint(conn)
    if row is None:
        return None
    return SignedCheckpoint(row, *_check_signature(row, trusted))


def _check_signature(row: CheckpointRow, trusted: Sequence[NoteVerifier]) -> tuple[bool, str | None]:
    """Whether a trusted key signed ``row``'s note, and what is wrong if not."""
    cp = verify_by_any(row.note, trusted)
    if cp is None:
        return False, "no valid signature by a trusted key"
    if cp.size != row.size or cp.root != bytes(row.root):
        return False, "the stored size or root differs from the signed note"
    return True, None


@dataclass(frozen=True)
class ProvenRecord:
    record: RecordView
    checkpoint: SignedCheckpoint | None
    proof: list[bytes]
    verified: bool  # the proof leads from the record's entry to the signed root
    problem: str | None = None
    entry_format: int = entries.FORMAT  # what its leaf hashes: 1 its bytes, 2 its scope and digest


def record_with_proof(
    conn: Connection, scope: AccessScope, seq: int, trusted: Sequence[NoteVerifier]
) -> ProvenRecord | None:
    """The record, its inclusion proof against the latest checkpoint, and whether both check out."""
    record = get_record(conn, scope, seq)
    if record is None:
        return None
    switch = entries.switch(conn)
    fmt = 1 if seq < switch else entries.FORMAT
    checkpoint = latest_checkpoint(conn, trusted)
    if checkpoint is None or checkpoint.row.size <= seq:
        return ProvenRecord(record, checkpoint, [], False, "not yet covered by a signed checkpoint", fmt)
    try:
        proof = tree_store.inclusion_proof(conn, seq, checkpoint.row.size)
        leaf = entries.leaf(seq, record.canonical, switch, record.document)
        merkle.verify_inclusion(leaf, seq, checkpoint.row.size, proof, bytes(checkpoint.row.root))
    except (merkle.ProofError, tree_store.MissingNodeError) as e:
        return ProvenRecord(record, checkpoint, [], False, str(e), fmt)
    except (KeyError, TypeError, AttributeError, ValueError):
        return ProvenRecord(record, checkpoint, [], False, "the record lacks the fields its entry holds", fmt)
    if not checkpoint.verified:
        return ProvenRecord(record, checkpoint, proof, False, checkpoint.problem, fmt)
    return ProvenRecord(record, checkpoint, proof, True, None, fmt)


@dataclass(frozen=True)
class TrailStatus:
    """A quick check fit for every page view; ``sovgw audit verify`` does the full one."""

    ok: bool
    tree_size: int
    checkpoint_size: int | None
    checkpoint_signed_at: datetime | None
    uncovered_records: int
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


RECENT_CHECKPOINTS = 8


def trail_status(conn: Connection, trusted: Sequence[NoteVerifier]) -> TrailStatus:
    """The latest checkpoints' signatures, the stored tree against the latest one, their consistency."""
    size = tree_store.tree_size(conn)
    cps = tree_store.CHECKPOINTS
    rows = [
        CheckpointRow.model_validate(r._mapping)
        for r in conn.execute(select(cps).order_by(cps.c.id.desc()).limit(RECENT_CHECKPOINTS))
    ]
    if not rows:
        return TrailStatus(size == 0, size, None, None, size, [], [] if size == 0 else ["no checkpoint"])
    checks: list[str] = []
    problems: list[str] = []
    latest = max(rows, key=lambda r: (r.size, r.id or 0))
    for row in rows:
        ok, problem = _check_signature(row, trusted)
        if not ok:
            problems.append(f"checkpoint of size {row.size}: {problem}")
    if not problems:
        checks.append(f"the {len(rows)} latest checkpoints carry valid signatures by a trusted key")
    try:
        stored = tree_store.root(conn, latest.size)
        if stored != bytes(latest.root):
            problems.append(f"the stored tree of size {latest.size} does not match the signed root")
        else:
            checks.append(f"the stored tree of size {latest.size} has the signed root")
        for row in rows:
            if row.size < latest.size:
                proof = tree_store.consistency_proof(conn, row.size, latest.size)
                merkle.verify_consistency(row.size, latest.size, proof, bytes(row.root), bytes(latest.root))
        checks.append("earlier checkpoints are consistent with the latest")
    except (merkle.ProofError, tree_store.MissingNodeError) as e:
        problems.append(f"consistency: {e}")
    if size < latest.size:
        problems.append(f"the log has {size} records but a checkpoint of size {latest.size} was signed")
    return TrailStatus(
        not problems, size, latest.size, latest.signed_at, max(size - latest.size, 0), checks, problems
    )
