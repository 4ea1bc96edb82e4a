"""Fixtures for the node simulator: an in-process app for protocol checks, a real uvicorn server
for the SDK clients, concurrency and dropped connections."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from nodesim import SimSettings, SimState, create_app
from nodesim.cli import server_config


def settings(**overrides: object) -> SimSettings:
    values: dict = {"jurisdiction": "DE", "model": "sim/test-7b"}
    values.update(overrides)
    return SimSettings(**values)


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """``make_client(**settings)`` → a TestClient on a fresh simulator app."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        client = TestClient(create_app(settings(**overrides)), raise_server_exceptions=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@dataclass
class RunningNode:
    url: str
    app: Starlette

    @property
    def sim(self) -> SimState:
        return self.app.state.sim


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_node(**overrides: object) -> Iterator[RunningNode]:
    """A simulator served by uvicorn (httptools, as in production) on a free port, in a thread."""
    app = create_app(settings(**overrides))
    port = _free_port()
    server = uvicorn.Server(server_config(app, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the simulator did not start")
        time.sleep(0.01)
    try:
        yield RunningNode(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def node() -> Iterator[RunningNode]:
    """One shared real server with default settings (tests must not change its knobs)."""
    with running_node() as running:
        yield running


def sse_events(body: bytes) -> list[bytes]:
    """Split an SSE body into its events, asserting TGI's framing: each ends with a blank line."""
    assert body.endswith(b"\n\n"), body[-40:]
    return body[:-2].split(b"\n\n")
