"""Building the bundle: record the export, sign the tree, then gather what the reader sees into a bag."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from audit import canonical, entries, tree_store
from audit.checkpoint import NoteSigner
from audit.database import Database
from audit.export import proofs
from audit.export.bagit import bag
from audit.export.nodes import node_files
from audit.export.report import render_report_html, render_report_pdf, report_context, summary_csv
from audit.export.request import ExportError, ExportRequest
from audit.export.statement import sign_bundle
from audit.query.pages import iter_matching
from audit.query.scope import AccessScope
from audit.records import CheckpointRow
from audit.times import iso_z
from audit.tree_store import RECORDS
from domain.events import AdminEvent

FORMAT = "sovgw-audit-export/2"  # 2: withheld entries carry their scope (audit.entries)
VERIFIER_SOURCE = Path(__file__).parent.parent / "bundle_verify.py"

README = """This bag holds records exported from a Sovereign Gateway audit trail.

Verify it with the public key of the log, obtained from the operator out of band, and with a
verifier you obtained independently, never the copy inside this bag (a verifier that comes with
the evidence proves nothing about it):

1. Get audit/bundle_verify.py from a pinned release of the Sovereign Gateway repository (a tag
   you chose, fetched yourself), or install that release and run `sovgw audit verify-bundle`.
2. Check it: its SHA-256 must equal the hash published for that release (`sovgw audit
   verifier-hash` prints it from an installed release; ask the witnesses of the log, or a second
   source, for the same number):

    sha256sum bundle_verify.py
    python3 bundle_verify.py THIS-BAG --key LOG.vkey --verifier-sha256 PUBLISHED-HASH

