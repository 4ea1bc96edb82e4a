"""From an ``AuditEvent`` to the exact bytes a leaf hashes, and the JSON Schema of those documents.

The document is the event's JSON with ``request.api_key_id`` replaced by ``request.actor`` (a keyed
MAC), plus the sequence number and the UTC time of recording; RFC 8785 (JCS) makes its bytes
canonical, so anyone can recompute the leaf hash from the stored document alone.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, get_args

import rfc8785
from pydantic import TypeAdapter

from domain.events import AuditEvent

FORMAT_VERSION = 1


def rfc3339(t: datetime) -> str:
    u = t.astimezone(UTC)
    if u.year < 1000:  # strftime does not pad the year to four digits; isoformat does
        return u.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return u.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


# The form ``rfc3339`` writes, which ``datetime.fromisoformat`` reads twenty times faster than strptime.
_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


def parse_rfc3339(text: str) -> datetime:
    if _RFC3339.fullmatch(text):
        return datetime.fromisoformat(text)
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def event_body(event: AuditEvent, actor: str | None) -> dict[str, Any]:
    """The event as JSON data with the API key id swapped for the actor. No sequence number yet."""
    body = event.model_dump(mode="json")
    request = body.get("request")
    if isinstance(request, dict):
        request.pop("api_key_id", None)
        request["actor"] = actor
    return body


def document(seq: int, recorded_at: datetime, body: dict[str, Any]) -> dict[str, Any]:
    return {"v": FORMAT_VERSION, "seq": seq, "recorded_at": rfc3339(recorded_at), **body}


def document_schema() -> dict[str, Any]:
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
    for model in get_args(AuditEvent):
        event = defs[model.__name__]
        event["properties"] = {
            "v": {"const": FORMAT_VERSION},
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


def canonical_bytes(doc: dict[str, Any]) -> bytes:
    """The RFC 8785 bytes of ``doc``.

    What records hold (ASCII keys, integers within 2^53, floats that print without an exponent)
    takes a fast path through the json module, about five times quicker than the pure-Python
    ``rfc8785`` package; anything else goes through that package. Both give identical bytes: the
    tests compare them over generated documents.
    """
    try:
        # Most records hold no integral float, so the document itself is what the json module writes.
        plain = _plain(doc) if _integral_floats(doc) else doc
        return _ENCODER.encode(plain).encode()
    except (_NeedsReference, UnicodeEncodeError, ValueError):
        return rfc8785.dumps(doc)


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


class _NeedsReference(Exception):
    """A value whose JCS form the json module would not reproduce."""


_FAST_FLOAT_MAX = 1e16  # below this (and at or above 1e-4) Python prints floats without an exponent
_INT_LIMIT = 2**53 - 1


def _integral_floats(value: Any) -> bool:
    """Whether ``value`` holds a float JCS prints as an integer; raises for anything the json
    module would not print as JCS does. Reads without copying: most records need no change."""
    t = type(value)
    if t is str or t is bool or value is None:
        return False
    if t is dict:
        found = False
        for k, v in value.items():
            # json sorts by code point, JCS by UTF-16 unit: the same order for ASCII keys
            if type(k) is not str or not k.isascii():
                raise _NeedsReference
            if _integral_floats(v):
                found = True
        return found
    if t is list or t is tuple:
        found = False
        for v in value:
            if _integral_floats(v):
                found = True
        return found
    if t is int:
        if -_INT_LIMIT <= value <= _INT_LIMIT:
            return False
        raise _NeedsReference
    if t is float:
        if value.is_integer() and abs(value) < _FAST_FLOAT_MAX:
            return True
        if "e" in repr(value) or value != value or value in (float("inf"), float("-inf")):
            raise _NeedsReference
        return False
    _plain(value)  # a subclass (an enum, say): the checks below decide
    return True


def _plain(value: Any) -> Any:
    """``value`` with integral floats as ints (JCS prints 5.0 as 5); raises for anything unusual."""
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if -_INT_LIMIT <= value <= _INT_LIMIT:
            return value
        raise _NeedsReference
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _FAST_FLOAT_MAX:
            return int(value)
        if "e" in repr(value) or value != value or value in (float("inf"), float("-inf")):
            raise _NeedsReference
        return value
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str) or not k.isascii():
                raise _NeedsReference
            out[k] = _plain(v)
        return out
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    raise _NeedsReference


def parse_document(data: bytes) -> dict[str, Any]:
    doc = json.loads(data)
    if not isinstance(doc, dict):
        raise ValueError("a record document must be a JSON object")
    return doc
