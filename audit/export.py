"""Export bundles: a BagIt bag (RFC 8493) a regulator can verify with nothing but a public key.

An export covers a time range, optionally narrowed to one tenant or one jurisdiction, and always to
the caller's access scope. Its payload (``data/``) holds:

- ``records.jsonl``: the matching records, one per line, exactly the bytes their leaves hash;
- ``withheld-leaves.txt``: ``<seq> <leaf hash>`` of every other entry between the first and last
  record of the range, so the verifier can recompute the tree over the whole range without reading
  anyone else's records (see ``bundle_verify`` for what this proves and what it does not);
- ``proofs/range.json`` (the range against the latest checkpoint), ``proofs/inclusion.jsonl`` (one
  per record), ``proofs/consistency.jsonl`` (between the checkpoints in the bundle);
- ``checkpoints/*.note`` (signed notes), ``keys/*.vkey``, ``schema/record.schema.json``;
- ``summary.csv``, ``report.html``, ``report.pdf``, ``export.json`` (what was asked, what was found);
- ``verifier/bundle_verify.py``: the offline verifier itself (standard library plus cryptography).

Each export is recorded in the log (an ``export`` event) before anything is read, and the tree is
signed afresh so the bundle's latest checkpoint covers the export's own record.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import hashlib
import io
import itertools
import json
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment
from pydantic import TypeAdapter
from sqlalchemy import Connection, func, select

from audit import merkle, tree_store
from audit.checkpoint import CheckpointError
from audit.config import AuditConfig
from audit.database import Database, DatabaseUrlError, open_database
from audit.log import AuditUnavailable
from audit.query import ADMIN_SCOPE, AccessScope, RecordFilter, iter_matching
from audit.records import CheckpointRow
from domain.events import AdminEvent, AuditEvent

FORMAT = "sovgw-audit-export/1"
VERIFIER_SOURCE = Path(__file__).with_name("bundle_verify.py")
RECORDS = tree_store.RECORDS
CHECKPOINTS = tree_store.CHECKPOINTS


class ExportError(Exception):
    """The export cannot be made as asked; the message says why."""


class ExportForbidden(ExportError):
    """The export asks for records outside the caller's scope."""


@dataclass(frozen=True)
class ExportRequest:
    since: datetime
    until: datetime
    tenant: str | None = None
    jurisdiction: str | None = None

    def check(self, scope: AccessScope) -> None:
        if self.since >= self.until:
            raise ExportError("the export's 'from' must be before its 'to'")
        if self.tenant is not None and self.jurisdiction is not None:
            raise ExportError("export by tenant or by jurisdiction, not both")
        if self.tenant is not None and not scope.allows_tenant(self.tenant):
            raise ExportForbidden(f"tenant {self.tenant!r} is outside this token's scope")
        if self.jurisdiction is not None and not scope.allows_jurisdiction(self.jurisdiction):
            raise ExportForbidden(f"jurisdiction {self.jurisdiction!r} is outside this token's scope")

    def record_filter(self) -> RecordFilter:
        return RecordFilter(
            since=self.since, until=self.until, tenant=self.tenant, jurisdiction=self.jurisdiction
        )

    def detail(self) -> dict[str, str]:
        out = {"from": _iso(self.since), "to": _iso(self.until)}
        if self.tenant:
            out["tenant_filter"] = self.tenant
        if self.jurisdiction:
            out["jurisdiction"] = self.jurisdiction
        return out


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat().replace("+00:00", "Z")


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
    return await asyncio.to_thread(
        build_bundle, reader, scope, request, [store.signer.vkey()], export_seq, requested_by
    )


