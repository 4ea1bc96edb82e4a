"""Time to verify an export bundle of a large trail with the one-file verifier (target: 1M records < 60 s).

Builds the trail as bench/audit_queries.py does (the store's own writer, SQLite), exports every
record of the period as an administrator would (signed statement included), then runs
``bundle_verify.verify_bundle`` on the bag's files, as the regulator's copy would.

    .venv/bin/python bench/audit_bundle_verify.py [--records 1000000] [--tenant tenant-07] [--out PATH]

Writes bench/results/audit_bundle_verify.json (or PATH) and prints build, export and verify seconds (wall
clock, and the verifier's CPU seconds with the load average, as a shared machine skews the wall
clock).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit import bundle_verify  # noqa: E402
from audit.database import open_database  # noqa: E402
from audit.export.bundle import build_bundle  # noqa: E402
from audit.export.request import ExportRequest  # noqa: E402
from audit.query.scope import ADMIN_SCOPE  # noqa: E402
from bench.audit_queries import END, SIGNER, START, build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument(
        "--tenant", help="export one tenant's records (the rest withheld, about 19 in 20) instead of all"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "bench/results/audit_bundle_verify.json",
        help="where the result goes",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sovgw-bench-bundle-") as d:
        url = f"sqlite:///{Path(d) / 'audit.db'}"
        build_s = build(url, args.records)
        db = open_database(url, writer=False)
        try:
            t0 = time.perf_counter()
            request = ExportRequest(START, END + timedelta(days=1), tenant=args.tenant)
            bundle = build_bundle(db, ADMIN_SCOPE, request, [SIGNER.vkey()], signer=SIGNER)
            export_s = time.perf_counter() - t0
        finally:
            db.dispose()
        t0, c0 = time.perf_counter(), time.process_time()
        report = bundle_verify.verify_bundle(bundle.files, bundle_verify.PublicKey.parse(SIGNER.vkey()))
        verify_s, verify_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    assert report.ok, report.render()
    result = {
        "machine": platform.platform(),
        "records": args.records,
        "exported": bundle.record_count,
        "withheld": bundle.withheld_count,
        "bundle_mib": round(sum(len(v) for v in bundle.files.values()) / 2**20, 1),
        "build_s": round(build_s, 1),
        "export_s": round(export_s, 1),
        "verify_s": round(verify_s, 1),
        # CPU time of the verifying process: what the verifier costs, whatever else the machine runs
        "verify_cpu_s": round(verify_cpu_s, 1),
        "load_average_1m": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(result))
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
