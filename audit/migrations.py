"""Schema migrations for the log, numbered and applied in order, on start-up or by command.

Each migration runs in its own transaction and records its number in ``audit_schema_version``.
Several processes starting at once are serialised (PostgreSQL advisory lock, SQLite write lock), so
a migration runs once. The append-only triggers make UPDATE and DELETE fail for every role; the
PostgreSQL roles in ``audit/sql/postgres_roles.sql`` are the second line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from audit.database import Database
from audit.records import LOG_TABLES, SchemaVersion

MIGRATION_LOCK = 0x736F7667_0001  # advisory lock key: migrations
_VERSION_TABLE = SchemaVersion.__table__  # type: ignore[attr-defined]


class MigrationError(Exception):
    """The schema could not be brought up to date."""


def _v1_tables(conn: Connection, dialect: str) -> None:
    for table in LOG_TABLES:
        table.create(conn, checkfirst=True)
    names = [t.name for t in LOG_TABLES]
    if dialect == "sqlite":
        for name in names:
            for op in ("UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {name}_no_{op.lower()} BEFORE {op} ON {name} "
                    f"BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END"
                )
    else:
        conn.execute(  # text(): it escapes the '%' for the driver
            text(
                "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
            )
        )
        for name in names:
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name}_append_only BEFORE UPDATE OR DELETE ON {name} "
                "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name}_no_truncate BEFORE TRUNCATE ON {name} "
                "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
            )


# Scoped pages (an officer's tenants, a regulator's jurisdictions) walk these in seq order; the
# dashboard's daily counts read the covering time index without touching the rows. Measured over
# one million records by bench/audit_queries.py: the regulator's page on SQLite from 656 to 2 ms.
QUERY_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_audit_records_tenant_seq ON audit_records (tenant, seq)",
    "CREATE INDEX IF NOT EXISTS ix_audit_records_jurisdiction_seq ON audit_records (jurisdiction, seq)",
    "CREATE INDEX IF NOT EXISTS ix_audit_records_time_cover "
    "ON audit_records (recorded_at, kind, jurisdiction, category, tenant)",
)


def _v2_query_indexes(conn: Connection, dialect: str) -> None:
    for statement in QUERY_INDEXES:
        conn.exec_driver_sql(statement)


# The daily counts tell a completion that failed (4xx, 5xx) from one that served: few among many,
# found through this index without reading every completion's row.
ANSWER_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_audit_records_kind_status_time "
    "ON audit_records (kind, status, recorded_at)"
)


def _v3_answer_index(conn: Connection, dialect: str) -> None:
    conn.exec_driver_sql(ANSWER_INDEX)


# Indexes every append paid for and no read needs: (recorded_at) is the first column of the
# covering time index, and (kind, recorded_at) is served by (kind, status, recorded_at) for the
# few kinds looked up alone (key rotations, node identities, denials) and by the covering time
# index for the daily counts. Each index is one more B-tree insert per record on the server.
REDUNDANT_INDEXES = ("ix_audit_records_recorded_at", "ix_audit_records_kind_time")


def _v4_drop_redundant_indexes(conn: Connection, dialect: str) -> None:
    for name in REDUNDANT_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


MIGRATIONS: list[tuple[int, str, Callable[[Connection, str], None]]] = [
    (1, "records, tree nodes, tree heads, checkpoints; append-only triggers", _v1_tables),
    (2, "indexes for scoped pages and daily counts", _v2_query_indexes),
    (3, "index for counting requests by their answer", _v3_answer_index),
    (4, "drop the record indexes no read needs", _v4_drop_redundant_indexes),
]
LATEST = MIGRATIONS[-1][0]


def current_version(db: Database) -> int:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table(_VERSION_TABLE.name):
            return 0
        found = conn.execute(
            select(_VERSION_TABLE.c.version).order_by(_VERSION_TABLE.c.version.desc())
        ).first()
        return found[0] if found else 0


def migrate(db: Database) -> list[int]:
    """Apply every migration not yet applied; return their numbers (empty when up to date)."""
    try:
        if current_version(db) >= LATEST:
            return []  # nothing to do: an INSERT-only role never needs DDL rights
        applied = []
        for number, _title, step in MIGRATIONS:
            with db.engine.begin() as conn:
                if db.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
                _VERSION_TABLE.create(conn, checkfirst=True)
                done = conn.execute(
                    select(_VERSION_TABLE.c.version).where(_VERSION_TABLE.c.version == number)
                ).first()
                if done:
                    continue
                step(conn, db.dialect)
                conn.execute(_VERSION_TABLE.insert().values(version=number, applied_at=datetime.now(UTC)))
                applied.append(number)
        return applied
    except SQLAlchemyError as e:
        raise MigrationError(f"cannot migrate the audit schema: {_first_line(e)}") from None


def _first_line(e: SQLAlchemyError) -> str:
    orig = getattr(e, "orig", None) or e
    return str(orig).strip().split("\n", 1)[0][:200]
