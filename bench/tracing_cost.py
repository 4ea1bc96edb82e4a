"""What request tracing costs: the gateway's CPU per request with tracing off, on, and (optionally)
as built from another checkout, e.g. the commit before tracing existed.

Each gateway runs as ``sovgw serve`` (one worker) in front of a node simulator; a closed loop of
httpx clients sends non-stream chat requests with a unique ~1 KB message each. The CPU of the
gateway's whole process group (server, classifier processes) is read from /proc before and after
each round; rounds of the modes are interleaved so machine drift hits all alike. "on" exports every
span over OTLP/HTTP to a collector stub in this process, which counts what arrives. Writes
bench/results/tracing_cost.json.

    python -m bench.tracing_cost [--requests 600] [--rounds 3] [--before /path/to/older/checkout]
    python -m bench.tracing_cost --show-trace     # one request's spans as a tree, and as JSON
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.single_node import start_node, wait_ready, write_config
from gateway.local import ThreadedServer, free_port

RESULTS = Path(__file__).resolve().parent / "results/tracing_cost.json"
MODEL = "bench/model"
KEY = "sk-bench-key"
TEXT = "Explain how district heating networks balance seasonal demand and storage, request {i}. " * 11


class Collector:
    """An OTLP/HTTP endpoint that takes every export and counts its bytes."""

    def __init__(self) -> None:
        self.exports = 0
        self.bytes = 0

        async def take(request: Request) -> Response:
            self.bytes += len(await request.body())
            self.exports += 1
            return Response(b"", media_type="application/x-protobuf")

        self.server = ThreadedServer(Starlette(routes=[Route("/v1/traces", take, methods=["POST"])])).start()


def _gateway(
    workdir: Path, sim_port: int, tree: Path, collector: str | None
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    path = write_config(workdir, port=port, sim_port=sim_port, model=MODEL, key=KEY)
    if collector is not None:
        config = yaml.safe_load(path.read_text())
        config["telemetry"] = {"otlp_endpoint": collector, "service_name": "bench-gateway"}
        path.write_text(yaml.safe_dump(config))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    env["PYTHONPATH"] = str(tree)
    argv = [sys.executable, "-m", "sovgw.cli", "serve", "--config", str(path), "--workers", "1"]
    process = subprocess.Popen(argv, cwd=tree, env=env, start_new_session=True)
    return process, f"http://127.0.0.1:{port}"


def _cpu_s(group: int) -> float:
    total = 0.0
    for p in psutil.process_iter(["pid"]):
        try:
            if os.getpgid(p.pid) == group:
                t = p.cpu_times()
                total += t.user + t.system
        except (psutil.Error, ProcessLookupError):
            pass
    return total


async def _round(url: str, concurrency: int, requests: int, offset: int) -> None:
    headers = {"authorization": f"Bearer {KEY}"}
    remaining = list(range(offset, offset + requests))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def worker() -> None:
            while remaining:
                i = remaining.pop()
                body = {
                    "model": MODEL,
                    "messages": [{"role": "user", "content": TEXT.format(i=i)}],
                    "max_tokens": 8,
                }
                r = await client.post("/v1/chat/completions", json=body, headers=headers)
                if r.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))


def measure(args: argparse.Namespace) -> dict[str, Any]:
    here = Path(__file__).resolve().parents[1]
    collector = Collector()
    modes: dict[str, tuple[Path, str | None]] = {"off": (here, None), "on": (here, collector.server.url)}
    if args.before:
        modes = {"before": (Path(args.before).resolve(), None), **modes}
    sim_port = free_port()
    sim = start_node(sim_port, MODEL)
    running: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
    samples: dict[str, list[float]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            wait_ready(f"http://127.0.0.1:{sim_port}/health")
            for mode, (tree, otlp) in modes.items():
                workdir = Path(tmp) / mode
                workdir.mkdir()
                running[mode] = _gateway(workdir, sim_port, tree, otlp)
            for _, url in running.values():
                wait_ready(f"{url}/ready")
            offset = 0
            for _, url in running.values():  # warm-up: caches, connections, lazy imports
                asyncio.run(_round(url, args.concurrency, 200, offset))
                offset += 200
            order = list(running.items())
            for r in range(args.rounds):  # each round starts with the next mode: no mode always first
                for mode, (process, url) in order[r % len(order) :] + order[: r % len(order)]:
                    before = _cpu_s(process.pid)
                    asyncio.run(_round(url, args.concurrency, args.requests, offset))
                    offset += args.requests
                    samples[mode].append((_cpu_s(process.pid) - before) / args.requests * 1e6)
        finally:
            for process, _ in running.values():
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(30)
            sim.terminate()
            sim.wait(30)
            time.sleep(0.5)  # the last batch of spans
            collector.server.stop()
    return {
        "requests_per_round": args.requests,
        "rounds": args.rounds,
        "concurrency": args.concurrency,
        "cpu_us_per_request": {m: [round(v) for v in s] for m, s in samples.items()},
        "median_us": {m: round(statistics.median(s)) for m, s in samples.items()},
        "otlp_exports": collector.exports,
        "otlp_bytes": collector.bytes,
    }


def show_trace() -> None:
    """One request through an in-process gateway; its spans as a tree with durations, then as JSON."""
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from gateway.app import create_app
    from gateway.config import load_config
    from gateway.telemetry import Tracing

    exporter = InMemorySpanExporter()
    sim_port = free_port()
    sim = start_node(sim_port, MODEL)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_config(Path(tmp), port=free_port(), sim_port=sim_port, model=MODEL, key=KEY)
        config = yaml.safe_load(path.read_text())
        config["classification"] = {"executor": "inline"}
        path.write_text(yaml.safe_dump(config))
        app = create_app(load_config(path), tracing=Tracing(SimpleSpanProcessor(exporter)))
        try:
            wait_ready(f"http://127.0.0.1:{sim_port}/health")
            with ThreadedServer(app) as gateway:
                wait_ready(f"{gateway.url}/ready")
                body = {
                    "model": MODEL,
                    "messages": [{"role": "user", "content": TEXT.format(i=0)}],
                    "max_tokens": 8,
                }
                headers = {
                    "authorization": f"Bearer {KEY}",
                    "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                }
                for i in range(2):  # the first request warms up; the second (a new text) is shown
                    exporter.clear()
                    body["messages"] = [{"role": "user", "content": TEXT.format(i=i)}]
                    r = httpx.post(
                        f"{gateway.url}/v1/chat/completions", json=body, headers=headers, timeout=30
                    )
                    r.raise_for_status()
                    deadline = time.monotonic() + 5
                    while not any(s.name.startswith("POST ") for s in exporter.get_finished_spans()):
                        assert time.monotonic() < deadline
                        time.sleep(0.01)
        finally:
            sim.terminate()
            sim.wait(30)
    spans = sorted(exporter.get_finished_spans(), key=lambda s: s.start_time or 0)
    _print_tree(spans)
    print(json.dumps([json.loads(s.to_json()) for s in spans], indent=1))


def _print_tree(spans: list[Any]) -> None:
    ids = {s.context.span_id for s in spans}
    t0 = min(s.start_time for s in spans)

    def walk(parent: int | None, depth: int) -> None:
        for s in spans:
            p = s.parent.span_id if s.parent is not None and s.parent.span_id in ids else None
            if p != parent:
                continue
            attrs = " ".join(f"{k}={v}" for k, v in (s.attributes or {}).items())
            start, took = (s.start_time - t0) / 1e6, (s.end_time - s.start_time) / 1e6
            print(f"{'  ' * depth}{s.name:<28} +{start:7.2f} ms {took:7.2f} ms  {attrs}")
            walk(s.context.span_id, depth + 1)

    root = next(s for s in spans if s.parent is None or s.parent.span_id not in ids)
    print(f"trace {root.context.trace_id:032x} (parent span from the client: {root.parent.span_id:016x})")
    walk(None, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="requests per round and mode")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--before", help="a checkout to measure as 'before' (tracing off there)")
    parser.add_argument("--show-trace", action="store_true", help="print one request's spans and exit")
    args = parser.parse_args()
    if args.show_trace:
        show_trace()
        return
    result = measure(args)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))
    print("CPU per request (median, µs): " + ", ".join(f"{m} {v}" for m, v in result["median_us"].items()))


if __name__ == "__main__":
    main()
