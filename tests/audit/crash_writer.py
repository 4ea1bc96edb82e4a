"""A gateway stand-in for the crash test: appends from 8 concurrent requests until killed.

Prints each sequence number as soon as ``append`` returned it (an acknowledged record), so the test
knows which records a client could have been told about when SIGKILL arrived.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from audit.store import open_audit_log
from tests.audit.conftest import audit_config, forward


async def main(tmp: str, url: str, signing_key: str) -> None:
    store = await open_audit_log(
        audit_config(Path(tmp), url, signing_key=signing_key, checkpoint_every_records=50)
    )

    async def requests(worker: int) -> None:
        n = 0
        while True:
            seq = await store.append(forward(worker * 1_000_000 + n))
            print(seq, flush=True)
            n += 1

    await asyncio.gather(*(requests(w) for w in range(8)))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
