"""Audit appends per second and the latency an append adds to a request, on SQLite and PostgreSQL.

Each scenario opens a fresh log and runs for a fixed time:

- ``1 writer``: one request at a time, each awaiting its append (every append is its own commit);
- ``8 concurrent``: eight requests in flight in one gateway process (group commit batches them);
- ``2 processes x 4``: two gateway processes on one database, four requests in flight each
  (the sequencing lock is contended across processes).

Latency is the wall time of ``await store.append(event)``: what the audit adds to a request before
it may be forwarded. Every append is durable (SQLite WAL + synchronous=FULL, PostgreSQL
synchronous_commit=on) before it returns. Each log is then verified in full (``verify_log``) and
the verification rate reported.

    .venv/bin/python bench/audit_append.py [--seconds 3] [--repeat 3] [--skip-postgres]

Writes bench/results/audit_append.json and prints a summary. PostgreSQL is the server at
$SOVGW_TEST_PG_DSN (default postgresql://postgres:postgres@127.0.0.1:5432/postgres); a scratch
database is created and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.checkpoint import NoteSigner  # noqa: E402
from audit.config import AuditConfig  # noqa: E402
from audit.store import open_audit_log  # noqa: E402
from audit.verify import verify_log  # noqa: E402
from domain.classification import Category, ClassificationSummary  # noqa: E402
from domain.events import DecisionRef, ForwardEvent, NodeRef, RequestContext  # noqa: E402

PG_DSN = os.environ.get("SOVGW_TEST_PG_DSN", "postgresql://postgres:postgres@127.0.0.1:5432/postgres")
SIGNER = NoteSigner.from_seed("bench.local/audit", bytes(range(32)))


def event(n: int) -> ForwardEvent:
    """A forward record of realistic size (about 900 bytes canonical)."""
    return ForwardEvent(
        request=RequestContext(
            request_id=f"req-{n:08d}",
            tenant=f"tenant-{n % 5}",
            api_key_id=f"key-{n % 17}",
            purpose="support",
            route="/v1/chat/completions",
            model="mistral-7b-instruct",
            stream=True,
        ),
        classification=ClassificationSummary(
            category=Category.PERSONAL,
            entities={"EMAIL_ADDRESS": 1, "PERSON": 2, "LT_PERSONAL_CODE": 1},
            detector_version="presidio-2.2.366",
            recognizer_hash="3f2a9c",
            max_score=0.85,
            languages=["en"],
        ),
        decision=DecisionRef(
            decision_id=str(uuid.UUID(int=n)), allow=True, revision="bundle-2026-11-29", engine="embedded"
        ),
        node=NodeRef(
            node_id="fra-1", operator="Example GPU GmbH", jurisdiction="DE", transfer_basis="intra-EEA"
        ),
    )


def config(url: str, workdir: Path) -> AuditConfig:
    return AuditConfig(
        database_url=url,
        pseudonym_key_dir=workdir / "keys",
        signing_key=SIGNER.private_text(),
        checkpoint_every_records=1000,
    )


async def _run(url: str, workdir: Path, concurrency: int, seconds: float, offset: int) -> dict[str, Any]:
    store = await open_audit_log(config(url, workdir))
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def requests(worker: int) -> None:
        n = offset + worker * 10_000_000
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            await store.append(event(n))
            latencies.append(time.perf_counter() - t)
            n += 1

    start = time.perf_counter()
    await asyncio.gather(*(requests(w) for w in range(concurrency)))
    elapsed = time.perf_counter() - start
    await store.aclose()
    return {"appends": len(latencies), "elapsed_s": elapsed, "latencies": latencies}


def _process(args: tuple[str, str, int, float, int]) -> dict[str, Any]:
    url, workdir, concurrency, seconds, offset = args
    return asyncio.run(_run(url, Path(workdir), concurrency, seconds, offset))


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    latencies = sorted(x * 1000 for r in runs for x in r["latencies"])
    appends = sum(r["appends"] for r in runs)
    elapsed = max(r["elapsed_s"] for r in runs)

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 3)

    return {
        "appends": appends,
        "appends_per_s": round(appends / elapsed, 1),
        "latency_p50_ms": pct(0.50),
        "latency_p95_ms": pct(0.95),
        "latency_p99_ms": pct(0.99),
        "latency_mean_ms": round(statistics.fmean(latencies), 3),
    }


def scenario(url: str, workdir: Path, processes: int, concurrency: int, seconds: float) -> dict[str, Any]:
    if processes == 1:
        runs = [asyncio.run(_run(url, workdir, concurrency, seconds, 0))]
    else:
        args = [(url, str(workdir), concurrency, seconds, p * 100_000_000) for p in range(processes)]
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            runs = pool.map(_process, args)
    result = summarise(runs)
    started = time.perf_counter()
    report = verify_log(url, [SIGNER.vkey()])
    verify_s = time.perf_counter() - started
    result["verified"] = report.ok
    result["tree_size"] = report.tree_size
    result["full_verify_records_per_s"] = round(report.records_checked / verify_s, 1)
    return result


SCENARIOS = [("1 writer", 1, 1), ("8 concurrent", 1, 8), ("2 processes x 4", 2, 4)]


def fsync_baseline(n: int = 200) -> dict[str, float]:
    """What one durable write costs on this disk right now: the floor under a lone append."""
    with tempfile.TemporaryDirectory(prefix="sovgw-fsync-") as tmp:
        fd = os.open(Path(tmp) / "probe", os.O_WRONLY | os.O_CREAT)
        times = []
        try:
            for _ in range(n):
                t = time.perf_counter()
                os.write(fd, b"x" * 4096)
                os.fsync(fd)
                times.append((time.perf_counter() - t) * 1000)
        finally:
            os.close(fd)
    times.sort()
    return {"p50_ms": round(times[n // 2], 3), "p99_ms": round(times[int(n * 0.99)], 3)}


def run_backend(name: str, make_url, seconds: float, repeat: int) -> dict[str, Any]:
    """Each scenario ``repeat`` times on a fresh log; the run with the median rate is reported.

    The disk is shared and its fsync latency drifts, so single runs mislead; every run's rate is
    kept beside the median.
    """
    out = {}
    for label, processes, concurrency in SCENARIOS:
        runs = []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory(prefix="sovgw-bench-") as tmp, make_url(Path(tmp)) as url:
                runs.append(scenario(url, Path(tmp), processes, concurrency, seconds))
        runs.sort(key=lambda r: r["appends_per_s"])
        r = dict(runs[len(runs) // 2])
        r["appends_per_s_each_run"] = [x["appends_per_s"] for x in runs]
        r["verified"] = all(x["verified"] for x in runs)
        out[label] = r
        print(
            f"{name:10} {label:16} {r['appends_per_s']:8.0f} appends/s"
            f"   p50 {r['latency_p50_ms']:7.2f} ms"
            f"   p99 {r['latency_p99_ms']:7.2f} ms   verified={r['verified']}"
            f"   (runs: {', '.join(f'{x:.0f}' for x in r['appends_per_s_each_run'])})",
            flush=True,
        )
    return out


class _SqliteUrl:
    def __init__(self, tmp: Path) -> None:
        self.url = f"sqlite:///{tmp / 'audit.db'}"

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc: object) -> None:
        return None


class _PostgresUrl:
    """A scratch database on the server, dropped afterwards."""

    def __init__(self, _tmp: Path) -> None:
        from psycopg.conninfo import conninfo_to_dict

        self.name = f"sovgw_bench_{uuid.uuid4().hex[:10]}"
        p = conninfo_to_dict(PG_DSN)
        self.url = (
            f"postgresql://{p['user']}:{p.get('password', '')}@{p['host']}:{p.get('port', 5432)}/{self.name}"
        )

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc: object) -> None:
        import psycopg

        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="duration of each scenario")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (the median is reported)")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "benchmark": "audit_append",
        "seconds_per_run": args.seconds,
        "runs_per_scenario": args.repeat,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "note": "latency = wall time of await store.append(); every append durable before it returns",
        "results": {},
    }
    results["fsync_4k"] = fsync_baseline()
    print(f"fsync of 4 KiB on this disk: p50 {results['fsync_4k']['p50_ms']} ms", flush=True)
    results["results"]["sqlite"] = run_backend("sqlite", _SqliteUrl, args.seconds, args.repeat)
    if not args.skip_postgres:
        results["results"]["postgresql"] = run_backend("postgresql", _PostgresUrl, args.seconds, args.repeat)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out = ROOT / "bench/results/audit_append.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
