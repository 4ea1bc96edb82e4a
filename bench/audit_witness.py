"""Append throughput and full verification with 0 and 3 witnesses on loopback (witnessing is off requests).

Each witness is a real `sovgw witness serve` process; the log (SQLite, group commit, a checkpoint
every 1,000 records) sends each checkpoint to them in the background with a quorum of 2. Appends
run ``--concurrency`` at a time, as concurrent requests would. Then `verify_log` checks the whole
trail, and with witnesses also the quorum and that the database extends the witnessed checkpoint.

    .venv/bin/python bench/audit_witness.py [--records 20000] [--concurrency 64]

Writes bench/results/audit_witness.json and prints records/s, append p50/p99 and verify time.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from audit.checkpoint import NoteSigner
from audit.config import AuditConfig, WitnessConfig
from audit.cosignature import CosignatureVerifier
from audit.store import open_audit_log
from audit.verify import verify_log
from domain.classification import Category, ClassificationSummary
from domain.events import DecisionRef, ForwardEvent, NodeRef, RequestContext

ROOT = Path(__file__).resolve().parents[1]
SEED = bytes(range(32))
ORIGIN = "bench.local/audit"


def event(n: int) -> ForwardEvent:
    return ForwardEvent(
        request=RequestContext(
            request_id=f"req-{n}",
            tenant="acme",
            api_key_id="k1",
            purpose="support",
            route="/v1/chat/completions",
            model="m",
            stream=False,
        ),
        classification=ClassificationSummary(
            category=Category.NONE, entities={}, detector_version="v", recognizer_hash="h", max_score=0.0
        ),
        decision=DecisionRef(decision_id=f"d{n}", allow=True, revision="r", engine="embedded", reasons=[]),
        node=NodeRef(node_id="fra-1", operator="Example", jurisdiction="DE", transfer_basis="intra-EEA"),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_witnesses(tmp: Path, count: int) -> tuple[list[subprocess.Popen[bytes]], list[WitnessConfig]]:
    log_vkey = NoteSigner.from_seed(ORIGIN, SEED).vkey()
    procs, configs = [], []
    for i in range(count):
        state, port = tmp / f"w{i}", free_port()
        sovgw = [str(ROOT / ".venv/bin/sovgw"), "witness"]
        vkey = subprocess.run(
            [*sovgw, "key", "--state-dir", str(state), "--name", f"w{i}.bench"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        procs.append(
            subprocess.Popen(
                [
                    *sovgw,
                    "serve",
                    "--state-dir",
                    str(state),
                    "--name",
                    f"w{i}.bench",
                    "--log",
                    log_vkey,
                    "--port",
                    str(port),
                ],
                stderr=subprocess.DEVNULL,
            )
        )
        configs.append(WitnessConfig(url=f"http://127.0.0.1:{port}", vkey=vkey))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
    return procs, configs


async def append_all(config: AuditConfig, records: int, concurrency: int) -> tuple[float, list[float]]:
    store = await open_audit_log(config)
    latencies: list[float] = []

    async def one(n: int) -> None:
        t0 = time.perf_counter()
        await store.append(event(n))
        latencies.append(time.perf_counter() - t0)

    start = time.perf_counter()
    for base in range(0, records, concurrency):
        await asyncio.gather(*(one(n) for n in range(base, min(base + concurrency, records))))
    elapsed = time.perf_counter() - start
    await store.aclose()
    return elapsed, latencies


def run(witness_count: int, records: int, concurrency: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory(prefix="sovgw-bench-witness-") as d:
        tmp = Path(d)
        procs, witnesses = start_witnesses(tmp, witness_count)
        try:
            config = AuditConfig(
                database_url=f"sqlite:///{tmp / 'audit.db'}",
                pseudonym_key_dir=tmp / "keys",
                signing_key=base64.b64encode(SEED).decode(),
                log_origin=ORIGIN,
                witnesses=witnesses,
                witness_quorum=2 if witnesses else None,
            )
            elapsed, latencies = asyncio.run(append_all(config, records, concurrency))
            kept = tmp / "audit.db.witnessed-checkpoint"
            t0 = time.perf_counter()
            report = verify_log(
                config.database_url,
                [NoteSigner.from_seed(ORIGIN, SEED).vkey()],
                witnesses=[CosignatureVerifier.from_vkey(w.vkey) for w in witnesses],
                quorum=2,
                witnessed_notes=[kept.read_text()] if kept.exists() else [],
            )
            verify_s = time.perf_counter() - t0
        finally:
            for p in procs:
                p.terminate()
                p.wait()
    assert report.ok, report.render()
    q = statistics.quantiles(latencies, n=100)
    return {
        "witnesses": witness_count,
        "records": records,
        "records_per_s": round(records / elapsed),
        "append_p50_ms": round(q[49] * 1000, 2),
        "append_p99_ms": round(q[98] * 1000, 2),
        "verify_s": round(verify_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    results = [run(n, args.records, args.concurrency) for n in (0, 3)]
    for r in results:
        print(json.dumps(r))
    out = ROOT / "bench/results/audit_witness.json"
    out.write_text(
        json.dumps(
            {"machine": platform.platform(), "concurrency": args.concurrency, "runs": results}, indent=2
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
