"""The same queries, proofs, tokens and exports on PostgreSQL as on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from audit import bundle_verify
from audit.checkpoint import NoteVerifier
from audit.database import open_database
from audit.export.bundle import build_bundle
from audit.export.request import ExportRequest
from audit.processing_report import processing_report
from audit.query.counts import daily_counts
from audit.query.filters import RecordFilter
from audit.query.integrity import record_with_proof, trail_status
from audit.query.pages import search
from audit.query.scope import ADMIN_SCOPE, AccessScope, Role
from gateway.compliance.tokens import TokenRejected, TokenStore
from tests.audit.conftest import _dsn_to_url
from tests.compliance.trail import SIGNER, build_trail
from tests.support.system import fresh_postgres_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_trail(tmp_path_factory):
    with fresh_postgres_database() as dsn:
        yield build_trail(tmp_path_factory.mktemp("pg"), _dsn_to_url(dsn))


@pytest.fixture(scope="module")
def both(pg_trail, tmp_path_factory):
    """The same trail on both backends (same seed, same times)."""
    sqlite = build_trail(tmp_path_factory.mktemp("sqlite"))
    return {"sqlite": sqlite, "postgresql": pg_trail}


def run(trail, fn, *args):
    db = open_database(trail.url, writer=False)
    try:
        with db.engine.connect() as conn:
            return fn(conn, *args)
    finally:
        db.dispose()


def test_filters_pages_and_counts_agree_with_sqlite(both):
    scope = AccessScope(Role.OFFICER, tenants=("acme",))
    flt = RecordFilter(category="special", since=datetime(2026, 11, 3, tzinfo=UTC))
    pages = {k: run(t, search, scope, flt, None, 500) for k, t in both.items()}
    assert [r.seq for r in pages["postgresql"].records] == [r.seq for r in pages["sqlite"].records]
    assert pages["postgresql"].records
    counts = {k: run(t, daily_counts, ADMIN_SCOPE, RecordFilter()) for k, t in both.items()}
    assert counts["postgresql"] == counts["sqlite"]
    assert {c.day.isoformat() for c in counts["postgresql"]} >= {"2026-11-01", "2026-11-10"}


def test_proof_status_and_processing_report(pg_trail):
    trusted = [NoteVerifier.from_vkey(SIGNER.vkey())]
    proven = run(pg_trail, record_with_proof, ADMIN_SCOPE, 10, trusted)
    assert proven is not None and proven.verified, proven and proven.problem
    assert run(pg_trail, trail_status, trusted).ok
    report = run(pg_trail, processing_report, ADMIN_SCOPE, "acme", None, None)
    assert report.requests["forwarded"] > 0 and report.transfers


def test_export_verifies(pg_trail):
    db = open_database(pg_trail.url, writer=False)
    try:
        since, until = datetime(2026, 11, 3, tzinfo=UTC), datetime(2026, 11, 6, tzinfo=UTC)
        bundle = build_bundle(
            db, ADMIN_SCOPE, ExportRequest(since, until, tenant="globex"), [pg_trail.vkey], signer=SIGNER
        )
    finally:
        db.dispose()
    report = bundle_verify.verify_bundle(bundle.files, bundle_verify.PublicKey.parse(SIGNER.vkey()))
    assert report.ok, report.render()


def test_tokens(pg_trail):
    db = open_database(pg_trail.url)
    try:
        store = TokenStore(db)
        store.ensure_schema()
        token, info = store.create(AccessScope(Role.OFFICER, tenants=("acme",)))
        assert store.authenticate(token).scope.tenants == ("acme",)
        store.revoke(info.token_id)
        with pytest.raises(TokenRejected):
            store.authenticate(token)
    finally:
        db.dispose()
