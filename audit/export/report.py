"""What people read in a bundle: summary.csv (a line per record), report.html and report.pdf."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from audit.html import render
from audit.query.pages import RecordView
from audit.record_fields import SUMMARY_FIELDS
from audit.records import CheckpointRow
from audit.times import iso_z


def summary_csv(records: list[RecordView]) -> bytes:
    """A header, then a line per record: the fields ``audit.record_fields`` lists in the summary."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_FIELDS)
    for r in records:
        row = {"seq": r.seq, "recorded_at": iso_z(r.recorded_at), "kind": r.kind, **r.columns}
        writer.writerow(["" if row.get(c) is None else row[c] for c in SUMMARY_FIELDS])
    return out.getvalue().encode()


def report_context(
    manifest: dict[str, Any], records: list[RecordView], anchor: CheckpointRow
) -> dict[str, Any]:
    """What both reports show: the export's manifest and the records counted by kind, place, category."""
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


def render_report_html(ctx: dict[str, Any]) -> str:
    return render("export_report.html", **ctx)


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
    """Escape for reportlab's paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
