"""Records of processing (GDPR Art. 30) for one tenant, drawn from the trail itself.

What the trail can say for a tenant and a period: the purposes it processed for, the categories of
personal data seen (by entity type and special category, never values), the recipients (node
operators and where they ran), the transfers and the basis each relied on, and the legal bases its
policy named. What it cannot say (controller contacts, categories of data subjects, erasure time
limits, security measures) is left for the controller to fill in; the report says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from audit import tree_store
from audit.config import AuditConfig
from audit.database import DatabaseUrlError, open_database
from audit.query import AccessScope, RecordFilter

RECORDS = tree_store.RECORDS


@dataclass
class ProcessingReport:
    tenant: str
    since: str | None
    until: str | None
    generated_at: str
    requests: dict[str, int] = field(default_factory=dict)  # forwarded, denied, failed
    purposes: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    entity_types: dict[str, int] = field(default_factory=dict)
    special_categories: dict[str, int] = field(default_factory=dict)
    recipients: list[dict[str, Any]] = field(default_factory=list)  # operator, jurisdiction, nodes, requests
    transfers: list[dict[str, Any]] = field(default_factory=list)  # jurisdiction, basis, requests
    legal_bases: dict[str, int] = field(default_factory=dict)
    policy_revisions: list[str] = field(default_factory=list)
    not_in_the_trail: list[str] = field(
        default_factory=lambda: [
            "name and contact details of the controller and its representative",
            "categories of data subjects",
            "time limits for erasure (see the tenant's retention class)",
            "technical and organisational security measures",
        ]
    )

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def processing_report(
    conn: Connection, scope: AccessScope, tenant: str, since: datetime | None, until: datetime | None
) -> ProcessingReport:
    flt = RecordFilter(since=since, until=until, tenant=tenant)
    where = (scope.condition(), flt.condition())
    report = ProcessingReport(
        tenant,
        since.isoformat() if since else None,
        until.isoformat() if until else None,
        datetime.now(UTC).isoformat(),
    )
    c = RECORDS.c
    kinds: dict[str, int] = {
        k: int(n) for k, n in conn.execute(select(c.kind, func.count()).where(*where).group_by(c.kind))
    }
    report.requests = {
        "forwarded": kinds.get("forward", 0),
        "denied": kinds.get("denial", 0),
        "failed_closed": kinds.get("engine_failure", 0),
    }
    decided = (*where, c.kind.in_(("forward", "denial")))
    report.purposes = _counts(conn, c.purpose, decided)
    report.categories = _counts(conn, c.category, decided)
    entity_types: Counter[str] = Counter()
    for types, n in conn.execute(
        select(c.entity_types, func.count()).where(*decided).group_by(c.entity_types)
    ):
        for t in (types or "").split(","):
            if t:
                entity_types[t] += n
    report.entity_types = dict(entity_types.most_common())
    special: Counter[str] = Counter()
    for (data,) in conn.execute(select(c.canonical).where(*decided, c.category == "special")):
        for name in json.loads(data).get("classification", {}).get("special_categories", []):
            special[name] += 1
    report.special_categories = dict(special.most_common())
    forwarded = (*where, c.kind == "forward")
    recipients: dict[tuple[str, str], dict[str, Any]] = {}
    for operator, jurisdiction, node, n in conn.execute(
        select(c.operator, c.jurisdiction, c.node_id, func.count())
        .where(*forwarded)
        .group_by(c.operator, c.jurisdiction, c.node_id)
    ):
        entry = recipients.setdefault(
            (operator, jurisdiction),
            {"operator": operator, "jurisdiction": jurisdiction, "nodes": [], "requests": 0},
        )
        entry["nodes"].append(node)
        entry["requests"] += n
    report.recipients = sorted(recipients.values(), key=lambda r: (-r["requests"], r["operator"] or ""))
    report.transfers = [
        {"jurisdiction": j, "basis": b, "requests": n}
        for j, b, n in conn.execute(
            select(c.jurisdiction, c.transfer_basis, func.count())
            .where(*forwarded)
            .group_by(c.jurisdiction, c.transfer_basis)
            .order_by(func.count().desc())
        )
    ]
    bases: Counter[str] = Counter()
    for (data,) in conn.execute(select(c.canonical).where(*forwarded, c.transfer_basis != "intra-EEA")):
        basis = json.loads(data).get("decision", {}).get("legal_basis")
        bases[basis or "(none named)"] += 1
    report.legal_bases = dict(bases.most_common())
    report.policy_revisions = sorted(
        r for (r,) in conn.execute(select(c.policy_revision).where(*decided).distinct()) if r
    )
    return report


def _counts(conn: Connection, column: Any, where: tuple[Any, ...]) -> dict[str, int]:
    rows = conn.execute(
        select(column, func.count()).where(*where).group_by(column).order_by(func.count().desc())
    )
    return {str(k): int(n) for k, n in rows}


_env = Environment(autoescape=True)
TEMPLATE = _env.from_string(
    """<section class="processing" aria-labelledby="ropa-title">
