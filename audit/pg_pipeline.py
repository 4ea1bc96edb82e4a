"""PostgreSQL appends with batches overlapping: the next batch is sent while the previous one commits.

One connection in libpq pipeline mode carries a queue of transactions. Each batch is numbered in
memory from the frontier the batch before it will leave, and goes out as one transaction (lock,
guard, records, tree nodes, tree head, COMMIT) without waiting for the one before it to finish:
the server runs them back to back, in the order sent, while this side prepares the next. A batch
is acknowledged when its own COMMIT comes back, never earlier.

The guard checks, once the log's lock is held, that the stored tree ends exactly where this batch
was numbered from (its size and root), so a batch only commits on top of the batches before it.
Any other outcome fails closed: a batch that did not commit makes every batch after it fail too
(they were numbered on top of it), the connection is dropped, and the next batch starts again from
what is durably stored through ``LogWriter``'s locked path. When another process appended, the
batches that found the tree moved are handed back, in order, to be numbered again from there.

Sending a batch and reading its answer never block, so they run on the event loop, where the
appends are queued and answered: no thread hand-over per batch. What may block (connecting,
preparing, pinging an idle connection, the locked path, rolling back after a failure) runs through
``run`` on the writer thread while the round waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import pq
from psycopg.pq.abc import PGconn, PGresult

from audit import database, merkle, pg_statements
from audit.database import connect_postgresql
from audit.log import AuditUnavailable
from audit.writer import LogWriter, PendingRecord, _number, describe

MAX_IN_FLIGHT = 2  # batches sent and not yet answered: one committing, the next waiting behind it
PING_TIMEOUT_S = 3.0
ROUND_S = 0.2  # a round ends after this long (then a checkpoint may be signed between rounds)

# The next batch, queued items and their records; none unless at least ``min_size`` are queued.
Take = Callable[[int], list[tuple[Any, PendingRecord]]]
Done = Callable[[list[Any], list[int], list[bytes]], None]  # items, their seqs, their leaf hashes
Failed = Callable[[list[Any], Exception], None]
Run = Callable[..., Awaitable[Any]]  # runs blocking work on the writer thread
_OK = (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK)


@dataclass
class _InFlight:
    items: list[tuple[Any, PendingRecord]]  # what the caller queued, in batch order
    start: int
    frontier: merkle.CompactRange  # the tree once this batch is in
    leaves: list[bytes]
    commands: int  # results to read before the sync
    sent_at: float  # time.monotonic() once it was sent
    results: list[PGresult] = field(default_factory=list)


@dataclass
class CommitStats:
    """The batches this pipeline committed, overlapping or on the locked path: records per commit
    (one fsync each) and the time from sending a batch to its COMMIT coming back (latest kept)."""

    sizes: Counter[int] = field(default_factory=Counter)
    round_trips_s: deque[float] = field(default_factory=lambda: deque(maxlen=10_000))


class _Moved(Exception):
    """The stored tree no longer ends where the batch was numbered from: another process appended."""


class PipelinedAppends:
    """Sends and answers batches on one pipelined connection; used by one round at a time."""

    def __init__(self, url: str, lock_timeout_s: float, writer: LogWriter) -> None:
        self._url = url
        self._lock_timeout_s = lock_timeout_s
        self._writer = writer
        self._conn: psycopg.Connection[Any] | None = None
        self._in_flight: deque[_InFlight] = deque()
        self._bell: asyncio.Future[None] | None = None  # set while the round would take new work
        self._used = 0.0
        self.stats = CommitStats()

    def ring(self) -> None:
        """New work is queued: wake the round if it waits on the connection (on the event loop)."""
        bell = self._bell
        if bell is not None and not bell.done():
            bell.set_result(None)  # the appends behind this one find it rung already

    async def round(self, take: Take, done: Done, failed: Failed, budget: int, run: Run) -> None:
        """Commit what ``take`` hands out until it has nothing more or the round has run its course.

        ``take(min_size)`` returns the next batch (queued items and records, in order); ``done`` and
        ``failed`` are called on the event loop for every batch, in commit order. At most ``budget``
        records are taken, so the caller can sign a checkpoint between rounds. ``run`` runs blocking
        work on the writer thread.
        """
        try:
            await self._round(take, done, failed, budget, run)
        except asyncio.CancelledError:  # the log is closing: nothing in flight is acknowledged
            self._fail_all(failed, AuditUnavailable("audit record not committed: the log closed"))
            raise
        except Exception as e:  # a bug, not the database: fail closed, start again from what is stored
            self._fail_all(failed, AuditUnavailable(f"audit record not committed: {type(e).__name__}"))
            raise

    async def _round(self, take: Take, done: Done, failed: Failed, budget: int, run: Run) -> None:
        deadline = time.monotonic() + ROUND_S
        taken = 0
        while True:
            more = taken < budget and time.monotonic() < deadline
            if more and len(self._in_flight) < MAX_IN_FLIGHT:
                # While a batch commits, the next goes out only once it is at least as large: the
                # disk flushes once per batch, so small batches wait and join the ones queuing behind.
                batch = take(len(self._in_flight[-1].items) if self._in_flight else 1)
                if batch:
                    taken += len(batch)
                    await self._start(batch, done, failed, run)
                    continue
            if not self._in_flight:
                return
            try:
                await self._wait(ring=more)
                self._collect(done)
            except _BatchFailed as e:
                await self._recover(e, done, failed, run)
            except (psycopg.Error, OSError) as e:
                self._fail_all(failed, AuditUnavailable(f"audit record not committed: {describe(e)}"))

    def close(self) -> None:
        self._drop()

    async def _start(
        self, batch: list[tuple[Any, PendingRecord]], done: Done, failed: Failed, run: Run
    ) -> None:
        """Send ``batch`` on top of the batches in flight, or commit it through the locked path."""
        items = [item for item, _ in batch]
        records = [record for _, record in batch]
        base = self._in_flight[-1].frontier if self._in_flight else self._writer.frontier
        if base is None or base.size == 0:
            # No frontier to trust (starting, or after a failure): a locked batch reads it back.
            await self._locked(items, records, done, failed, run)
            return
        try:
            if self._conn is None or self._idle():
                await run(self._connection)  # connecting, preparing or pinging: on the writer thread
            await self._send(batch, base)
        except (psycopg.Error, OSError) as e:
            error = AuditUnavailable(f"audit record not committed: {describe(e)}")
            sent = any(b.items is batch for b in self._in_flight)  # then failed with them
            self._fail_all(failed, error)
            if not sent:
                failed(items, error)

    async def _locked(
        self, items: list[Any], records: list[PendingRecord], done: Done, failed: Failed, run: Run
    ) -> None:
        leaves: list[bytes] = []
        started = time.monotonic()
        try:
            seqs = await run(self._writer.append_batch, records, leaves)
        except AuditUnavailable as e:
            failed(items, e)
            return
        self._count(len(items), started)
        done(items, seqs, leaves)

    async def _send(self, batch: list[tuple[Any, PendingRecord]], base: merkle.CompactRange) -> None:
        records = [record for _, record in batch]
        frontier = merkle.CompactRange(base.size, base.hashes)
        rows, nodes = _number(records, frontier)
        pg = self._connection().pgconn
        commands = pg_statements.batch(rows, nodes, base, frontier, datetime.now(UTC))
        pg.send_query_params(b"BEGIN", None)
        for name, params, formats in commands:
            pg.send_query_prepared(name, params, formats)
        pg.send_query_params(b"COMMIT", None)
        pg.pipeline_sync()
        leaves = [r["leaf_hash"] for r in rows]
        sent = len(commands) + 2
        self._in_flight.append(_InFlight(batch, base.size, frontier, leaves, sent, time.monotonic()))
        # All of it leaves now: nothing else may wait on the lock this transaction takes.
        while pg.flush():
            await self._ready(pg.socket, write=True, limit_s=self._lock_timeout_s)

    async def _wait(self, *, ring: bool) -> None:
        """Wait until the server answers or, with ``ring``, new work is queued."""
        conn = self._conn
        if conn is None:
            raise OSError("the connection was dropped")
        await self._ready(conn.pgconn.socket, write=False, limit_s=self._lock_timeout_s + 30, ring=ring)

    async def _ready(self, socket: int, *, write: bool, limit_s: float, ring: bool = False) -> None:
        """Until ``socket`` is readable (or writable), or with ``ring`` new work is queued;
        ``OSError`` after ``limit_s`` seconds. One timer, no task: this runs for every batch."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        watch, unwatch = (
            (loop.add_writer, loop.remove_writer) if write else (loop.add_reader, loop.remove_reader)
        )
        watch(socket, _wake, ready)
        timer = loop.call_later(limit_s, _expire, ready)
        if ring:
            self._bell = ready
        try:
            await ready
        finally:
            self._bell = None
            timer.cancel()
            unwatch(socket)

    def _collect(self, done: Done) -> None:
        """Read what has arrived; settle every batch whose answer is complete, in order."""
        conn = self._conn
        if conn is None:
            raise OSError("the connection was dropped")
        pg = conn.pgconn
        pg.consume_input()
        while self._in_flight and not pg.is_busy():
            result = pg.get_result()
            if result is None:
                continue  # the end of one command's results
            batch = self._in_flight[0]
            if result.status != pq.ExecStatus.PIPELINE_SYNC:
                batch.results.append(result)
                continue
            self._in_flight.popleft()
            committed = len(batch.results) == batch.commands and all(r.status in _OK for r in batch.results)
            if not committed or batch.results[-1].command_status != b"COMMIT":
                raise _BatchFailed(batch)
            self._writer.frontier = batch.frontier
            self._count(len(batch.items), batch.sent_at)
            done(
                [item for item, _ in batch.items], list(range(batch.start, batch.frontier.size)), batch.leaves
            )

    def _count(self, size: int, sent_at: float) -> None:
        self.stats.sizes[size] += 1
        self.stats.round_trips_s.append(time.monotonic() - sent_at)

    async def _recover(self, e: _BatchFailed, done: Done, failed: Failed, run: Run) -> None:
        """A batch did not commit, so none sent after it did: its transaction stays aborted, and
        every later one fails inside it. If the tree moved, all of them go again through the locked
        path, and the connection, rolled back, is kept (another process appending is routine)."""
        later = [e.batch, *self._in_flight]
        self._writer.frontier = None
        error = _error(e.batch.results)
        if not isinstance(error, _Moved) or not await run(self._rolled_back):
            self._in_flight.clear()
            self._drop()
        if isinstance(error, _Moved):
            for batch in later:
                records = [r for _, r in batch.items]
                await self._locked([item for item, _ in batch.items], records, done, failed, run)
            return
        for batch in later:
            failed([item for item, _ in batch.items], error)

    def _rolled_back(self) -> bool:
        """Read what the batches behind a failed one answered (none may have committed), roll the
        aborted transaction back, and say whether the connection is idle and usable again."""
        conn = self._conn
        if conn is None:
            return False
        pg = conn.pgconn
        syncs = len(self._in_flight) + 1
        self._in_flight.clear()
        deadline = time.monotonic() + PING_TIMEOUT_S
        try:
            pg.send_query_params(b"ROLLBACK", None)
            pg.pipeline_sync()
            while pg.flush():
                select.select([], [pg.socket], [], PING_TIMEOUT_S)
            while syncs:
                if not select.select([pg.socket], [], [], max(0.0, deadline - time.monotonic()))[0]:
                    return False
                pg.consume_input()
                while syncs and not pg.is_busy():
                    result = pg.get_result()
                    if result is None:
                        continue
                    if result.status == pq.ExecStatus.PIPELINE_SYNC:
                        syncs -= 1
                    elif result.command_status == b"COMMIT":
                        return False  # cannot happen behind a failed batch; never reuse what did it
        except (psycopg.Error, OSError):
            return False
        return pg.transaction_status == pq.TransactionStatus.IDLE

    def _fail_all(self, failed: Failed, error: Exception) -> None:
        """Everything in flight fails with ``error``; the connection and the frontier are dropped."""
        batches = list(self._in_flight)
        self._in_flight.clear()
        self._drop()
        self._writer.frontier = None
        for batch in batches:
            failed([item for item, _ in batch.items], error)

    def _idle(self) -> bool:
        """Nothing in flight and unused long enough that the server may have dropped it meanwhile."""
        return not self._in_flight and time.monotonic() - self._used > database.PING_IDLE_S

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is not None and self._idle():
            self._ping(self._conn)  # the server may have restarted or dropped it meanwhile
        if self._conn is None:
            conn = connect_postgresql(self._url, self._lock_timeout_s)
            conn.pgconn.enter_pipeline_mode()
            conn.pgconn.nonblocking = 1
            try:
                self._prepare(conn)
            except BaseException:
                conn.pgconn.finish()
                raise
            self._conn = conn
        self._used = time.monotonic()
        return self._conn

    def _prepare(self, conn: psycopg.Connection[Any]) -> None:
        """Prepare every statement a batch uses (``audit.pg_statements``), once per connection."""
        expected = pg_statements.prepare(conn.pgconn)
        results = _sync(conn.pgconn)
        if sum(r.status == pq.ExecStatus.COMMAND_OK for r in results) != expected:
            raise OSError("the database did not prepare the append statements")

    def _ping(self, conn: psycopg.Connection[Any]) -> None:
        """One round trip on a connection that sat idle; dropped unless the server answers."""
        with contextlib.suppress(psycopg.Error, OSError):
            _sync(conn.pgconn)
            return
        self._drop()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.pgconn.finish()  # whatever state it is in, it is never reused


