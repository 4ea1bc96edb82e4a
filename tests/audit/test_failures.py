"""Closed on failure: when a record cannot be committed, ``append`` raises and nothing is numbered.

Each failure is produced for real: an immutable database file, a full filesystem, a held write
lock, a PostgreSQL server stopped mid-run. Afterwards the log continues without a gap and verifies.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from audit.log import AuditUnavailable
from audit.store import default_signing_key_file, open_audit_log
from audit.verify import verify_log
from tests.audit.conftest import audit_config, forward
from tests.audit.private_postgres import private_postgres


def vkey(config) -> str:
    """The public key the log published when it generated its signing key."""
    return Path(f"{default_signing_key_file(config)}.vkey").read_text()


def _chattr(flag: str, *paths: Path) -> None:
    subprocess.run(["chattr", flag, *map(str, paths)], check=True, capture_output=True)


@pytest.fixture
def immutable_flag(tmp_path):
    """Skip unless this user and filesystem can set the immutable flag (root with the capability)."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    try:
        _chattr("+i", probe)
        _chattr("-i", probe)
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("cannot set the immutable flag here (needs root and a filesystem that supports it)")


def test_an_immutable_database_file_fails_appends_and_the_log_resumes_without_a_gap(tmp_path, immutable_flag):
    db = tmp_path / "audit.db"
    wal = tmp_path / "audit.db-wal"

    async def main():
        store = await open_audit_log(audit_config(tmp_path))
        assert await store.append(forward(1)) == 1
        # (chmod does not stop root; the immutable flag does. The mmapped -shm is left alone.)
        _chattr("+i", db, wal)
        try:
            with pytest.raises(AuditUnavailable, match="not committed"):
                await store.append(forward(2))
            assert not await store.ready()
        finally:
            _chattr("-i", db, wal)
        assert await store.ready()
        assert await store.append(forward(3)) == 2  # the failed append took no number
        await store.aclose()

    asyncio.run(main())
    report = verify_log(f"sqlite:///{db}", [vkey(audit_config(tmp_path))])
    assert report.ok and report.tree_size == 3, report.render()


def test_every_append_in_a_failed_batch_fails(tmp_path, immutable_flag):
    db = tmp_path / "audit.db"

    async def main():
        store = await open_audit_log(audit_config(tmp_path))
        await store.append(forward(0))
        _chattr("+i", db, tmp_path / "audit.db-wal")
        try:
            results = await asyncio.gather(
                *(store.append(forward(i)) for i in range(20)), return_exceptions=True
            )
        finally:
            _chattr("-i", db, tmp_path / "audit.db-wal")
        await store.aclose()
        return results

    results = asyncio.run(main())
    assert all(isinstance(r, AuditUnavailable) for r in results)


@pytest.fixture
def tiny_filesystem():
    """A 1 MiB tmpfs, so the disk really fills up."""
    mountpoint = Path(tempfile.mkdtemp(prefix="sovgw-full-"))
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)], capture_output=True, text=True
    )
    if result.returncode != 0:
        mountpoint.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip() or 'not permitted'})")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
        mountpoint.rmdir()


def test_a_full_disk_fails_appends_and_the_log_resumes_when_there_is_room(tmp_path, tiny_filesystem):
    db = tiny_filesystem / "audit.db"
    config = audit_config(tmp_path, f"sqlite:///{db}")

    async def main():
        store = await open_audit_log(config)
        committed = []
        with pytest.raises(AuditUnavailable, match="full"):
            for i in range(20_000):
                committed.append(await store.append(forward(i)))
        assert committed == list(range(1, len(committed) + 1))
        remount = ["mount", "-o", "remount,size=64m", str(tiny_filesystem)]
        await asyncio.to_thread(subprocess.run, remount, check=True)
        assert await store.append(forward(0)) == len(committed) + 1
        await store.aclose()
        return len(committed)

    n = asyncio.run(main())
    assert n > 10  # the disk filled up after real work, not at once
    report = verify_log(config.database_url, [vkey(config)])
    assert report.ok and report.tree_size == n + 2, report.render()


