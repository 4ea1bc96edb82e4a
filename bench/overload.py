"""One gateway worker under overload: latency of the admitted requests and the count shed, with the
admission bound alone and with shedding by event-loop lag, runs interleaved.

    .venv/bin/python bench/overload.py [--concurrency 64] [--seconds 15] [--rounds 2] [--lag-ms 0 25 50]
        [--max-in-flight 256 16] [--honour-retry-after]

Each setting starts ``sovgw serve --workers 1`` and ``sovgw node-sim`` as processes on loopback and
sends a unique 1 KB chat message per request from ``--concurrency`` clients for ``--seconds``; a
503 is counted as shed (it is answered at once, with retry-after) and the client sends its next at
once, or with ``--honour-retry-after`` after waiting what retry-after says, as the OpenAI SDK does
(clients that never wait turn shedding into a busy loop that takes the worker's CPU).
Latency percentiles are of the answered (200) requests. Lag 0 is the bound alone. Every figure
carries the load average of this shared machine at its start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.chat_load import closed_loop
from bench.single_node import start_gateway, start_node, wait_ready, write_config

MODEL = "bench-model"
KEY = "sk-bench-overload"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(
    lag_ms: float, concurrency: int, seconds: float, max_in_flight: int = 256, honour: bool = False
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sovgw-overload-") as tmp:
        workdir = Path(tmp)
        port, sim_port = _port(), _port()
        config = write_config(workdir, port=port, sim_port=sim_port, model=MODEL, key=KEY)
        data = yaml.safe_load(config.read_text())
        data["server"] = {"max_loop_lag_ms": lag_ms, "max_in_flight": max_in_flight}
        config.write_text(yaml.safe_dump(data))
        node = start_node(sim_port, MODEL)
        gateway = start_gateway(config, workers=1)
        try:
            wait_ready(f"http://127.0.0.1:{port}/ready")
            url = [f"http://127.0.0.1:{port}"]
            asyncio.run(closed_loop(url, concurrency, 2, model=MODEL, key=KEY, honour_retry_after=honour))
            load = round(os.getloadavg()[0], 2)
            result = asyncio.run(
                closed_loop(url, concurrency, seconds, model=MODEL, key=KEY, honour_retry_after=honour)
            )
            settings = {
                "max_loop_lag_ms": lag_ms,
                "max_in_flight": max_in_flight,
                "honour_retry_after": honour,
            }
            return {**settings, "load_average_1m": load, **result}
        finally:
            os.killpg(gateway.pid, signal.SIGTERM)
            node.terminate()
            gateway.wait(30)
            node.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--lag-ms", type=float, nargs="+", default=[0, 25, 50])
    parser.add_argument("--max-in-flight", type=int, nargs="+", default=[256], help="server.max_in_flight")
    parser.add_argument(
        "--honour-retry-after", action="store_true", help="a shed client waits what retry-after says"
    )
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    results = []
    for _ in range(args.rounds):
        for bound in args.max_in_flight:
            for lag in args.lag_ms:
                r = run(lag, args.concurrency, args.seconds, bound, args.honour_retry_after)
                results.append(r)
                print(json.dumps(r), flush=True)
    if args.out:
        args.out.write_text(json.dumps({"concurrency": args.concurrency, "runs": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
