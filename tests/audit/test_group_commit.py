"""Group commit: the records of many requests in one transaction, each acknowledged only once durable."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import func, select

from audit import database
from audit.checkpoint import NoteSigner
from audit.database import open_database
from audit.log import AuditUnavailable
from audit.store import open_audit_log
from audit.tree_store import HEADS, RECORDS
from audit.verify import verify_log
from audit.writer import LOG_LOCK
from tests.audit.conftest import audit_config, forward, tamper
from tests.support.system import fresh_postgres_database, postgres_url

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
WRITERS, EACH = 8, 40


def config(tmp_path, url):
    return audit_config(tmp_path, url, signing_key=SIGNER.private_text(), checkpoint_every_records=50)


def stored(url: str) -> tuple[dict[int, str], int]:
    """Each record's request id by sequence number, and how many transactions (tree heads) wrote them."""
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            records = {seq: rid for seq, rid in conn.execute(select(RECORDS.c.seq, RECORDS.c.request_id))}
            heads = conn.execute(select(func.count()).select_from(HEADS)).scalar_one()
    finally:
        db.dispose()
    return records, heads


def test_concurrent_writers_get_one_gap_free_sequence_and_every_acknowledged_record_survives_reopening(
    tmp_path, database_url
):
    async def main() -> list[tuple[int, str]]:
        store = await open_audit_log(config(tmp_path, database_url))

        async def requests(w: int) -> list[tuple[int, str]]:
            acked = []
            for i in range(EACH):
                event = forward(w * 1000 + i)
                acked.append((await store.append(event), event.request.request_id))
            return acked

        results = await asyncio.gather(*(requests(w) for w in range(WRITERS)))
        await store.aclose()
        return [a for r in results for a in r]

    acked = asyncio.run(main())
    total = WRITERS * EACH
    assert sorted(seq for seq, _ in acked) == list(range(1, total + 1))  # seq 0 announces the key

    async def reopen() -> int:
        store = await open_audit_log(config(tmp_path, database_url))
        seq = await store.append(forward(99_999))
        await store.aclose()
        return seq

    assert asyncio.run(reopen()) == total + 1  # numbering continues where the durable log ends
    records, transactions = stored(database_url)
    assert all(records[seq] == request_id for seq, request_id in acked)
    assert transactions < total / 2  # requests in flight together shared their commits
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok and report.tree_size == total + 2, report.render()


@contextmanager
def failing_insert(url: str, request_id: str) -> Iterator[None]:
    """The database refuses any transaction that writes the record of ``request_id``."""
    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            if db.dialect == "sqlite":
                conn.exec_driver_sql(
                    "CREATE TRIGGER test_refuse BEFORE INSERT ON audit_records"
                    f" WHEN NEW.request_id = '{request_id}'"
                    " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
                )
            else:
                conn.exec_driver_sql(
                    "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql"
                    " AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"
                )
                conn.exec_driver_sql(
                    "CREATE TRIGGER test_refuse BEFORE INSERT ON audit_records FOR EACH ROW"
                    f" WHEN (NEW.request_id = '{request_id}') EXECUTE FUNCTION test_refuse()"
                )
        yield
    finally:
        db.dispose()


def test_a_failed_batch_fails_every_request_in_it_and_the_next_batch_commits(tmp_path, database_url):
    poison = forward(4)  # its insert fails in the database

    async def main():
        store = await open_audit_log(config(tmp_path, database_url))
        first = await asyncio.gather(*(store.append(forward(i)) for i in range(3)))
        with failing_insert(database_url, poison.request.request_id):
            # Queued together while the writer is idle: one batch, which the database refuses.
            batch = [forward(10 + i) for i in range(3)] + [poison] + [forward(20 + i) for i in range(3)]
            failed = await asyncio.gather(*(store.append(e) for e in batch), return_exceptions=True)
            later = [await store.append(forward(30 + i)) for i in range(3)]
            later += await asyncio.gather(*(store.append(forward(40 + i)) for i in range(5)))
        await store.aclose()
        return first, failed, later

    first, failed, later = asyncio.run(main())
    assert sorted(first) == [1, 2, 3]
    assert all(isinstance(r, AuditUnavailable) for r in failed), failed
    assert all("injected failure" in str(r) for r in failed)
    assert sorted(later) == list(range(4, 12))  # the failed batch took no numbers
    records, _ = stored(database_url)
    assert not {f"req-{n:06d}" for n in (4, 10, 11, 12, 20, 21, 22)} & set(records.values())
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok and report.tree_size == 12, report.render()


