"""What a caller asks for: a time range and values the records must hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, true

from audit.tree_store import RECORDS


class QueryError(ValueError):
    """A filter or cursor the trail cannot answer; the message says which."""


@dataclass(frozen=True)
class RecordFilter:
    """Empty fields do not filter."""

    since: datetime | None = None
    until: datetime | None = None
    tenant: str | None = None
    decision: str | None = None  # "allow" or "deny"
    jurisdiction: str | None = None
    node: str | None = None
    operator: str | None = None
    entity_type: str | None = None
    category: str | None = None
    transfer_basis: str | None = None
    outcome: str | None = None
    kind: str | None = None

    def condition(self) -> ColumnElement[bool]:
        c = RECORDS.c
        parts: list[ColumnElement[bool]] = []
        if self.since is not None:
            parts.append(c.recorded_at >= self.since)
        if self.until is not None:
            parts.append(c.recorded_at < self.until)
        if self.decision is not None:
            if self.decision not in ("allow", "deny"):
                raise QueryError("decision must be 'allow' or 'deny'")
            parts.append(c.decision_allow.is_(self.decision == "allow"))
        if self.entity_type is not None:
            # entity_types is a sorted comma-separated list; match whole names only.
            padded = "," + c.entity_types + ","
            parts.append(padded.contains(f",{self.entity_type},", autoescape=True))
        for name, column in (
            ("tenant", c.tenant),
            ("jurisdiction", c.jurisdiction),
            ("node", c.node_id),
            ("operator", c.operator),
            ("category", c.category),
            ("transfer_basis", c.transfer_basis),
            ("outcome", c.outcome),
            ("kind", c.kind),
        ):
            value = getattr(self, name)
            if value is not None:
                parts.append(column == value)
        return and_(true(), *parts)
