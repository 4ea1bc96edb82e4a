"""SIGKILL mid-run: every acknowledged record is committed, no gaps, the tree and checkpoints hold."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal

from audit.checkpoint import NoteSigner
from audit.store import open_audit_log
from audit.verify import verify_log
from tests.audit import crash_writer
from tests.audit.conftest import audit_config, forward

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))


def test_a_killed_writer_leaves_a_log_that_verifies_and_continues_without_a_gap(tmp_path, database_url):
    acknowledged: list[int] = []
    # fork: the parent holds no threads or connections here, and a fork starts in milliseconds
    context = multiprocessing.get_context("fork")
    for _ in range(2):  # kill it twice: the second run starts from the first one's remains
        read_end, write_end = os.pipe()
        proc = context.Process(
            target=crash_writer.main, args=(tmp_path, database_url, SIGNER.private_text(), write_end)
        )
        proc.start()
        os.close(write_end)
        with os.fdopen(read_end) as lines:
            for seen, line in enumerate(lines, start=1):
                acknowledged.append(int(line))
                if seen >= 300:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
        proc.join(timeout=30)
        assert proc.exitcode == -signal.SIGKILL

    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok, report.render()
    assert report.checkpoints_verified >= 2
    # everything a client was told about is in the log (and the log may hold a few more)
    assert max(acknowledged) < report.tree_size
    assert len(set(acknowledged)) == len(acknowledged)

    async def resume():
        store = await open_audit_log(audit_config(tmp_path, database_url, signing_key=SIGNER.private_text()))
        seq = await store.append(forward(0))
        await store.aclose()
        return seq

    assert asyncio.run(resume()) == report.tree_size
    assert verify_log(database_url, [SIGNER.vkey()]).ok
