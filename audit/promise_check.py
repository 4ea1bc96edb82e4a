"""Holding the log to its promises: the promised record is there, unchanged, and in a checkpoint in time.

A promise (``audit.promise``) is checked against the database in three steps:

1. it carries a valid signature by a trusted log key (else an INVALID PROMISE: forged or altered);
2. the record at its sequence number gives the promised leaf hash through its entry
   (``audit.entries``) (else a BROKEN PROMISE: the acknowledged record was deleted, truncated away
   or rewritten);
3. the largest checkpoint signed by a trusted key that covers it includes that leaf, shown by an
   inclusion proof; with no such checkpoint once the maximum merge delay has passed, the promise is
   broken too (pending before).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from audit import entries, merkle, tree_store
from audit.checkpoint import Checkpoint, NoteVerifier, verify_by_any
from audit.promise import Promise, PromiseError, verify


@dataclass
class PromiseCheck:
    seq: int
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        lines = [f"promise for seq {self.seq}: " + ("kept" if self.ok else "FAIL")]
        lines += [f"  note: {n}" for n in self.notes]
        lines += [f"  FAIL {p}" for p in self.problems]
        return "\n".join(lines)


def check_promise(
    conn: Connection,
    promise: Promise,
    keys: Sequence[NoteVerifier],
    max_merge_delay_s: float,
    extra_checkpoints: Sequence[str] = (),
    now_s: float | None = None,
) -> PromiseCheck:
    """Check ``promise`` against the log read through ``conn`` (see the module's steps)."""
    result = PromiseCheck(promise.seq)
    try:
        key = verify(promise, keys)
    except PromiseError as e:
        result.problems.append(f"INVALID PROMISE: {e}")
        return result
    made = _when(promise.timestamp_s)
    result.notes.append(f"signed by {key.name} ({key.key_id.hex()}) at {made}")
    stored = conn.execute(
        select(tree_store.RECORDS.c.canonical).where(tree_store.RECORDS.c.seq == promise.seq)
    ).scalar()
    if stored is None:
        result.problems.append(
            f"BROKEN PROMISE: record seq {promise.seq}, promised at {made}, is missing from the log"
            " (deleted or truncated after it was acknowledged)"
        )
        return result
    data = stored.encode() if isinstance(stored, str) else bytes(stored)  # SQLite: whatever was written
    try:
        leaf = entries.leaf(promise.seq, data, entries.switch(conn))
    except (ValueError, KeyError, TypeError, AttributeError):
        leaf = b""  # bytes that are no record any more
    if leaf != promise.leaf_hash:
        result.problems.append(
            f"BROKEN PROMISE: record seq {promise.seq} is not the record promised at {made}"
            " (rewritten after it was acknowledged)"
        )
        return result
    cover = _largest_cover(conn, promise.seq, keys, extra_checkpoints)
    deadline = promise.timestamp_s + max_merge_delay_s
    if cover is None:
        now = datetime.now(UTC).timestamp() if now_s is None else now_s
        if now > deadline:
            result.problems.append(
                f"BROKEN PROMISE: no checkpoint signed by a trusted key includes seq {promise.seq},"
                f" though the maximum merge delay ended at {_when(deadline)}"
            )
        else:
            result.notes.append(f"not yet under a checkpoint; due by {_when(deadline)}")
        return result
    try:
        proof = tree_store.inclusion_proof(conn, promise.seq, cover.size)
        merkle.verify_inclusion(promise.leaf_hash, promise.seq, cover.size, proof, cover.root)
    except (tree_store.MissingNodeError, merkle.ProofError) as e:
        result.problems.append(
            f"BROKEN PROMISE: the checkpoint of size {cover.size} does not provably include seq"
            f" {promise.seq}: {e}"
        )
        return result
    result.notes.append(
        f"included in the checkpoint of size {cover.size} (inclusion proof of {len(proof)} hashes)"
    )
    return result


def _largest_cover(
    conn: Connection, seq: int, keys: Sequence[NoteVerifier], extra: Sequence[str]
) -> Checkpoint | None:
    """The largest checkpoint covering ``seq`` that a trusted key signed: the log's or one given."""
    found = [c for c in (verify_by_any(n, keys) for n in extra) if c is not None and c.size > seq]
    checkpoints = tree_store.CHECKPOINTS
    notes = conn.execute(
        select(checkpoints.c.note).where(checkpoints.c.size > seq).order_by(checkpoints.c.size.desc())
    ).scalars()
    own = next((c for c in (verify_by_any(n, keys) for n in notes) if c is not None), None)
    if own is not None and own.size > seq:
        found.append(own)
    return max(found, key=lambda c: c.size, default=None)


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
