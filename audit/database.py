"""Connecting to the log's database: SQLite (embedded default) or PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL`` (every commit is fsynced; ``NORMAL`` may lose the
last commits on power loss) and writers take the write lock up front with ``BEGIN IMMEDIATE``.
PostgreSQL runs with ``synchronous_commit=on`` whatever the server default is. Every SQLite
connection and transaction first checks that the ``-shm`` file it maps is still there and writable
(``audit.sqlite_shm``): a lost one fails the store instead of killing the process.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import QueuePool

from audit import sqlite_shm

LOCK_TIMEOUT_S = 5.0
LOCK_POLL_S = 0.001
PING_IDLE_S = 1.0


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


def open_database(
    url: str, *, writer: bool = True, pool_size: int = 1, lock_timeout_s: float = LOCK_TIMEOUT_S
) -> Database:
    """An engine for ``url``. ``writer`` transactions on SQLite take the write lock when they begin."""
    sa_url = make_url(sqlalchemy_url(url))
    if sa_url.get_backend_name() == "sqlite":
        if not sa_url.database or sa_url.database == ":memory:":
            raise DatabaseUrlError("the audit log needs a SQLite file, not an in-memory database")
        path = Path(sa_url.database)
        # mode=rwc: never fall back silently to a read-only connection when the file is not writable;
        # the verifier opens with mode=ro and so cannot write whatever it does.
        uri = f"file:{quote(str(path.absolute()))}?mode={'rwc' if writer else 'ro'}"

        def connect() -> sqlite3.Connection:
            sqlite_shm.check(path)  # a new connection would share this process's mapping of it
            return sqlite3.connect(uri, uri=True, check_same_thread=False, factory=sqlite_shm.Connection)

        # One pooled connection, kept open between batches; the writer disposes of it after a failure.
        engine = create_engine(
            "sqlite://", creator=connect, poolclass=QueuePool, pool_size=pool_size, max_overflow=0
        )
        _configure_sqlite(engine, path, writer, int(lock_timeout_s * 1000))
        sqlite_shm.exit_clearly_on_sigbus()
        return Database(engine, "sqlite", path)
    connect_args = _postgresql_settings(lock_timeout_s)
    engine = create_engine(sa_url, pool_size=pool_size, max_overflow=0, connect_args=connect_args)
    _ping_when_idle(engine)
    return Database(engine, "postgresql", None)


def connect_postgresql(url: str, lock_timeout_s: float = LOCK_TIMEOUT_S) -> psycopg.Connection[Any]:
    """A connection of its own to the PostgreSQL log, with the same settings as the engine's."""
    sa_url = make_url(sqlalchemy_url(url)).set(drivername="postgresql")
    conninfo = sa_url.render_as_string(hide_password=False)
    return psycopg.connect(conninfo, autocommit=True, **_postgresql_settings(lock_timeout_s))


def _postgresql_settings(lock_timeout_s: float) -> dict[str, Any]:
    lock_ms = int(lock_timeout_s * 1000)
    return {
        "connect_timeout": 3,
        # Every commit durable; a bounded wait for the lock; no statement, and no silent network
        # partition, may hold an append (and so a request) forever.
        "options": (
            f"-c synchronous_commit=on -c lock_timeout={lock_ms} -c statement_timeout={lock_ms + 30_000}"
        ),
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 15000,
    }


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use if it sat idle for ``PING_IDLE_S`` (the server may have
    restarted meanwhile); a busy writer's connection is not pinged before every batch."""

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since < PING_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception:
            raise DisconnectionError("the pooled connection is gone") from None  # the pool reconnects


def _configure_sqlite(engine: Engine, path: Path, writer: bool, lock_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves; pysqlite's implicit transactions defer the lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Opening waits for the lock as long as a transaction would: another process may be turning
        # a new file to WAL or recovering the WAL after a crash (a second worker starting beside the
        # first did, and failed to start, when this waited for nothing).
        cursor.execute(f"PRAGMA busy_timeout = {lock_timeout_ms}")
        if writer:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("SELECT count(*) FROM sqlite_master")  # reads: maps the -shm in WAL mode
        if writer:  # then writers wait for the lock in _begin; readers (WAL: rarely blocked) in SQLite
            cursor.execute("PRAGMA busy_timeout = 0")
        cursor.close()
        sqlite_shm.opened(dbapi_connection, path)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        sqlite_shm.check(path)  # before SQLite touches a -shm that may be lost
        if not writer:
            conn.exec_driver_sql("BEGIN")
            return
        # SQLite's own busy handler sleeps up to 100 ms between tries, which with several writer
        # processes puts 100 ms tails on appends; polling every millisecond keeps the wait short.
        raw = conn.connection.driver_connection
        deadline = time.monotonic() + lock_timeout_ms / 1000
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    break
            time.sleep(LOCK_POLL_S)
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # once more, raising the driver's error if it fails