<h2 id="ropa-title">Records of processing: {{ r.tenant }}</h2>
<p>Drawn from the audit trail{% if r.since %} from {{ r.since }}{% endif %}{% if r.until %} to {{ r.until
}}{% endif %}. Generated {{ r.generated_at }}.</p>
<h3>Requests</h3>
<table><tr><th scope="col">Outcome</th><th scope="col">Requests</th></tr>
{% for k, n in r.requests.items() %}<tr><td>{{ k|replace("_", " ") }}</td><td>{{ n }}</td></tr>{% endfor %}
</table>
<h3>Purposes</h3>
<table><tr><th scope="col">Purpose</th><th scope="col">Requests</th></tr>
{% for k, n in r.purposes.items() %}<tr><td>{{ k }}</td><td>{{ n }}</td></tr>{% endfor %}</table>
<h3>Categories of personal data</h3>
<table><tr><th scope="col">Category</th><th scope="col">Requests</th></tr>
{% for k, n in r.categories.items() %}<tr><td>{{ k }}</td><td>{{ n }}</td></tr>{% endfor %}</table>
<table><tr><th scope="col">Entity type</th><th scope="col">Requests</th></tr>
{% for k, n in r.entity_types.items() %}<tr><td>{{ k }}</td><td>{{ n }}</td></tr>{% endfor %}</table>
{% if r.special_categories %}<table><tr><th scope="col">Special category (Art. 9)</th>
<th scope="col">Requests</th></tr>
{% for k, n in r.special_categories.items() %}<tr><td>{{ k }}</td><td>{{ n }}</td></tr>{% endfor %}
</table>{% endif %}
<h3>Recipients</h3>
<table><tr><th scope="col">Node operator</th><th scope="col">Jurisdiction</th><th scope="col">Nodes</th>
<th scope="col">Requests</th></tr>
{% for x in r.recipients %}<tr><td>{{ x.operator }}</td><td>{{ x.jurisdiction }}</td>
<td>{{ x.nodes|join(", ") }}</td><td>{{ x.requests }}</td></tr>{% endfor %}</table>
<h3>Transfers and their basis</h3>
<table><tr><th scope="col">Jurisdiction</th><th scope="col">Basis</th><th scope="col">Requests</th></tr>
{% for x in r.transfers %}<tr><td>{{ x.jurisdiction }}</td><td>{{ x.basis }}</td>
<td>{{ x.requests }}</td></tr>{% endfor %}</table>
{% if r.legal_bases %}<h3>Legal bases named for transfers outside the EEA</h3>
<ul>{% for k, n in r.legal_bases.items() %}<li>{{ k }}: {{ n }}</li>{% endfor %}</ul>{% endif %}
<h3>Policy revisions applied</h3><p>{{ r.policy_revisions|join(", ") or "none" }}</p>
<h3>Not in the trail</h3><ul>{% for x in r.not_in_the_trail %}<li>{{ x }}</li>{% endfor %}</ul>
</section>
"""
)


def render_html(report: ProcessingReport) -> str:
    return TEMPLATE.render(r=report)


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tenant", required=True, help="the tenant (controller) to report on")
    parser.add_argument("--from", dest="since", help="first day (YYYY-MM-DD) or time")
    parser.add_argument("--to", dest="until", help="last day, inclusive, or an exclusive time")
    parser.add_argument("--format", choices=("json", "html"), default="json")
    parser.add_argument("--out", type=Path, help="write here instead of standard output")


def run_report(args: argparse.Namespace, config: AuditConfig) -> int:
    """``sovgw audit processing-report``: 0 written, 2 could not be made."""
    from audit.export import ExportError, parse_when
    from audit.query import ADMIN_SCOPE

    try:
        since = parse_when(args.since) if args.since else None
        until = parse_when(args.until, end=True) if args.until else None
        db = open_database(config.database_url, writer=False)
        try:
            with db.engine.connect() as conn:
                report = processing_report(conn, ADMIN_SCOPE, args.tenant, since, until)
        finally:
            db.dispose()
        text = json.dumps(report.as_json(), indent=2) + "\n" if args.format == "json" else render_html(report)
        if args.out:
            args.out.write_text(text)
        else:
            sys.stdout.write(text)
    except (ExportError, DatabaseUrlError, OSError) as e:
        print(f"sovgw audit processing-report: {e}", file=sys.stderr)
        return 2
    except SQLAlchemyError as e:
        print(f"sovgw audit processing-report: cannot read the log: {type(e).__name__}", file=sys.stderr)
        return 2
    return 0