def test_a_failure_before_the_batch_reaches_the_database_fails_it_and_the_store_recovers(
    tmp_path, database_url
):
    """The log's lock held elsewhere beyond the lock timeout: the batch waiting for it fails."""

    async def main():
        store = await open_audit_log(
            config(tmp_path, database_url).model_copy(update={"lock_timeout_s": 0.3})
        )
        with held_log_lock(database_url):
            failed = await asyncio.gather(
                *(store.append(forward(i)) for i in range(5)), return_exceptions=True
            )
        after = await asyncio.gather(*(store.append(forward(10 + i)) for i in range(5)))
        await store.aclose()
        return failed, after

    failed, after = asyncio.run(main())
    assert all(isinstance(r, AuditUnavailable) for r in failed), failed
    assert sorted(after) == [1, 2, 3, 4, 5]


@contextmanager
def held_log_lock(url: str) -> Iterator[None]:
    if url.startswith("sqlite:///"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
        return
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("SELECT pg_advisory_lock(%s)", (LOG_LOCK,))
        yield


def test_a_writer_continues_from_the_stored_tree_when_another_appended_meanwhile(tmp_path, database_url):
    """Two logs on one database take turns: each batch continues the other's, one tree."""

    async def main() -> list[int]:
        a = await open_audit_log(config(tmp_path, database_url))
        b = await open_audit_log(config(tmp_path, database_url))
        seqs = []
        for i in range(5):
            seqs += await asyncio.gather(*(a.append(forward(i * 10 + j)) for j in range(3)))
            seqs.append(await b.append(forward(i * 10 + 5)))
        await a.aclose()
        await b.aclose()
        return seqs

    assert sorted(asyncio.run(main())) == list(range(1, 21))
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok and report.tree_size == 21, report.render()


def test_a_log_cut_back_under_a_running_writer_is_continued_from_what_is_stored(tmp_path, database_url):
    """The writer's view of the tree is only a cache: records never continue past a gap."""

    async def main() -> int:
        store = await open_audit_log(config(tmp_path, database_url))
        assert await store.append(forward(1)) == 1
        assert await store.append(forward(2)) == 2
        tamper(
            database_url,
            "DELETE FROM audit_records WHERE seq = 2",
            "DELETE FROM audit_tree_heads WHERE size = 3",
        )
        seq = await store.append(forward(3))
        await store.aclose()
        return seq

    assert asyncio.run(main()) == 2
    records, _ = stored(database_url)
    assert sorted(records) == [0, 1, 2] and records[2] == "req-000003"
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok and report.tree_size == 3, report.render()


def test_a_lone_request_commits_alone_and_is_durable_when_acknowledged(tmp_path, database_url):
    """One request at a time: each append its own transaction, readable elsewhere once it returns."""

    async def main() -> None:
        store = await open_audit_log(config(tmp_path, database_url))
        for i in range(1, 6):
            event = forward(i)
            seq = await store.append(event)
            records, transactions = stored(database_url)
            assert seq == i and records[seq] == event.request.request_id
            assert transactions == i + 1  # the key's announcement, then one per append
        await store.aclose()

    asyncio.run(main())


@pytest.mark.postgres
def test_a_connection_the_server_dropped_while_idle_is_replaced_before_the_next_append(tmp_path, monkeypatch):
    """Busy connections are not pinged before each batch; one idle past PING_IDLE_S is."""
    monkeypatch.setattr(database, "PING_IDLE_S", 0.2)
    with fresh_postgres_database() as dsn:
        url = postgres_url(dsn)

        async def main() -> list[int]:
            store = await open_audit_log(config(tmp_path, url))
            seqs = [await store.append(forward(1))]
            with psycopg.connect(dsn, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            await asyncio.sleep(0.3)
            seqs.append(await store.append(forward(2)))
            await store.aclose()
            return seqs

        assert asyncio.run(main()) == [1, 2]
