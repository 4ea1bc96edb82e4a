"""Group commit: appends queue here and are committed in batches, one fsync each.

Each append waits for the commit of the batch it lands in and gets its sequence number and leaf
hash only then; a batch that does not commit fails every append in it. On SQLite (and PostgreSQL
on the locked path) one batch is committed at a time on the writer thread; on PostgreSQL batches
overlap on one pipelined connection driven from the event loop (``audit.pg_pipeline``) and each is
answered as its own commit returns.

Deadlines are kept per append but watched by one task, not a timer per append: an append still
uncommitted after ``commit_timeout_s`` fails with ``AuditUnavailable`` (its batch may commit later:
a record without a forwarded request is harmless, a forwarded request without a record is not).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from audit.log import AuditUnavailable
from audit.pg_pipeline import PipelinedAppends
from audit.writer import LogWriter, PendingRecord

log = logging.getLogger("sovgw.audit")

MAX_BATCH = 512
Run = Callable[..., Awaitable[Any]]  # runs blocking work on the writer thread, in submission order


@dataclass(slots=True)
class _Waiting:
    recorded_at: datetime
    body: dict[str, Any]
    future: asyncio.Future[int]
    deadline: float  # event-loop time after which the append fails
    leaf: bytes = b""  # its leaf hash, once committed


class GroupCommit:
    """The queue of appends and the loop that commits them; lives on one event loop."""

    def __init__(
        self,
        writer: LogWriter,
        pipeline: PipelinedAppends | None,
        run: Run,
        commit_timeout_s: float,
        checkpoint_every: int,
        sign: Callable[[], Awaitable[None]],
    ) -> None:
        self._writer = writer
        self._pipeline = pipeline
        self._run = run
        self._timeout = commit_timeout_s
        self._checkpoint_every = checkpoint_every
        self._sign = sign
        self._pending: deque[_Waiting] = deque()  # not yet taken into a batch
        self._watched: deque[_Waiting] = deque()  # every append not yet past its deadline, in order
        self._wakeup = asyncio.Event()
        self._watching = asyncio.Event()
        self._idle = asyncio.Event()  # set when nothing is pending or being committed
        self._idle.set()
        self.since_checkpoint = 0  # records committed since the last checkpoint was signed
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._write_loop(), name="audit-writer"),
            asyncio.create_task(self._expire_loop(), name="audit-deadlines"),
        ]

    async def commit(self, recorded_at: datetime, body: dict[str, Any]) -> tuple[int, bytes]:
        """Queue one record and wait for its batch to commit: its sequence number and leaf hash."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()
        waiting = _Waiting(recorded_at, body, future, loop.time() + self._timeout)
        self._pending.append(waiting)
        self._watched.append(waiting)
        self._idle.clear()
        self._wakeup.set()
        self._watching.set()
        if self._pipeline is not None:
            self._pipeline.ring()
        return await future, waiting.leaf

    def wake(self) -> None:
        """Let the write loop run once more (on close, so it reports idle)."""
        self._wakeup.set()

    async def drained(self) -> None:
        """Every queued append has been answered."""
        await self._idle.wait()

    def cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _expire_loop(self) -> None:
        """Fail each append still uncommitted at its deadline; sleeps until the oldest one's."""
        loop = asyncio.get_running_loop()
        watched = self._watched
        while True:
            while watched and watched[0].future.done():
                watched.popleft()
            if not watched:
                self._watching.clear()
                await self._watching.wait()
                continue
            first = watched[0]
            delay = first.deadline - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
                continue
            watched.popleft()
            first.future.set_exception(
                AuditUnavailable(f"audit record not committed within {self._timeout:g} s")
            )

    async def _write_loop(self) -> None:
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._pending:
                if self._pipeline is not None:
                    await self._pipelined_round(self._pipeline)
                else:
                    await self._commit_batch()
                if self.since_checkpoint >= self._checkpoint_every:
                    await self._sign()
            self._idle.set()

    async def _commit_batch(self) -> None:
        taken: list[_Waiting] = []

        def take() -> list[PendingRecord]:  # runs on the writer thread, with the lock held
            while len(taken) < MAX_BATCH and self._pending:
                taken.append(self._pending.popleft())
            return [PendingRecord(w.recorded_at, w.body) for w in taken]

        leaves: list[bytes] = []
        try:
            seqs = await self._run(self._writer.append_batch, take, leaves)
        except Exception as e:
            if not isinstance(e, AuditUnavailable):
                log.exception("audit batch failed unexpectedly")
                e = AuditUnavailable(f"audit record not committed: {type(e).__name__}")
            # Failed before taking anything (no connection, no lock): fail everyone waiting now,
            # rather than spin; later appends get a fresh attempt.
            failed = taken or [self._pending.popleft() for _ in range(len(self._pending))]
            log.error("audit batch of %d not committed: %s", len(failed), e)
            self._refuse(failed, e)
            return
        self._settle(taken, seqs, leaves)

    async def _pipelined_round(self, pipeline: PipelinedAppends) -> None:
        """Commit what is waiting with batches overlapping; each append is answered as its own
        batch commits. A round is bounded so checkpoints are signed between rounds."""

        def take(min_size: int) -> list[tuple[_Waiting, PendingRecord]]:
            batch: list[tuple[_Waiting, PendingRecord]] = []
            if len(self._pending) < min_size:
                return batch
            while len(batch) < MAX_BATCH and self._pending:
                w = self._pending.popleft()
                batch.append((w, PendingRecord(w.recorded_at, w.body)))
            return batch

        def failed(items: list[_Waiting], error: Exception) -> None:
            log.error("audit batch of %d not committed: %s", len(items), error)
            self._refuse(items, error)

        budget = max(1, self._checkpoint_every - self.since_checkpoint)
        try:
            await pipeline.round(take, self._settle, failed, budget, self._run)
        except Exception:
            log.exception("audit appends failed unexpectedly")  # what was in flight has been failed

    def _settle(self, items: list[_Waiting], seqs: list[int], leaves: list[bytes]) -> None:
        for w, seq, leaf in zip(items, seqs, leaves, strict=True):
            w.leaf = leaf
            if not w.future.done():
                w.future.set_result(seq)
        self.since_checkpoint += len(items)

    @staticmethod
    def _refuse(items: list[_Waiting], error: Exception) -> None:
        for w in items:
            if not w.future.done():
                w.future.set_exception(AuditUnavailable(str(error)))
