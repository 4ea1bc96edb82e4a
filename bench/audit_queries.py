"""Audit query latency over a large trail (default one million records), on SQLite and PostgreSQL.

Builds the trail through the store's own writer (``LogWriter.append_batch``: canonical bytes, leaf
hashes, tree nodes and tree heads exactly as the gateway writes them, in batches of 5,000, with a
signed checkpoint every 100,000 records), spread over 90 days, 20 tenants and 6 nodes in 5
jurisdictions. Then times what the console and the API run, each many times:

- ``dashboard``: counts by day x jurisdiction x category over the last 30 days (admin scope),
  and the same for one officer's tenant;
- ``filtered page``: 50 newest records of one tenant with special-category data in 30 days, as
  an officer; the same page further back (following a cursor); a regulator's page (one
  jurisdiction, their time range);
- ``record with proof``: one record and its inclusion proof against the latest checkpoint;
- ``trail status``: the quick verification every console page shows as its badge.

The dashboard is also timed through ``DailyCountCache`` (what the console and API use): counts of
days that are over are kept, so only the current day is counted afresh.

    .venv/bin/python bench/audit_queries.py [--records 1000000] [--skip-postgres] [--runs 50]

The trail has the schema the gateway migrates to, with the indexes for scoped pages and counts
(``audit.migrations.QUERY_INDEXES``). The results file still holds the run that chose them: as
``with_candidate_indexes``, measured against the schema before them.

Writes bench/results/audit_queries.json and prints p50/p99 per query and backend. PostgreSQL is
the server at $SOVGW_TEST_PG_DSN (default postgresql://postgres:postgres@127.0.0.1:5432/postgres);
a scratch database is created and dropped.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit import canonical  # noqa: E402
from audit.checkpoint import NoteSigner, NoteVerifier  # noqa: E402
from audit.database import open_database  # noqa: E402
from audit.migrations import migrate  # noqa: E402
from audit.query.counts import DailyCountCache, daily_counts  # noqa: E402
from audit.query.filters import RecordFilter  # noqa: E402
from audit.query.integrity import record_with_proof, trail_status  # noqa: E402
from audit.query.pages import search  # noqa: E402
from audit.query.scope import ADMIN_SCOPE, AccessScope, Role  # noqa: E402
from audit.writer import LogWriter, PendingRecord  # noqa: E402
from domain.classification import Category, ClassificationSummary  # noqa: E402
from domain.events import (  # noqa: E402
    CompletionEvent,
    DecisionRef,
    DenialEvent,
    ForwardEvent,
    NodeRef,
    RequestContext,
)

ORIGIN = "bench.sovereign-gateway.local/audit"
SIGNER = NoteSigner.from_seed(ORIGIN, bytes(range(32)))
DAYS = 90
BATCH = 5000
CHECKPOINT_EVERY = 100_000
TENANTS = [f"tenant-{i:02d}" for i in range(20)]
NODES = [
    NodeRef(node_id="fra-1", operator="Example GPU GmbH", jurisdiction="DE", transfer_basis="intra-EEA"),
    NodeRef(node_id="fra-2", operator="Example GPU GmbH", jurisdiction="DE", transfer_basis="intra-EEA"),
    NodeRef(node_id="par-1", operator="Calcul SAS", jurisdiction="FR", transfer_basis="intra-EEA"),
    NodeRef(node_id="hel-1", operator="Nordic AI Oy", jurisdiction="FI", transfer_basis="intra-EEA"),
    NodeRef(node_id="tll-1", operator="Baltic Compute OU", jurisdiction="EE", transfer_basis="intra-EEA"),
    NodeRef(node_id="zrh-1", operator="Alpine Compute AG", jurisdiction="CH", transfer_basis="adequacy:CH"),
]
END = datetime(2026, 11, 1, tzinfo=UTC)
START = END - timedelta(days=DAYS)


def _templates() -> dict[tuple[str, str], dict[str, Any]]:
    """One event body per (kind, category); records are copies with their own ids, tenants and nodes."""
    out = {}
    for category in Category:
        summary = ClassificationSummary(
            category=category,
            entities={} if category is Category.NONE else {"EMAIL_ADDRESS": 1, "PERSON": 2},
            special_categories=["health"] if category is Category.SPECIAL else [],
            detector_version="presidio-2.2",
            recognizer_hash="abc123",
        )
        req = RequestContext(
            request_id="r",
            tenant="t",
            api_key_id="k",
            purpose="support",
            route="/v1/chat/completions",
            model="mistral-7b",
            stream=False,
        )
        allow = DecisionRef(decision_id="d", allow=True, revision="rev-1", engine="embedded")
        deny = DecisionRef(decision_id="d", allow=False, revision="rev-1", engine="embedded", reasons=["x"])
        events = {
            "forward": ForwardEvent(request=req, classification=summary, decision=allow, node=NODES[0]),
            "completion": CompletionEvent(
                request=req, outcome="success", status=200, served_by=NODES[0], latency_ms=250.5
            ),
            "denial": DenialEvent(request=req, classification=summary, decision=deny),
        }
        for kind, event in events.items():
            out[(kind, category.value)] = canonical.event_body(event, "actor")
    return out


def _bodies(n: int, rng: random.Random, templates: dict[tuple[str, str], dict[str, Any]]):  # type: ignore[no-untyped-def]
    """(recorded_at, body) for ``n`` records: forward + completion pairs, and some denials."""
    step = (END - START) / n
    i = 0
    while i < n:
        tenant = rng.choice(TENANTS)
        category = rng.choice(("none", "none", "personal", "special"))
        node = rng.choice(NODES).model_dump(mode="json")
        kinds = ("denial",) if rng.random() < 0.1 else ("forward", "completion")
        for kind in kinds:
            body = copy.deepcopy(templates[(kind, category if kind != "completion" else "none")])
            body["request"]["tenant"] = tenant
            body["request"]["request_id"] = f"req-{i:08d}"
            body["request"]["actor"] = f"actor-{tenant}"
            if kind == "forward":
                body["node"] = node
                body["decision"]["decision_id"] = f"d{i}"
            elif kind == "completion":
                body["served_by"] = node
            yield START + step * i, body
            i += 1
            if i >= n:
                return


def build(url: str, records: int) -> float:
    db = open_database(url)
    started = time.perf_counter()
    try:
        migrate(db)
        writer = LogWriter(db)
        rng = random.Random(42)
        batch: list[PendingRecord] = []
        written = 0
        for at, body in _bodies(records, rng, _templates()):
            batch.append(PendingRecord(at, body))
            if len(batch) == BATCH:
                writer.append_batch(batch)
                written += len(batch)
                batch = []
                if written % CHECKPOINT_EVERY == 0:
                    writer.sign_checkpoint(SIGNER, ORIGIN)
                    print(f"  {written} records, {time.perf_counter() - started:.0f} s", flush=True)
        if batch:
            writer.append_batch(batch)
        writer.sign_checkpoint(SIGNER, ORIGIN)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    finally:
        db.dispose()
    return time.perf_counter() - started


def _time(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm the cache: the dashboard is read again and again
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {
        "runs": runs,
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
        "max_ms": round(samples[-1], 2),
    }


def measure(url: str, runs: int) -> dict[str, Any]:
    db = open_database(url, writer=False, pool_size=2)
    trusted = [NoteVerifier.from_vkey(SIGNER.vkey())]
    since = END - timedelta(days=30)
    last30 = RecordFilter(since=since, until=END)
    officer = AccessScope(Role.OFFICER, tenants=("tenant-07",))
    regulator = AccessScope(Role.REGULATOR, jurisdictions=("CH",), since=since, until=END)
    special = RecordFilter(since=since, until=END, category="special")
    results: dict[str, Any] = {}
    try:
        with db.engine.connect() as conn:
            size = conn.exec_driver_sql("SELECT max(size) FROM audit_tree_heads").scalar()
            first = search(conn, officer, special, None, 50)
            deep = search(conn, officer, special, first.next_cursor, 50)
            for _ in range(9):  # ten pages back
                deep = search(conn, officer, special, deep.next_cursor, 50) if deep.next_cursor else deep
            cursor = deep.next_cursor
            rng = random.Random(1)
            cache = DailyCountCache()
            now = END - timedelta(hours=12)  # half-way through the last day: 29 closed days, one open
            cases: dict[str, Callable[[], Any]] = {
                "dashboard (admin, 30 days)": lambda: daily_counts(conn, ADMIN_SCOPE, last30),
                "dashboard (admin, 30 days, closed days kept)": lambda: cache.counts(
                    conn, ADMIN_SCOPE, last30, now
                ),
                "dashboard (officer, one tenant, 30 days)": lambda: daily_counts(conn, officer, last30),
                "filtered page (officer, special, 30 days)": lambda: search(conn, officer, special, None, 50),
                "filtered page, 10 pages back": lambda: search(conn, officer, special, cursor, 50),
                "filtered page (regulator, CH, 30 days)": lambda: search(
                    conn, regulator, RecordFilter(), None, 50
                ),
                "record with proof": lambda: record_with_proof(
                    conn, ADMIN_SCOPE, rng.randrange(size), trusted
                ),
                "trail status (every console page)": lambda: trail_status(conn, trusted),
            }
            for name, fn in cases.items():
                n = runs if "dashboard" not in name else max(10, runs // 5)
                results[name] = _time(fn, n)
                r = results[name]
                print(f"  {name:<45} p50 {r['p50_ms']:>9.2f} ms   p99 {r['p99_ms']:>9.2f} ms")
            results["tree_size"] = size
            results["first_page_rows"] = len(first.records)
    finally:
        db.dispose()
    return results


def run_backend(url: str, args: argparse.Namespace, name: str) -> dict[str, Any]:
    print(f"{name}: writing {args.records} records")
    build_s = build(url, args.records)
    print(f"{name}: built in {build_s:.0f} s")
    return {"build_s": round(build_s, 1), **measure(url, args.runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    out: dict[str, Any] = {
        "benchmark": "audit_queries",
        "records": args.records,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_at_start": os.getloadavg(),
        },
        "results": {},
    }
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            out["results"]["sqlite"] = run_backend(f"sqlite:///{tmp}/bench.db", args, "sqlite")
    if not args.skip_postgres:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        admin = os.environ.get("SOVGW_TEST_PG_DSN", "postgresql://postgres:postgres@127.0.0.1:5432/postgres")
        name = f"sovgw_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            p = conninfo_to_dict(admin)
            url = f"postgresql://{p['user']}:{p.get('password', '')}@{p['host']}:{p.get('port', 5432)}/{name}"
            out["results"]["postgresql"] = run_backend(url, args, "postgresql")
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    out["machine"]["load_at_end"] = os.getloadavg()
    path = ROOT / "bench/results/audit_queries.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
