"""Reading the trail for people: filtered pages, daily counts, one record with its proof.

Every function takes an ``AccessScope`` and applies it in SQL, beside the caller's filters, so no
query path can read outside it: an officer sees the records of their tenants, a regulator those
served in their jurisdictions within their time range, an admin everything. Pages are keyset
paginated on the sequence number (newest first); the cursor is opaque to clients but carries only
that number, so a forged cursor moves within the scope, never out of it.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, false, func, select, true

from audit import merkle, tree_store
from audit.checkpoint import CheckpointError, NoteVerifier
from audit.records import CheckpointRow

RECORDS = tree_store.RECORDS
MAX_PAGE = 500


class QueryError(ValueError):
    """A filter or cursor the trail cannot answer; the message says which."""


class Role(StrEnum):
    OFFICER = "officer"  # scoped to tenants
    REGULATOR = "regulator"  # scoped to jurisdictions and a time range
    ADMIN = "admin"


@dataclass(frozen=True)
class AccessScope:
    role: Role
    tenants: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    since: datetime | None = None  # regulators: records recorded at or after
    until: datetime | None = None  # regulators: records recorded before

    def condition(self) -> ColumnElement[bool]:
        if self.role is Role.ADMIN:
            return true()
        if self.role is Role.OFFICER:
            return RECORDS.c.tenant.in_(self.tenants) if self.tenants else false()
        parts = [RECORDS.c.jurisdiction.in_(self.jurisdictions) if self.jurisdictions else false()]
        if self.since is not None:
            parts.append(RECORDS.c.recorded_at >= self.since)
        if self.until is not None:
            parts.append(RECORDS.c.recorded_at < self.until)
        return and_(*parts)

    def allows_tenant(self, tenant: str) -> bool:
        return self.role is not Role.OFFICER or tenant in self.tenants

    def allows_jurisdiction(self, jurisdiction: str) -> bool:
        return self.role is not Role.REGULATOR or jurisdiction in self.jurisdictions

    def describe(self) -> str:
        if self.role is Role.OFFICER:
            return "tenants " + ", ".join(self.tenants)
        if self.role is Role.REGULATOR:
            span = f"{_day(self.since)} to {_day(self.until)}"
            return f"jurisdictions {', '.join(self.jurisdictions)}, records {span}"
        return "the whole trail"


def _day(t: datetime | None) -> str:
    return t.date().isoformat() if t else "any time"


ADMIN_SCOPE = AccessScope(Role.ADMIN)


@dataclass(frozen=True)
class RecordFilter:
    """What a caller asks for. Empty fields do not filter."""

    since: datetime | None = None
    until: datetime | None = None
    tenant: str | None = None
    decision: str | None = None  # "allow" or "deny"
    jurisdiction: str | None = None
    node: str | None = None
    operator: str | None = None
    entity_type: str | None = None
    category: str | None = None
    transfer_basis: str | None = None
    outcome: str | None = None
    kind: str | None = None

    def condition(self) -> ColumnElement[bool]:
        c = RECORDS.c
        parts: list[ColumnElement[bool]] = []
        if self.since is not None:
            parts.append(c.recorded_at >= self.since)
        if self.until is not None:
            parts.append(c.recorded_at < self.until)
        if self.decision is not None:
            if self.decision not in ("allow", "deny"):
                raise QueryError("decision must be 'allow' or 'deny'")
            parts.append(c.decision_allow.is_(self.decision == "allow"))
        if self.entity_type is not None:
            # entity_types is a sorted comma-separated list; match whole names only.
            padded = "," + c.entity_types + ","
            parts.append(padded.contains(f",{self.entity_type},", autoescape=True))
        for name, column in (
            ("tenant", c.tenant),
            ("jurisdiction", c.jurisdiction),
            ("node", c.node_id),
            ("operator", c.operator),
            ("category", c.category),
            ("transfer_basis", c.transfer_basis),
            ("outcome", c.outcome),
            ("kind", c.kind),
        ):
            value = getattr(self, name)
            if value is not None:
                parts.append(column == value)
        return and_(true(), *parts)

    def as_dict(self) -> dict[str, str]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value.isoformat() if isinstance(value, datetime) else str(value)
        return out


FILTER_FIELDS = tuple(f.name for f in fields(RecordFilter))


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

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "recorded_at": _iso(self.recorded_at),
            "kind": self.kind,
            **{k: v for k, v in self.columns.items() if k not in ("seq", "recorded_at", "kind")},
            "leaf_hash": self.leaf_hash.hex(),
            "document": self.document,
        }


COLUMN_NAMES = (
    "tenant",
    "actor",
    "request_id",
    "purpose",
    "route",
    "model",
    "category",
    "entity_types",
    "decision_id",
    "decision_allow",
    "policy_revision",
    "node_id",
    "operator",
    "jurisdiction",
    "transfer_basis",
    "outcome",
    "status",
)


def _iso(t: datetime) -> str:
    t = t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    return t.isoformat().replace("+00:00", "Z")


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


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"before:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise QueryError("the cursor is not one this API handed out") from None
    prefix, _, number = text.partition(":")
    if prefix != "before" or not number.isdigit():
        raise QueryError("the cursor is not one this API handed out")
    return int(number)


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


def iter_matching(conn: Connection, scope: AccessScope, flt: RecordFilter, chunk: int = 2000):  # type: ignore[no-untyped-def]
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


@dataclass(frozen=True)
class CountRow:
    day: date
    jurisdiction: str | None
    category: str | None
    kind: str
    count: int


COUNTED_KINDS = ("forward", "denial", "engine_failure")


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
        self._entries: OrderedDict[tuple[AccessScope, RecordFilter], list[CountRow]] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

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
            key = (scope, replace(flt, until=split))
            with self._lock:
                found = self._entries.get(key)
                if found is not None:
                    self._entries.move_to_end(key)
            if found is None:
                found = daily_counts(conn, scope, key[1])
                with self._lock:
                    self._entries[key] = found
                    while len(self._entries) > self._max:
                        self._entries.popitem(last=False)
            rows += found
        if split < flt.until:
            rows += daily_counts(conn, scope, replace(flt, since=split))
        return rows


def _day_expr(conn: Connection) -> ColumnElement[Any]:
    if conn.dialect.name == "postgresql":
        return func.date(func.timezone("UTC", RECORDS.c.recorded_at))
    return func.substr(RECORDS.c.recorded_at, 1, 10)  # SQLite stores UTC text, 'YYYY-MM-DD ...'


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True)
class SignedCheckpoint:
    row: CheckpointRow
    verified: bool  # signed by one of the trusted keys
    problem: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "size": self.row.size,
            "root": self.row.root.hex(),
            "key_name": self.row.key_name,
            "key_id": self.row.key_id,
            "signed_at": _iso(self.row.signed_at),
            "note": self.row.note,
            "signature_verified": self.verified,
        }


def latest_checkpoint(conn: Connection, trusted: Sequence[NoteVerifier]) -> SignedCheckpoint | None:
    row = tree_store.latest_checkpoint(conn)
    if row is None:
        return None
    return SignedCheckpoint(row, *_check_signature(row, trusted))


def _check_signature(row: CheckpointRow, trusted: Sequence[NoteVerifier]) -> tuple[bool, str | None]:
    for verifier in trusted:
        try:
            cp = verifier.verify(row.note)
        except CheckpointError:
            continue
        if cp.size != row.size or cp.root != bytes(row.root):
            return False, "the stored size or root differs from the signed note"
        return True, None
    return False, "no valid signature by a trusted key"


@dataclass(frozen=True)
class ProvenRecord:
    record: RecordView
    checkpoint: SignedCheckpoint | None
    proof: list[bytes]
    verified: bool  # the proof leads from the record's bytes to the signed root
    problem: str | None = None


def record_with_proof(
    conn: Connection, scope: AccessScope, seq: int, trusted: Sequence[NoteVerifier]
) -> ProvenRecord | None:
    """The record, its inclusion proof against the latest checkpoint, and whether both check out."""
    record = get_record(conn, scope, seq)
    if record is None:
        return None
    checkpoint = latest_checkpoint(conn, trusted)
    if checkpoint is None or checkpoint.row.size <= seq:
        return ProvenRecord(record, checkpoint, [], False, "not yet covered by a signed checkpoint")
    try:
        proof = tree_store.inclusion_proof(conn, seq, checkpoint.row.size)
        leaf = merkle.leaf_hash(record.canonical)
        merkle.verify_inclusion(leaf, seq, checkpoint.row.size, proof, bytes(checkpoint.row.root))
    except (merkle.ProofError, tree_store.MissingNodeError) as e:
        return ProvenRecord(record, checkpoint, [], False, str(e))
    if not checkpoint.verified:
        return ProvenRecord(record, checkpoint, proof, False, checkpoint.problem)
    return ProvenRecord(record, checkpoint, proof, True)


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

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "verified" if self.ok else "failed",
            "tree_size": self.tree_size,
            "checkpoint_size": self.checkpoint_size,
            "checkpoint_signed_at": _iso(self.checkpoint_signed_at) if self.checkpoint_signed_at else None,
            "uncovered_records": self.uncovered_records,
            "checks": self.checks,
            "problems": self.problems,
        }


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
