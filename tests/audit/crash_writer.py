"""A gateway stand-in for the crash test: appends from 8 concurrent requests until killed.

Writes each sequence number to ``out`` as soon as ``append`` returned it (an acknowledged record),
so the test knows which records a client could have been told about when SIGKILL arrived.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from audit.store import open_audit_log
from tests.audit.conftest import audit_config, forward


async def append_until_killed(tmp: Path, url: str, signing_key: str, out: int) -> None:
    store = await open_audit_log(audit_config(tmp, url, signing_key=signing_key, checkpoint_every_records=50))

    async def requests(worker: int) -> None:
        n = 0
        while True:
            seq = await store.append(forward(worker * 1_000_000 + n))
            os.write(out, f"{seq}\n".encode())
            n += 1

    await asyncio.gather(*(requests(w) for w in range(8)))


def main(tmp: Path, url: str, signing_key: str, out: int) -> None:
    asyncio.run(append_until_killed(tmp, url, signing_key, out))
