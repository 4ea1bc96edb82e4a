"""What a caller asks for: a time range and values the records must hold, checked and put into SQL.

The filters are those ``audit.record_fields`` declares on the record's fields (``FILTERS``); each
applies to the column it is declared on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, true

from audit.record_fields import FILTERS, Match
from audit.tree_store import RECORDS

MAX_TEXT = 200  # the longest value a free-text filter takes


class QueryError(ValueError):
    """A filter or cursor the trail cannot answer; the message says which."""


@dataclass(frozen=True, init=False)
class RecordFilter:
    """Records recorded in [since, until) holding every value asked for, by filter name.

    What is not given (or given as None) does not filter. The values are kept sorted, so equal
    filters are equal and hash alike (the daily count cache keys on them).
    """

    since: datetime | None
    until: datetime | None
    values: tuple[tuple[str, str], ...]

    def __init__(self, since: datetime | None = None, until: datetime | None = None, **values: str | None):
        unknown = sorted(set(values) - FILTERS.keys())
        if unknown:
            raise TypeError(f"no filter named {', '.join(unknown)}")
        object.__setattr__(self, "since", since)
        object.__setattr__(self, "until", until)
        given = sorted((name, value) for name, value in values.items() if value is not None)
        object.__setattr__(self, "values", tuple(given))

    def between(self, since: datetime | None, until: datetime | None) -> RecordFilter:
        """The same values over another time range."""
        return RecordFilter(since, until, **dict(self.values))

    def condition(self) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = []
        if self.since is not None:
            parts.append(RECORDS.c.recorded_at >= self.since)
        if self.until is not None:
            parts.append(RECORDS.c.recorded_at < self.until)
        for name, value in self.values:
            field, spec = FILTERS[name]
            column = RECORDS.c[field]
            if spec.match is Match.ALLOW_DENY:
                if value not in ("allow", "deny"):
                    raise QueryError(f"{name} must be 'allow' or 'deny'")
                parts.append(column.is_(value == "allow"))
            elif spec.match is Match.LISTED:
                # A sorted comma-separated list: match whole names only.
                parts.append(("," + column + ",").contains(f",{value},", autoescape=True))
            else:
                parts.append(column == value)
        return and_(true(), *parts)
