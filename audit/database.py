"""Connecting to the log's database: SQLite (embedded default) or PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL`` (every commit is fsynced; ``NORMAL`` may lose the
last commits on power loss) and writers take the write lock up front with ``BEGIN IMMEDIATE``.
PostgreSQL runs with ``synchronous_commit=on`` whatever the server default is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

LOCK_TIMEOUT_MS = 5000


class DatabaseUrlError(Exception):
    """The audit database URL is neither ``sqlite:///path`` nor ``postgresql://...``."""


@dataclass(frozen=True)
class Database:
    engine: Engine
    dialect: str  # "sqlite" or "postgresql"
    path: Path | None  # the SQLite file, None for PostgreSQL

    def dispose(self) -> None:
        self.engine.dispose()


def sqlalchemy_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("postgresql+psycopg://") or url.startswith("sqlite:///"):
        return url
    raise DatabaseUrlError("the audit database URL must start with sqlite:/// or postgresql://")


def open_database(url: str, *, writer: bool = True, pool_size: int = 1) -> Database:
    """An engine for ``url``. ``writer`` transactions on SQLite take the write lock when they begin."""
    sa_url = make_url(sqlalchemy_url(url))
    if sa_url.get_backend_name() == "sqlite":
        if not sa_url.database or sa_url.database == ":memory:":
            raise DatabaseUrlError("the audit log needs a SQLite file, not an in-memory database")
        path = Path(sa_url.database)
        # One pooled connection, kept open between batches; the writer disposes of it after a failure.
        engine = create_engine(sa_url, pool_size=pool_size, max_overflow=0, pool_pre_ping=False)
        _configure_sqlite(engine, writer)
        return Database(engine, "sqlite", path)
    connect_args: dict[str, Any] = {
        "connect_timeout": 3,
        "options": f"-c synchronous_commit=on -c lock_timeout={LOCK_TIMEOUT_MS}",
    }
    engine = create_engine(
        sa_url, pool_size=pool_size, max_overflow=0, pool_pre_ping=True, connect_args=connect_args
    )
    return Database(engine, "postgresql", None)


def open_readonly_sqlite(path: Path) -> Database:
    """A read-only view of a SQLite log file (for the verifier); it never takes the write lock."""
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", poolclass=NullPool)
    _configure_sqlite(engine, writer=False)
    return Database(engine, "sqlite", path)


def _configure_sqlite(engine: Engine, writer: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves; pysqlite's implicit transactions defer the lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_MS}")
        if writer:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")
