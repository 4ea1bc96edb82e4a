"""Audit appends per second and the latency an append adds to a request, on SQLite and PostgreSQL.

Each scenario opens a fresh log and runs for a fixed time:

- ``1 writer``: one request at a time, each awaiting its append (every append is its own commit);
- ``8 concurrent``: eight requests in flight in one gateway process (group commit batches them);
- ``2 processes x 4``: two gateway processes on one database, four requests in flight each
  (the sequencing lock is contended across processes).

Latency is the wall time of ``await store.append(event)``: what the audit adds to a request before
it may be forwarded. Every append is durable (SQLite WAL + synchronous=FULL, PostgreSQL
synchronous_commit=on) before it returns. Each log is then verified in full (``verify_log``) and
the verification rate reported. Each run freezes the garbage collector once its log is open, as the
gateway does once started, so collections scan what appends leave behind, not the imported code.

    .venv/bin/python bench/audit_append.py [--seconds 3] [--repeat 3] [--skip-postgres | --skip-sqlite]
        [--baseline REV] [--out PATH]

With ``--baseline REV`` the same scenarios also run on the audit code of git revision ``REV``
(exported to a scratch directory), each run of the baseline right before the same run of the
working tree, so both see the same machine; the results hold both and the ratio.

Writes bench/results/audit_append.json and prints a summary. PostgreSQL is the server at
$SOVGW_TEST_PG_DSN (default postgresql://postgres:postgres@127.0.0.1:5432/postgres); a scratch
database is created and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The code under test: this checkout, or a baseline revision exported elsewhere (--baseline).
CODE = Path(os.environ.get("SOVGW_BENCH_CODE", ROOT))
sys.path.insert(0, str(CODE))

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
    # As the gateway does once started (gateway/app.py): what start-up built is out of the
    # collector's reach, so a collection scans only what appends leave behind.
    gc.collect()
    gc.freeze()
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def requests(worker: int) -> None:
        n = offset + worker * 10_000_000
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            await store.append(event(n))
            latencies.append(time.perf_counter() - t)
            n += 1

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(requests(w) for w in range(concurrency)))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    backends_cpu = _backends_cpu_s(url)
    stats = getattr(store, "commit_stats", None)  # absent from older code (a baseline)
    await store.aclose()
    run = {"appends": len(latencies), "elapsed_s": elapsed, "latencies": latencies, "cpu_s": cpu}
    if backends_cpu is not None:
        run["server_cpu_s"] = backends_cpu
    if stats is not None:
        run["batch_sizes"] = dict(stats.sizes)
        run["commit_round_trips"] = list(stats.round_trips_s)
    return run


def _backends_cpu_s(url: str) -> float | None:
    """CPU seconds used so far by the server processes serving this database (PostgreSQL on this
    machine); its shared processes (WAL writer, checkpointer) are not counted."""
    if not url.startswith("postgresql"):
        return None
    import psycopg

    query = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with psycopg.connect(url, autocommit=True) as conn:
        pids = [row[0] for row in conn.execute(query)]
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None  # not a local server
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _process(args: tuple[str, str, int, float, int]) -> dict[str, Any]:
    url, workdir, concurrency, seconds, offset = args
    return asyncio.run(_run(url, Path(workdir), concurrency, seconds, offset))


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    latencies = sorted(x * 1000 for r in runs for x in r["latencies"])
    appends = sum(r["appends"] for r in runs)
    elapsed = max(r["elapsed_s"] for r in runs)

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 3)

    out = {
        "appends": appends,
        "appends_per_s": round(appends / elapsed, 1),
        "latency_p50_ms": pct(0.50),
        "latency_p95_ms": pct(0.95),
        "latency_p99_ms": pct(0.99),
        "latency_mean_ms": round(statistics.fmean(latencies), 3),
        "writer_cpu_us_per_append": round(sum(r["cpu_s"] for r in runs) * 1e6 / appends, 1),
    }
    if all("server_cpu_s" in r for r in runs):
        # From the server's start of these connections, so slightly more than the run itself.
        out["server_backends_cpu_us_per_append"] = round(
            sum(r["server_cpu_s"] for r in runs) * 1e6 / appends, 1
        )
    if all("batch_sizes" in r for r in runs):
        out.update(_commits(runs, appends))
    return out


def _commits(runs: list[dict[str, Any]], appends: int) -> dict[str, Any]:
    """Records per commit (the histogram), commit round trips, and the ceiling they set: with each
    writer waiting for its own durable commit, appends/s <= writers / commit round trip."""
    sizes: dict[int, int] = {}
    for r in runs:
        for size, n in r["batch_sizes"].items():
            sizes[int(size)] = sizes.get(int(size), 0) + n
    trips = sorted(t * 1000 for r in runs for t in r["commit_round_trips"])
    commits = sum(sizes.values())
    if not commits:
        return {}
    return {
        "commits": commits,
        "records_per_commit_mean": round(sum(s * n for s, n in sizes.items()) / commits, 2),
        "records_per_commit_histogram": {str(s): sizes[s] for s in sorted(sizes)},
        "commit_round_trip_p50_ms": round(trips[len(trips) // 2], 3),
        "commit_round_trip_p99_ms": round(trips[min(len(trips) - 1, int(0.99 * len(trips)))], 3),
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


def run_backend(name: str, make_url, seconds: float, repeat: int, baseline: Path | None) -> dict[str, Any]:
    """Each scenario ``repeat`` times on a fresh log; the run with the median rate is reported.

    The disk is shared and its fsync latency drifts, so single runs mislead; every run's rate is
    kept beside the median. With a baseline, each of its runs goes right before the same run here.
    """
    out: dict[str, Any] = {}
    for label, _, _ in SCENARIOS:
        versions: dict[str, list[dict[str, Any]]] = (
            {"baseline": [], "current": []} if baseline else {"current": []}
        )
        for _ in range(repeat):
            for version in versions:
                if version == "baseline" and baseline is not None:
                    versions[version].append(_in_subprocess(baseline, name, label, seconds))
                else:
                    versions[version].append(one_run(name, make_url, label, seconds))
        out[label] = {v: _median(runs) for v, runs in versions.items()}
        for version, r in out[label].items():
            print(f"{name:10} {label:16} {version:8} {_line(r)}", flush=True)
        if baseline:
            out[label]["speedup"] = round(
                out[label]["current"]["appends_per_s"] / out[label]["baseline"]["appends_per_s"], 2
            )
    return out


def _line(r: dict[str, Any]) -> str:
    """One result as a printed line: rate, latency, CPU per append, and on PostgreSQL the commits."""
    line = (
        f"{r['appends_per_s']:8.0f} appends/s   p50 {r['latency_p50_ms']:7.2f} ms"
        f"   p99 {r['latency_p99_ms']:7.2f} ms   verified={r['verified']}"
        f"   cpu/append {r['writer_cpu_us_per_append']:.0f} us"
    )
    if "server_backends_cpu_us_per_append" in r:
        line += f" + server {r['server_backends_cpu_us_per_append']:.0f} us"
    if "records_per_commit_mean" in r:
        line += (
            f"   records/commit {r['records_per_commit_mean']}"
            f" commit p50 {r['commit_round_trip_p50_ms']:.2f} ms"
            f" (ceiling {r['ceiling_writers_per_round_trip']}/s)"
        )
    runs = ", ".join(f"{x:.0f}" for x in r["appends_per_s_each_run"])
    loads = ", ".join(str(x) for x in r["load_average_1m_each_run"])
    return line + f"   fsync {r['fsync_4k_p50_ms']} ms   (runs: {runs}; load {loads})"


def one_run(name: str, make_url, label: str, seconds: float) -> dict[str, Any]:
    processes, concurrency = next((p, c) for lbl, p, c in SCENARIOS if lbl == label)
    load = round(os.getloadavg()[0], 2)  # this machine is shared: each figure carries its load
    fsync = fsync_baseline(50)["p50_ms"]  # the disk's flush drifts: each run carries its own
    with tempfile.TemporaryDirectory(prefix="sovgw-bench-") as tmp, make_url(Path(tmp)) as url:
        result = scenario(url, Path(tmp), processes, concurrency, seconds)
    writers = processes * concurrency
    if "commit_round_trip_p50_ms" in result:
        # Each writer waits for its own durable commit: at most ``writers`` appends per round trip.
        result["ceiling_writers_per_round_trip"] = round(writers * 1000 / result["commit_round_trip_p50_ms"])
    result["ceiling_writers_per_fsync"] = round(writers * 1000 / fsync) if fsync else None
    return {**result, "load_average_1m": load, "fsync_4k_p50_ms": fsync}


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    runs = sorted(runs, key=lambda r: r["appends_per_s"])
    r = dict(runs[len(runs) // 2])
    r["appends_per_s_each_run"] = [x["appends_per_s"] for x in runs]
    r["verified"] = all(x["verified"] for x in runs)
    r["load_average_1m_each_run"] = [x.get("load_average_1m") for x in runs]
    # CPU per append falls as the rate rises (fixed costs spread wider): compare runs of like rate.
    r["writer_cpu_us_per_append_each_run"] = [x["writer_cpu_us_per_append"] for x in runs]
    if all("server_backends_cpu_us_per_append" in x for x in runs):
        server = [x["server_backends_cpu_us_per_append"] for x in runs]
        r["server_backends_cpu_us_per_append_each_run"] = server
    r["fsync_4k_p50_ms_each_run"] = [x.get("fsync_4k_p50_ms") for x in runs]
    return r


def _in_subprocess(code: Path, name: str, label: str, seconds: float) -> dict[str, Any]:
    """One run of this script's scenario on the audit code in ``code``."""
    env = {**os.environ, "SOVGW_BENCH_CODE": str(code)}
    args = [sys.executable, __file__, "--one-run", name, label, "--seconds", str(seconds)]
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the baseline's run of {name} {label} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def export_revision(rev: str, into: Path) -> str:
    """The tree of git revision ``rev`` in ``into``; returns the full commit id."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return commit


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


BACKENDS = {"sqlite": _SqliteUrl, "postgresql": _PostgresUrl}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="duration of each scenario")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (the median is reported)")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--baseline", metavar="REV", help="also run the audit code of this git revision")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/audit_append.json")
    parser.add_argument("--one-run", nargs=2, metavar=("BACKEND", "SCENARIO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:  # one run for a baseline: its result as one JSON line
        backend, label = args.one_run
        print(json.dumps(one_run(backend, BACKENDS[backend], label, args.seconds)))
        return
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
    with tempfile.TemporaryDirectory(prefix="sovgw-baseline-") as tmp:
        baseline = None
        if args.baseline:
            baseline = Path(tmp)
            results["baseline"] = export_revision(args.baseline, baseline)
        results["current"] = _describe_checkout()
        for name, make_url in BACKENDS.items():
            if (name == "postgresql" and args.skip_postgres) or (name == "sqlite" and args.skip_sqlite):
                continue
            results["results"][name] = run_backend(name, make_url, args.seconds, args.repeat, baseline)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


def _describe_checkout() -> str:
    """The commit this checkout is at, marked when the audit code differs from it."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", "HEAD", "--", "audit"])
    return head.stdout.strip() + (" with uncommitted audit changes" if dirty.returncode else "")


if __name__ == "__main__":
    main()
