"""What the gateway adds over calling a node directly: non-stream chat, 1 KB prompt, full pipeline.

Starts a node simulator (zero think time) and a gateway in front of it (embedded policy engine,
SQLite audit trail, offline classifier), each as its own process, then drives both with a closed
loop of httpx clients at concurrency 1 and 32, interleaving direct and gateway rounds so machine
drift hits both alike. Writes bench/results/gateway_overhead.json and prints a summary.

    python -m bench.gateway_overhead [--requests 400] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from bench.single_node import start_gateway, start_node, wait_ready, write_config
from gateway.local import free_port

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results/gateway_overhead.json"
MODEL = "bench/model"
KEY = "sk-bench-key"
# ~1 KB of plain prose: no personal data, so the full pipeline runs and the request is allowed.
PROMPT = (
    "Explain how district heating networks in northern Europe balance seasonal demand, "
    "what role heat pumps and thermal storage play, and which trade-offs operators face. "
) * 6


def _start(workdir: Path) -> tuple[list[subprocess.Popen[bytes]], str, str]:
    sim_port, gw_port = free_port(), free_port()
    sim = start_node(sim_port, MODEL)
    gateway = start_gateway(write_config(workdir, port=gw_port, sim_port=sim_port, model=MODEL, key=KEY))
    direct, through = f"http://127.0.0.1:{sim_port}", f"http://127.0.0.1:{gw_port}"
    wait_ready(f"{direct}/health")
    wait_ready(f"{through}/ready")
    return [gateway, sim], direct, through


async def _round(url: str, concurrency: int, requests: int) -> list[float]:
    body = {"model": MODEL, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 16}
    headers = {"authorization": f"Bearer {KEY}"}
    latencies: list[float] = []
    remaining = requests
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                r = await client.post("/v1/chat/completions", json=body, headers=headers)
                latencies.append((time.perf_counter() - start) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per round and path")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        procs, direct, through = _start(Path(tmp))
        try:
            results = []
            for concurrency in (1, 32):
                samples: dict[str, list[float]] = {"direct": [], "gateway": []}
                asyncio.run(_round(through, concurrency, 50))  # warm both paths
                asyncio.run(_round(direct, concurrency, 50))
                for _ in range(args.rounds):
                    samples["direct"] += asyncio.run(_round(direct, concurrency, args.requests))
                    samples["gateway"] += asyncio.run(_round(through, concurrency, args.requests))
                row = {"concurrency": concurrency, "requests_per_path": len(samples["direct"])}
                for path, values in samples.items():
                    row[path] = {
                        "p50_ms": _pct(values, 50),
                        "p99_ms": _pct(values, 99),
                        "mean_ms": statistics.mean(values),
                    }
                row["added_p50_ms"] = row["gateway"]["p50_ms"] - row["direct"]["p50_ms"]
                row["added_p99_ms"] = row["gateway"]["p99_ms"] - row["direct"]["p99_ms"]
                results.append(row)
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=30)

    report = {
        "benchmark": "gateway_overhead",
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "workload": "POST /v1/chat/completions, non-stream, ~1 KB prompt, max_tokens 16, zero think time",
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    columns = ("conc.", "direct p50", "direct p99", "gw p50", "gw p99", "added p50", "added p99")
    print(" ".join(f"{c:>10}" for c in columns))
    for r in results:
        values = (
            r["direct"]["p50_ms"],
            r["direct"]["p99_ms"],
            r["gateway"]["p50_ms"],
            r["gateway"]["p99_ms"],
        )
        added = (r["added_p50_ms"], r["added_p99_ms"])
        print(f"{r['concurrency']:>10} " + " ".join(f"{v:>10.2f}" for v in (*values, *added)))
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