def build_bundle(
    db: Database,
    scope: AccessScope,
    request: ExportRequest,
    vkeys: list[str],
    export_seq: int | None = None,
    requested_by: str = "",
) -> Bundle:
    request.check(scope)
    with db.engine.connect() as conn:
        anchor = tree_store.latest_checkpoint(conn)
        if anchor is None:
            raise ExportError("the log has no signed checkpoint yet")
        payload = _payload(conn, scope, request, vkeys, anchor, export_seq, requested_by)
    name = f"sovgw-audit-export-{request.since:%Y%m%d}-{request.until:%Y%m%d}"
    files = _bag(payload.files, payload.info)
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
    rh = tree_store.range_hash(conn)
    records = []
    if lo is not None:
        flt = request.record_filter()
        records = [r for r in iter_matching(conn, scope, flt) if lo <= r.seq <= hi]
    shown = {r.seq for r in records}
    withheld: list[tuple[int, bytes]] = []
    if lo is not None:
        found = conn.execute(
            select(RECORDS.c.seq, RECORDS.c.leaf_hash)
            .where(RECORDS.c.seq >= lo, RECORDS.c.seq <= hi)
            .order_by(RECORDS.c.seq)
        )
        withheld = [(s, bytes(h)) for s, h in found if s not in shown]
    checkpoints = _checkpoints(conn, lo, hi, anchor)
    files: dict[str, bytes] = {}
    files["records.jsonl"] = b"".join(r.canonical + b"\n" for r in records)
    files["withheld-leaves.txt"] = "".join(f"{s} {h.hex()}\n" for s, h in withheld).encode()
    files["proofs/inclusion.jsonl"] = "".join(
        json.dumps(
            {
                "seq": r.seq,
                "tree_size": n,
                "path": [h.hex() for h in merkle.inclusion_proof(r.seq, n, rh)],
            }
        )
        + "\n"
        for r in records
    ).encode()
    files["proofs/range.json"] = _json(_range_proof(conn, lo, hi, n))
    consistency = []
    for a, b in itertools.pairwise(checkpoints):
        path = merkle.consistency_proof(a.size, b.size, rh)
        consistency.append({"from_size": a.size, "to_size": b.size, "path": [h.hex() for h in path]})
    files["proofs/consistency.jsonl"] = "".join(json.dumps(c) + "\n" for c in consistency).encode()
    names = []
    for cp in checkpoints:
        name = f"checkpoints/{cp.size:012d}-{cp.id}.note"
        files[name] = cp.note.encode()
        names.append(name)
    for vkey in dict.fromkeys([*vkeys, *_announced_keys(conn)]):
        files[f"keys/{vkey.split('+', 1)[0].replace('/', '_')}-{vkey.split('+')[1]}.vkey"] = (
            vkey + "\n"
        ).encode()
    files["schema/record.schema.json"] = _json(record_schema())
    files["summary.csv"] = _summary_csv(records)
    files["verifier/bundle_verify.py"] = VERIFIER_SOURCE.read_bytes()
    manifest = {
        "format": FORMAT,
        "origin": anchor.note.split("\n", 1)[0],
        "generated_at": _iso(datetime.now(UTC)),
        "requested_by": requested_by,
        "export_seq": export_seq,
        "from": _iso(request.since),
        "to": _iso(request.until),
        "filter": {"tenant": request.tenant, "jurisdiction": request.jurisdiction},
        "scope": {
            "role": scope.role.value,
            "tenants": list(scope.tenants),
            "jurisdictions": list(scope.jurisdictions),
            "since": _iso(scope.since) if scope.since else None,
            "until": _iso(scope.until) if scope.until else None,
        },
        "range": None if lo is None else {"first_seq": lo, "last_seq": hi},
        "records": len(records),
        "withheld": len(withheld),
        "checkpoints": names,
        "anchor": names[-1],
    }
    files["export.json"] = _json(manifest)
    report = _report_context(manifest, records, anchor)
    files["report.html"] = render_report_html(report).encode()
    files["report.pdf"] = render_report_pdf(report)
    files["README.txt"] = README.encode()
    info: dict[str, str] = {
        "Source-Organization": str(manifest["origin"]),
        "Bagging-Date": date.today().isoformat(),
        "External-Description": f"Audit records {manifest['from']} to {manifest['to']} ({scope.describe()})",
        "Bag-Software-Agent": "sovereign-gateway audit export",
        "Payload-Oxum": "",  # filled in by _bag
    }
    return _Payload(files, info, len(records), len(withheld))


README = """This bag holds records exported from a Sovereign Gateway audit trail.

Verify it with the public key of the log, obtained from the operator out of band:

    python3 data/verifier/bundle_verify.py . --key LOG.vkey

(any Python 3.11+ with the 'cryptography' package; nothing else is needed). Read report.html or
report.pdf for what it holds, records.jsonl for the records, summary.csv for one line per record.
"""


