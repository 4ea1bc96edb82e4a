"""The audit query API under ``/audit/v1``: records, counts, proofs, checkpoints, status, exports.

Every route but the OpenAPI document takes ``Authorization: Bearer <compliance token>``. Scope is
enforced in the queries (``audit.query``); asking explicitly for a tenant or jurisdiction outside
the token's scope is a 403, so a caller can tell "none there" from "not yours to see".
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from audit.export.bundle import export
from audit.export.request import ExportError, ExportForbidden, ExportRequest
from audit.log import AuditUnavailable
from audit.processing_report import processing_report
from audit.query.filters import QueryError, RecordFilter
from audit.query.integrity import latest_checkpoint, record_with_proof, trail_status
from audit.query.pages import MAX_PAGE, search
from audit.query.scope import AccessScope
from audit.record_fields import FILTERS
from gateway.compliance import schemas
from gateway.compliance.openapi import DOCUMENT_PATH, OPERATIONS, openapi_document
from gateway.compliance.params import (
    BadParameter,
    check_filter,
    check_text,
    filter_values,
    optional_time,
    whole_number,
)
from gateway.compliance.params import cursor as page_cursor
from gateway.compliance.params import parse_time as parse_when_param
from gateway.compliance.service import ComplianceService
from gateway.compliance.tokens import TokenError, TokenInfo, TokenRejected
from gateway.errors import PayloadTooLarge
from gateway.intake.body import NotStrictJson, parse_json, read_bounded

MAX_EXPORT_BODY_BYTES = 16_384  # an export request names a period and a scope: a few hundred bytes

log = logging.getLogger("sovgw.compliance")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> JSONResponse:
        headers = {"WWW-Authenticate": 'Bearer realm="audit"'} if self.status == 401 else None
        body = schemas.Error(error=schemas.ErrorDetail(code=self.code, message=self.message))
        return answer(body, status_code=self.status, headers=headers)


def answer(model: BaseModel, **kwargs: Any) -> JSONResponse:
    """``model`` as the JSON its schema in the OpenAPI document describes."""
    return JSONResponse(model.model_dump(mode="json"), **kwargs)


def bad_request(message: str) -> ApiError:
    return ApiError(400, "invalid_request", message)


def bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401, "unauthenticated", "send a compliance access token as 'Authorization: Bearer ...'"
        )
    return token.strip()


def parse_time(params: Any, name: str, *, end: bool = False) -> datetime | None:
    try:
        return optional_time(params, name, end=end)
    except BadParameter as e:
        raise bad_request(str(e)) from None


def parse_filter(params: Any, scope: AccessScope) -> RecordFilter:
    """The filter the query parameters ask for. A range that ends before it starts holds nothing."""
    try:
        values = filter_values(params)
    except BadParameter as e:
        raise bad_request(str(e)) from None
    if "tenant" in values and not scope.allows_tenant(values["tenant"]):
        raise ApiError(403, "out_of_scope", "that tenant is outside this token's scope")
    if "jurisdiction" in values and not scope.allows_jurisdiction(values["jurisdiction"]):
        raise ApiError(403, "out_of_scope", "that jurisdiction is outside this token's scope")
    since, until = parse_time(params, "from"), parse_time(params, "to", end=True)
    return RecordFilter(since=since, until=until, **values)


def parse_int(params: Any, name: str, default: int, low: int, high: int) -> int:
    try:
        return whole_number(params, name, default, low, high)
    except BadParameter as e:
        raise bad_request(str(e)) from None


def parse_seq(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise bad_request("a record is named by its sequence number")
    return int(text)


Handler = Callable[[Request, TokenInfo], Awaitable[Response]]


def api_routes(service: ComplianceService) -> list[BaseRoute]:
    def guarded(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                info = await service.authenticate(bearer(request), f"{request.method} {request.url.path}")
                return await handler(request, info)
            except ApiError as e:
                return e.response()
            except TokenRejected:
                return ApiError(401, "unauthenticated", "the token is unknown, revoked or expired").response()
            except AuditUnavailable:
                return ApiError(503, "audit_unavailable", "the access could not be recorded").response()
            except (SQLAlchemyError, TokenError) as e:
                log.error("audit query failed: %s", type(e).__name__)
                return ApiError(503, "audit_unavailable", "the audit trail cannot be read now").response()

        return endpoint

    async def records(request: Request, info: TokenInfo) -> Response:
        params = request.query_params
        flt = parse_filter(params, info.scope)
        limit = parse_int(params, "limit", 50, 1, MAX_PAGE)
        try:
            cursor = page_cursor(params)
        except BadParameter as e:
            raise bad_request(str(e)) from None
        try:
            page = await service.read(search, info.scope, flt, cursor, limit)
        except QueryError as e:
            raise bad_request(str(e)) from None
        records = [schemas.Record.of(r) for r in page.records]
        return answer(
            schemas.Page(records=records, next_cursor=page.next_cursor), headers={"Cache-Control": "no-store"}
        )

    async def record(request: Request, info: TokenInfo) -> Response:
        seq = parse_seq(request.path_params["seq"])
        proven = await service.read(record_with_proof, info.scope, seq, service.trusted_keys())
        if proven is None:
            raise ApiError(404, "not_found", "no such record in this token's scope")
        return answer(schemas.RecordWithProof.of(proven))

    async def aggregates(request: Request, info: TokenInfo) -> Response:
        flt = parse_filter(request.query_params, info.scope)
        rows = await service.read(service.counts.counts, info.scope, flt)
        return answer(schemas.Counts(counts=[schemas.DayCount.of(r) for r in rows]))

    async def checkpoint(_: Request, info: TokenInfo) -> Response:
        found = await service.read(latest_checkpoint, service.trusted_keys())
        if found is None:
            raise ApiError(404, "not_found", "the log has no signed checkpoint yet")
        return answer(schemas.Checkpoint.of(found))

    async def status(_: Request, info: TokenInfo) -> Response:
        found = await service.read(trail_status, service.trusted_keys())
        return answer(schemas.Status.of(found))

    async def me(_: Request, info: TokenInfo) -> Response:
        return answer(schemas.Me.of(info))

    async def processing(request: Request, info: TokenInfo) -> Response:
        params = request.query_params
        tenant = params.get("tenant")
        if tenant is None:
            raise bad_request("name the tenant to report on")
        try:
            check_text("tenant", tenant)
        except BadParameter as e:
            raise bad_request(str(e)) from None
        if not info.scope.allows_tenant(tenant):
            raise ApiError(403, "out_of_scope", "that tenant is outside this token's scope")
        since, until = parse_time(params, "from"), parse_time(params, "to", end=True)
        report = await service.read(processing_report, info.scope, tenant, since, until)
        return answer(report)

    async def exports(request: Request, info: TokenInfo) -> Response:
        try:
            body = parse_json(await read_bounded(request, MAX_EXPORT_BODY_BYTES), max_depth=8)
        except PayloadTooLarge:
            raise ApiError(413, "too_large", "the export request is too large") from None
        except NotStrictJson:
            raise bad_request("the body must be a small JSON object") from None
        return await bundle_download(service, info, body)

    async def openapi(_: Request) -> Response:
        return JSONResponse(openapi_document())

    handlers: dict[str, Handler] = {
        "me": me,
        "records": records,
        "record": record,
        "aggregates": aggregates,
        "checkpoint": checkpoint,
        "status": status,
        "processing": processing,
        "exports": exports,
    }
    return [
        Route(DOCUMENT_PATH, openapi, methods=["GET"]),
        *(Route(op.path, guarded(handlers[name]), methods=[op.method]) for name, op in OPERATIONS.items()),
    ]


async def bundle_download(service: ComplianceService, info: TokenInfo, body: Any) -> Response:
    """The bundle ``body`` asks for, as a zip file to download; the export is recorded first."""
    wanted = export_request(body)
    try:
        bundle = await export(service.audit, service.reader(), info.scope, wanted, f"token {info.token_id}")
    except ExportForbidden as e:
        raise ApiError(403, "out_of_scope", str(e)) from None
    except ExportError as e:
        raise bad_request(str(e)) from None
    return Response(
        bundle.zip_bytes(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{bundle.name}.zip"'},
    )


def export_request(body: Any) -> ExportRequest:
    """The export ``body`` asks for (``schemas.ExportBody``), each mistake named in a 400."""
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object")
    unknown = set(body) - set(schemas.EXPORT_FIELDS)
    if unknown:
        raise bad_request(f"unknown fields: {', '.join(sorted(unknown))}")
    if not isinstance(body.get("from"), str) or not isinstance(body.get("to"), str):
        raise bad_request("an export needs 'from' and 'to'")
    try:
        since = parse_when_param("from", body["from"])
        until = parse_when_param("to", body["to"], end=True)
        tenant = _optional(body, "tenant", lambda v: check_text("tenant", v))
        jurisdiction = _optional(body, "jurisdiction", lambda v: check_filter(FILTERS["jurisdiction"][1], v))
    except BadParameter as e:
        raise bad_request(str(e)) from None
    # The document cannot say 'from before to': a range that ends before it starts holds nothing.
    return ExportRequest(since, max(since, until), tenant, jurisdiction)


def _optional(body: dict[str, Any], name: str, check: Callable[[str], str]) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadParameter(f"{name} must be a string or null")
    return check(value)
