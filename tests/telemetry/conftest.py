"""A traced gateway on loopback in front of two simulated nodes that keep the headers they were sent."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.app import create_app
from gateway.config import hash_api_key, parse_config
from gateway.local import ThreadedServer
from gateway.telemetry import Tracing
from nodesim.app import create_app as create_sim
from nodesim.settings import SimSettings

MODEL = "test/model-a"
US_MODEL = "test/us-only"


class HeaderLog:
    """An ASGI wrapper keeping the headers of every request a node received."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.seen: list[dict[str, str]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            self.seen.append({k.decode(): v.decode() for k, v in scope["headers"]})
        await self.app(scope, receive, send)


@dataclass
class TracedGateway:
    url: str
    key: str
    exporter: InMemorySpanExporter
    nodes: dict[str, HeaderLog]

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.key}"}

    def spans(self, requests: int = 1) -> list[ReadableSpan]:
        """The spans of the next ``requests`` requests, once their root spans have ended (just after
        the client got the last byte)."""
        deadline = time.monotonic() + 5
        while sum(s.parent is None or s.kind is SpanKind.SERVER for s in self._exported()) < requests:
            assert time.monotonic() < deadline, "the request's root span never ended"
            time.sleep(0.01)
        spans = self._exported()
        self.exporter.clear()
        return spans

    def _exported(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())


@pytest.fixture(scope="session")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TracedGateway]:
    workdir: Path = tmp_path_factory.mktemp("traced")
    servers: list[ThreadedServer] = []
    logs: dict[str, HeaderLog] = {}
    nodes: list[dict[str, Any]] = []
    for node_id, jurisdiction, model in (("lt-1", "LT", MODEL), ("us-1", "US", US_MODEL)):
        sim = HeaderLog(
            create_sim(
                SimSettings(jurisdiction=jurisdiction, model=model, node_id=node_id, tokens_per_second=0)
            )
        )
        server = ThreadedServer(sim).start()
        servers.append(server)
        logs[node_id] = sim
        nodes.append(
            {
                "id": node_id,
                "base_url": server.url,
                "jurisdiction": jurisdiction,
                "operator": f"{node_id} operator",
                "models": [model],
            }
        )
    key = f"sk-test-{secrets.token_urlsafe(12)}"
    config = parse_config(
        {
            "audit": {
                "database_url": f"sqlite:///{workdir / 'audit.db'}",
                "pseudonym_key_dir": str(workdir / "keys"),
                "allow_key_beside_database": True,
            },
            "classification": {"executor": "inline", "languages": ["en", "lt"]},
            "health": {"interval_s": 0.2, "timeout_s": 1.0, "failure_threshold": 2, "cooldown_s": 30},
            "nodes": nodes,
            "tenants": [
                {
                    "id": "acme",
                    "home_jurisdiction": "LT",
                    "allowed_jurisdictions": ["LT", "DE"],
                    "purposes": ["support"],
                    "api_keys": [{"id": "k1", "sha256": hash_api_key(key)}],
                }
            ],
        },
        "test",
    )
    exporter = InMemorySpanExporter()
    app = create_app(config, tracing=Tracing(SimpleSpanProcessor(exporter)))
    gateway = ThreadedServer(app).start(timeout=120)
    servers.append(gateway)
    deadline = time.monotonic() + 60
    while httpx.get(f"{gateway.url}/ready").status_code != 200:
        assert time.monotonic() < deadline, "the traced gateway never became ready"
        time.sleep(0.1)
    try:
        yield TracedGateway(gateway.url, key, exporter, logs)
    finally:
        for server in reversed(servers):
            server.stop()
