"""Times as people give and read them: a day or an RFC 3339 time in, UTC with a ``Z`` out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


class TimeFormatError(ValueError):
    """Text that is neither a date nor an RFC 3339 time; the message quotes it."""


def parse_when(text: str, *, end: bool = False) -> datetime:
    """An RFC 3339 time, or a date (its start; with ``end``, the start of the next day)."""
    try:
        if len(text) == 10:
            d = date.fromisoformat(text) + timedelta(days=1 if end else 0)
            return datetime.combine(d, time(), UTC)
        t = datetime.fromisoformat(text)
        return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    except (ValueError, OverflowError):
        raise TimeFormatError(f"{text!r} is neither a date (YYYY-MM-DD) nor an RFC 3339 time") from None


def utc(t: datetime) -> datetime:
    """``t`` in UTC; a naive time (SQLite hands them back) is taken to be UTC already."""
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def iso_z(t: datetime) -> str:
    """``2026-11-03T10:00:00.123456Z``: ISO 8601 in UTC, microseconds only when there are any."""
    return utc(t).isoformat().replace("+00:00", "Z")
