"""Time to verify an export bundle of a large trail with the one-file verifier (target: 1M records < 60 s).

Builds the trail as bench/audit_queries.py does (the store's own writer, SQLite), exports every
record of the period as an administrator would (signed statement included), then runs
``bundle_verify.verify_bundle`` on the bag's files, as the regulator's copy would.

    .venv/bin/python bench/audit_bundle_verify.py [--records 1000000] [--tenant tenant-07] [--out PATH]
        [--bundle DIR] [--jobs N]

Writes bench/results/audit_bundle_verify.json (or PATH) and prints build, export and verify seconds (wall
clock, and the verifier's CPU seconds with the load average, as a shared machine skews the wall
clock).

With ``--bundle DIR`` the bag is kept in DIR (its build and export figures in DIR.built.json), and a
later run given the same DIR verifies it again without building or exporting anything (the result
says ``bundle_reused``): for profiling the verifier.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit import bundle_verify  # noqa: E402
from audit.database import open_database  # noqa: E402
from audit.export.bundle import Bundle, build_bundle  # noqa: E402
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
    parser.add_argument("--bundle", type=Path, help="keep the bag in DIR, or verify the one already there")
    parser.add_argument(
        "--jobs", type=int, default=1, help="processes that read the records (the verifier's --jobs)"
    )
    args = parser.parse_args()
    built: dict = {}  # how the bag was made: records, build and export seconds
    if args.bundle and args.bundle.is_dir() and any(args.bundle.iterdir()):
        files = bundle_verify.read_bag(args.bundle)
        sidecar = args.bundle.with_name(args.bundle.name + ".built.json")
        built = {"bundle_reused": True, **(json.loads(sidecar.read_text()) if sidecar.exists() else {})}
    else:
        bundle, build_s, export_s = _export(args.records, args.tenant)
        files = bundle.files
        built = {"records": args.records, "build_s": round(build_s, 1), "export_s": round(export_s, 1)}
        if args.bundle:
            bundle.write(args.bundle)
            args.bundle.with_name(args.bundle.name + ".built.json").write_text(json.dumps(built))
    t0, c0 = time.perf_counter(), _cpu_seconds()
    report = bundle_verify.verify_bundle(files, bundle_verify.PublicKey.parse(SIGNER.vkey()), jobs=args.jobs)
    verify_s, verify_cpu_s = time.perf_counter() - t0, _cpu_seconds() - c0
    assert report.ok, report.render()
    manifest = json.loads(files["data/export.json"])
    result = {
        "machine": platform.platform(),
        "records": built.get("records"),
        "exported": manifest["records"],
        "withheld": manifest["withheld"],
        "bundle_mib": round(sum(len(v) for v in files.values()) / 2**20, 1),
        "build_s": built.get("build_s"),
        "export_s": built.get("export_s"),
        "verify_s": round(verify_s, 1),
        "jobs": args.jobs,
        # CPU time of the verifying process and its readers: what the verifier costs, whatever else
        # the machine runs
        "verify_cpu_s": round(verify_cpu_s, 1),
        "load_average_1m": round(os.getloadavg()[0], 1),
        **({"bundle_reused": True} if built.get("bundle_reused") else {}),
    }
    print(json.dumps(result))
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its children that ended (the verifier's readers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _export(records: int, tenant: str | None) -> tuple[Bundle, float, float]:
    """A trail of ``records`` built and exported: the bundle, build and export seconds."""
    with tempfile.TemporaryDirectory(prefix="sovgw-bench-bundle-") as d:
        url = f"sqlite:///{Path(d) / 'audit.db'}"
        build_s = build(url, records)
        db = open_database(url, writer=False)
        try:
            t0 = time.perf_counter()
            request = ExportRequest(START, END + timedelta(days=1), tenant=tenant)
            bundle = build_bundle(db, ADMIN_SCOPE, request, [SIGNER.vkey()], signer=SIGNER)
            return bundle, build_s, time.perf_counter() - t0
        finally:
            db.dispose()


if __name__ == "__main__":
    sys.exit(main())
