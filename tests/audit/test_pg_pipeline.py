"""Overlapping batches on PostgreSQL: the next batch goes out while the one before it commits, each is
acknowledged only by its own commit, and a batch that fails takes every batch behind it down."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest

from audit import canonical, database, pg_statements
from audit.database import open_database
from audit.log import AuditUnavailable
from audit.migrations import migrate
from audit.pg_pipeline import PipelinedAppends
from audit.verify import verify_log
from audit.writer import LogWriter, PendingRecord
from tests.audit.conftest import forward
from tests.audit.test_group_commit import SIGNER, failing_insert, stored
from tests.support.system import fresh_postgres_database, postgres_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_postgres_database() as dsn:
        yield postgres_url(dsn)


def record(n: int) -> PendingRecord:
    return PendingRecord(datetime.now(UTC), canonical.event_body(forward(n), "actor"))


def assert_verifies(url: str, size: int) -> None:
    """The stored tree, signed as it stands, verifies in full at ``size`` records."""
    db = open_database(url)
    try:
        LogWriter(db).sign_checkpoint(SIGNER, "sovereign-gateway.local/audit")
    finally:
        db.dispose()
    report = verify_log(url, [SIGNER.vkey()])
    assert report.ok and report.tree_size == size, report.render()


class Log:
    """A writer with a committed first record, its pipeline, and what happened, in order."""

    def __init__(self, url: str) -> None:
        self.db = open_database(url)
        migrate(self.db)
        self.writer = LogWriter(self.db)
        assert self.writer.append_batch([record(0)]) == [0]
        self.url = url
        self.pipeline = PipelinedAppends(url, 5.0, self.writer)
        self.events: list[tuple[str, list[int]]] = []
        self.errors: list[Exception] = []

    def round(self, *batches: list[int]) -> None:
        queue = list(batches)

        def take(min_size: int) -> list[tuple[int, PendingRecord]]:
            if not queue or len(queue[0]) < min_size:
                return []
            batch = queue.pop(0)
            self.events.append(("sent", batch))
            return [(n, record(n)) for n in batch]

        def done(items: list[int], seqs: list[int], _leaves: list[bytes]) -> None:
            self.events.append(("committed", items))
            self.events.append(("seqs", seqs))

        def failed(items: list[int], error: Exception) -> None:
            self.events.append(("failed", items))
            self.errors.append(error)

        # As the store runs it: on an event loop, blocking steps on a thread.
        asyncio.run(self.pipeline.round(take, done, failed, 1000, asyncio.to_thread))

    def backend_pid(self) -> int:
        """The server process serving the pipeline's connection: a new one after a reconnect."""
        conn = self.pipeline._conn
        assert conn is not None
        return conn.pgconn.backend_pid

    def close(self) -> None:
        self.pipeline.close()
        self.db.dispose()


def test_the_next_batch_is_sent_before_the_one_ahead_commits_and_each_is_acknowledged_by_its_own_commit(url):
    log = Log(url)
    try:
        log.round([1, 2], [3, 4], [5, 6, 7])
    finally:
        log.close()
    assert log.events[:2] == [("sent", [1, 2]), ("sent", [3, 4])]  # both out before any answer
    assert ("committed", [1, 2]) in log.events and log.events.index(("committed", [1, 2])) < log.events.index(
        ("committed", [3, 4])
    )
    assert [e for e in log.events if e[0] == "seqs"] == [
        ("seqs", [1, 2]),
        ("seqs", [3, 4]),
        ("seqs", [5, 6, 7]),
    ]
    records, transactions = stored(url)
    assert sorted(records) == list(range(8))
    assert transactions == 4  # the first record, then one transaction per batch
    assert_verifies(url, 8)
    assert log.pipeline.stats.sizes == {2: 2, 3: 1}  # records per commit, batch by batch
    assert len(log.pipeline.stats.round_trips_s) == 3
    assert all(0 < t < 30 for t in log.pipeline.stats.round_trips_s)


