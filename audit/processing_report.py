"""Records of processing (GDPR Art. 30) for one tenant, drawn from the trail itself.

What the trail can say for a tenant and a period: the purposes it processed for, the categories of
personal data seen (by entity type and special category, never values), the recipients (node
operators and where they ran), the transfers and the basis each relied on, and the legal bases its
policy named. What it cannot say (controller contacts, categories of data subjects, erasure time
limits, security measures) is left for the controller to fill in; the report says so.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Connection, func, select

from audit.html import render
from audit.query.filters import RecordFilter
from audit.query.scope import AccessScope
from audit.tree_store import RECORDS

NOT_IN_THE_TRAIL = (
    "name and contact details of the controller and its representative",
    "categories of data subjects",
    "time limits for erasure (see the tenant's retention class)",
    "technical and organisational security measures",
)


class Recipient(BaseModel):
    """A node operator requests went to, where its nodes ran."""

    operator: str | None
    jurisdiction: str | None
    nodes: list[str | None]
    requests: int


class Transfer(BaseModel):
    jurisdiction: str | None
    basis: str | None
    requests: int


class ProcessingReport(BaseModel):
    """The report; times as ISO 8601 with their offset, counts by name, largest first."""

    tenant: str
    since: str | None
    until: str | None
    generated_at: str
    # forwarded; denied by the policy (451); no healthy node (503: the policy would allow a node
    # that was down); failed closed (classification or the policy engine down)
    requests: dict[str, int]
    purposes: dict[str, int]
    categories: dict[str, int]
    entity_types: dict[str, int]
    special_categories: dict[str, int]
    recipients: list[Recipient]
    transfers: list[Transfer]
    legal_bases: dict[str, int]  # named for transfers outside the EEA
    policy_revisions: list[str]
    not_in_the_trail: list[str] = Field(default_factory=lambda: list(NOT_IN_THE_TRAIL))


def processing_report(
    conn: Connection, scope: AccessScope, tenant: str, since: datetime | None, until: datetime | None
) -> ProcessingReport:
    flt = RecordFilter(since=since, until=until, tenant=tenant)
    where = (scope.condition(), flt.condition())
    generated_at = datetime.now(UTC).isoformat()
    c = RECORDS.c
    kinds: dict[str, int] = {
        k: int(n) for k, n in conn.execute(select(c.kind, func.count()).where(*where).group_by(c.kind))
    }
    node_down = conn.execute(
        select(func.count()).where(*where, c.kind == "denial", c.status == 503)
    ).scalar_one()
    decided = (*where, c.kind.in_(("forward", "denial")))
    entity_types: Counter[str] = Counter()
    for types, n in conn.execute(
        select(c.entity_types, func.count()).where(*decided).group_by(c.entity_types)
    ):
        for t in (types or "").split(","):
            if t:
                entity_types[t] += n
    special: Counter[str] = Counter()
    for (data,) in conn.execute(select(c.canonical).where(*decided, c.category == "special")):
        for name in json.loads(data).get("classification", {}).get("special_categories", []):
            special[name] += 1
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
    transfers = [
        Transfer(jurisdiction=j, basis=b, requests=n)
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
    return ProcessingReport(
        tenant=tenant,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        generated_at=generated_at,
        requests={
            "forwarded": kinds.get("forward", 0),
            "denied": kinds.get("denial", 0) - node_down,
            "no_healthy_node": node_down,
            "failed_closed": kinds.get("engine_failure", 0),
        },
        purposes=_counts(conn, c.purpose, decided),
        categories=_counts(conn, c.category, decided),
        entity_types=dict(entity_types.most_common()),
        special_categories=dict(special.most_common()),
        recipients=[
            Recipient(**r)
            for r in sorted(recipients.values(), key=lambda r: (-r["requests"], r["operator"] or ""))
        ],
        transfers=transfers,
        legal_bases=dict(bases.most_common()),
        policy_revisions=sorted(
            r for (r,) in conn.execute(select(c.policy_revision).where(*decided).distinct()) if r
        ),
    )


def _counts(conn: Connection, column: Any, where: tuple[Any, ...]) -> dict[str, int]:
    rows = conn.execute(
        select(column, func.count()).where(*where).group_by(column).order_by(func.count().desc())
    )
    return {str(k): int(n) for k, n in rows}


def render_html(report: ProcessingReport) -> str:
    return render("processing_report.html", r=report)