def _announced_keys(conn: Connection) -> list[str]:
    """Every key the log announced in a key_rotation record: checkpoints before a rotation need theirs.

    These are copies for convenience; a regulator verifies with keys obtained out of band."""
    found = conn.execute(select(RECORDS.c.canonical).where(RECORDS.c.kind == "key_rotation"))
    keys = []
    for (data,) in found:
        vkey = json.loads(data).get("detail", {}).get("vkey")
        if isinstance(vkey, str) and vkey.count("+") >= 2:
            keys.append(vkey)
    return keys


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True) + "\n").encode()


def _checkpoints(
    conn: Connection, lo: int | None, hi: int | None, anchor: CheckpointRow
) -> list[CheckpointRow]:
    """The last checkpoint before the range, the first covering it, and the latest, by size."""
    picked = {anchor.size: anchor}
    if lo is not None and hi is not None:
        before = conn.execute(
            select(CHECKPOINTS)
            .where(CHECKPOINTS.c.size <= lo, CHECKPOINTS.c.size > 0)
            .order_by(CHECKPOINTS.c.size.desc(), CHECKPOINTS.c.id.desc())
            .limit(1)
        ).first()
        covering = conn.execute(
            select(CHECKPOINTS)
            .where(CHECKPOINTS.c.size > hi, CHECKPOINTS.c.size <= anchor.size)
            .order_by(CHECKPOINTS.c.size, CHECKPOINTS.c.id)
            .limit(1)
        ).first()
        for row in (before, covering):
            if row is not None:
                cp = CheckpointRow.model_validate(row._mapping)
                picked.setdefault(cp.size, cp)
    return [picked[s] for s in sorted(picked)]


def _range_proof(conn: Connection, lo: int | None, hi: int | None, size: int) -> dict[str, Any]:
    if lo is None or hi is None:
        return {"tree_size": size, "first_seq": None, "last_seq": None, "left": [], "right": []}
    left = tree_store.compact_range(conn, lo).hashes
    rh = tree_store.range_hash(conn)
    right = []
    p = hi + 1
    while p < size:
        level = (p & -p).bit_length() - 1 if p else size.bit_length()
        while p + (1 << level) > size:
            level -= 1
        right.append({"start": p, "level": level, "hash": rh(p, p + (1 << level)).hex()})
        p += 1 << level
    return {
        "tree_size": size,
        "first_seq": lo,
        "last_seq": hi,
        "left": [h.hex() for h in left],
        "right": right,
    }


def record_schema() -> dict[str, Any]:
    """The JSON Schema of a record document: an event, its actor for its API key, seq and time."""
    schema = TypeAdapter(AuditEvent).json_schema()
    defs = schema["$defs"]
    ctx = defs["RequestContext"]
    ctx["properties"].pop("api_key_id")
    ctx["properties"]["actor"] = {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "description": "keyed MAC of the API key id under the tenant's pseudonym key",
    }
    ctx["required"] = [r if r != "api_key_id" else "actor" for r in ctx["required"]]
    for name in ("ForwardEvent", "CompletionEvent", "DenialEvent", "EngineFailureEvent", "AdminEvent"):
        event = defs[name]
        event["properties"] = {
            "v": {"const": 1},
            "seq": {"type": "integer", "minimum": 0},
            "recorded_at": {"type": "string", "format": "date-time"},
            **event["properties"],
        }
        event["required"] = ["v", "seq", "recorded_at", *event.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Sovereign Gateway audit record",
        **schema,
    }


SUMMARY_COLUMNS = (
    "seq",
    "recorded_at",
    "kind",
    "tenant",
    "purpose",
    "model",
    "category",
    "entity_types",
    "decision_allow",
    "policy_revision",
    "node_id",
    "operator",
    "jurisdiction",
    "transfer_basis",
    "outcome",
    "status",
)


