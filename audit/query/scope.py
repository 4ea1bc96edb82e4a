"""Who may read what: an officer's tenants, a regulator's jurisdictions and time range, or everything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, false, true

from audit.tree_store import RECORDS


class Role(StrEnum):
    OFFICER = "officer"  # scoped to tenants
    REGULATOR = "regulator"  # scoped to jurisdictions and a time range
    ADMIN = "admin"


@dataclass(frozen=True)
class AccessScope:
    role: Role
    tenants: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    since: datetime | None = None  # regulators: records recorded at or after
    until: datetime | None = None  # regulators: records recorded before

    def condition(self) -> ColumnElement[bool]:
        if self.role is Role.ADMIN:
            return true()
        if self.role is Role.OFFICER:
            return RECORDS.c.tenant.in_(self.tenants) if self.tenants else false()
        parts = [RECORDS.c.jurisdiction.in_(self.jurisdictions) if self.jurisdictions else false()]
        if self.since is not None:
            parts.append(RECORDS.c.recorded_at >= self.since)
        if self.until is not None:
            parts.append(RECORDS.c.recorded_at < self.until)
        return and_(*parts)

    def allows_tenant(self, tenant: str) -> bool:
        return self.role is not Role.OFFICER or tenant in self.tenants

    def allows_jurisdiction(self, jurisdiction: str) -> bool:
        return self.role is not Role.REGULATOR or jurisdiction in self.jurisdictions

    def describe(self) -> str:
        if self.role is Role.OFFICER:
            return "tenants " + ", ".join(self.tenants)
        if self.role is Role.REGULATOR:
            span = f"{_day(self.since)} to {_day(self.until)}"
            return f"jurisdictions {', '.join(self.jurisdictions)}, records {span}"
        return "the whole trail"


def _day(t: datetime | None) -> str:
    return t.date().isoformat() if t else "any time"


ADMIN_SCOPE = AccessScope(Role.ADMIN)