def _wake(ready: asyncio.Future[None]) -> None:
    if not ready.done():
        ready.set_result(None)


def _expire(ready: asyncio.Future[None]) -> None:
    if not ready.done():
        ready.set_exception(OSError("the database did not answer"))


class _BatchFailed(Exception):
    def __init__(self, batch: _InFlight) -> None:
        self.batch = batch


def _sync(pg: PGconn) -> list[PGresult]:
    """Ends what was sent with a sync and reads every result up to it; ``OSError`` unless the server
    answers within ``PING_TIMEOUT_S``."""
    deadline = time.monotonic() + PING_TIMEOUT_S
    pg.pipeline_sync()
    while pg.flush():
        select.select([], [pg.socket], [], PING_TIMEOUT_S)
    results: list[PGresult] = []
    while select.select([pg.socket], [], [], max(0.0, deadline - time.monotonic()))[0]:
        pg.consume_input()
        while not pg.is_busy():
            result = pg.get_result()
            if result is None:
                continue  # the end of one statement's results; the next follows
            if result.status == pq.ExecStatus.PIPELINE_SYNC:
                return results
            results.append(result)
    raise OSError("the database did not answer")


def _error(results: list[PGresult]) -> Exception:
    """Why a batch did not commit: ``_Moved`` for the guard, else ``AuditUnavailable``."""
    result = next((r for r in results if r.status == pq.ExecStatus.FATAL_ERROR), None)
    if result is None:
        return AuditUnavailable("audit record not committed: the transaction was rolled back")
    state = (result.error_field(pq.DiagnosticField.SQLSTATE) or b"").decode()
    if state == "22012":  # the guard's division by zero
        return _Moved()
    message = (result.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode()
    return AuditUnavailable(f"audit record not committed: {message[:200]}")
