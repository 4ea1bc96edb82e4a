"""The OpenAPI 3.1 document of the audit API, served at ``/audit/v1/openapi.json``.

Written by hand to say exactly what the routes in ``api.py`` accept and answer; the test suite runs
schemathesis against it, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from typing import Any

from audit.record_fields import CATEGORIES
from audit.record_fields import EVENT_KINDS as KINDS


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


def _text(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "maxLength": 200},
    }


TIME_PARAMS = [
    _text("from", "first day (YYYY-MM-DD) or RFC 3339 time, inclusive"),
    _text("to", "last day (YYYY-MM-DD), inclusive, or RFC 3339 time, exclusive"),
]
FILTER_PARAMS = [
    *TIME_PARAMS,
    _text("tenant", "only this tenant's records"),
    {
        "name": "decision",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": ["allow", "deny"]},
    },
    _text("jurisdiction", "only records of requests served in this jurisdiction (ISO 3166-1 alpha-2)"),
    _text("node", "only records naming this node"),
    _text("operator", "only records naming this node operator"),
    _text("entity_type", "only records whose classification found this entity type"),
    {
        "name": "category",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": list(CATEGORIES)},
    },
    _text("transfer_basis", "for example intra-EEA or adequacy:CH"),
    _text("outcome", "forwarded, denied, success, upstream_error, ..."),
    {"name": "kind", "in": "query", "required": False, "schema": {"type": "string", "enum": list(KINDS)}},
]

RECORD = {
    "type": "object",
    "required": ["seq", "recorded_at", "kind", "leaf_hash", "document"],
    "properties": {
        "seq": {"type": "integer", "minimum": 0},
        "recorded_at": {"type": "string"},
        "kind": {"type": "string"},
        **{
            name: _nullable("string")
            for name in (
                "tenant",
                "actor",
                "request_id",
                "purpose",
                "route",
                "model",
                "category",
                "entity_types",
                "decision_id",
                "policy_revision",
                "node_id",
                "operator",
                "jurisdiction",
                "transfer_basis",
                "outcome",
            )
        },
        "decision_allow": _nullable("boolean"),
        "status": _nullable("integer"),
        "leaf_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "document": {"type": "object", "description": "the signed record, exactly as its leaf hashes it"},
    },
}
CHECKPOINT = {
    "type": "object",
    "required": ["size", "root", "key_name", "key_id", "signed_at", "note", "signature_verified"],
    "properties": {
        "size": {"type": "integer", "minimum": 0},
        "root": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "key_name": {"type": "string"},
        "key_id": {"type": "string"},
        "signed_at": {"type": "string"},
        "note": {"type": "string", "description": "the C2SP signed note"},
        "signature_verified": {"type": "boolean"},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "the request is malformed",
        401: "no valid token",
        403: "outside the token's scope",
        404: "not found in the token's scope",
        503: "the access could not be recorded, or the trail cannot be read",
    }
    ref = {"$ref": "#/components/schemas/Error"}
    return {str(c): _json(ref, text[c]) for c in (401, 503, *codes)}


def _op(summary: str, ok: dict[str, Any], params: list[Any] | None = None, *errors: int) -> dict[str, Any]:
    return {
        "summary": summary,
        "parameters": params or [],
        "security": [{"bearer": []}],
        "responses": {"200": ok, **_errors(*errors)},
    }


def openapi_document() -> dict[str, Any]:
    counts = {
        "type": "object",
        "required": ["counts"],
        "properties": {
            "counts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["day", "jurisdiction", "category", "kind", "count"],
                    "properties": {
                        "day": {"type": "string"},
                        "jurisdiction": _nullable("string"),
                        "category": _nullable("string"),
                        "kind": {"type": "string", "enum": ["forward", "denial", "engine_failure"]},
                        "count": {"type": "integer", "minimum": 1},
                    },
                },
            }
        },
    }
    page = {
        "type": "object",
        "required": ["records", "next_cursor"],
        "properties": {
            "records": {"type": "array", "items": {"$ref": "#/components/schemas/Record"}},
            "next_cursor": _nullable("string"),
        },
    }
    proven = {
        "type": "object",
        "required": ["record", "checkpoint", "inclusion_proof", "verified", "problem"],
        "properties": {
            "record": {"$ref": "#/components/schemas/Record"},
            "checkpoint": {"anyOf": [{"$ref": "#/components/schemas/Checkpoint"}, {"type": "null"}]},
            "inclusion_proof": {"type": "array", "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
            "verified": {"type": "boolean"},
            "problem": _nullable("string"),
        },
    }
    status = {
        "type": "object",
        "required": ["status", "tree_size", "checkpoint_size", "uncovered_records", "checks", "problems"],
        "properties": {
            "status": {"type": "string", "enum": ["verified", "failed"]},
            "tree_size": {"type": "integer", "minimum": 0},
            "checkpoint_size": _nullable("integer"),
            "checkpoint_signed_at": _nullable("string"),
            "uncovered_records": {"type": "integer", "minimum": 0},
            "checks": {"type": "array", "items": {"type": "string"}},
            "problems": {"type": "array", "items": {"type": "string"}},
        },
    }
    me = {
        "type": "object",
        "required": ["token_id", "role", "tenants", "jurisdictions"],
        "properties": {
            "token_id": {"type": "string"},
            "role": {"type": "string", "enum": ["officer", "regulator", "admin"]},
            "label": {"type": "string"},
            "tenants": {"type": "array", "items": {"type": "string"}},
            "jurisdictions": {"type": "array", "items": {"type": "string"}},
            "records_from": _nullable("string"),
            "records_to": _nullable("string"),
            "expires_at": _nullable("string"),
        },
    }
    count_map = {"type": "object", "additionalProperties": {"type": "integer"}}
    processing = {
        "type": "object",
        "required": ["tenant", "requests", "purposes", "categories", "recipients", "transfers"],
        "properties": {
            "tenant": {"type": "string"},
            "since": _nullable("string"),
            "until": _nullable("string"),
            "generated_at": {"type": "string"},
            "requests": count_map,
            "purposes": count_map,
            "categories": count_map,
            "entity_types": count_map,
            "special_categories": count_map,
            "recipients": {"type": "array", "items": {"type": "object"}},
            "transfers": {"type": "array", "items": {"type": "object"}},
            "legal_bases": count_map,
            "policy_revisions": {"type": "array", "items": {"type": "string"}},
            "not_in_the_trail": {"type": "array", "items": {"type": "string"}},
        },
    }
    export_body = {
        "type": "object",
        "required": ["from", "to"],
        "additionalProperties": False,
        "properties": {
            "from": {"type": "string", "maxLength": 200, "description": "first day or RFC 3339 time"},
            "to": {"type": "string", "maxLength": 200, "description": "last day, inclusive, or a time"},
            "tenant": {"type": "string", "maxLength": 200},
            "jurisdiction": {"type": "string", "maxLength": 200},
        },
    }
    limit = {
        "name": "limit",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
    }
    cursor = _text("cursor", "next_cursor of the previous page")
    seq = {"name": "seq", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}}
    tenant = {
        "name": "tenant",
        "in": "query",
        "required": True,
        "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    }
    export_op = _op(
        "Export a BagIt bundle (records, proofs, checkpoints, keys, reports, verifier)", {}, None, 400, 403
    )
    export_op["requestBody"] = {"required": True, "content": {"application/json": {"schema": export_body}}}
    export_op["responses"]["200"] = {
        "description": "the bundle as a zip file",
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sovereign Gateway audit API",
            "version": "1",
            "description": "Read the audit trail within a compliance token's scope; every call is recorded.",
        },
        "paths": {
            "/audit/v1/me": {"get": _op("What this token grants", _json(me, "the token's scope"))},
            "/audit/v1/records": {
                "get": _op(
                    "Records matching the filters, newest first",
                    _json(page, "one page"),
                    [*FILTER_PARAMS, limit, cursor],
                    400,
                    403,
                )
            },
            "/audit/v1/records/{seq}": {
                "get": _op(
                    "One record with its inclusion proof against the latest checkpoint",
                    _json(proven, "the record and its proof"),
                    [seq],
                    400,
                    404,
                )
            },
            "/audit/v1/aggregates": {
                "get": _op(
                    "Requests forwarded, denied and failed by day x jurisdiction x data category",
                    _json(counts, "the counts"),
                    FILTER_PARAMS,
                    400,
                    403,
                )
            },
            "/audit/v1/checkpoint": {
                "get": _op("The latest signed checkpoint", _json(CHECKPOINT, "the checkpoint"), None, 404)
            },
            "/audit/v1/status": {"get": _op("The trail's verification status", _json(status, "the status"))},
            "/audit/v1/processing-records": {
                "get": _op(
                    "Records of processing (GDPR Art. 30) for one tenant",
                    _json(processing, "the report"),
                    [tenant, *TIME_PARAMS],
                    400,
                    403,
                )
            },
            "/audit/v1/exports": {"post": export_op},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Record": RECORD, "Checkpoint": CHECKPOINT, "Error": ERROR},
        },
    }
