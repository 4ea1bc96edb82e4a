"""The ASGI application: routes, and the services they share, built once at start-up."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, request_response

from gateway import metrics, telemetry
from gateway.compliance.routes import compliance_routes
from gateway.config import GatewayConfig
from gateway.errors import GatewayError, NotFound, ServiceUnavailable
from gateway.forwarding.forwarder import Forwarder
from gateway.forwarding.upstream import upstream_client
from gateway.pipeline import Parse, Pipeline
from gateway.protocols import openai as oai
from gateway.protocols import tgi
from gateway.protocols.accounting import UnknownFields
from gateway.protocols.errors import error_response
from gateway.protocols.request import InferenceRequest, Protocol
from gateway.quotas.quotas import build_quotas
from gateway.recording.recorder import Recorder
from gateway.routing.registry import NodeRegistry
from gateway.services import Services, build_services
from gateway.serving.admission import Admission

log = logging.getLogger(__name__)


def create_app(
    config: GatewayConfig,
    services: Callable[[GatewayConfig], Awaitable[Services]] = build_services,
    tracing: telemetry.Tracing | None = None,
) -> Starlette:
    """``tracing``: spans go there (tests); by default where ``config.telemetry`` says, or nowhere."""
    state: dict[str, Any] = {}
    tracing = tracing or telemetry.from_config(config.telemetry)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        metrics.forget_dead_workers()
        async with upstream_client() as http:
            built = await services(config)
            registry = NodeRegistry(config.nodes, config.health, http, config.operators, config.attestation)
            http.check_new_connections(registry.identity.on_connection)  # fresh evidence per connection
            quotas = build_quotas(config.quotas, config.tenants)
            pipeline = Pipeline(
                config,
                built.classifier,
                built.degraded_summary,
                built.classification_errors,
                built.policy,
                Recorder(built.audit),
                registry,
                Forwarder(http, config.timeouts, tracing.propagate if tracing else None),
                quotas,
                tracing,
            )
            try:
                await registry.start()
                await pipeline.record_startup()
                state["pipeline"], state["services"] = pipeline, built
                # What startup built (the detection engine: over 100,000 objects) lives as long as
                # the process. Out of the collector's reach, a full collection scans only what
                # requests left behind, instead of stalling every request for about 60 ms.
                gc.collect()
                gc.freeze()
                yield
                await pipeline.record_shutdown()
            finally:
                await registry.aclose()
                await quotas.aclose()
                await built.close()
                if tracing is not None:
                    tracing.shutdown()

    def pipeline() -> Pipeline:
        return state["pipeline"]

    def inference(protocol: Protocol, parse: Parse) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                response = await pipeline().handle(request, parse)
            except GatewayError as e:
                response = error_response(e, protocol)
            except Exception as e:
                # Unexpected: nothing was forwarded past this point. Log the type only: messages of
                # third-party exceptions may quote request content.
                log.error("internal error on %s: %s", request.url.path, type(e).__name__)
                response = error_response(
                    GatewayError("Internal gateway error; nothing was forwarded."), protocol
                )
            metrics.REQUESTS.labels(route=request.url.path, status=str(response.status_code)).inc()
            return response

        return endpoint

    def inference_route(path: str, protocol: Protocol, parse: Parse) -> Route:
        endpoint = inference(protocol, parse)
        if tracing is None:
            return Route(path, endpoint, methods=["POST"])
        return Route(path, tracing.route(path, request_response(endpoint)), methods=["POST"])

    limits = config.limits

    def chat(body: dict[str, Any], _: Request, unknown: UnknownFields) -> InferenceRequest:
        return oai.parse_chat(body, limits, unknown)

    def completion(body: dict[str, Any], _: Request, unknown: UnknownFields) -> InferenceRequest:
        return oai.parse_completion(body, limits, unknown)

    def native(route: str) -> Parse:
        def parse(body: dict[str, Any], request: Request, unknown: UnknownFields) -> InferenceRequest:
            return tgi.parse_generate(body, route, request.headers.get(tgi.MODEL_HEADER), unknown)

        return parse

    async def list_models(request: Request) -> Response:
        try:
            caller = pipeline().keys.authenticate(request.headers)
        except GatewayError as e:
            return error_response(e, Protocol.OPENAI)
        return JSONResponse(
            {"object": "list", "data": [_model_card(m) for m in pipeline().tenants.models(caller)]}
        )

    async def get_model(request: Request) -> Response:
        try:
            caller = pipeline().keys.authenticate(request.headers)
            model = request.path_params["model"]
            if model not in pipeline().tenants.models(caller):
                raise NotFound(
                    f"The model {model!r} does not exist or is not available to you.", param="model"
                )
        except GatewayError as e:
            return error_response(e, Protocol.OPENAI)
        return JSONResponse(_model_card(model))

    async def model_info(request: Request) -> Response:
        """TGI's ``GET /info`` for the model of ``x-sovgw-model`` (or the tenant's only one), as a
        node serving it in a jurisdiction the tenant may use last described itself."""
        try:
            caller = pipeline().keys.authenticate(request.headers)
            model = pipeline().tenants.resolve_model(caller, request.headers.get(tgi.MODEL_HEADER))
            if model not in pipeline().tenants.models(caller):
                raise NotFound(f"The model {model!r} is not available to you.", param="model")
            info = pipeline().registry.info(model, caller.tenant.allowed_jurisdictions)
            if info is None:
                raise ServiceUnavailable(
                    "No node serving this model has described itself yet.", code="no_healthy_node"
                )
        except GatewayError as e:
            return error_response(e, Protocol.TGI)
        return JSONResponse(info)

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> Response:
        """Ready only while every safeguard can do its work; otherwise 503 naming what cannot, so a
        load balancer stops sending what would only be refused."""
        checks = {"config": True, "pipeline": "pipeline" in state}
        reasons = [] if checks["pipeline"] else ["starting"]
        if checks["pipeline"]:
            built: Services = state["services"]
            failing_for = pipeline().recorder.failing_for()
            recent_failure = failing_for is not None and failing_for < READY_AFTER_AUDIT_FAILURE_S
            checks["audit"] = await _safely(built.audit.ready()) and not recent_failure
            checks["policy"] = await _safely(built.policy.ready())
            checks["classifier"] = await _safely(built.classifier.ready())
            checks["nodes"] = pipeline().registry.any_healthy()
            checks["quotas"] = await _safely(pipeline().quotas.ready())
            if recent_failure:
                reasons.append(f"audit: a record could not be committed {failing_for:.0f} s ago")
            reasons += [_NOT_READY[name] for name, ok in checks.items() if not ok and name in _NOT_READY]
        ok = all(checks.values())
        body: dict[str, Any] = {"ready": ok, "checks": checks, "reasons": reasons}
        if "pipeline" in state and (out := pipeline().registry.out_of_routing()):
            body["nodes_out_of_routing"] = out  # a node's identity failed: which, and why
        return JSONResponse(body, status_code=200 if ok else 503)

    async def prometheus(_: Request) -> Response:
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        protocol = Protocol.OPENAI if request.url.path.startswith("/v1/") else Protocol.TGI
        error = GatewayError(exc.detail or "Error")
        error.status = exc.status_code
        error.openai_type = error.tgi_type = (
            "not_found" if exc.status_code == 404 else "invalid_request_error"
        )
        return error_response(error, protocol)

    routes = [
        inference_route(oai.CHAT_ROUTE, Protocol.OPENAI, chat),
        inference_route(oai.COMPLETIONS_ROUTE, Protocol.OPENAI, completion),
        Route("/v1/models", list_models, methods=["GET"]),
        Route("/v1/models/{model:path}", get_model, methods=["GET"]),
        Route("/info", model_info, methods=["GET"]),
        inference_route(tgi.GENERATE_ROUTE, Protocol.TGI, native(tgi.GENERATE_ROUTE)),
        inference_route(tgi.GENERATE_STREAM_ROUTE, Protocol.TGI, native(tgi.GENERATE_STREAM_ROUTE)),
        inference_route(tgi.COMPAT_ROUTE, Protocol.TGI, native(tgi.COMPAT_ROUTE)),
        Route("/health", health, methods=["GET"]),
        Route("/ready", ready, methods=["GET"]),
        Route("/metrics", prometheus, methods=["GET"]),
        *compliance_routes(config, lambda: state["services"].audit),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error},
        middleware=[
            Middleware(
                Admission,
                max_in_flight=config.server.max_in_flight,
                max_loop_lag_s=config.server.max_loop_lag_ms / 1000,
            )
        ],
    )


# After a failed commit the gateway reports not ready for this long, then asks the store again: a
# full disk passes the store's own probe, which takes the write lock but writes nothing.
READY_AFTER_AUDIT_FAILURE_S = 5.0
_NOT_READY = {
    "audit": "audit: the store cannot commit a record now",
    "policy": "policy: the engine cannot decide now",
    "classifier": "classifier: not answering",
    "nodes": "nodes: none is healthy",
    "quotas": "quotas: the quota store cannot be reached",
}


def _model_card(model: str) -> dict[str, Any]:
    return {"id": model, "object": "model", "created": 0, "owned_by": "sovereign-gateway"}


async def _safely(check: Awaitable[bool]) -> bool:
    try:
        return bool(await check)
    except Exception:
        return False
