"""Opening the SQLite log while another process holds its lock: the opener waits (a second gateway
worker starting beside the first, or after a crash while the WAL is recovered), and writers still
take the lock themselves afterwards, never through SQLite's sleeping busy handler."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from audit.database import open_database


def _locked_for(path: Path, seconds: float) -> threading.Thread:
    """Another connection holds the file's exclusive lock for ``seconds``, as a process turning a
    new file to WAL does."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE IF NOT EXISTS other (x)")
    holder.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        time.sleep(seconds)
        holder.execute("COMMIT")
        holder.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_writer_opening_while_another_holds_the_lock_waits_for_it(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    releasing = _locked_for(path, 0.4)
    db = open_database(f"sqlite:///{path}", writer=True, lock_timeout_s=5)
    try:
        started = time.monotonic()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            # Transactions wait for the lock in the gateway's own loop, not SQLite's.
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 0
        assert time.monotonic() - started >= 0.3
    finally:
        releasing.join()
        db.dispose()


def test_a_lock_held_past_the_timeout_fails_the_open(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    releasing = _locked_for(path, 1.5)
    db = open_database(f"sqlite:///{path}", writer=True, lock_timeout_s=0.3)
    try:
        with pytest.raises(OperationalError, match="locked"), db.engine.connect():
            pass
    finally:
        releasing.join()
        db.dispose()
