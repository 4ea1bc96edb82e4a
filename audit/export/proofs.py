"""The bundle's evidence: the range proof, inclusion and consistency proofs, checkpoints, keys."""

from __future__ import annotations

import itertools
import json
from typing import Any

from sqlalchemy import Connection, select

from audit import entries, merkle, tree_store
from audit.checkpoint import Checkpoint, split_note
from audit.query.pages import RecordView
from audit.records import CheckpointRow
from audit.tree_store import CHECKPOINTS, RECORDS


def checkpoints(
    conn: Connection, lo: int | None, hi: int | None, anchor: CheckpointRow
) -> list[CheckpointRow]:
    """The last checkpoint before the range, the first covering it, and the latest, by size."""
    picked = {anchor.size: anchor}
    if lo is not None and hi is not None:
        before = conn.execute(
            select(CHECKPOINTS)
            .where(CHECKPOINTS.c.size <= lo, CHECKPOINTS.c.size > 0)
            .order_by(CHECKPOINTS.c.size.desc(), CHECKPOINTS.c.id.desc())
            .limit(1)
        ).first()
        covering = conn.execute(
            select(CHECKPOINTS)
            .where(CHECKPOINTS.c.size > hi, CHECKPOINTS.c.size <= anchor.size)
            .order_by(CHECKPOINTS.c.size, CHECKPOINTS.c.id)
            .limit(1)
        ).first()
        for row in (before, covering):
            if row is not None:
                cp = CheckpointRow.model_validate(row._mapping)
                picked.setdefault(cp.size, cp)
    return [picked[s] for s in sorted(picked)]


def range_proof(conn: Connection, lo: int | None, hi: int | None, size: int) -> dict[str, Any]:
    """The stored hashes left and right of [lo, hi] that, with its leaves, give the root at ``size``."""
    if lo is None or hi is None:
        return {"tree_size": size, "first_seq": None, "last_seq": None, "left": [], "right": []}
    left = tree_store.compact_range(conn, lo).hashes
    rh = tree_store.range_hash(conn)
    right = []
    p = hi + 1
    while p < size:
        level = (p & -p).bit_length() - 1 if p else size.bit_length()
        while p + (1 << level) > size:
            level -= 1
        right.append({"start": p, "level": level, "hash": rh(p, p + (1 << level)).hex()})
        p += 1 << level
    return {
        "tree_size": size,
        "first_seq": lo,
        "last_seq": hi,
        "left": [h.hex() for h in left],
        "right": right,
    }


def inclusion_lines(records: list[RecordView], size: int, rh: merkle.RangeHash) -> bytes:
    """proofs/inclusion.jsonl: each record's path to the root at ``size``."""
    return "".join(
        json.dumps(
            {
                "seq": r.seq,
                "tree_size": size,
                "path": [h.hex() for h in merkle.inclusion_proof(r.seq, size, rh)],
            }
        )
        + "\n"
        for r in records
    ).encode()


def consistency_lines(picked: list[CheckpointRow], rh: merkle.RangeHash) -> bytes:
    """proofs/consistency.jsonl: each checkpoint proven consistent with the next larger one."""
    lines = []
    for a, b in itertools.pairwise(picked):
        path = merkle.consistency_proof(a.size, b.size, rh)
        lines.append({"from_size": a.size, "to_size": b.size, "path": [h.hex() for h in path]})
    return "".join(json.dumps(c) + "\n" for c in lines).encode()


def announced_keys(conn: Connection) -> list[str]:
    """Every key the log announced in a key_rotation record: checkpoints before a rotation need theirs.

    These are copies for convenience; a regulator verifies with keys obtained out of band."""
    found = conn.execute(select(RECORDS.c.canonical).where(RECORDS.c.kind == "key_rotation"))
    keys = []
    for (data,) in found:
        vkey = json.loads(data).get("detail", {}).get("vkey")
        if isinstance(vkey, str) and vkey.count("+") >= 2:
            keys.append(vkey)
    return keys


def rotation_lines(conn: Connection, size: int, rh: merkle.RangeHash) -> bytes:
    """proofs/rotations.jsonl: every key record the tree of ``size`` holds (key rotations, and the
    announcements of a first key), each with its inclusion proof, so the verifier knows which key
    may sign which checkpoint, and that no withheld entry is a rotation left out."""
    lines = []
    found = conn.execute(
        select(RECORDS.c.seq, RECORDS.c.canonical)
        .where(RECORDS.c.kind == "key_rotation", RECORDS.c.seq < size)
        .order_by(RECORDS.c.seq)
    )
    for seq, data in found:
        path = merkle.inclusion_proof(seq, size, rh)
        record = bytes(data).decode()
        lines.append({"seq": seq, "tree_size": size, "record": record, "path": [h.hex() for h in path]})
    return "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines).encode()


def entry_format_proof(conn: Connection, switch: int, size: int, rh: merkle.RangeHash) -> bytes | None:
    """proofs/entry-format.json: the announcement at ``switch`` (from which entries are format 2)
    with its inclusion proof in the tree of ``size``; None when the tree holds none (a trail begun
    in format 2)."""
    if switch >= size:
        return None
    data = conn.execute(
        select(RECORDS.c.canonical).where(RECORDS.c.seq == switch, RECORDS.c.kind == entries.ANNOUNCEMENT)
    ).scalar()
    if data is None:
        return None
    path = merkle.inclusion_proof(switch, size, rh)
    line = {"seq": switch, "tree_size": size, "record": bytes(data).decode(), "path": [h.hex() for h in path]}
    return (json.dumps(line, sort_keys=True) + "\n").encode()


def add_witnessed(files: dict[str, bytes], conn: Connection, note: str, anchor_size: int) -> None:
    """The latest checkpoint the witnesses cosigned, and the proof that the anchor extends it."""
    size = Checkpoint.parse_body(split_note(note)[0]).size
    files["checkpoints/witnessed.note"] = note.encode()
    if size > anchor_size:
        return  # the log is behind what its witnesses saw: the verifier names it from the note alone
    path = merkle.consistency_proof(size, anchor_size, tree_store.range_hash(conn))
    files["proofs/witnessed-consistency.json"] = (
        json.dumps({"from_size": size, "to_size": anchor_size, "path": [h.hex() for h in path]}) + "\n"
    ).encode()


def range_hash_for(conn: Connection, lo: int | None, hi: int | None) -> merkle.RangeHash:
    """The stored tree's ``RangeHash``, with every hash inside [lo, hi] read in two queries up front.

    Proofs for a range of records share most of their nodes: read once, an export of a million
    records costs two queries for the range, and a few per proof for the nodes around it.
    """
    found: dict[tuple[int, int], bytes] = {}
    if lo is not None and hi is not None:
        leaves = select(RECORDS.c.seq, RECORDS.c.leaf_hash).where(RECORDS.c.seq.between(lo, hi))
        found.update({(0, seq): bytes(h) for seq, h in conn.execute(leaves)})
        nodes = tree_store.NODES
        start = nodes.c.idx.op("<<")(nodes.c.level)
        end = (nodes.c.idx + 1).op("<<")(nodes.c.level)
        inside = select(nodes.c.level, nodes.c.idx, nodes.c.hash).where(start >= lo, end <= hi + 1)
        found.update({(level, idx): bytes(h) for level, idx, h in conn.execute(inside)})

    def perfect(level: int, idx: int) -> bytes:
        h = found.get((level, idx))
        if h is None:
            h = found[(level, idx)] = tree_store.perfect_hash(conn, level, idx)
        return h

    return merkle.range_hash_from_perfect(perfect)
