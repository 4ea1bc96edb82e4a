"""What an export asks for, checked against the caller's scope before anything is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from audit.query.filters import RecordFilter
from audit.query.scope import AccessScope
from audit.times import iso_z


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
        if self.since > self.until:  # an empty range exports an empty bundle
            raise ExportError("the export's 'from' must not be after its 'to'")
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
        out = {"from": iso_z(self.since), "to": iso_z(self.until)}
        if self.tenant:
            out["tenant_filter"] = self.tenant
        if self.jurisdiction:
            out["jurisdiction"] = self.jurisdiction
        return out
