"""A SQLite log's -shm file lost while mapped: refused before SQLite touches it, or one clear line."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from audit import sqlite_shm
from audit.database import open_database
from audit.log import AuditUnavailable
from audit.store import open_audit_log
from tests.audit.conftest import audit_config, forward

ROOT = Path(__file__).resolve().parents[2]


def test_a_truncated_shm_fails_appends_and_readiness_and_the_process_lives(tmp_path, caplog):
    async def main() -> None:
        store = await open_audit_log(audit_config(tmp_path))
        assert await store.append(forward(1)) == 1
        os.truncate(tmp_path / "audit.db-shm", 0)
        for i in range(3):
            with pytest.raises(AuditUnavailable, match=r"audit\.db-shm was truncated"):
                await store.append(forward(2 + i))
        assert not await store.ready()
        await store.aclose()

    asyncio.run(main())
    lost = [r for r in caplog.records if r.levelname == "CRITICAL"]
    assert len(lost) == 1  # said once, with the file and the fix
    assert str(tmp_path / "audit.db-shm") in lost[0].getMessage()
    assert "restarted" in lost[0].getMessage()


def test_a_replaced_shm_is_refused_and_so_is_a_new_connection_in_the_same_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'audit.db'}"

    async def main() -> None:
        store = await open_audit_log(audit_config(tmp_path))
        await store.append(forward(1))
        shm = tmp_path / "audit.db-shm"
        shm.rename(tmp_path / "old-shm")
        shm.write_bytes(bytes(32768))  # same size, another file
        with pytest.raises(AuditUnavailable, match="replaced"):
            await store.append(forward(2))
        # A reader opened now would share the process's stale mapping: refused as well.
        reader = open_database(url, writer=False)
        with pytest.raises(sqlite_shm.SharedMemoryLost, match="replaced"), reader.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        reader.dispose()
        await store.aclose()

    asyncio.run(main())


def test_an_unwritable_shm_is_refused_until_it_is_writable_again(tmp_path, monkeypatch):
    shm = tmp_path / "audit.db-shm"
    real_access = os.access
    unwritable = True

    def access(path, mode, **kw):  # as for root with chattr +i: os.access says no
        if unwritable and Path(path) == shm and mode & os.W_OK:
            return False
        return real_access(path, mode, **kw)

    async def main() -> None:
        nonlocal unwritable
        store = await open_audit_log(audit_config(tmp_path))
        await store.append(forward(1))
        monkeypatch.setattr(sqlite_shm.os, "access", access)
        with pytest.raises(AuditUnavailable, match=r"audit\.db-shm is not writable"):
            await store.append(forward(2))
        assert not await store.ready()
        unwritable = False
        assert await store.ready()
        assert await store.append(forward(3)) == 2
        await store.aclose()

    asyncio.run(main())


def test_a_reader_that_may_never_write_the_shm_is_not_refused(tmp_path, monkeypatch):
    """An auditor's account reading the trail: SQLite maps the file read-only, nothing to lose."""
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    db = open_database(url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    db.dispose()  # the process's mapping goes; the reader maps the file anew, read-only
    shm = tmp_path / "audit.db-shm"
    real_access = os.access
    monkeypatch.setattr(
        sqlite_shm.os,
        "access",
        lambda p, mode, **kw: not (Path(p) == shm and mode & os.W_OK) and real_access(p, mode, **kw),
    )
    reader = open_database(url, writer=False)
    for _ in range(2):
        with reader.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT x FROM t").scalar() == 1
    reader.dispose()


def test_a_connection_whose_shm_is_lost_is_never_closed(tmp_path):
    """Closing it would make SQLite write to the lost mapping."""
    db = open_database(f"sqlite:///{tmp_path / 'audit.db'}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
        raw = conn.connection.driver_connection
    os.truncate(tmp_path / "audit.db-shm", 0)
    db.dispose()
    assert raw in sqlite_shm._kept_open
    with pytest.raises(sqlite_shm.SharedMemoryLost):
        open_database(f"sqlite:///{tmp_path / 'audit.db'}").engine.connect()


LAST_RESORT = """
import asyncio, os, sys
from pathlib import Path
from audit import sqlite_shm
from audit.store import open_audit_log
from tests.audit.conftest import audit_config, forward

async def main():
    tmp = Path(sys.argv[1])
    store = await open_audit_log(audit_config(tmp))
    await store.append(forward(1))
    sqlite_shm.check = lambda db: None  # as if the file was lost just after the check
    os.truncate(tmp / "audit.db-shm", 0)
    await store.append(forward(2))
    print("survived")

asyncio.run(main())
"""


def test_a_loss_the_check_cannot_see_in_time_ends_the_process_with_one_clear_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(LAST_RESORT), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == sqlite_shm.EXIT_IOERR != -signal.SIGBUS, done.stderr
    lines = [line for line in done.stderr.splitlines() if "SIGBUS" in line]
    assert len(lines) == 1, done.stderr
    assert str(tmp_path / "audit.db-shm") in lines[0] and "restart" in lines[0]
    assert "survived" not in done.stdout


OTHER_FILE = """
import mmap, os, sys
from audit import sqlite_shm
sqlite_shm.exit_clearly_on_sigbus()
path = sys.argv[1]
with open(path, "wb") as f:
    f.write(bytes(8192))
mapping = mmap.mmap(os.open(path, os.O_RDWR), 8192)
os.truncate(path, 0)
mapping[100] = 1
print("survived")
"""


def test_a_sigbus_from_another_mapped_file_names_that_file_not_the_shm(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(OTHER_FILE), str(tmp_path / "model.bin")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == sqlite_shm.EXIT_IOERR, done.stderr
    assert f"SIGBUS: {tmp_path / 'model.bin'} was truncated" in done.stderr
    assert "-shm" not in done.stderr
