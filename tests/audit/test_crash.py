"""SIGKILL mid-run: every acknowledged record is committed, no gaps, the tree and checkpoints hold."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from audit.checkpoint import NoteSigner
from audit.store import open_audit_log
from audit.verify import verify_log
from tests.audit.conftest import audit_config, forward

ROOT = Path(__file__).resolve().parents[2]
SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))


def test_a_killed_writer_leaves_a_log_that_verifies_and_continues_without_a_gap(tmp_path, database_url):
    acknowledged: list[int] = []
    for _ in range(2):  # kill it twice: the second run starts from the first one's remains
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.audit.crash_writer",
                str(tmp_path),
                database_url,
                SIGNER.private_text(),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        for seen, line in enumerate(proc.stdout, start=1):
            acknowledged.append(int(line))
            if seen >= 300:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL

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
