"""Crash test: concurrent requests while the gateway is killed with SIGKILL and restarted, repeatedly.

Every process of the gateway (its workers and classifier pools) is killed at once, as a machine
losing power or a container runtime killing its cgroup would.

Afterwards, against the audit database the gateway wrote:
- ``sovgw audit verify`` passes (tree recomputes, checkpoints verify and are consistent);
- sequence numbers run 0..n-1 with no gap;
- every request that received a 2xx has its committed forward record (the client keeps receipts:
  the ``x-sovgw-request-id`` of each 2xx answer).

    python -m bench.crash_test [--kills 5] [--clients 8] [--workers 2] [--database postgresql://...]
    python -m bench.crash_test --replicas 3 --kills 2 --database postgresql://...

With ``--replicas N`` (PostgreSQL), N independent gateway processes on one database serve the
clients between them (client i talks to replica i mod N), and each kill takes out one replica in
turn while the others keep serving: the log must stay one log, whichever replica appended.

Writes bench/results/crash_test_<database>[_<workers>w][_<replicas>r].json and exits non-zero if any
invariant fails.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from bench.single_node import SOVGW, start_gateway, start_node, wait_ready, write_config
from gateway.local import free_port

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench/results"
MODEL = "crash/model"
ORIGIN = "crash-test.sovereign-gateway.local/audit"
KEY = "sk-crash-test"


@dataclass
class Receipts:
    ok: list[str] = field(default_factory=list)
    failed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _config(workdir: Path, port: int, sim_port: int, database: str | None, keys: Path | None = None) -> Path:
    audit = {
        # Replicas share one pseudonym key directory, as they share the database.
        "pseudonym_key_dir": str(keys or workdir / "keys"),
        "signing_key_file": str(workdir / "signing.key"),
        "checkpoint_every_records": 50,
        "checkpoint_every_s": 1.0,
        "log_origin": ORIGIN,
    }
    if database:
        audit["database_url"] = database
    return write_config(workdir, port=port, sim_port=sim_port, model=MODEL, key=KEY, audit=audit)


def _signing_key(workdir: Path) -> str:
    """A fixed key for every restart; returns the verifier key a regulator would be given."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from audit.checkpoint import NoteSigner

    signer = NoteSigner(ORIGIN, Ed25519PrivateKey.generate())
    (workdir / "signing.key").write_text(signer.private_text() + "\n")
    os.chmod(workdir / "signing.key", 0o600)
    return signer.vkey()


def _client(url: str, receipts: Receipts, stop: threading.Event) -> None:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "crash test"}], "max_tokens": 4}
    with httpx.Client(base_url=url, timeout=10, headers={"authorization": f"Bearer {KEY}"}) as client:
        while not stop.is_set():
            try:
                r = client.post("/v1/chat/completions", json=body)
            except httpx.HTTPError:
                with receipts.lock:
                    receipts.failed += 1
                time.sleep(0.05)
                continue
            with receipts.lock:
                if 200 <= r.status_code < 300:
                    receipts.ok.append(r.headers["x-sovgw-request-id"])
                else:
                    receipts.failed += 1


def run(
    kills: int, clients: int, database: str | None, interval_s: float, workers: int = 1, replicas: int = 1
) -> dict:
    if replicas > 1 and not database:
        raise ValueError("replicas share one PostgreSQL database: pass its URL")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        vkey = _signing_key(workdir)
        sim_port = free_port()
        sim = start_node(sim_port, MODEL)
        ports = [free_port() for _ in range(replicas)]
        configs = []
        for i, port in enumerate(ports):
            home = workdir / f"replica-{i}" if replicas > 1 else workdir
            home.mkdir(exist_ok=True)
            if home != workdir:
                (home / "signing.key").write_bytes((workdir / "signing.key").read_bytes())
                os.chmod(home / "signing.key", 0o600)
            configs.append(_config(home, port, sim_port, database, keys=workdir / "keys"))
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        receipts, stop = Receipts(), threading.Event()
        gateways = [start_gateway(config, workers) for config in configs]
        started = time.monotonic()
        try:
            wait_ready(f"http://127.0.0.1:{sim_port}/health")
            for url in urls:
                wait_ready(f"{url}/ready")
            threads = [
                threading.Thread(target=_client, args=(urls[i % replicas], receipts, stop))
                for i in range(clients)
            ]
            for t in threads:
                t.start()
            for k in range(kills):
                time.sleep(interval_s)
                victim = k % replicas
                os.killpg(gateways[victim].pid, signal.SIGKILL)
                gateways[victim].wait()
                gateways[victim] = start_gateway(configs[victim], workers)
                wait_ready(f"{urls[victim]}/ready")
            time.sleep(interval_s)
            stop.set()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
        finally:
            for gateway in gateways:
                gateway.terminate()
            for gateway in gateways:
                gateway.wait(timeout=60)
            sim.terminate()
            sim.wait(timeout=30)
        config = configs[0]

        verify = subprocess.run(
            [*SOVGW, "audit", "verify", "--config", str(config), "--key", vkey],
            capture_output=True,
            text=True,
        )
        db_url = database or f"sqlite:///{workdir / 'audit.db'}"
        engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            seqs = [row[0] for row in conn.execute(text("SELECT seq FROM audit_records ORDER BY seq"))]
            forwarded = {
                row[0]
                for row in conn.execute(text("SELECT request_id FROM audit_records WHERE kind = 'forward'"))
            }
        engine.dispose()
        missing = [r for r in receipts.ok if r not in forwarded]
        return {
            "kills": kills,
            "clients": clients,
            "workers": workers,
            "replicas": replicas,
            "answers_per_s": round(len(receipts.ok) / elapsed, 1),
            "database": "postgresql" if database else "sqlite",
            "answers_2xx": len(receipts.ok),
            "answers_failed": receipts.failed,
            "records": len(seqs),
            "sequence_gap_free": seqs == list(range(len(seqs))),
            "receipts_without_record": len(missing),
            "verify_exit_code": verify.returncode,
            "verify_report": verify.stdout[-2000:] + verify.stderr[-2000:],
        }


def passed(result: dict) -> bool:
    return (
        result["answers_2xx"] > 0
        and result["sequence_gap_free"]
        and result["receipts_without_record"] == 0
        and result["verify_exit_code"] == 0
    )


def main() -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--interval", type=float, default=1.5, help="seconds of traffic between kills")
    parser.add_argument("--database", help="a PostgreSQL URL (default: SQLite in a temp dir)")
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    parser.add_argument("--replicas", type=int, default=1, help="gateway processes on one PostgreSQL")
    args = parser.parse_args()
    result = run(args.kills, args.clients, args.database, args.interval, args.workers, args.replicas)
    suffix = f"_{args.workers}w" if args.workers > 1 else ""
    suffix += f"_{args.replicas}r" if args.replicas > 1 else ""
    results = RESULTS_DIR / f"crash_test_{result['database']}{suffix}.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(result, indent=2) + "\n")
    summary = {k: v for k, v in result.items() if k != "verify_report"}
    print(json.dumps(summary, indent=2))
    print("PASS" if passed(result) else "FAIL")
    return 0 if passed(result) else 1


if __name__ == "__main__":
    sys.exit(main())
