"""Query details a dashboard relies on: counts of closed days are kept, today's are counted afresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from audit import canonical
from audit.database import open_database
from audit.query.counts import DailyCountCache, daily_counts
from audit.query.filters import RecordFilter
from audit.query.scope import ADMIN_SCOPE
from audit.writer import LogWriter, PendingRecord
from domain.classification import Category
from domain.events import DecisionRef, DenialEvent
from tests.compliance.trail import build_trail, request, summary


def test_cached_counts_equal_fresh_counts_wherever_today_falls(tmp_path):
    trail = build_trail(tmp_path)
    db = open_database(trail.url, writer=False)
    flt = RecordFilter(since=datetime(2026, 11, 1, tzinfo=UTC), until=datetime(2026, 11, 12, tzinfo=UTC))
    try:
        with db.engine.connect() as conn:
            fresh = daily_counts(conn, ADMIN_SCOPE, flt)
            cache = DailyCountCache()
            for day in (1, 4, 10, 11, 12, 20):
                now = datetime(2026, 11, day, 12, tzinfo=UTC)
                assert cache.counts(conn, ADMIN_SCOPE, flt, now) == fresh
                assert cache.counts(conn, ADMIN_SCOPE, flt, now) == fresh  # from the cache
    finally:
        db.dispose()


def test_records_of_today_are_counted_as_they_arrive(tmp_path):
    trail = build_trail(tmp_path, requests=20)
    now = datetime(2026, 11, 5, 12, tzinfo=UTC)
    flt = RecordFilter(since=datetime(2026, 11, 1, tzinfo=UTC), until=datetime(2026, 11, 6, tzinfo=UTC))
    cache = DailyCountCache()
    reader = open_database(trail.url, writer=False)
    writer = open_database(trail.url)
    try:
        with reader.engine.connect() as conn:
            before = cache.counts(conn, ADMIN_SCOPE, flt, now)
        denial = DenialEvent(
            request=request(999, "acme", "support"),
            classification=summary(Category.SPECIAL),
            decision=DecisionRef(decision_id="late", allow=False, revision="rev-1", engine="embedded"),
        )
        LogWriter(writer).append_batch(
            [PendingRecord(now - timedelta(hours=1), canonical.event_body(denial, "a"))]
        )
        with reader.engine.connect() as conn:
            after = cache.counts(conn, ADMIN_SCOPE, flt, now)
    finally:
        reader.dispose()
        writer.dispose()
    today = [
        r
        for r in after
        if r.day.isoformat() == "2026-11-05" and r.kind == "denial" and r.category == "special"
    ]
    earlier = [
        r
        for r in before
        if r.day.isoformat() == "2026-11-05" and r.kind == "denial" and r.category == "special"
    ]
    assert sum(r.count for r in today) == sum(r.count for r in earlier) + 1
    assert [r for r in after if r.day.isoformat() < "2026-11-05"] == [
        r for r in before if r.day.isoformat() < "2026-11-05"
    ]
