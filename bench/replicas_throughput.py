"""Requests per second of 1 and of 3 gateway replicas on one PostgreSQL log, under the same load.

    .venv/bin/python -m bench.replicas_throughput [--replicas 1 3] [--concurrency 16] [--seconds 15]
        [--rounds 2] [--database postgresql://...] [--out bench/results/replicas_throughput.json]

Each run creates a scratch database, starts one ``sovgw node-sim`` and N ``sovgw serve --workers 1``
processes on it (one signing key, one pseudonym key directory, as replicas share them), warms up,
then sends a unique 1 KB chat message per request from ``--concurrency`` clients spread evenly over
the replicas for ``--seconds``. Settings alternate within each round, so both see the same machine.
Afterwards the log must be one log: sequence numbers 0..n-1 and ``sovgw audit verify`` passes.

This machine has 2 cores shared with other work, and every process (clients, replicas, simulator,
PostgreSQL) runs on them: the figures say what sharing one log costs, not what more machines would
add. Each run records the 1-minute load average at its start and end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from bench import crash_test
from bench.chat_load import closed_loop
from bench.single_node import SOVGW, start_node, wait_ready
from gateway.local import free_port

ROOT = Path(__file__).resolve().parents[1]
PG_DSN = os.environ.get("SOVGW_TEST_PG_DSN", "postgresql://postgres:postgres@127.0.0.1:5432/postgres")


class _ScratchDatabase:
    """A fresh database on the server at ``dsn``, dropped afterwards."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.name = f"sovgw_replicas_{uuid.uuid4().hex[:10]}"
        p = conninfo_to_dict(dsn)
        self.url = (
            f"postgresql://{p['user']}:{p.get('password', '')}@{p['host']}:{p.get('port', 5432)}/{self.name}"
        )

    def __enter__(self) -> str:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc: object) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def run(replicas: int, concurrency: int, seconds: float, dsn: str = PG_DSN) -> dict[str, Any]:
    """One measurement: ``replicas`` gateways on a fresh log, the load, then the log checked."""
    with tempfile.TemporaryDirectory(prefix="sovgw-replicas-") as tmp, _ScratchDatabase(dsn) as database:
        workdir = Path(tmp)
        vkey = crash_test._signing_key(workdir)
        sim_port = free_port()
        sim = start_node(sim_port, crash_test.MODEL)
        configs, urls = [], []
        for i in range(replicas):
            home = workdir / f"replica-{i}"
            home.mkdir()
            (home / "signing.key").write_bytes((workdir / "signing.key").read_bytes())
            os.chmod(home / "signing.key", 0o600)
            port = free_port()
            configs.append(crash_test._config(home, port, sim_port, database, keys=workdir / "keys"))
            urls.append(f"http://127.0.0.1:{port}")
        gateways = [_start_gateway(config, workdir / f"replica-{i}.log") for i, config in enumerate(configs)]
        try:
            wait_ready(f"http://127.0.0.1:{sim_port}/health")
            for url in urls:
                wait_ready(f"{url}/ready")
            # warm-up first: connections, caches, the classifier
            asyncio.run(closed_loop(urls, concurrency, 3, model=crash_test.MODEL, key=crash_test.KEY))
            load_start = round(os.getloadavg()[0], 2)
            result = asyncio.run(
                closed_loop(urls, concurrency, seconds, model=crash_test.MODEL, key=crash_test.KEY)
            )
            load_end = round(os.getloadavg()[0], 2)
        finally:
            for gateway in gateways:
                os.killpg(gateway.pid, signal.SIGTERM)
            for gateway in gateways:
                gateway.wait(60)
            sim.terminate()
            sim.wait(30)
        verify = subprocess.run(
            [*SOVGW, "audit", "verify", "--config", str(configs[0]), "--key", vkey],
            capture_output=True,
            text=True,
        )
        with psycopg.connect(database) as conn:
            seqs = [row[0] for row in conn.execute("SELECT seq FROM audit_records ORDER BY seq")]
    return {
        "replicas": replicas,
        "concurrency": concurrency,
        "seconds": seconds,
        "load_average_1m_start": load_start,
        "load_average_1m_end": load_end,
        **result,
        "records": len(seqs),
        "sequence_gap_free": seqs == list(range(len(seqs))),
        "verify_exit_code": verify.returncode,
    }


def _start_gateway(config: Path, log: Path) -> subprocess.Popen[bytes]:
    """``sovgw serve`` with one worker in a process group of its own, its output in ``log``."""
    with log.open("wb") as out:
        argv = [*SOVGW, "serve", "--config", str(config), "--workers", "1"]
        return subprocess.Popen(argv, start_new_session=True, stdout=out, stderr=subprocess.STDOUT)


def summarise(runs: list[dict[str, Any]], settings: list[int]) -> dict[str, Any]:
    """Per setting: the median rate over the rounds; then each setting against the first."""
    out: dict[str, Any] = {}
    for n in settings:
        rates = sorted(r["answered_per_s"] for r in runs if r["replicas"] == n)
        out[f"{n} replicas"] = {"answered_per_s_median": rates[len(rates) // 2], "each_round": rates}
    first = out[f"{settings[0]} replicas"]["answered_per_s_median"]
    for n in settings[1:]:
        ratio = out[f"{n} replicas"]["answered_per_s_median"] / first if first else None
        out[f"{n} replicas"][f"vs_{settings[0]}"] = round(ratio, 2) if ratio is not None else None
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database", default=PG_DSN, help="PostgreSQL server for scratch databases")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/replicas_throughput.json")
    args = parser.parse_args()
    runs = []
    for _ in range(args.rounds):
        for n in args.replicas:
            r = run(n, args.concurrency, args.seconds, args.database)
            runs.append(r)
            print(json.dumps(r), flush=True)
    summary = summarise(runs, args.replicas)
    report = {
        "benchmark": "replicas_throughput",
        "machine": {"cpus": os.cpu_count(), "shared": "clients, replicas, simulator, PostgreSQL"},
        "summary": summary,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    for label, s in summary.items():
        print(f"{label}: {s['answered_per_s_median']} answers/s (rounds: {s['each_round']})", flush=True)
    ok = all(r["sequence_gap_free"] and r["verify_exit_code"] == 0 and r["answered"] for r in runs)
    print("log intact in every run" if ok else "FAIL: a run's log is not intact")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
