"""Each append fails at its own commit deadline while its batch hangs, and never after it committed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from audit.group_commit import GroupCommit
from audit.log import AuditUnavailable
from audit.writer import PendingRecord


class HeldWriter:
    """A writer whose commits wait until the test opens the gate; numbers records from 0."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.size = 0

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        await self.gate.wait()
        return fn(*args)

    def append_batch(self, take: Callable[[], list[PendingRecord]], leaves: list[bytes]) -> list[int]:
        batch = take()
        seqs = list(range(self.size, self.size + len(batch)))
        self.size += len(batch)
        leaves.extend(bytes([s % 256]) * 32 for s in seqs)
        return seqs


async def _noop() -> None:
    return None


def group(writer: HeldWriter, timeout_s: float) -> GroupCommit:
    g = GroupCommit(writer, None, writer.run, timeout_s, 1000, _noop)  # type: ignore[arg-type]
    g.start()
    return g


async def timed(g: GroupCommit, n: int) -> tuple[float, object]:
    started = time.monotonic()
    try:
        outcome: object = await g.commit(datetime.now(UTC), {"kind": "admin", "n": n})
    except AuditUnavailable as e:
        outcome = e
    return time.monotonic() - started, outcome


def test_appends_queued_at_different_times_each_fail_at_their_own_deadline() -> None:
    async def main() -> list[tuple[float, object]]:
        writer = HeldWriter()
        g = group(writer, 0.4)
        first = asyncio.create_task(timed(g, 0))
        await asyncio.sleep(0.25)
        second = asyncio.create_task(timed(g, 1))
        a = await first
        assert not second.done()  # its own deadline has not come yet
        b = await second
        g.cancel()
        return [a, b]

    (t1, e1), (t2, e2) = asyncio.run(main())
    for elapsed, error in ((t1, e1), (t2, e2)):
        assert isinstance(error, AuditUnavailable)
        assert "within 0.4 s" in str(error)
        assert 0.38 <= elapsed < 1.5


def test_an_append_committed_in_time_keeps_its_number_after_its_deadline_passes() -> None:
    async def main() -> tuple[object, object, int]:
        writer = HeldWriter()
        g = group(writer, 0.3)
        task = asyncio.create_task(timed(g, 0))
        await asyncio.sleep(0.05)
        writer.gate.set()
        _, committed = await task
        await asyncio.sleep(0.4)  # past its deadline: nothing may fail it now
        _, next_one = await timed(g, 1)
        g.cancel()
        return committed, next_one, writer.size

    committed, next_one, size = asyncio.run(main())
    assert committed == (0, bytes([0]) * 32)
    assert next_one == (1, bytes([1]) * 32)
    assert size == 2


def test_a_batch_that_commits_after_the_deadline_leaves_no_gap_for_the_appends_behind_it() -> None:
    async def main() -> tuple[object, object, int]:
        writer = HeldWriter()
        g = group(writer, 0.2)
        _, late = await timed(g, 0)  # failed to its caller; the held batch still commits below
        writer.gate.set()
        await g.drained()
        _, after = await timed(g, 1)
        g.cancel()
        return late, after, writer.size

    late, after, size = asyncio.run(main())
    assert isinstance(late, AuditUnavailable)
    assert after == (1, bytes([1]) * 32)  # numbered after the late record: one sequence, no gap
    assert size == 2


@pytest.mark.parametrize("cancelled", [0, 1])
def test_a_caller_that_gives_up_does_not_disturb_the_others(cancelled: int) -> None:
    async def main() -> list[object]:
        writer = HeldWriter()
        g = group(writer, 5)
        tasks = [asyncio.create_task(timed(g, n)) for n in range(2)]
        await asyncio.sleep(0.05)
        tasks[cancelled].cancel()
        writer.gate.set()
        other = await tasks[1 - cancelled]
        g.cancel()
        return [other[1], writer.size]

    outcome, size = asyncio.run(main())
    assert isinstance(outcome, tuple) and outcome[0] in (0, 1)
    assert size == 2  # the abandoned record is committed all the same