def test_a_batch_that_fails_fails_every_batch_sent_behind_it_and_the_next_continues_without_a_gap(url):
    log = Log(url)
    try:
        with failing_insert(url, forward(2).request.request_id):
            log.round([1, 2], [3, 4])
        log.round([5], [6])
    finally:
        log.close()
    assert log.events[:4] == [("sent", [1, 2]), ("sent", [3, 4]), ("failed", [1, 2]), ("failed", [3, 4])]
    assert all(isinstance(e, AuditUnavailable) and "injected failure" in str(e) for e in log.errors)
    assert [e for e in log.events if e[0] == "seqs"] == [("seqs", [1]), ("seqs", [2])]
    records, _ = stored(url)
    assert sorted(records) == [0, 1, 2]
    assert_verifies(url, 3)
    assert {records[1], records[2]} == {forward(5).request.request_id, forward(6).request.request_id}
    assert log.pipeline.stats.sizes == {1: 2}  # [5] and [6]; the failed batches committed nothing


def test_batches_numbered_before_another_process_appended_are_numbered_again_after_its_records(url):
    log = Log(url)
    other = LogWriter(open_database(url))
    try:
        log.round([1])
        backend = log.backend_pid()
        assert other.append_batch([record(100), record(101)]) == [2, 3]
        log.round([2, 3], [4, 5])  # numbered from 2, which the other writer took
        log.round([6])
        assert log.backend_pid() == backend  # rolled back and kept, not reconnected
    finally:
        other.db.dispose()
        log.close()
    seqs = [e for e in log.events if e[0] == "seqs"]
    assert seqs == [("seqs", [1]), ("seqs", [4, 5]), ("seqs", [6, 7]), ("seqs", [8])]
    assert not log.errors
    records, _ = stored(url)
    assert sorted(records) == list(range(9))
    assert_verifies(url, 9)


def test_a_dropped_connection_fails_what_is_in_flight_and_the_next_batch_reconnects(url, monkeypatch):
    monkeypatch.setattr(database, "PING_IDLE_S", 0.2)
    log = Log(url)
    try:
        log.round([1])
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        log.round([2])  # sent at once on the dropped connection (not idle long enough to be pinged)
        time.sleep(0.3)
        log.round([3])
    finally:
        log.close()
    assert ("failed", [2]) in log.events
    assert [e for e in log.events if e[0] == "seqs"] == [("seqs", [1]), ("seqs", [2])]
    records, _ = stored(url)
    assert records[2] == forward(3).request.request_id


def test_a_batch_larger_than_one_insert_statement_commits_whole_in_one_transaction(url):
    size = pg_statements.CHUNK * 2 + 5  # three INSERTs of records, and of tree nodes
    log = Log(url)
    try:
        log.round(list(range(1, size + 1)))
    finally:
        log.close()
    assert [e for e in log.events if e[0] == "seqs"] == [("seqs", list(range(1, size + 1)))]
    records, transactions = stored(url)
    assert sorted(records) == list(range(size + 1)) and transactions == 2
    assert records[size] == forward(size).request.request_id
    assert_verifies(url, size + 1)  # every record's fields, leaf and the stored tree nodes re-derived


def test_appends_fail_closed_while_the_statements_cannot_be_prepared(url, monkeypatch):
    log = Log(url)
    statements = pg_statements.statements

    def broken() -> Iterator[tuple[bytes, bytes]]:
        yield from statements()
        yield b"sovgw_broken", b"INSERT INTO no_such_table VALUES ($1)"

    try:
        monkeypatch.setattr(pg_statements, "statements", broken)
        log.round([1])  # overlapping: its connection cannot be prepared
        log.round([2])  # after a failure the next batch reads the tree back on the locked path
        log.round([3])  # overlapping again: refused again
        monkeypatch.setattr(pg_statements, "statements", statements)
        log.round([4])
        log.round([5])  # overlapping, on a new connection with its statements prepared
        assert log.pipeline._conn is not None
    finally:
        log.close()
    assert [e for e in log.events if e[0] == "failed"] == [("failed", [1]), ("failed", [3])]
    assert all(isinstance(e, AuditUnavailable) and "prepare" in str(e) for e in log.errors)
    assert [e for e in log.events if e[0] == "seqs"] == [("seqs", [1]), ("seqs", [2]), ("seqs", [3])]
    records, _ = stored(url)
    assert [records[seq] for seq in range(4)] == [forward(n).request.request_id for n in (0, 2, 4, 5)]
    assert_verifies(url, 4)
