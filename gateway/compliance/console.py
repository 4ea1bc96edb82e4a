"""The web console at ``/console``: dashboard, records, one record with its proof, exports, Art. 30.

Server-rendered (Jinja2) with one small script, every asset served from here: it works air-gapped.
Signing in checks the token and keeps it in an HttpOnly, SameSite=Strict cookie scoped to
``/console``; every page view is a use of the token, checked and recorded like an API call. Forms
that change something (sign-in, sign-out, export) refuse requests whose Origin is another site.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from audit.log import AuditUnavailable
from audit.processing_report import processing_report, render_html
from audit.query.filters import QueryError, RecordFilter
from audit.query.integrity import record_with_proof
from audit.query.pages import search
from audit.record_fields import CATEGORIES, EVENT_KINDS
from audit.times import iso_z
from gateway.compliance.api import ApiError, bundle_download, parse_filter, parse_time
from gateway.compliance.charts import days_between
from gateway.compliance.dashboard import dashboard as dashboard_of
from gateway.compliance.schemas import EXPORT_FIELDS
from gateway.compliance.service import ComplianceService
from gateway.compliance.tokens import TokenError, TokenInfo, TokenRejected
from gateway.errors import PayloadTooLarge
from gateway.intake.body import read_bounded

HERE = Path(__file__).parent
COOKIE = "sovgw_console"
DASHBOARD_DAYS = 30
MAX_DASHBOARD_DAYS = 366
PAGE_SIZE = 50

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
templates.filters["iso_z"] = iso_z


class _SignIn(Exception):
    """No valid session: send the visitor to the sign-in page."""


def console_routes(service: ComplianceService) -> list[BaseRoute]:
    secure = service.config.compliance.secure_cookies

    def render(name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
        html = templates.get_template(name).render(**context)
        return HTMLResponse(html, status_code=http_status, headers=_SECURITY_HEADERS)

    async def session(request: Request) -> TokenInfo:
        token = request.cookies.get(COOKIE)
        if not token:
            raise _SignIn
        try:
            return await service.authenticate(token, f"{request.method} {request.url.path}")
        except TokenRejected:
            raise _SignIn from None

    def page(handler):  # type: ignore[no-untyped-def]
        async def endpoint(request: Request) -> Response:
            try:
                info = await session(request)
                status = await service.status()
                return await handler(request, info, {"me": info, "status": status, "path": request.url.path})
            except _SignIn:
                response = RedirectResponse("/console/sign-in", status_code=303)
                response.delete_cookie(COOKIE, path="/console")
                return response
            except ApiError as e:
                return render("error.html", e.status, message=e.message, title="Cannot show this")
            except (AuditUnavailable, SQLAlchemyError, TokenError):
                return render(
                    "error.html",
                    503,
                    message="The audit trail cannot record this access or be read now; nothing is shown.",
                    title="Audit trail unavailable",
                )

        return endpoint

    async def home(request: Request) -> Response:
        return RedirectResponse("/console/dashboard", status_code=303)

    async def sign_in_form(request: Request) -> Response:
        return render("sign_in.html", title="Sign in")

    async def sign_in(request: Request) -> Response:
        if not _same_origin(request):
            return render("error.html", 403, message="Sign in from the console itself.", title="Refused")
        try:
            form = await _form(request)
        except ApiError as e:
            return render("error.html", e.status, message=e.message, title="Refused")
        token = form.get("token", "").strip()
        try:
            await service.authenticate(token, "POST /console/sign-in")
        except TokenRejected:
            return render(
                "sign_in.html", 401, title="Sign in", error="That token is unknown, revoked or expired."
            )
        except AuditUnavailable:
            return render(
                "error.html", 503, message="The sign-in could not be recorded.", title="Unavailable"
            )
        response = RedirectResponse("/console/dashboard", status_code=303)
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/console", max_age=8 * 3600
        )
        return response

    async def sign_out(request: Request) -> Response:
        response = RedirectResponse("/console/sign-in", status_code=303)
        response.delete_cookie(COOKIE, path="/console")
        return response

    async def dashboard(request: Request, info: TokenInfo, ctx: dict[str, Any]) -> Response:
        params = _given(request.query_params)
        until = min(parse_time(params, "to", end=True) or _tomorrow(), _LAST_DAY_END)
        since = parse_time(params, "from") or until - min(timedelta(days=DASHBOARD_DAYS), until - _FIRST_DAY)
        if since >= until:
            raise ApiError(400, "invalid_request", "'from' must be before 'to'")
        if until - since > timedelta(days=MAX_DASHBOARD_DAYS):  # each day is a bar (and loop work)
            raise ApiError(400, "invalid_request", f"show at most {MAX_DASHBOARD_DAYS} days at once")
        flt = RecordFilter(since=since, until=until)
        rows = await service.read(service.counts.counts, info.scope, flt)
        days = days_between(since.date(), (until - timedelta(microseconds=1)).date())
        shown = dashboard_of(rows, days)
        return render(
            "dashboard.html",
            **ctx,
            title="Dashboard",
            charts=shown.charts,
            totals=shown.totals,
            since=since.date().isoformat(),
            until=(until - timedelta(days=1)).date().isoformat(),
        )

    async def records(request: Request, info: TokenInfo, ctx: dict[str, Any]) -> Response:
        params = _given(request.query_params)
        flt = parse_filter(params, info.scope)
        cursor = params.get("cursor") or None
        try:
            result = await service.read(search, info.scope, flt, cursor, PAGE_SIZE)
        except QueryError as e:
            raise ApiError(400, "invalid_request", str(e)) from None
        kept = {k: v for k, v in params.items() if k != "cursor"}
        next_url = (
            f"/console/records?{urlencode({**kept, 'cursor': result.next_cursor})}"
            if result.next_cursor
            else None
        )
        return render(
            "records.html",
            **ctx,
            title="Records",
            records=result.records,
            values=kept,
            next_url=next_url,
            categories=CATEGORIES,
            kinds=EVENT_KINDS,
            default_from=(datetime.now(UTC) - timedelta(days=DASHBOARD_DAYS)).date().isoformat(),
            default_to=datetime.now(UTC).date().isoformat(),
        )

    async def record(request: Request, info: TokenInfo, ctx: dict[str, Any]) -> Response:
        text = request.path_params["seq"]
        if not (text.isascii() and text.isdigit()) or len(text) > 18:
            raise ApiError(400, "invalid_request", "a record is named by its sequence number")
        proven = await service.read(record_with_proof, info.scope, int(text), service.trusted_keys())
        if proven is None:
            raise ApiError(404, "not_found", "There is no such record in your scope.")
        check = {
            "leaf": proven.record.leaf_hash.hex(),
            "seq": proven.record.seq,
            "size": proven.checkpoint.row.size if proven.checkpoint else None,
            "root": bytes(proven.checkpoint.row.root).hex() if proven.checkpoint else None,
            "proof": [h.hex() for h in proven.proof],
            "canonical": proven.record.canonical.decode(),
            "format": proven.entry_format,  # 2: the leaf hashes the record's scope and digest
        }
        return render(
            "record.html",
            **ctx,
            title=f"Record {proven.record.seq}",
            proven=proven,
            pretty=json.dumps(proven.record.document, indent=2, sort_keys=True),
            check=check,
        )

    async def processing(request: Request, info: TokenInfo, ctx: dict[str, Any]) -> Response:
        params = _given(request.query_params)
        tenant = params.get("tenant") or (info.scope.tenants[0] if info.scope.tenants else "")
        report = None
        if tenant:
            if not info.scope.allows_tenant(tenant):
                raise ApiError(403, "out_of_scope", "That tenant is outside your scope.")
            since, until = parse_time(params, "from"), parse_time(params, "to", end=True)
            report = await service.read(processing_report, info.scope, tenant, since, until)
        return render(
            "processing.html",
            **ctx,
            title="Records of processing",
            tenant=tenant,
            report=report,
            render_report=lambda r: Markup(render_html(r)),  # noqa: S704 (the report's template escapes)
        )

    async def export_download(request: Request, info: TokenInfo, ctx: dict[str, Any]) -> Response:
        if not _same_origin(request):
            raise ApiError(403, "cross_site", "Exports start from the console itself.")
        form = await _form(request)
        body = {k: str(v) for k, v in form.items() if str(v).strip() and k in EXPORT_FIELDS}
        return await bundle_download(service, info, body)

    return [
        Route("/console", home, methods=["GET"]),
        Route("/console/sign-in", sign_in_form, methods=["GET"]),
        Route("/console/sign-in", sign_in, methods=["POST"]),
        Route("/console/sign-out", sign_out, methods=["POST"]),
        Route("/console/dashboard", page(dashboard), methods=["GET"]),
        Route("/console/records", page(records), methods=["GET"]),
        Route("/console/records/{seq}", page(record), methods=["GET"]),
        Route("/console/processing", page(processing), methods=["GET"]),
        Route("/console/export", page(export_download), methods=["POST"]),
        Mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static"),
    ]


_SECURITY_HEADERS = {
    # Everything comes from here: no CDN, no inline script, no framing.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


MAX_FORM_BYTES = 16_384


async def _form(request: Request) -> dict[str, str]:
    """A URL-encoded form (the only kind the console's pages send), first value of each field."""
    try:
        body = await read_bounded(request, MAX_FORM_BYTES)  # refused before it is read whole
    except PayloadTooLarge:
        raise ApiError(413, "too_large", "The form is too large.") from None
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[0] for k, v in fields.items()}


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlparse(origin).netloc == request.headers.get("host")


def _given(params: Any) -> dict[str, str]:
    """The fields a console form filled in: an empty field asks for nothing."""
    return {k: v for k, v in params.items() if v}


# The dashboard draws whole days: the first and last day a date can name.
_FIRST_DAY = datetime.combine(date.min, datetime.min.time(), UTC)
_LAST_DAY_END = datetime.combine(date.max, datetime.min.time(), UTC)


def _tomorrow() -> datetime:
    today = datetime.now(UTC).date()
    return datetime.combine(today + timedelta(days=1), datetime.min.time(), UTC)
