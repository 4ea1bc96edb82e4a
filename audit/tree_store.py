"""Reading the stored tree: its size, any subtree hash, proofs, in O(log n) hashes read in two queries.

Leaf hashes are read from ``audit_records``; every complete subtree above them from
``audit_tree_nodes``. Nothing here writes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Select, and_, bindparam, func, or_, select

from audit import merkle
from audit.records import AuditRecord, CheckpointRow, TreeHead, TreeNode

RECORDS = AuditRecord.__table__  # type: ignore[attr-defined]
NODES = TreeNode.__table__  # type: ignore[attr-defined]
HEADS = TreeHead.__table__  # type: ignore[attr-defined]
CHECKPOINTS = CheckpointRow.__table__  # type: ignore[attr-defined]
T = TypeVar("T")


class MissingNodeError(LookupError):
    """A hash the tree needs is not stored: the log was cut or its tree tables were altered."""


def tree_size(conn: Connection) -> int:
    """The size the last committed batch reached (its tree head), 0 for an empty log."""
    size = conn.execute(select(func.max(HEADS.c.size))).scalar()
    return int(size or 0)


def head_root(conn: Connection, size: int) -> bytes | None:
    return conn.execute(select(HEADS.c.root).where(HEADS.c.size == size)).scalar()


def perfect_hash(conn: Connection, level: int, idx: int) -> bytes:
    if level == 0:
        found = conn.execute(select(RECORDS.c.leaf_hash).where(RECORDS.c.seq == idx)).scalar()
    else:
        found = conn.execute(select(NODES.c.hash).where(NODES.c.level == level, NODES.c.idx == idx)).scalar()
    if found is None:
        raise MissingNodeError(f"no stored hash for level {level} index {idx}")
    return bytes(found)


def range_hash(conn: Connection) -> merkle.RangeHash:
    return merkle.range_hash_from_perfect(lambda level, idx: perfect_hash(conn, level, idx))


def root(conn: Connection, size: int) -> bytes:
    return _prefetched(conn, lambda rh: rh(0, size)) if size else merkle.EMPTY_ROOT


def compact_range(conn: Connection, size: int) -> merkle.CompactRange:
    """The frontier a writer continues from: O(log n) stored hashes, read in at most two queries."""
    positions = merkle.CompactRange.frontier(size)
    found = _hashes(conn, positions)
    return merkle.CompactRange(size, [found[p] for p in positions])


def inclusion_proof(conn: Connection, seq: int, size: int) -> list[bytes]:
    return _prefetched(conn, lambda rh: merkle.inclusion_proof(seq, size, rh))


def consistency_proof(conn: Connection, size1: int, size2: int) -> list[bytes]:
    return _prefetched(conn, lambda rh: merkle.consistency_proof(size1, size2, rh))


def _prefetched(conn: Connection, compute: Callable[[merkle.RangeHash], T]) -> T:
    """``compute`` over the stored tree, its hashes read in two queries rather than one each.

    Which complete subtrees a proof or root needs depends on sizes alone, never on hash values: a
    first pass over placeholder hashes names them, the second computes over the stored ones. (Signing
    a checkpoint proves consistency twice; one query per hash kept the writer from appending for
    several milliseconds each time.)
    """
    wanted: list[tuple[int, int]] = []

    def note(level: int, idx: int) -> bytes:
        wanted.append((level, idx))
        return _PLACEHOLDER

    compute(merkle.range_hash_from_perfect(note))
    found = _hashes(conn, wanted)
    return compute(merkle.range_hash_from_perfect(lambda level, idx: found[(level, idx)]))


_PLACEHOLDER = bytes(32)


def _hashes(conn: Connection, positions: list[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    """The stored hash of each complete subtree at ``positions`` (level, index); ``MissingNodeError``
    names the first one not stored."""
    found: dict[tuple[int, int], bytes] = {}
    leaves = [idx for level, idx in positions if level == 0]
    if leaves:
        rows = conn.execute(select(RECORDS.c.seq, RECORDS.c.leaf_hash).where(RECORDS.c.seq.in_(leaves)))
        found.update({(0, seq): bytes(h) for seq, h in rows})
    interior = [(level, idx) for level, idx in positions if level > 0]
    if interior:
        params = {
            f"{axis}{k}": v for k, pair in enumerate(interior) for axis, v in zip("li", pair, strict=True)
        }
        rows = conn.execute(_nodes_by_key(len(interior)), params)
        found.update({(level, idx): bytes(h) for level, idx, h in rows})
    missing = [p for p in positions if p not in found]
    if missing:
        level, idx = missing[0]
        raise MissingNodeError(f"no stored hash for level {level} index {idx}")
    return found


@functools.lru_cache(maxsize=256)
def _nodes_by_key(pairs: int) -> Select[tuple[int, int, bytes]]:
    """``(level = :l0 AND idx = :i0) OR ...``: SQLite looks each pair up by the primary key, where a
    row-value IN scanned the whole table (4 ms at 20,000 nodes, growing with the log; a writer
    continuing another process's tree paid it every batch). One statement per count, built once."""
    keys = [
        and_(NODES.c.level == bindparam(f"l{k}"), NODES.c.idx == bindparam(f"i{k}")) for k in range(pairs)
    ]
    return select(NODES.c.level, NODES.c.idx, NODES.c.hash).where(or_(*keys))


def latest_checkpoint(conn: Connection) -> CheckpointRow | None:
    row = conn.execute(
        select(CHECKPOINTS).order_by(CHECKPOINTS.c.size.desc(), CHECKPOINTS.c.id.desc()).limit(1)
    ).first()
    return CheckpointRow.model_validate(row._mapping) if row else None
