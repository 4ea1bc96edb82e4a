"""Checking the log against what its witnesses cosigned: the quorum, then truncation, rollback or rewrite.

A checkpoint counts as published when ``quorum`` of the trusted witnesses cosigned it; their
cosignatures cover the checkpoint body, so a log re-signed with another key cannot borrow them. The
database must then extend the largest witnessed checkpoint:

- TRUNCATION: records the witnesses saw are gone, though the log's checkpoints reached further;
- ROLLBACK: the database is back at an earlier state of its own (its latest checkpoint is older);
- REWRITE: the database is long enough but its records produce another root at the witnessed size.

Also here: forward records without a completion record (requests in flight, interrupted, or whose
completion was deleted), reported as a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import Connection, and_, select

from audit import tree_store
from audit.checkpoint import Checkpoint, CheckpointError, split_note
from audit.cosignature import CosignatureVerifier, check_quorum

SHOWN = 10


class Report(Protocol):
    tree_size: int
    latest_checkpoint_size: int | None
    notes: list[str]

    def add(self, seqs: tuple[int, int] | int | None, message: str) -> None: ...


def published(
    notes: Sequence[str], witnesses: list[CosignatureVerifier], quorum: int, report: Report
) -> list[Checkpoint]:
    """The checkpoints among ``notes`` that the quorum cosigned; the others are reported."""
    if not notes:
        report.add(None, "no witnessed checkpoint given: nothing shows what the witnesses saw")
    found = []
    for i, note in enumerate(notes, start=1):
        try:
            checkpoint = Checkpoint.parse_body(split_note(note)[0])
            names = check_quorum(note, witnesses, quorum)
        except CheckpointError as e:
            report.add(None, f"witnessed checkpoint {i} does not count as published: {e}")
            continue
        report.notes.append(
            f"witnessed checkpoint {i} (size {checkpoint.size}) cosigned by {', '.join(names)}"
        )
        found.append(checkpoint)
    return found


def check_extends(conn: Connection, witnessed: Sequence[Checkpoint], report: Report) -> None:
    """Name how the database fails to extend the largest witnessed checkpoint, if it does."""
    if not witnessed:
        return
    latest = max(witnessed, key=lambda c: c.size)
    size, own = report.tree_size, report.latest_checkpoint_size or 0
    if size < latest.size:
        gone = (size, latest.size - 1)
        if own > size:
            report.add(gone, f"TRUNCATION: records the witnesses cosigned at size {latest.size} are gone")
        else:
            report.add(
                gone,
                f"ROLLBACK: the database is back at size {size}; the witnesses cosigned size {latest.size}",
            )
        return
    try:
        root = tree_store.root(conn, latest.size)
    except tree_store.MissingNodeError as e:
        report.add(None, f"REWRITE: the stored tree cannot show the witnessed size {latest.size}: {e}")
        return
    if root != latest.root:
        report.add(
            (0, latest.size - 1),
            f"REWRITE: the records produce another root than the witnesses cosigned at size {latest.size}",
        )


def note_unfinished(conn: Connection, report: Report) -> None:
    """Forward records whose request has no completion record."""
    records = tree_store.RECORDS
    completion = records.alias("completion")
    rows = conn.execute(
        select(records.c.seq)
        .outerjoin(
            completion,
            and_(completion.c.request_id == records.c.request_id, completion.c.kind == "completion"),
        )
        .where(records.c.kind == "forward", completion.c.seq.is_(None))
        .order_by(records.c.seq)
    ).all()
    if rows:
        seqs = ", ".join(str(r.seq) for r in rows[:SHOWN]) + (", ..." if len(rows) > SHOWN else "")
        report.notes.append(
            f"{len(rows)} forward records have no completion record (in flight, interrupted, or the"
            f" completion was deleted): seq {seqs}"
        )
