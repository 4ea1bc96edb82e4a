"""``create_app``: a Starlette app that answers like one TGI node, for tests and benchmarks.

Routes as TGI 3.3's router; no admin route. Tests in the same process steer the node through
``app.state.sim`` (a ``SimState``): ``healthy``, ``fail_rate``, ``fail_next_stream_after_tokens``.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from nodesim.errors import SimulatedCrash
from nodesim.info import InfoRoutes
from nodesim.native import NativeRoutes
from nodesim.openai import OpenAIRoutes
from nodesim.settings import SimSettings
from nodesim.state import SimState


class _HideSimulatedCrashes(logging.Filter):
    """A simulated crash is the point of the test, not an error worth a traceback in the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], SimulatedCrash))


def _hide_simulated_crashes() -> None:
    server_log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _HideSimulatedCrashes) for f in server_log.filters):
        server_log.addFilter(_HideSimulatedCrashes())


async def _not_found(request: Request, exc: Exception) -> Response:
    # axum answers unknown routes and wrong methods with an empty body.
    return Response(status_code=getattr(exc, "status_code", 404))


def create_app(settings: SimSettings) -> Starlette:
    state = SimState(settings)
    native = NativeRoutes(state)
    openai = OpenAIRoutes(state)
    info = InfoRoutes(state)
    routes = [
        Route("/", native.compat, methods=["POST"]),
        Route("/", info.health, methods=["GET"]),
        Route("/generate", native.generate, methods=["POST"]),
        Route("/generate_stream", native.generate_stream, methods=["POST"]),
        Route("/v1/chat/completions", openai.chat, methods=["POST"]),
        Route("/v1/completions", openai.completions, methods=["POST"]),
        Route("/tokenize", info.tokenize, methods=["POST"]),
        Route("/health", info.health, methods=["GET"]),
        Route("/ping", info.health, methods=["GET"]),
        Route("/info", info.info, methods=["GET"]),
        Route("/metrics", info.metrics, methods=["GET"]),
        Route("/v1/models", info.models, methods=["GET"]),
    ]
    _hide_simulated_crashes()
    app = Starlette(routes=routes, exception_handlers={404: _not_found, 405: _not_found})
    app.state.sim = state
    # What the fast path (nodesim.fastpath) answers without the app: whole non-stream generation
    # requests, and the checks a gateway makes on the same connections.
    app.state.fast_routes = {
        ("POST", "/"): native.answer_now,
        ("POST", "/generate"): native.answer_now,
        ("POST", "/v1/chat/completions"): openai.chat_now,
        ("GET", "/"): info.health_now,
        ("GET", "/health"): info.health_now,
        ("GET", "/ping"): info.health_now,
        ("GET", "/info"): info.info_now,
        ("GET", "/metrics"): info.metrics_now,
        ("GET", "/v1/models"): info.models_now,
    }
    return app
