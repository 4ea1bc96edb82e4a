"""Turning tracing on and off: the configuration, the environment, sampling, and export over OTLP."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from gateway import telemetry
from gateway.app import create_app
from gateway.config import ConfigError, TelemetryConfig, hash_api_key, parse_config
from gateway.local import ThreadedServer
from gateway.telemetry import Tracing

MINIMAL: dict[str, Any] = {
    "nodes": [
        {"id": "n1", "base_url": "http://127.0.0.1:9", "jurisdiction": "LT", "operator": "o", "models": ["m"]}
    ],
    "tenants": [
        {
            "id": "t",
            "home_jurisdiction": "LT",
            "allowed_jurisdictions": ["LT"],
            "purposes": ["p"],
            "api_keys": [{"id": "k", "sha256": hash_api_key("sk-x")}],
        }
    ],
}


def test_tracing_is_off_unless_a_collector_is_named() -> None:
    assert telemetry.from_config(TelemetryConfig(), env={}) is None
    assert telemetry.from_config(TelemetryConfig(), env={"OTEL_SERVICE_NAME": "x"}) is None
    on = telemetry.from_config(TelemetryConfig(otlp_endpoint="http://collector:4318"), env={})  # type: ignore[arg-type]
    assert isinstance(on, Tracing)
    on.shutdown()
    by_env = telemetry.from_config(TelemetryConfig(), env={"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"})
    assert isinstance(by_env, Tracing)
    by_env.shutdown()
    disabled = {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "true"}
    assert telemetry.from_config(TelemetryConfig(), env=disabled) is None


def test_an_untraced_app_routes_requests_to_its_plain_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    app = create_app(parse_config(MINIMAL, "test"))
    chat = next(r for r in app.routes if isinstance(r, Route) and r.path == "/v1/chat/completions")
    assert not isinstance(chat.app, telemetry._TracedRoute)
    traced = create_app(
        parse_config(MINIMAL, "test"), tracing=Tracing(SimpleSpanProcessor(InMemorySpanExporter()))
    )
    chat = next(r for r in traced.routes if isinstance(r, Route) and r.path == "/v1/chat/completions")
    assert isinstance(chat.app, telemetry._TracedRoute)


def test_the_section_is_validated() -> None:
    config = parse_config(
        {**MINIMAL, "telemetry": {"otlp_endpoint": "http://otel:4318", "sample_ratio": 0.1}}
    )
    assert config.telemetry.sample_ratio == 0.1
    assert parse_config(MINIMAL).telemetry.otlp_endpoint is None
    with pytest.raises(ConfigError, match=r"telemetry\.sample_ratio"):
        parse_config({**MINIMAL, "telemetry": {"sample_ratio": 1.5}})
    with pytest.raises(ConfigError, match=r"telemetry\.otlp_endpoint"):
        parse_config({**MINIMAL, "telemetry": {"otlp_endpoint": "not a url"}})


async def _ok(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}", "more_body": False})


def _call(app: Any, headers: list[tuple[bytes, bytes]]) -> None:
    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_: Message) -> None:
        pass

    scope = {"type": "http", "method": "POST", "path": "/generate", "headers": headers}
    asyncio.run(app(scope, receive, send))


def test_sampling_keeps_the_ratio_and_follows_a_sampled_client() -> None:
    exporter = InMemorySpanExporter()
    tracing = Tracing(SimpleSpanProcessor(exporter), ratio=0.0)
    route = tracing.route("/generate", _ok)
    _call(route, [])
    assert exporter.get_finished_spans() == ()
    _call(route, [(b"traceparent", b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")])
    assert [s.name for s in exporter.get_finished_spans()] == ["stream", "POST /generate"]


def test_spans_reach_an_otlp_collector() -> None:
    received: list[tuple[str, bytes]] = []
    arrived = threading.Event()

    async def collect(request: Request) -> Response:
        received.append((request.url.path, await request.body()))
        arrived.set()
        return Response(b"", media_type="application/x-protobuf")

    collector = ThreadedServer(Starlette(routes=[Route("/v1/traces", collect, methods=["POST"])])).start()
    try:
        config = TelemetryConfig(otlp_endpoint=collector.url, service_name="gw-eu-1")  # type: ignore[arg-type]
        tracing = telemetry.from_config(config, env={})
        assert tracing is not None
        _call(tracing.route("/generate", _ok), [])
        tracing.shutdown()  # flushes the batch
        assert arrived.wait(10)
    finally:
        collector.stop()
    [(path, body)] = received
    assert path == "/v1/traces"
    export = ExportTraceServiceRequest.FromString(body)
    [resource_spans] = export.resource_spans
    service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}["service.name"]
    assert service == "gw-eu-1"
    assert sorted(s.name for ss in resource_spans.scope_spans for s in ss.spans) == [
        "POST /generate",
        "stream",
    ]