With --verifier-sha256 the verifier fails unless it is itself that release, and says whether the
copy in data/verifier/ is too (VERIFIER DIFFERS otherwise). Any Python 3.11+ with the
'cryptography' package runs it; nothing else is needed. bundle-signature.txt signs the bundled
copy's SHA-256 along with every file of the bag, the period and the scope. Read report.html or
report.pdf for what it holds, records.jsonl for the records, summary.csv for one line per record.
"""


@dataclass(frozen=True)
class Bundle:
    """The bag's files by path (relative to the bag's root)."""

    name: str
    files: dict[str, bytes]
    record_count: int
    withheld_count: int

    def zip_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path, data in sorted(self.files.items()):
                zf.writestr(f"{self.name}/{path}", data)
        return out.getvalue()

    def write(self, out: Path) -> Path:
        """Write as a directory, or as a zip file when ``out`` ends in .zip."""
        if out.suffix == ".zip":
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(self.zip_bytes())
            return out
        if out.exists() and any(out.iterdir()):
            raise ExportError(f"{out} exists and is not empty")
        for path, data in self.files.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return out


async def export(
    store: Any, reader: Database, scope: AccessScope, request: ExportRequest, requested_by: str
) -> Bundle:
    """Record the export, sign the tree, then build the bundle from what the reader sees."""
    request.check(scope)
    detail = {**request.detail(), "requested_by": requested_by, "scope": scope.describe()}
    export_seq = await store.append(AdminEvent(kind="export", detail=detail))
    await store.checkpoint()
    witnessing = getattr(store, "witnessing", None)
    witnessed = witnessing.latest.note if witnessing is not None and witnessing.latest else None
    return await asyncio.to_thread(
        build_bundle,
        reader,
        scope,
        request,
        [store.signer.vkey()],
        export_seq,
        requested_by,
        store.signer,
        witnessed,
    )


def build_bundle(
    db: Database,
    scope: AccessScope,
    request: ExportRequest,
    vkeys: list[str],
    export_seq: int | None = None,
    requested_by: str = "",
    signer: NoteSigner | None = None,
    witnessed: str | None = None,
) -> Bundle:
    """The bag; with ``signer`` (the log's key) its signed statement too, without which it does not verify."""
    request.check(scope)
    with db.engine.connect() as conn:
        anchor = tree_store.latest_checkpoint(conn)
        if anchor is None:
            raise ExportError("the log has no signed checkpoint yet")
        payload = _payload(conn, scope, request, vkeys, anchor, export_seq, requested_by)
        if witnessed is not None:
            proofs.add_witnessed(payload.files, conn, witnessed, anchor.size)
    name = f"sovgw-audit-export-{request.since:%Y%m%d}-{request.until:%Y%m%d}"
    files = bag(payload.files, payload.info)
    if signer is not None:
        files = sign_bundle(files, signer)
    return Bundle(name, files, payload.records, payload.withheld)


@dataclass
class _Payload:
    files: dict[str, bytes]
    info: dict[str, str]
    records: int
    withheld: int


def _payload(
    conn: Connection,
    scope: AccessScope,
    request: ExportRequest,
    vkeys: list[str],
    anchor: CheckpointRow,
    export_seq: int | None,
    requested_by: str,
) -> _Payload:
    n = anchor.size
    # The range is every entry recorded in [from, to), whoever's; its bounds reveal only numbers.
    lo, hi = conn.execute(
        select(func.min(RECORDS.c.seq), func.max(RECORDS.c.seq)).where(
            RECORDS.c.recorded_at >= request.since,
            RECORDS.c.recorded_at < request.until,
            RECORDS.c.seq < n,
        )
    ).one()
    rh = proofs.range_hash_for(conn, lo, hi)
    records = []
    if lo is not None:
        flt = request.record_filter()
        records = [r for r in iter_matching(conn, scope, flt) if lo <= r.seq <= hi]
    shown = {r.seq for r in records}
    switch = entries.switch(conn)
    withheld_v1: list[tuple[int, bytes]] = []  # before the switch: leaf hashes only
    withheld_v2: list[bytes] = []  # from it on: each entry's seq, scope and digest
    if lo is not None:
        in_range = (RECORDS.c.seq >= lo, RECORDS.c.seq <= hi)
        old = select(RECORDS.c.seq, RECORDS.c.leaf_hash).where(*in_range, RECORDS.c.seq < switch)
        withheld_v1 = [(s, bytes(h)) for s, h in conn.execute(old.order_by(RECORDS.c.seq)) if s not in shown]
        new = select(RECORDS.c.seq, RECORDS.c.canonical).where(*in_range, RECORDS.c.seq >= switch)
        for s, data in conn.execute(new.order_by(RECORDS.c.seq)):
            if s not in shown:
                data = bytes(data)
                withheld_v2.append(entries.withheld_line(s, canonical.parse_document(data), data))
    withheld = len(withheld_v1) + len(withheld_v2)
    picked = proofs.checkpoints(conn, lo, hi, anchor)
    files: dict[str, bytes] = {}
    files["records.jsonl"] = b"".join(r.canonical + b"\n" for r in records)
    files["withheld-entries.jsonl"] = b"".join(withheld_v2)
    files["withheld-leaves.txt"] = "".join(f"{s} {h.hex()}\n" for s, h in withheld_v1).encode()
    files["proofs/inclusion.jsonl"] = proofs.inclusion_lines(records, n, rh)
    files["proofs/range.json"] = _json(proofs.range_proof(conn, lo, hi, n))
    files["proofs/consistency.jsonl"] = proofs.consistency_lines(picked, rh)
    names = []
    for cp in picked:
        name = f"checkpoints/{cp.size:012d}-{cp.id}.note"
        files[name] = cp.note.encode()
        names.append(name)
    for vkey in dict.fromkeys([*vkeys, *proofs.announced_keys(conn)]):
        files[f"keys/{vkey.split('+', 1)[0].replace('/', '_')}-{vkey.split('+')[1]}.vkey"] = (
            vkey + "\n"
        ).encode()
    files["proofs/rotations.jsonl"] = proofs.rotation_lines(conn, n, rh)
    announced = proofs.entry_format_proof(conn, switch, n, rh)
    if announced is not None:
        files["proofs/entry-format.json"] = announced
    files["schema/record.schema.json"] = _json(canonical.document_schema())
    files["summary.csv"] = summary_csv(records)
    files.update(node_files(conn, records, n))  # descriptors and operator keys behind the receipts
    files["verifier/bundle_verify.py"] = VERIFIER_SOURCE.read_bytes()
    manifest = {
        "format": FORMAT,
        "origin": anchor.note.split("\n", 1)[0],
        "generated_at": iso_z(datetime.now(UTC)),
        "requested_by": requested_by,
        "export_seq": export_seq,
        "from": iso_z(request.since),
        "to": iso_z(request.until),
        "filter": {"tenant": request.tenant, "jurisdiction": request.jurisdiction},
        "scope": {
            "role": scope.role.value,
            "tenants": list(scope.tenants),
            "jurisdictions": list(scope.jurisdictions),
            "since": iso_z(scope.since) if scope.since else None,
            "until": iso_z(scope.until) if scope.until else None,
        },
        "range": None if lo is None else {"first_seq": lo, "last_seq": hi},
        "records": len(records),
        "withheld": withheld,
        "checkpoints": names,
        "anchor": names[-1],
    }
    files["export.json"] = _json(manifest)
    report = report_context(manifest, records, anchor)
    files["report.html"] = render_report_html(report).encode()
    files["report.pdf"] = render_report_pdf(report)
    files["README.txt"] = README.encode()
    info: dict[str, str] = {
        "Source-Organization": str(manifest["origin"]),
        "Bagging-Date": date.today().isoformat(),
        "External-Description": f"Audit records {manifest['from']} to {manifest['to']} ({scope.describe()})",
        "Bag-Software-Agent": "sovereign-gateway audit export",
    }
    return _Payload(files, info, len(records), withheld)


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True) + "\n").encode()
