"""Request tracing with OpenTelemetry: a trace per inference request, a span per pipeline stage.

Off unless an OTLP endpoint is configured (``telemetry.otlp_endpoint`` or the standard
``OTEL_EXPORTER_OTLP_ENDPOINT``). Off means nil: the app and pipeline hold ``None`` instead of a
``Tracing`` and make no tracer call on the request path.

Spans are explicit (no instrumentation patches libraries): the root span is named for the route and
covers the whole exchange, the answer's relay included; under it ``intake``, ``classification``,
``policy``, ``routing``, ``audit commit``, ``upstream`` (connect to first byte) and ``stream`` (relay
until the end). A client's W3C ``traceparent``/``tracestate`` makes the request a child of the
client's span, and the node gets the ``upstream`` span's context in its request headers.

Attributes hold ids, categories and counts only: route, tenant id, model, decision, node and its
jurisdiction, status, record sequence number. Never message text, names or keys; a failed stage
records its exception's type, never its message (third-party messages may quote content).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.trace import Span, SpanKind, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from audit.promise import PromiseError, decode
from gateway.config import TelemetryConfig

_PROPAGATOR = TraceContextTextMapPropagator()
_TRACE_HEADERS = (b"traceparent", b"tracestate")
_UNTRACED = contextlib.nullcontext()


def untraced(_: str) -> contextlib.nullcontext[None]:
    """The stage hook while tracing is off: one shared no-op context, no tracer."""
    return _UNTRACED


class Tracing:
    """The gateway's tracer and what it exports to; one per worker process."""

    def __init__(self, processor: SpanProcessor, service_name: str = "sovereign-gateway", ratio: float = 1.0):
        self._provider = TracerProvider(
            resource=Resource.create({"service.name": service_name}),
            sampler=ParentBased(TraceIdRatioBased(ratio)),
        )
        self._provider.add_span_processor(processor)
        self._tracer = self._provider.get_tracer("sovereign-gateway")

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[Span]:
        """A stage's span, current while the stage runs; a failure marks it with its type alone."""
        with self._tracer.start_as_current_span(
            name, record_exception=False, set_status_on_exception=False
        ) as span:
            try:
                yield span
            except BaseException as e:
                span.set_status(StatusCode.ERROR)
                span.set_attribute("error.type", type(e).__name__)
                raise

    @staticmethod
    def annotate(attributes: Mapping[str, str | int]) -> None:
        """Ids and categories on the span now current (the request's, between stages)."""
        trace.get_current_span().set_attributes(attributes)

    @staticmethod
    def record_seq(promise: str | None) -> None:
        """The sequence number of the record a promise is for, on the current span."""
        if promise is None:
            return
        with contextlib.suppress(PromiseError):
            trace.get_current_span().set_attribute("sovgw.record.seq", decode(promise).seq)

    @staticmethod
    def propagate(headers: dict[str, str]) -> None:
        """The current span's W3C trace context, into a request to a node."""
        _PROPAGATOR.inject(headers)

    def route(self, route: str, app: ASGIApp) -> ASGIApp:
        """``app`` (one inference route) inside the request's root span."""
        return _TracedRoute(self._tracer, route, app)

    def shutdown(self) -> None:
        """Export what is pending, then stop."""
        self._provider.shutdown()


class _TracedRoute:
    """The root span over the whole ASGI exchange, and a ``stream`` span from the answer's first
    byte to its last (a streamed answer's relay ends after the handler has returned)."""

    def __init__(self, tracer: trace.Tracer, route: str, app: ASGIApp):
        self._tracer, self._route, self._app = tracer, route, app
        self._name = f"POST {route}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        carrier = {
            k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"] if k in _TRACE_HEADERS
        }
        parent = _PROPAGATOR.extract(carrier) if carrier else None
        with self._tracer.start_as_current_span(
            self._name,
            context=parent,
            kind=SpanKind.SERVER,
            attributes={"http.request.method": "POST", "http.route": self._route},
            record_exception=False,
            set_status_on_exception=False,
        ) as root:
            stream: Span | None = None

            async def traced_send(message: Message) -> None:
                nonlocal stream
                if message["type"] == "http.response.start":
                    status = message["status"]
                    root.set_attribute("http.response.status_code", status)
                    if status >= 500:
                        root.set_status(StatusCode.ERROR)
                    stream = self._tracer.start_span("stream", context=trace.set_span_in_context(root))
                await send(message)
                if (
                    stream is not None
                    and message["type"] == "http.response.body"
                    and not message.get("more_body")
                ):
                    stream.end()
                    stream = None

            try:
                await self._app(scope, receive, traced_send)
            finally:
                if stream is not None:  # the client left mid-answer
                    stream.set_attribute("sovgw.outcome", "client_disconnected")
                    stream.end()


def from_config(config: TelemetryConfig, env: Mapping[str, str] | None = None) -> Tracing | None:
    """Tracing exported over OTLP/HTTP, or None when no endpoint is configured (tracing off)."""
    env = os.environ if env is None else env
    if env.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return None
    endpoint = str(config.otlp_endpoint).rstrip("/") if config.otlp_endpoint is not None else None
    if endpoint is None and not (
        env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    ):
        return None
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    kwargs: dict[str, Any] = {}
    if endpoint is not None:  # a collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT is
        kwargs["endpoint"] = endpoint if endpoint.endswith("/v1/traces") else endpoint + "/v1/traces"
    return Tracing(BatchSpanProcessor(OTLPSpanExporter(**kwargs)), config.service_name, config.sample_ratio)
