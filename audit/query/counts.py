"""Requests per UTC day, jurisdiction and data category, by what they were answered; past days kept.

A request's answer is one of four classes, told apart by the records it left:

- ``forwarded``: a forward record (one per attempt at a node);
- ``refused``: the policy said no (a denial answered 451; denials recorded before the status was,
  which say no more than that the policy allowed no node, count here too);
- ``unavailable``: answered 503 or as a node failure: the policy would allow a node that was down
  (a denial answered 503), classification or the policy engine failed, or an attempt failed at the
  node (a completion with a 5xx status, one per failed attempt, failover or not);
- ``client_error``: the node refused the request's values (a completion with a 4xx status).

Requests refused before any decision (a bad key or body) and requests shed under load leave no
record, so no class counts them; the metrics do.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, get_args

from cachetools import LRUCache
from sqlalchemy import ColumnElement, Connection, and_, case, func, literal_column, select

from audit.query.filters import RecordFilter
from audit.query.scope import AccessScope
from audit.tree_store import RECORDS

CountedKind = Literal["forward", "denial", "engine_failure", "completion"]
COUNTED_KINDS: tuple[str, ...] = get_args(CountedKind)
Answer = Literal["forwarded", "refused", "unavailable", "client_error"]
ANSWERS: tuple[str, ...] = get_args(Answer)
CLIENT_GONE = 499  # a completion whose client left: neither the node's failure nor the client's error


@dataclass(frozen=True)
class CountRow:
    day: date
    jurisdiction: str | None
    category: str | None
    kind: CountedKind
    answer: Answer
    count: int


def daily_counts(conn: Connection, scope: AccessScope, flt: RecordFilter) -> list[CountRow]:
    """Requests by UTC day x jurisdiction x data category x record kind x answer."""
    kind, status = RECORDS.c.kind, RECORDS.c.status
    # Constants inline, not bound: PostgreSQL matches a grouped expression to the selected one
    # by its text, and each bound parameter would get a name of its own.
    # Forwards and engine failures are answered by their kind alone: counted from the covering
    # time index without reading a row. Denials and completions need their status.
    by_kind = case((kind == _sql("'forward'"), _sql("'forwarded'")), else_=_sql("'unavailable'"))
    by_status = case(
        (and_(kind == _sql("'denial'"), status == _sql("503")), _sql("'unavailable'")),
        (kind == _sql("'denial'"), _sql("'refused'")),
        (status >= _sql("500"), _sql("'unavailable'")),
        else_=_sql("'client_error'"),
    )
    # Failed attempts are few among completions: a two-sided range on status lets the planner read
    # them from the (kind, status, recorded_at) index instead of every completion's row.
    failed_attempt = and_(kind == "completion", status.between(400, 599), status != CLIENT_GONE)
    rows = _grouped(conn, scope, flt, kind.in_(("forward", "engine_failure")), by_kind)
    rows += _grouped(conn, scope, flt, kind == "denial", by_status)
    rows += _grouped(conn, scope, flt, failed_attempt, by_status)
    return sorted(rows, key=_order)


def _grouped(
    conn: Connection,
    scope: AccessScope,
    flt: RecordFilter,
    which: ColumnElement[bool],
    answer: ColumnElement[Any],
) -> list[CountRow]:
    day, c = _day_expr(conn), RECORDS.c
    groups = (day, c.jurisdiction, c.category, c.kind, answer)
    query = select(*groups, func.count()).where(scope.condition(), flt.condition(), which).group_by(*groups)
    return [
        CountRow(_as_date(d), jurisdiction, category, k, a, int(n))
        for d, jurisdiction, category, k, a, n in conn.execute(query)
    ]


def _sql(constant: str) -> ColumnElement[Any]:
    return literal_column(constant)


def _order(r: CountRow) -> tuple[Any, ...]:
    """Day, then jurisdiction and category with none first, then kind and answer."""
    return (
        r.day,
        r.jurisdiction is not None,
        r.jurisdiction or "",
        r.category is not None,
        r.category or "",
        r.kind,
        r.answer,
    )


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
