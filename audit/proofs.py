"""Evidence for one record: its bytes, a signed checkpoint, and the inclusion proof between them.

Anyone holding the log's public key can check evidence offline, without the database: the
checkpoint's signature, that the record names its own sequence number, and that its leaf hash (of
its entry, ``audit.entries``: format 2, its scope and digest, or 1, its bytes, in a trail begun by
an earlier release) leads to the signed root. Either format binds the leaf to the record's bytes.
Exports attach this to each record they hand out.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from audit import canonical, entries, merkle, tree_store
from audit.checkpoint import Checkpoint, NoteVerifier, verify_by_any
from audit.database import Database


class EvidenceError(Exception):
    """No evidence can be given (unknown record, not yet covered by a checkpoint) or it does not hold."""


@dataclass(frozen=True)
class InclusionEvidence:
    seq: int
    record: bytes  # the canonical bytes the leaf hashes
    tree_size: int
    proof: list[bytes]
    checkpoint: str  # the signed note
    entry_format: int = entries.FORMAT  # what the leaf hashes: 2 its scope and digest, 1 its bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "record": base64.b64encode(self.record).decode(),
            "tree_size": self.tree_size,
            "proof": [base64.b64encode(p).decode() for p in self.proof],
            "checkpoint": self.checkpoint,
            "entry_format": self.entry_format,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InclusionEvidence:
        try:
            return cls(
                seq=int(data["seq"]),
                record=base64.b64decode(data["record"], validate=True),
                tree_size=int(data["tree_size"]),
                proof=[base64.b64decode(p, validate=True) for p in data["proof"]],
                checkpoint=str(data["checkpoint"]),
                entry_format=int(data.get("entry_format", 1)),  # evidence of earlier releases: 1
            )
        except (KeyError, TypeError, ValueError) as e:
            raise EvidenceError(f"malformed evidence: {e}") from None


def inclusion_evidence(db: Database, seq: int) -> InclusionEvidence:
    """Evidence for record ``seq`` against the latest checkpoint. O(log n) reads."""
    with db.engine.connect() as conn:
        latest = tree_store.latest_checkpoint(conn)
        if latest is None or latest.size <= seq:
            raise EvidenceError(f"record {seq} is not yet covered by a signed checkpoint")
        record = conn.execute(
            select(tree_store.RECORDS.c.canonical).where(tree_store.RECORDS.c.seq == seq)
        ).scalar()
        if record is None:
            raise EvidenceError(f"no record {seq} in the log")
        try:
            proof = tree_store.inclusion_proof(conn, seq, latest.size)
        except tree_store.MissingNodeError as e:
            raise EvidenceError(f"the stored tree cannot prove record {seq}: {e}") from None
        fmt = 1 if seq < entries.switch(conn) else entries.FORMAT
    return InclusionEvidence(seq, bytes(record), latest.size, proof, latest.note, fmt)


def verify_evidence(evidence: InclusionEvidence, keys: list[NoteVerifier]) -> Checkpoint:
    """The signed checkpoint that includes the record, or ``EvidenceError`` saying what did not match."""
    checkpoint = verify_by_any(evidence.checkpoint, keys)
    if checkpoint is None:
        raise EvidenceError("the checkpoint carries no valid signature by a trusted key")
    if checkpoint.size != evidence.tree_size:
        raise EvidenceError(
            f"the proof is for size {evidence.tree_size}, the checkpoint signs {checkpoint.size}"
        )
    try:
        doc = canonical.parse_document(evidence.record)
    except ValueError:
        raise EvidenceError("the record is not a JSON object") from None
    if doc.get("seq") != evidence.seq:
        raise EvidenceError(f"the record says it is seq {doc.get('seq')}, not {evidence.seq}")
    if evidence.entry_format not in (1, entries.FORMAT):
        raise EvidenceError(f"no entry format {evidence.entry_format}")
    try:
        switch = entries.NEVER if evidence.entry_format == 1 else 0
        leaf = entries.leaf(evidence.seq, evidence.record, switch, doc)
        merkle.verify_inclusion(leaf, evidence.seq, checkpoint.size, evidence.proof, checkpoint.root)
    except merkle.ProofError as e:
        raise EvidenceError(str(e)) from None
    except (KeyError, TypeError, AttributeError):
        raise EvidenceError("the record lacks the fields its entry holds") from None
    return checkpoint
