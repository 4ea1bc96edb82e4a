"""Decision latency p50/p99 for both policy backends, with and without the decision cache."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from domain.policy import PolicyInput  # noqa: E402
from gateway.policy.backend import Backend  # noqa: E402
from gateway.policy.cli import OPA_INSTALL, find_opa  # noqa: E402
from gateway.policy.embedded import EmbeddedBackend  # noqa: E402
from gateway.policy.engine import PolicyEngine  # noqa: E402
from gateway.policy.opa_server import OpaServerBackend  # noqa: E402
from gateway.policy.source import default_rego_dir  # noqa: E402
from tests.policy.inputs import generated_input  # noqa: E402


def workload(requests: int, distinct: int, seed: int) -> list[PolicyInput]:
    rng = random.Random(seed)
    pool = [generated_input(rng) for _ in range(distinct)]
    weights = [1 / (rank + 1) for rank in range(distinct)]
    return rng.choices(pool, weights=weights, k=requests)


def start_opa(opa: Path, rego_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [str(opa), "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error", str(rego_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=0.5).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("OPA did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(engine: PolicyEngine, inputs: list[PolicyInput], warmup: int = 50) -> dict[str, Any]:
    for inp in inputs[:warmup]:
        await engine.decide(inp)
    if engine.cache is not None:
        engine.cache.hits = engine.cache.misses = 0
    samples = []
    allowed = 0
    for inp in inputs:
        started = time.perf_counter()
        decision = await engine.decide(inp)
        samples.append((time.perf_counter() - started) * 1000)
        allowed += decision.allow
    result = {
        "decisions": len(samples),
        "allowed": allowed,
        "p50_ms": round(percentile(samples, 0.50), 3),
        "p99_ms": round(percentile(samples, 0.99), 3),
        "mean_ms": round(statistics.fmean(samples), 3),
        "max_ms": round(max(samples), 3),
    }
    if engine.cache is not None:
        result["cache_hit_rate"] = round(engine.cache.hit_rate, 4)
    return result


async def run(args: argparse.Namespace, opa_url: str, rego_dir: Path) -> dict[str, Any]:
    inputs = workload(args.requests, args.distinct, args.seed)

    def embedded() -> Backend:
        return EmbeddedBackend(rego_dir, timeout_s=5)

    def opa() -> Backend:
        return OpaServerBackend(opa_url, timeout_s=5, reload_interval_s=3600)

    setups: dict[str, tuple[Callable[[], Backend], int]] = {
        "embedded/uncached": (embedded, 0),
        "embedded/cached": (embedded, 4096),
        "opa/uncached": (opa, 0),
        "opa/cached": (opa, 4096),
    }
    results = {}
    for name, (backend, cache_size) in setups.items():
        engine = PolicyEngine(backend(), cache_size=cache_size)
        try:
            results[name] = await measure(engine, inputs)
        finally:
            await engine.aclose()
    return results


def main() -> None:
    """Start a real OPA server on a copy of policies/rego, then replay one seeded workload through
    four set-ups: embedded and OPA, each uncached and cached.

    The workload draws requests from a pool of distinct inputs with a skewed (Zipf-like)
    popularity, as a gateway sees repeated tenants, models and node sets; the cache's hit rate on
    it is reported with the latencies. Latency is wall time of ``await engine.decide(...)``, one
    request at a time, as the pipeline calls it. Writes bench/results/policy_latency.json and
    prints a summary::

        .venv/bin/python bench/policy_latency.py [--requests 2000] [--distinct 200]
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--distinct", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    opa = find_opa()
    if opa is None:
        raise SystemExit(f"no OPA binary; build it with: {OPA_INSTALL}")
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:
        rego_dir = Path(tmp) / "rego"
        shutil.copytree(default_rego_dir(), rego_dir)
        process, url = start_opa(opa, rego_dir)
        try:
            results = asyncio.run(run(args, url, rego_dir))
        finally:
            process.terminate()
            process.wait(timeout=10)
    report = {
        "benchmark": "policy_latency",
        "requests": args.requests,
        "distinct_inputs": args.distinct,
        "seed": args.seed,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            # Other work on the machine skews the numbers (the embedded engine most): record it.
            "load_average_1m_before": load_before,
            "load_average_1m_after": round(os.getloadavg()[0], 2),
        },
        "opa": subprocess.run([str(opa), "version"], capture_output=True, text=True).stdout.splitlines()[0],
        "results": results,
    }
    out = ROOT / "bench/results/policy_latency.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"policy decision latency, {args.requests} requests over {args.distinct} distinct inputs "
        f"(load average {load_before} before, {report['machine']['load_average_1m_after']} after)"
    )
    print(f"{'setup':20} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'hit rate':>9}")
    for name, r in results.items():
        hit = f"{r['cache_hit_rate']:.1%}" if "cache_hit_rate" in r else "-"
        print(f"{name:20} {r['p50_ms']:>8.3f} {r['p99_ms']:>8.3f} {r['mean_ms']:>8.3f} {hit:>9}")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
