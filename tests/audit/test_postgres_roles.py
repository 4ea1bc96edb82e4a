"""The shipped PostgreSQL roles: the gateway's writer may append but never change or remove."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from audit.checkpoint import NoteSigner
from audit.database import open_database
from audit.migrations import migrate
from audit.store import open_audit_log
from audit.verify import verify_log
from tests.audit.conftest import audit_config, forward
from tests.support.system import fresh_postgres_database

pytestmark = pytest.mark.postgres
ROLES_SQL = Path(__file__).resolve().parents[2] / "audit/sql/postgres_roles.sql"
SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))


def url(dsn: str, user: str | None = None, password: str | None = None) -> str:
    p = conninfo_to_dict(dsn)
    user, password = user or p["user"], password if user else p.get("password", "")
    return f"postgresql://{user}:{password}@{p['host']}:{p.get('port', 5432)}/{p['dbname']}"


@pytest.fixture
def roles_database():
    """A migrated audit database with the shipped roles applied and two login roles in them."""
    if not shutil.which("psql"):
        pytest.skip("psql is not installed")
    suffix = uuid.uuid4().hex[:8]
    writer, reader = f"gw_{suffix}", f"auditor_{suffix}"
    with fresh_postgres_database() as dsn:
        db = open_database(url(dsn))
        migrate(db)
        db.dispose()
        subprocess.run(["psql", dsn, "-q", "-v", "ON_ERROR_STOP=1", "-f", str(ROLES_SQL)], check=True)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {writer} LOGIN PASSWORD 'w' IN ROLE sovgw_audit_writer")
            conn.execute(f"CREATE ROLE {reader} LOGIN PASSWORD 'r' IN ROLE sovgw_audit_reader")
        try:
            yield dsn, url(dsn, writer, "w"), url(dsn, reader, "r")
        finally:
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"DROP ROLE {writer}")
                conn.execute(f"DROP ROLE {reader}")


def test_the_writer_role_appends_and_signs_but_cannot_update_delete_or_truncate(tmp_path, roles_database):
    _, writer_url, reader_url = roles_database

    async def main():
        store = await open_audit_log(audit_config(tmp_path, writer_url, signing_key=SIGNER.private_text()))
        seqs = [await store.append(forward(i)) for i in range(5)]
        await store.aclose()
        return seqs

    assert asyncio.run(main()) == [1, 2, 3, 4, 5]
    with psycopg.connect(writer_url, autocommit=True) as conn:
        for statement in (
            "UPDATE audit_records SET tenant = 'x' WHERE seq = 1",
            "DELETE FROM audit_records WHERE seq = 1",
            "TRUNCATE audit_records",
            "UPDATE audit_checkpoints SET size = 0",
            "DELETE FROM audit_tree_nodes",
            "ALTER TABLE audit_records DISABLE TRIGGER ALL",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    report = verify_log(reader_url, [SIGNER.vkey()])
    assert report.ok and report.tree_size == 6, report.render()


def test_the_reader_role_cannot_append(roles_database):
    _, _, reader_url = roles_database
    with psycopg.connect(reader_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO audit_tree_heads (size, root, committed_at) VALUES (99, '\\x00', now())")


def test_even_the_owner_cannot_update_or_delete_through_the_triggers(roles_database):
    owner_dsn, _, _ = roles_database
    with psycopg.connect(owner_dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO audit_tree_heads (size, root, committed_at) VALUES (1, '\\x00', now())")
        for statement in ("UPDATE audit_tree_heads SET size = 2", "DELETE FROM audit_tree_heads"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(statement)