def test_a_write_lock_held_too_long_fails_the_append(tmp_path):
    config = audit_config(tmp_path, lock_timeout_s=0.2)

    async def main():
        store = await open_audit_log(config)
        await store.append(forward(0))
        other = sqlite3.connect(tmp_path / "audit.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            # the lock is never obtained, so nothing is taken: every waiting append fails, none spins
            results = await asyncio.gather(
                *(store.append(forward(i)) for i in range(5)), return_exceptions=True
            )
            assert all(isinstance(r, AuditUnavailable) and "locked" in str(r) for r in results)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert await store.append(forward(6)) == 2
        await store.aclose()

    asyncio.run(main())


def test_an_unwritable_pseudonym_key_directory_fails_the_append(tmp_path):
    config = audit_config(tmp_path)
    config.pseudonym_key_dir.parent.mkdir(parents=True, exist_ok=True)
    config.pseudonym_key_dir.write_text("not a directory")

    async def main():
        store = await open_audit_log(config)
        with pytest.raises(AuditUnavailable, match="pseudonym key"):
            await store.append(forward(0))
        await store.aclose()

    asyncio.run(main())


@pytest.mark.postgres
def test_stopping_postgresql_mid_run_fails_appends_and_the_log_resumes_after_restart(tmp_path):
    with private_postgres() as cluster:
        config = audit_config(tmp_path, cluster.url, lock_timeout_s=1)

        async def main():
            store = await open_audit_log(config)
            first = await asyncio.gather(*(store.append(forward(i)) for i in range(50)))
            cluster.stop("immediate")
            with pytest.raises(AuditUnavailable, match="not committed"):
                await store.append(forward(99))
            assert not await store.ready()
            cluster.start()
            assert await store.ready()
            after = await store.append(forward(100))
            await store.aclose()
            return first, after

        first, after = asyncio.run(main())
        assert sorted(first) == list(range(1, 51)) and after == 51
        report = verify_log(cluster.url, [vkey(config)])
        assert report.ok and report.tree_size == 52, report.render()


@pytest.mark.postgres
def test_a_hung_postgresql_fails_appends_within_the_commit_timeout(tmp_path):
    with private_postgres() as cluster:
        config = audit_config(tmp_path, cluster.url, commit_timeout_s=1)

        async def main():
            store = await open_audit_log(config)
            await store.append(forward(0))
            cluster.pause()  # the server accepts nothing and answers nothing, like a hung host
            try:
                started = time.monotonic()
                with pytest.raises(AuditUnavailable, match="within 1 s"):
                    await store.append(forward(1))
                assert time.monotonic() - started < 5  # 1 s, with room for a loaded machine
            finally:
                cluster.resume()
            assert await store.append(forward(2)) in (2, 3)  # the stuck batch may have committed since
            await store.aclose()

        asyncio.run(main())
        report = verify_log(cluster.url, [vkey(config)])
        assert report.ok, report.render()


@pytest.mark.postgres
def test_closing_the_log_while_postgresql_hangs_acknowledges_nothing_in_flight(tmp_path):
    with private_postgres() as cluster:
        config = audit_config(tmp_path, cluster.url, commit_timeout_s=1)

        async def main():
            store = await open_audit_log(config)
            await store.append(forward(0))
            cluster.pause()
            try:
                in_flight = asyncio.create_task(store.append(forward(1)))
                await asyncio.sleep(0.2)  # sent, its commit never answered
                started = time.monotonic()
                await store.aclose()
                assert time.monotonic() - started < 10  # bounded by the commit timeout, not the server
                with pytest.raises(AuditUnavailable):
                    await in_flight
            finally:
                cluster.resume()
            reopened = await open_audit_log(config)  # a refused record may have committed since
            assert await reopened.append(forward(2)) in (2, 3)
            await reopened.aclose()

        asyncio.run(main())
        report = verify_log(cluster.url, [vkey(config)])
        assert report.ok, report.render()
