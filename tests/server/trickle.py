"""Slow clients for the slow-client test: connections that send a request's headers one byte at a time
and open again when the server closes them, as a slowloris attack does.

``python -m tests.server.trickle PORT CONNECTIONS SECONDS`` prints ``connected`` once every
connection is open, then, at the end, one JSON line: how the server ended each connection and after
how long.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field

HEAD = b"POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\nx-padding: " + b"a" * 4096
BYTE_EVERY_S = 0.25


@dataclass
class Tally:
    answered_408: int = 0  # closed with a 408 after the deadline
    closed_silently: int = 0
    still_open: int = 0  # the server had not closed it when the run ended
    refused: int = 0
    lifetimes: list[float] = field(default_factory=list)


async def _slow_client(port: int, until: float, tally: Tally, connected: asyncio.Event) -> None:
    first = True
    while time.monotonic() < until:
        opened = time.monotonic()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            tally.refused += 1
            await asyncio.sleep(BYTE_EVERY_S)
            continue
        if first:
            first = False
            connected.set()
        answer = asyncio.ensure_future(reader.read())  # until the server closes
        try:
            for i in range(len(HEAD)):
                if answer.done() or time.monotonic() >= until:
                    break
                writer.write(HEAD[i : i + 1])
                await asyncio.sleep(BYTE_EVERY_S)
        except OSError:
            pass
        if not answer.done() and time.monotonic() >= until:
            tally.still_open += 1
            answer.cancel()
            writer.close()
            return
        try:
            data = await answer
        except OSError:
            data = b""
        tally.lifetimes.append(time.monotonic() - opened)
        if data.startswith(b"HTTP/1.1 408"):
            tally.answered_408 += 1
        else:
            tally.closed_silently += 1
        writer.close()


async def main(port: int, connections: int, seconds: float) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    events = [asyncio.Event() for _ in range(connections)]
    tasks = [asyncio.ensure_future(_slow_client(port, until, tally, e)) for e in events]
    await asyncio.gather(*(e.wait() for e in events))
    print("connected", flush=True)
    await asyncio.gather(*tasks)
    return tally


if __name__ == "__main__":
    port, connections, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    result = asyncio.run(main(port, connections, seconds))
    print(json.dumps(result.__dict__), flush=True)
