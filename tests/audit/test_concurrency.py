"""Several gateway processes writing one log: one gap-free sequence, one tree, no forked checkpoints."""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

from sqlalchemy import select

from audit.checkpoint import NoteSigner
from audit.database import open_database
from audit.store import open_audit_log
from audit.tree_store import CHECKPOINTS
from audit.verify import verify_log
from tests.audit.conftest import audit_config, forward

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
PROCESSES, EACH = 4, 60


def _gateway_process(args: tuple[str, str, int]) -> list[int]:
    """One gateway's worth of concurrent requests, each appending a record."""
    tmp, url, worker = args
    config = audit_config(Path(tmp), url, signing_key=SIGNER.private_text(), checkpoint_every_records=25)

    async def main() -> list[int]:
        store = await open_audit_log(config)
        seqs = []
        for burst in range(EACH // 10):
            seqs += await asyncio.gather(
                *(store.append(forward(worker * 1000 + burst * 10 + i)) for i in range(10))
            )
        await store.aclose()
        return seqs

    return asyncio.run(main())


def test_processes_appending_at_once_share_one_gap_free_sequence(tmp_path, database_url):
    config = audit_config(tmp_path, database_url, signing_key=SIGNER.private_text())

    async def announce_key():
        store = await open_audit_log(config)  # records the key once, before the race
        await store.aclose()

    asyncio.run(announce_key())
    # fork: the parent holds no threads or connections here, and a fork starts in milliseconds
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        results = pool.map(_gateway_process, [(str(tmp_path), database_url, w) for w in range(PROCESSES)])

    every = sorted(s for seqs in results for s in seqs)
    assert every == list(range(1, PROCESSES * EACH + 1))  # no gap, no duplicate
    assert all(len(seqs) == EACH for seqs in results)
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok, report.render()
    assert report.tree_size == PROCESSES * EACH + 1
    db = open_database(database_url, writer=False)
    with db.engine.connect() as conn:
        sizes = list(conn.execute(select(CHECKPOINTS.c.size).order_by(CHECKPOINTS.c.id)).scalars())
    db.dispose()
    assert sizes == sorted(sizes) and sizes[-1] == PROCESSES * EACH + 1
