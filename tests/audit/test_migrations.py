"""Migrating a trail written by an earlier release: its records stay, appends continue, reads work."""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect

import audit.migrations
from audit.checkpoint import NoteSigner
from audit.database import open_database
from audit.migrations import REDUNDANT_INDEXES, current_version, migrate
from audit.query.counts import daily_counts
from audit.query.filters import RecordFilter
from audit.query.pages import search
from audit.query.scope import ADMIN_SCOPE
from audit.store import open_audit_log
from audit.verify import verify_log
from tests.audit.conftest import audit_config, forward

SIGNER = NoteSigner.from_seed("migration.test/audit", bytes(range(32)))


def _indexes(url: str) -> set[str]:
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            return {ix["name"] for ix in inspect(conn).get_indexes("audit_records")}
    finally:
        db.dispose()


def _version_3_trail(url: str, monkeypatch) -> None:
    """The schema as the release before migration 4 left it, the indexes it dropped included."""
    db = open_database(url)
    try:
        with monkeypatch.context() as m:
            m.setattr(audit.migrations, "MIGRATIONS", audit.migrations.MIGRATIONS[:3])
            m.setattr(audit.migrations, "LATEST", 3)
            assert migrate(db) == [1, 2, 3]
        with db.engine.begin() as conn:  # what that release's table definition created
            for name, columns in (("recorded_at", "recorded_at"), ("kind_time", "kind, recorded_at")):
                conn.exec_driver_sql(f"CREATE INDEX ix_audit_records_{name} ON audit_records ({columns})")
    finally:
        db.dispose()


def test_a_trail_of_the_earlier_schema_is_upgraded_and_keeps_its_records(tmp_path, database_url, monkeypatch):
    _version_3_trail(database_url, monkeypatch)
    config = audit_config(tmp_path, database_url, signing_key=SIGNER.private_text())

    async def append(first: int, count: int, *, run_migrations: bool) -> None:
        store = await open_audit_log(config, run_migrations=run_migrations)
        await asyncio.gather(*(store.append(forward(n)) for n in range(first, first + count)))
        await store.aclose()

    asyncio.run(append(0, 10, run_migrations=False))  # written by the earlier schema
    assert set(REDUNDANT_INDEXES) <= _indexes(database_url)

    asyncio.run(append(10, 10, run_migrations=True))  # start-up migrates, then appends continue

    assert not set(REDUNDANT_INDEXES) & _indexes(database_url)
    assert {"ix_audit_records_time_cover", "ix_audit_records_kind_status_time"} <= _indexes(database_url)
    db = open_database(database_url)
    try:
        assert current_version(db) == 4
        assert migrate(db) == []
        with db.engine.connect() as conn:
            page = search(conn, ADMIN_SCOPE, RecordFilter(kind="forward"), limit=100)
            counts = daily_counts(conn, ADMIN_SCOPE, RecordFilter())
    finally:
        db.dispose()
    assert [r.seq for r in page.records] == list(range(20, 0, -1))  # seq 0 announces the key
    assert sum(c.count for c in counts if c.kind == "forward") == 20
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok, report.problems
    assert report.tree_size == 21


def test_a_new_trail_never_has_the_dropped_indexes(database_url):
    db = open_database(database_url)
    try:
        assert migrate(db) == [1, 2, 3, 4]
    finally:
        db.dispose()
    assert not set(REDUNDANT_INDEXES) & _indexes(database_url)
    assert "ix_audit_records_tenant_time" in _indexes(database_url)
