"""From an ``AuditEvent`` to the exact bytes a leaf hashes, and the columns queries read.

The document is the event's JSON with ``request.api_key_id`` replaced by ``request.actor`` (a keyed
MAC), plus the sequence number and the UTC time of recording; RFC 8785 (JCS) makes its bytes
canonical, so anyone can recompute the leaf hash from the stored document alone.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import rfc8785

from audit.events import AuditEvent

FORMAT_VERSION = 1


def rfc3339(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_rfc3339(text: str) -> datetime:
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


def canonical_bytes(doc: dict[str, Any]) -> bytes:
    return rfc8785.dumps(doc)


def parse_document(data: bytes) -> dict[str, Any]:
    doc = json.loads(data)
    if not isinstance(doc, dict):
        raise ValueError("a record document must be a JSON object")
    return doc


def columns(doc: dict[str, Any]) -> dict[str, Any]:
    """The queryable columns, derived only from the document (the verifier re-derives them)."""
    request = doc.get("request") or {}
    classification = doc.get("classification") or {}
    decision = doc.get("decision") or {}
    node = doc.get("node") or doc.get("served_by") or {}
    entities = classification.get("entities") or {}
    detail = doc.get("detail") or {}
    return {
        "seq": doc["seq"],
        "recorded_at": parse_rfc3339(doc["recorded_at"]),
        "kind": doc["kind"],
        "tenant": request.get("tenant") or detail.get("tenant"),
        "actor": request.get("actor"),
        "request_id": request.get("request_id"),
        "purpose": request.get("purpose"),
        "route": request.get("route"),
        "model": request.get("model"),
        "category": classification.get("category"),
        "entity_types": ",".join(sorted(entities)) or None,
        "decision_id": decision.get("decision_id"),
        "decision_allow": decision.get("allow"),
        "policy_revision": decision.get("revision") or detail.get("revision"),
        "node_id": node.get("node_id"),
        "operator": node.get("operator"),
        "jurisdiction": node.get("jurisdiction"),
        "transfer_basis": node.get("transfer_basis"),
        "outcome": doc.get("outcome") or _decision_outcome(doc),
        "status": doc.get("status"),
    }


def _decision_outcome(doc: dict[str, Any]) -> str | None:
    kind = doc["kind"]
    if kind == "denial":
        return "denied"
    if kind == "engine_failure":
        return f"{doc.get('stage')}_failure"
    if kind == "forward":
        return "forwarded"
    return None
