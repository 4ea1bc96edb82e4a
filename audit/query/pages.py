"""Records a page at a time, newest first, and one record by its sequence number.

Pages are keyset paginated on the sequence number; the cursor is that number, so a forged cursor
moves within the caller's scope, never out of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from audit.query.filters import QueryError, RecordFilter
from audit.query.scope import AccessScope
from audit.record_fields import FIELD_NAMES
from audit.tree_store import RECORDS

MAX_PAGE = 500


@dataclass(frozen=True)
class RecordView:
    """A record as people read it: the queryable columns and the signed document itself."""

    seq: int
    recorded_at: datetime
    kind: str
    columns: dict[str, Any]
    document: dict[str, Any]
    canonical: bytes
    leaf_hash: bytes


# The fields a view keeps in ``columns``: all but the three it holds itself.
COLUMN_NAMES = tuple(name for name in FIELD_NAMES if name not in ("seq", "recorded_at", "kind"))


def _view(row: Any) -> RecordView:
    data = bytes(row.canonical)
    return RecordView(
        seq=row.seq,
        recorded_at=row.recorded_at,
        kind=row.kind,
        columns={name: getattr(row, name) for name in COLUMN_NAMES},
        document=json.loads(data),
        canonical=data,
        leaf_hash=bytes(row.leaf_hash),
    )


@dataclass(frozen=True)
class Page:
    records: list[RecordView]
    next_cursor: str | None


# A cursor is the sequence number the next page starts below, in decimal.
CURSOR_PATTERN = "^[0-9]{1,18}$"


def encode_cursor(seq: int) -> str:
    return str(seq)


def decode_cursor(cursor: str) -> int:
    if not re.fullmatch(CURSOR_PATTERN, cursor):
        raise QueryError("the cursor is not one this API handed out")
    return int(cursor)


def search(
    conn: Connection, scope: AccessScope, flt: RecordFilter, cursor: str | None = None, limit: int = 50
) -> Page:
    """One page of matching records, newest first."""
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}")
    query = select(RECORDS).where(scope.condition(), flt.condition())
    if cursor is not None:
        query = query.where(RECORDS.c.seq < decode_cursor(cursor))
    rows = list(conn.execute(query.order_by(RECORDS.c.seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    views = [_view(r) for r in rows[:limit]]
    return Page(views, encode_cursor(views[-1].seq) if more and views else None)


def iter_matching(
    conn: Connection, scope: AccessScope, flt: RecordFilter, chunk: int = 2000
) -> Iterator[RecordView]:
    """Every matching record in sequence order (exports, reports)."""
    after = -1
    while True:
        rows = list(
            conn.execute(
                select(RECORDS)
                .where(scope.condition(), flt.condition(), RECORDS.c.seq > after)
                .order_by(RECORDS.c.seq)
                .limit(chunk)
            )
        )
        if not rows:
            return
        for r in rows:
            yield _view(r)
        after = rows[-1].seq


def get_record(conn: Connection, scope: AccessScope, seq: int) -> RecordView | None:
    """The record ``seq`` if it exists inside ``scope``; None otherwise (the two look alike)."""
    row = conn.execute(select(RECORDS).where(RECORDS.c.seq == seq, scope.condition())).first()
    return _view(row) if row else None
