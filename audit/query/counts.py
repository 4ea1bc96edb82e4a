"""Requests forwarded, denied and failed per UTC day, jurisdiction and data category; past days kept."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, get_args

from cachetools import LRUCache
from sqlalchemy import ColumnElement, Connection, func, select

from audit.query.filters import RecordFilter
from audit.query.scope import AccessScope
from audit.tree_store import RECORDS

CountedKind = Literal["forward", "denial", "engine_failure"]
COUNTED_KINDS: tuple[str, ...] = get_args(CountedKind)


@dataclass(frozen=True)
class CountRow:
    day: date
    jurisdiction: str | None
    category: str | None
    kind: CountedKind
    count: int


def daily_counts(conn: Connection, scope: AccessScope, flt: RecordFilter) -> list[CountRow]:
    """Requests forwarded, denied and failed, by UTC day x jurisdiction x data category."""
    day = _day_expr(conn)
    query = (
        select(day.label("day"), RECORDS.c.jurisdiction, RECORDS.c.category, RECORDS.c.kind, func.count())
        .where(scope.condition(), flt.condition(), RECORDS.c.kind.in_(COUNTED_KINDS))
        .group_by(day, RECORDS.c.jurisdiction, RECORDS.c.category, RECORDS.c.kind)
        .order_by(day, RECORDS.c.jurisdiction.nulls_first(), RECORDS.c.category.nulls_first(), RECORDS.c.kind)
    )
    out = []
    for d, jurisdiction, category, kind, count in conn.execute(query):
        out.append(CountRow(_as_date(d), jurisdiction, category, kind, int(count)))
    return out


class DailyCountCache:
    """Counts of days that are over, kept: the dashboard then only counts today afresh.

    A day's counts never change once it is over: the log is append-only and every record is stamped
    with the time it was appended. ``GRACE`` covers clocks of several gateway replicas drifting
    apart; a day is treated as over only that long after its end.
    """

    GRACE = timedelta(minutes=5)

    def __init__(self, max_entries: int = 256) -> None:
        self._closed_days: LRUCache[tuple[AccessScope, RecordFilter], list[CountRow]] = LRUCache(max_entries)
        self._lock = threading.Lock()  # dashboards are counted on several worker threads

    def counts(
        self, conn: Connection, scope: AccessScope, flt: RecordFilter, now: datetime | None = None
    ) -> list[CountRow]:
        if flt.since is None or flt.until is None:
            return daily_counts(conn, scope, flt)
        now = now or datetime.now(UTC)
        closed = datetime.combine((now - self.GRACE).date(), time(), UTC)
        split = min(max(flt.since, closed), flt.until)
        rows: list[CountRow] = []
        if flt.since < split:
            key = (scope, flt.between(flt.since, split))
            with self._lock:
                found = self._closed_days.get(key)
            if found is None:
                found = daily_counts(conn, scope, key[1])
                with self._lock:
                    self._closed_days[key] = found
            rows += found
        if split < flt.until:
            rows += daily_counts(conn, scope, flt.between(split, flt.until))
        return rows


def _day_expr(conn: Connection) -> ColumnElement[Any]:
    if conn.dialect.name == "postgresql":
        return func.date(func.timezone("UTC", RECORDS.c.recorded_at))
    return func.substr(RECORDS.c.recorded_at, 1, 10)  # SQLite stores UTC text, 'YYYY-MM-DD ...'


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
