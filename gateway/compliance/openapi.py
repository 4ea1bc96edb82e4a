"""The audit API's operations, written once, and the OpenAPI 3.1 document made from them.

``api.py`` serves each operation at the path given here. Schemas are the JSON Schemas of the models
in ``schemas.py`` (which the handlers answer through); the filter parameters come from the filters
the record's fields declare (``audit.record_fields``); every input's schema and its check on the
server come from one place (``params.py``). The test suite runs schemathesis against the
document, so the routes and the document cannot drift apart unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema

from audit.processing_report import ProcessingReport
from audit.query.pages import CURSOR_PATTERN, MAX_PAGE
from audit.record_fields import FILTERS
from gateway.compliance import params, schemas

PREFIX = "/audit/v1"


def _query(name: str, schema: dict[str, Any], description: str | None = None, **extra: Any) -> dict[str, Any]:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema, **extra}
    if description:
        parameter["description"] = description
    return parameter


TIME_PARAMETERS = [
    _query("from", params.time_schema(), "first day (YYYY-MM-DD) or RFC 3339 time, inclusive"),
    _query("to", params.time_schema(), "last day (YYYY-MM-DD), inclusive, or RFC 3339 time, exclusive"),
]
FILTER_PARAMETERS = [
    *TIME_PARAMETERS,
    *(_query(name, params.filter_schema(spec), spec.description) for name, (_, spec) in FILTERS.items()),
]
LIMIT = _query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE})
CURSOR = _query("cursor", {"type": "string", "pattern": CURSOR_PATTERN}, "next_cursor of the previous page")
SEQ = {
    "name": "seq",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0, "maximum": params.MAX_SEQ},
}
TENANT = _query("tenant", params.text_schema(), required=True)

ERRORS = {
    400: "the request is malformed",
    401: "no valid token",
    403: "outside the token's scope",
    404: "not found in the token's scope",
    413: "the body is larger than the operation reads",
    503: "the access could not be recorded, or the trail cannot be read",
}


@dataclass(frozen=True)
class Operation:
    """One thing the API does: where, what it takes, what it answers (200) and how it can fail."""

    method: str
    path: str
    summary: str
    answer: type[BaseModel] | None  # the JSON of a 200; None for a download
    description: str = ""  # of the 200 answer
    parameters: list[dict[str, Any]] = field(default_factory=list)
    errors: tuple[int, ...] = ()  # besides 401 and 503, which any operation may answer
    body: type[BaseModel] | None = None


OPERATIONS = {
    "me": Operation("GET", f"{PREFIX}/me", "What this token grants", schemas.Me, "the token's scope"),
    "records": Operation(
        "GET",
        f"{PREFIX}/records",
        "Records matching the filters, newest first",
        schemas.Page,
        "one page",
        [*FILTER_PARAMETERS, LIMIT, CURSOR],
        (400, 403),
    ),
    "record": Operation(
        "GET",
        f"{PREFIX}/records/{{seq}}",
        "One record with its inclusion proof against the latest checkpoint",
        schemas.RecordWithProof,
        "the record and its proof",
        [SEQ],
        (400, 404),
    ),
    "aggregates": Operation(
        "GET",
        f"{PREFIX}/aggregates",
        "Requests by day x jurisdiction x data category x answer: forwarded, refused, unavailable...",
        schemas.Counts,
        "the counts",
        FILTER_PARAMETERS,
        (400, 403),
    ),
    "checkpoint": Operation(
        "GET",
        f"{PREFIX}/checkpoint",
        "The latest signed checkpoint",
        schemas.Checkpoint,
        "the checkpoint",
        errors=(404,),
    ),
    "status": Operation(
        "GET", f"{PREFIX}/status", "The trail's verification status", schemas.Status, "the status"
    ),
    "processing": Operation(
        "GET",
        f"{PREFIX}/processing-records",
        "Records of processing (GDPR Art. 30) for one tenant",
        ProcessingReport,
        "the report",
        [TENANT, *TIME_PARAMETERS],
        (400, 403),
    ),
    "exports": Operation(
        "POST",
        f"{PREFIX}/exports",
        "Export a BagIt bundle (records, proofs, checkpoints, keys, reports, verifier)",
        None,
        "the bundle as a zip file",
        errors=(400, 403, 413),
        body=schemas.ExportBody,
    ),
}
DOCUMENT_PATH = f"{PREFIX}/openapi.json"


class _DocumentSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema as the API sends answers: every field, null or not, so every field is
    required; and no title on each field, whose name says it already."""

    def field_is_required(self, field: Any, total: bool) -> bool:
        if self.mode == "serialization":
            return not field.get("serialization_exclude")
        return super().field_is_required(field, total)

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(op: Operation) -> dict[str, Any]:
    if op.answer is not None:
        ok = _json(_ref(op.answer), op.description)
    else:
        zip_file = {"schema": {"type": "string", "format": "binary"}}
        ok = {"description": op.description, "content": {"application/zip": zip_file}}
    out: dict[str, Any] = {
        "summary": op.summary,
        "parameters": op.parameters,
        "security": [{"bearer": []}],
        "responses": {
            "200": ok,
            **{str(c): _json(_ref(schemas.Error), ERRORS[c]) for c in (401, 503, *op.errors)},
        },
    }
    if op.body is not None:
        out["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(op.body)}}}
    return out


@cache
def openapi_document() -> dict[str, Any]:
    """The document, built once; callers must not change it."""
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [(schemas.Error, "serialization")]
    for op in OPERATIONS.values():
        if op.answer is not None:
            models.append((op.answer, "serialization"))
        if op.body is not None:
            models.append((op.body, "validation"))
    _, found = models_json_schema(
        models, ref_template="#/components/schemas/{model}", schema_generator=_DocumentSchema
    )
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS.values():
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sovereign Gateway audit API",
            "version": "1",
            "description": "Read the audit trail within a compliance token's scope; every call is recorded.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": found["$defs"],
        },
    }
