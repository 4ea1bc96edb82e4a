"""The ASGI application: routes, and the services they share, built once at start-up."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from audit.log import AuditLog
from gateway import metrics
from gateway.compliance.routes import compliance_routes
from gateway.config import GatewayConfig
from gateway.errors import GatewayError, NotFound, Protocol
from gateway.forwarding import Forwarder
from gateway.nodes import NodeRegistry
from gateway.pipeline import Classifier, Pipeline
from gateway.policy.engine import PolicyEngine
from gateway.protocols import openai as oai
from gateway.protocols import tgi
from gateway.protocols.request import InferenceRequest
from gateway.upstream import upstream_client

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The long-lived parts the pipeline uses. Tests may build these themselves."""

    classifier: Classifier
    degraded_summary: Callable[[str], Any]
    classification_errors: tuple[type[BaseException], ...]
    policy: PolicyEngine
    audit: AuditLog
    close: Callable[[], Awaitable[None]]


async def build_services(config: GatewayConfig) -> Services:
    from audit.store import open_audit_log
    from gateway.classification.classifier import ClassificationError, build_classifier, degraded_summary
    from gateway.policy.engine import build_policy_engine

    audit = await open_audit_log(config.audit)
    try:
        classifier = build_classifier(config.classification)
        policy = build_policy_engine(config.policy)
        # Serve nothing until the classifier's engines are built: the first requests would
        # otherwise time out in classification (and be refused) while workers start.
        await _until_ready(classifier.ready, STARTUP_TIMEOUT_S, "the classifier")
    except BaseException:
        await audit.aclose()
        raise

    async def close() -> None:
        await classifier.aclose()
        await policy.aclose()
        await audit.aclose()

    return Services(classifier, degraded_summary, (ClassificationError,), policy, audit, close)


STARTUP_TIMEOUT_S = 120.0


async def _until_ready(check: Callable[[], Awaitable[bool]], within_s: float, what: str) -> None:
    try:
        async with asyncio.timeout(within_s):
            while not await check():  # noqa: ASYNC110 (polling another process, not an event)
                await asyncio.sleep(0.1)
    except TimeoutError:
        raise RuntimeError(f"{what} was not ready within {within_s:.0f} s") from None


def create_app(
    config: GatewayConfig,
    services: Callable[[GatewayConfig], Awaitable[Services]] = build_services,
) -> Starlette:
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        metrics.forget_dead_workers()
        async with upstream_client() as http:
            built = await services(config)
            registry = NodeRegistry(config.nodes, config.health, http)
            pipeline = Pipeline(
                config,
                built.classifier,
                built.degraded_summary,
                built.classification_errors,
                built.policy,
                built.audit,
                registry,
                Forwarder(http, config.timeouts),
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
                await built.close()

    def pipeline() -> Pipeline:
        return state["pipeline"]

    def inference(
        protocol: Protocol, parse: Callable[[dict[str, Any], Request], InferenceRequest]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                response = await pipeline().handle(request, parse)
            except GatewayError as e:
                response = e.response(protocol)
            except Exception as e:
                # Unexpected: nothing was forwarded past this point. Log the type only: messages of
                # third-party exceptions may quote request content.
                log.error("internal error on %s: %s", request.url.path, type(e).__name__)
                response = GatewayError("Internal gateway error; nothing was forwarded.").response(protocol)
            metrics.REQUESTS.labels(route=request.url.path, status=str(response.status_code)).inc()
            return response

        return endpoint

    limits = config.limits

    def chat(body: dict[str, Any], _: Request) -> InferenceRequest:
        return oai.parse_chat(body, limits)

    def completion(body: dict[str, Any], _: Request) -> InferenceRequest:
        return oai.parse_completion(body, limits)

    def native(route: str) -> Callable[[dict[str, Any], Request], InferenceRequest]:
        def parse(body: dict[str, Any], request: Request) -> InferenceRequest:
            return tgi.parse_generate(body, route, request.headers.get(tgi.MODEL_HEADER))

        return parse

    async def list_models(request: Request) -> Response:
        try:
            caller = pipeline().keys.authenticate(request.headers)
        except GatewayError as e:
            return e.response(Protocol.OPENAI)
        return JSONResponse(
            {"object": "list", "data": [_model_card(m) for m in pipeline().tenant_models(caller)]}
        )

    async def get_model(request: Request) -> Response:
        try:
            caller = pipeline().keys.authenticate(request.headers)
            model = request.path_params["model"]
            if model not in pipeline().tenant_models(caller):
                raise NotFound(
                    f"The model {model!r} does not exist or is not available to you.", param="model"
                )
        except GatewayError as e:
            return e.response(Protocol.OPENAI)
        return JSONResponse(_model_card(model))

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> Response:
        checks = {"config": True, "pipeline": "pipeline" in state}
        if checks["pipeline"]:
            built: Services = state["services"]
            checks["audit"] = await _safely(built.audit.ready())
            checks["policy"] = await _safely(built.policy.ready())
            checks["classifier"] = await _safely(built.classifier.ready())
            checks["nodes"] = pipeline().registry.any_healthy()
        ok = all(checks.values())
        return JSONResponse({"ready": ok, "checks": checks}, status_code=200 if ok else 503)

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
        return error.response(protocol)

    routes = [
        Route(oai.CHAT_ROUTE, inference(Protocol.OPENAI, chat), methods=["POST"]),
        Route(oai.COMPLETIONS_ROUTE, inference(Protocol.OPENAI, completion), methods=["POST"]),
        Route("/v1/models", list_models, methods=["GET"]),
        Route("/v1/models/{model:path}", get_model, methods=["GET"]),
        Route(tgi.GENERATE_ROUTE, inference(Protocol.TGI, native(tgi.GENERATE_ROUTE)), methods=["POST"]),
        Route(
            tgi.GENERATE_STREAM_ROUTE,
            inference(Protocol.TGI, native(tgi.GENERATE_STREAM_ROUTE)),
            methods=["POST"],
        ),
        Route(tgi.COMPAT_ROUTE, inference(Protocol.TGI, native(tgi.COMPAT_ROUTE)), methods=["POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/ready", ready, methods=["GET"]),
        Route("/metrics", prometheus, methods=["GET"]),
        *compliance_routes(config, lambda: state["services"].audit),
    ]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error})


def _model_card(model: str) -> dict[str, Any]:
    return {"id": model, "object": "model", "created": 0, "owned_by": "sovereign-gateway"}


async def _safely(check: Awaitable[bool]) -> bool:
    try:
        return bool(await check)
    except Exception:
        return False