def _summary_csv(records: list[Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for r in records:
        row = {"seq": r.seq, "recorded_at": _iso(_utc(r.recorded_at)), "kind": r.kind, **r.columns}
        writer.writerow(["" if row.get(c) is None else row[c] for c in SUMMARY_COLUMNS])
    return out.getvalue().encode()


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


def _report_context(manifest: dict[str, Any], records: list[Any], anchor: CheckpointRow) -> dict[str, Any]:
    kinds = Counter(r.kind for r in records)
    by_place = Counter(
        (r.columns.get("jurisdiction") or "-", r.columns.get("transfer_basis") or "-")
        for r in records
        if r.kind == "forward"
    )
    categories = Counter(r.columns.get("category") or "-" for r in records if r.kind in ("forward", "denial"))
    return {
        "m": manifest,
        "kinds": sorted(kinds.items()),
        "places": sorted(by_place.items()),
        "categories": sorted(categories.items()),
        "anchor": {"size": anchor.size, "root": bytes(anchor.root).hex(), "key": anchor.key_name},
    }


_env = Environment(autoescape=True)
REPORT_TEMPLATE = _env.from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Audit export report</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#1b1f24;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #8c959f;padding:.3rem .6rem;text-align:left}
th{background:#eaeef2}code{font-size:.9em;word-break:break-all}
</style></head><body>
<h1>Audit export report</h1>
<p>Records of <strong>{{ m.origin }}</strong> from {{ m.from }} to {{ m.to }},
generated {{ m.generated_at }} for {{ m.requested_by or "an operator" }}.</p>
<table><caption>What was asked</caption>
<tr><th scope="row">Scope</th><td>{{ m.scope.role }}
{% if m.scope.tenants %}: tenants {{ m.scope.tenants|join(", ") }}{% endif %}
{% if m.scope.jurisdictions %}: jurisdictions {{ m.scope.jurisdictions|join(", ") }}{% endif %}</td></tr>
<tr><th scope="row">Tenant filter</th><td>{{ m.filter.tenant or "none" }}</td></tr>
<tr><th scope="row">Jurisdiction filter</th><td>{{ m.filter.jurisdiction or "none" }}</td></tr>
<tr><th scope="row">Sequence range</th><td>{% if m.range %}{{ m.range.first_seq }} to {{ m.range.last_seq
}}{% else %}no records in this time range{% endif %}</td></tr>
<tr><th scope="row">Records exported</th><td>{{ m.records }}</td></tr>
<tr><th scope="row">Other entries (leaf hashes only)</th><td>{{ m.withheld }}</td></tr>
</table>
<h2>Records by kind</h2>
<table><tr><th scope="col">Kind</th><th scope="col">Records</th></tr>
{% for k, n in kinds %}<tr><td>{{ k }}</td><td>{{ n }}</td></tr>{% endfor %}</table>
<h2>Requests forwarded, by jurisdiction and transfer basis</h2>
<table><tr><th scope="col">Jurisdiction</th><th scope="col">Transfer basis</th>
<th scope="col">Requests</th></tr>
{% for (j, b), n in places %}<tr><td>{{ j }}</td><td>{{ b }}</td><td>{{ n }}</td></tr>{% endfor %}</table>
<h2>Data categories (forwarded and denied)</h2>
<table><tr><th scope="col">Category</th><th scope="col">Requests</th></tr>
{% for c, n in categories %}<tr><td>{{ c }}</td><td>{{ n }}</td></tr>{% endfor %}</table>
<h2>Integrity</h2>
<p>Every record is proven included in the checkpoint of size {{ anchor.size }} (root
<code>{{ anchor.root }}</code>, signed by {{ anchor.key }}). Verify this bag with the log's public key,
obtained from the operator separately:
<code>python3 data/verifier/bundle_verify.py . --key LOG.vkey</code></p>
</body></html>
"""
)


def render_report_html(ctx: dict[str, Any]) -> str:
    return REPORT_TEMPLATE.render(**ctx)


def render_report_pdf(ctx: dict[str, Any]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    m = ctx["m"]
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    # invariant=True: no random document id or timestamp, so the same export gives the same bytes.
    doc = SimpleDocTemplate(out, pagesize=A4, title="Audit export report", invariant=True)

    def table(rows: list[list[Any]]) -> Table:
        t = Table([[str(c) for c in r] for r in rows], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eaeef2")),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                ]
            )
        )
        return t

    rng = f"{m['range']['first_seq']} to {m['range']['last_seq']}" if m["range"] else "none"
    story = [
        Paragraph("Audit export report", styles["Title"]),
        Paragraph(f"Records of {_esc(m['origin'])} from {m['from']} to {m['to']}.", styles["Normal"]),
        Spacer(1, 8),
        table(
            [
                ["Field", "Value"],
                ["Scope", m["scope"]["role"]],
                ["Tenant filter", m["filter"]["tenant"] or "none"],
                ["Jurisdiction filter", m["filter"]["jurisdiction"] or "none"],
                ["Sequence range", rng],
                ["Records exported", m["records"]],
                ["Other entries (leaf hashes only)", m["withheld"]],
            ]
        ),
        Spacer(1, 8),
        Paragraph("Records by kind", styles["Heading2"]),
        table([["Kind", "Records"], *[[k, n] for k, n in ctx["kinds"]]]),
        Paragraph("Requests forwarded, by jurisdiction and transfer basis", styles["Heading2"]),
        table([["Jurisdiction", "Transfer basis", "Requests"], *[[j, b, n] for (j, b), n in ctx["places"]]]),
        Paragraph("Data categories", styles["Heading2"]),
        table([["Category", "Requests"], *[[c, n] for c, n in ctx["categories"]]]),
        Paragraph("Integrity", styles["Heading2"]),
        Paragraph(
            f"Every record is proven included in the checkpoint of size {ctx['anchor']['size']}, "
            f"root {ctx['anchor']['root']}, signed by {_esc(ctx['anchor']['key'])}. Verify with: "
            "python3 data/verifier/bundle_verify.py . --key LOG.vkey",
            styles["Normal"],
        ),
    ]
    doc.build(story)
    return out.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bag(payload: dict[str, bytes], info: dict[str, str]) -> dict[str, bytes]:
    """RFC 8493: payload under data/, SHA-256 manifests for payload and tag files."""
    files = {f"data/{p}": d for p, d in payload.items()}
    info["Payload-Oxum"] = f"{sum(len(d) for d in payload.values())}.{len(payload)}"
    files["bagit.txt"] = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    files["bag-info.txt"] = "".join(f"{k}: {v}\n" for k, v in info.items()).encode()
    files["manifest-sha256.txt"] = _manifest({p: d for p, d in files.items() if p.startswith("data/")})
    files["tagmanifest-sha256.txt"] = _manifest(
        {p: files[p] for p in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")}
    )
    return files


def _manifest(files: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(d).hexdigest()}  {p}\n" for p, d in sorted(files.items())).encode()


# The command line: ``sovgw audit export``.


def parse_when(text: str, *, end: bool = False) -> datetime:
    """An RFC 3339 time, or a date (its start; with ``end``, the start of the next day)."""
    try:
        if len(text) == 10:
            d = date.fromisoformat(text) + timedelta(days=1 if end else 0)
            return datetime.combine(d, time(), UTC)
        t = datetime.fromisoformat(text)
        return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ExportError(f"{text!r} is neither a date (YYYY-MM-DD) nor an RFC 3339 time") from None


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="since", required=True, help="first day (YYYY-MM-DD) or time")
    parser.add_argument("--to", dest="until", required=True, help="last day, inclusive, or an exclusive time")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tenant", help="only this tenant's records")
    which.add_argument("--jurisdiction", help="only records of requests served in this jurisdiction")
    parser.add_argument("--out", required=True, type=Path, help="a directory, or a file ending in .zip")


def run_export(args: argparse.Namespace, config: AuditConfig) -> int:
    """0 when the bundle is written, 2 when it could not be made."""
    from audit.store import AuditStartupError, open_audit_log

    async def go() -> Bundle:
        request = ExportRequest(
            parse_when(args.since), parse_when(args.until, end=True), args.tenant, args.jurisdiction
        )
        request.check(ADMIN_SCOPE)
        store = await open_audit_log(config)
        reader = open_database(config.database_url, writer=False)
        try:
            return await export(store, reader, ADMIN_SCOPE, request, "command line")
        finally:
            reader.dispose()
            await store.aclose()

    try:
        bundle = asyncio.run(go())
        where = bundle.write(args.out)
    except (
        ExportError,
        AuditStartupError,
        AuditUnavailable,
        DatabaseUrlError,
        CheckpointError,
        OSError,
    ) as e:
        print(f"sovgw audit export: {e}", file=sys.stderr)
        return 2
    print(f"{bundle.record_count} records ({bundle.withheld_count} other entries as leaf hashes) in {where}")
    return 0
