"""The server's read deadlines and connection cap, on a small app: what a slow, idle or surplus
connection gets, and that a fast client is never cut however long it stays."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.config import ServerConfig
from gateway.local import ThreadedServer

DEADLINE_S = 1.0


async def echo(request: Request) -> Response:
    return JSONResponse({"bytes": len(await request.body())})


async def slow(_: Request) -> Response:
    await asyncio.sleep(2.5 * DEADLINE_S)  # answering takes longer than any read deadline
    return JSONResponse({"ok": True})


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    app = Starlette(routes=[Route("/echo", echo, methods=["GET", "POST"]), Route("/slow", slow)])
    settings = ServerConfig(header_timeout_s=DEADLINE_S, body_timeout_s=DEADLINE_S, max_connections=8)
    with ThreadedServer(app, settings=settings) as running:
        yield running


def _connect(server: ThreadedServer) -> socket.socket:
    conn = socket.create_connection((server.host, server.port))
    conn.settimeout(5)
    return conn


def _read_all(conn: socket.socket) -> bytes:
    data = b""
    while chunk := conn.recv(4096):
        data += chunk
    return data


def test_a_connection_that_sends_nothing_is_closed_without_an_answer(server: ThreadedServer) -> None:
    with _connect(server) as conn:
        start = time.monotonic()
        assert _read_all(conn) == b""
        assert DEADLINE_S - 0.1 < time.monotonic() - start < DEADLINE_S + 1


def test_headers_trickled_on_a_kept_alive_connection_get_408(server: ThreadedServer) -> None:
    with _connect(server) as conn:
        conn.sendall(b"GET /echo HTTP/1.1\r\nhost: x\r\n\r\n")
        assert conn.recv(4096).startswith(b"HTTP/1.1 200")
        time.sleep(DEADLINE_S * 0.8)  # idle between requests: the keep-alive bound, not this one
        start = time.monotonic()
        conn.sendall(b"GET /echo HTTP/1.1\r\nho")
        answer = _read_all(conn)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert b'"error_type": "timeout"' in answer  # TGI's shape off the /v1/ routes
        assert DEADLINE_S - 0.1 < time.monotonic() - start < DEADLINE_S + 1


def test_a_request_head_past_its_bound_gets_431_and_one_within_is_served(server: ThreadedServer) -> None:
    fields = b"".join(b"x-field-%d: %s\r\n" % (i, b"a" * 1000) for i in range(5000))  # 5 MB
    with _connect(server) as conn:
        with contextlib.suppress(OSError):  # closed while still sending: the answer is waiting
            conn.sendall(b"GET /echo HTTP/1.1\r\nhost: x\r\n" + fields + b"\r\n")
        answer = _read_all(conn)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:100]
    assert b'"error_type": "validation"' in answer
    cookies = {f"c{i}": "v" * 1000 for i in range(20)}  # 20 KB of headers: within the bound
    with httpx.Client(base_url=server.url, cookies=cookies) as client:
        assert client.get("/echo").status_code == 200


def test_a_fast_client_is_never_cut_however_long_it_stays(server: ThreadedServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        start = time.monotonic()
        while time.monotonic() - start < 3 * DEADLINE_S:
            assert client.post("/echo", content=b"x" * 1000).json() == {"bytes": 1000}
            time.sleep(0.05)
        assert client.get("/slow", timeout=10).json() == {"ok": True}  # an answer has no deadline


def test_connections_past_the_cap_are_closed_at_once(server: ThreadedServer) -> None:
    held = [_connect(server) for _ in range(8)]
    try:
        time.sleep(0.2)
        with _connect(server) as surplus:
            start = time.monotonic()
            assert _read_all(surplus) == b""
            assert time.monotonic() - start < 0.5 * DEADLINE_S
        for conn in held:  # those within the cap are served
            conn.sendall(b"GET /echo HTTP/1.1\r\nhost: x\r\n\r\n")
            assert conn.recv(4096).startswith(b"HTTP/1.1 200")
    finally:
        for conn in held:
            conn.close()
    time.sleep(0.2)
    with httpx.Client(base_url=server.url) as client:  # their places are free again
        assert client.get("/echo").status_code == 200
