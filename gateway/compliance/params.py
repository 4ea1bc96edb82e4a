"""The audit API's inputs, each defined once: the JSON Schema the OpenAPI document publishes for it
and the check the server applies, which accepts exactly what that schema allows.

Patterns are written so that ECMA-262 (what OpenAPI clients use) and Python's ``re.fullmatch`` read
them alike: ASCII classes only, anchored, no look-around.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from audit.query.filters import MAX_TEXT
from audit.query.pages import CURSOR_PATTERN
from audit.record_fields import FILTERS, Filter

# Years 0001 to 9999: RFC 3339 has a year 0000, which no calendar of the server's holds.
_DATE = "([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?"
_OFFSET = "(Z|z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
DATE_PATTERN = f"^{_DATE}$"
TIME_PATTERN = f"^{_DATE}[Tt]{_CLOCK}{_OFFSET}$"
# Printable text: no control characters (PostgreSQL refuses NUL in text; no name holds them).
TEXT_PATTERN = "^[^\\u0000-\\u001f\\u007f]+$"
JURISDICTION_PATTERN = "^[A-Z]{2}$"
MAX_SEQ = 10**18 - 1  # the largest sequence number a path names (18 digits)

EARLIEST = datetime.min.replace(tzinfo=UTC)
LATEST = datetime.max.replace(tzinfo=UTC)


class BadParameter(ValueError):
    """A value the document does not allow; the message names the parameter and what it takes."""


def text_schema() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": TEXT_PATTERN}


def time_schema() -> dict[str, Any]:
    """A day (``YYYY-MM-DD``) or an RFC 3339 time with its offset (microseconds at most)."""
    return {
        "type": "string",
        "anyOf": [
            {"format": "date", "pattern": DATE_PATTERN},
            {"format": "date-time", "pattern": TIME_PATTERN},
        ],
    }


def filter_schema(spec: Filter) -> dict[str, Any]:
    if spec.choices:
        return {"type": "string", "enum": list(spec.choices)}
    if spec.name == "jurisdiction":
        return {"type": "string", "pattern": JURISDICTION_PATTERN}
    return text_schema()


def check_text(name: str, value: str) -> str:
    if len(value) > MAX_TEXT or not re.fullmatch(TEXT_PATTERN, value):
        raise BadParameter(f"{name} must be 1 to {MAX_TEXT} printable characters")
    return value


def check_filter(spec: Filter, value: str) -> str:
    if spec.choices:
        if value not in spec.choices:
            raise BadParameter(f"{spec.name} must be one of {', '.join(spec.choices)}")
        return value
    if spec.name == "jurisdiction":
        if not re.fullmatch(JURISDICTION_PATTERN, value):
            raise BadParameter("jurisdiction must be an ISO 3166-1 alpha-2 code such as DE")
        return value
    return check_text(spec.name, value)


def filter_values(params: Mapping[str, Any]) -> dict[str, str]:
    """The filters among ``params``, each checked against its schema."""
    return {name: check_filter(spec, params[name]) for name, (_, spec) in FILTERS.items() if name in params}


def parse_time(name: str, value: str, *, end: bool = False) -> datetime:
    """A day's start (with ``end``, the next day's start) or an RFC 3339 time, in UTC.

    Days and times beyond what the server can represent stand for the earliest or latest it can.
    """
    try:
        if re.fullmatch(DATE_PATTERN, value):
            day = date.fromisoformat(value)
            if end:
                return datetime.combine(day + timedelta(days=1), time(), UTC) if day < date.max else LATEST
            return datetime.combine(day, time(), UTC)
        if re.fullmatch(TIME_PATTERN, value):
            t = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
            try:
                return t.astimezone(UTC)
            except OverflowError:  # within a day of year 1 or 9999, moved past it by the offset
                return EARLIEST if t.year == 1 else LATEST
    except ValueError:
        pass  # a day that is not in the calendar, such as 2026-02-30
    raise BadParameter(f"{name} must be a day (YYYY-MM-DD) or an RFC 3339 time such as 2026-11-03T10:00:00Z")


def optional_time(params: Mapping[str, Any], name: str, *, end: bool = False) -> datetime | None:
    value = params.get(name)
    return None if value is None else parse_time(name, value, end=end)


def whole_number(params: Mapping[str, Any], name: str, default: int, low: int, high: int) -> int:
    """``params[name]`` as an integer in [low, high], written in ASCII digits."""
    value = params.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 18) or not low <= int(value) <= high:
        raise BadParameter(f"{name} must be a whole number from {low} to {high}")
    return int(value)


def cursor(params: Mapping[str, Any]) -> str | None:
    value = params.get("cursor")
    if value is not None and not re.fullmatch(CURSOR_PATTERN, value):
        raise BadParameter("cursor must be the next_cursor of a page")
    return value
