"""The fast path answers whole non-stream requests byte for byte as uvicorn and the app do, and
hands every other request, with its connection, to them."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn

import nodesim.exchange
import nodesim.native
import nodesim.openai
from nodesim import create_app
from nodesim.cli import server_config
from tests.nodesim.conftest import settings

CHAT = "/v1/chat/completions"
TOOLS = [
    {"type": "function", "function": {"name": "f", "parameters": {"properties": {"a": {"type": "integer"}}}}}
]


def post(path: str, body: bytes | dict, **headers: str | None) -> bytes:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    fields = {"host": "node", "content-type": "application/json", "content-length": str(len(data)), **headers}
    head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items() if v is not None)
    return (head + "\r\n").encode() + data


def get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nhost: node\r\n\r\n".encode()


def chat(content: str, **extra: object) -> dict:
    return {"model": "m", "messages": [{"role": "user", "content": content}], **extra}


REQUESTS = {
    "chat": post(CHAT, chat("Describe a river in one line", max_tokens=16)),
    "chat ending by itself": post(CHAT, chat("a b c")),
    "chat with a tool call": post(CHAT, chat("x", tools=TOOLS)),
    "chat with logprobs": post(CHAT, chat("x y", logprobs=True, max_tokens=3)),
    "chat, connection closes": post(CHAT, chat("q", max_tokens=2), connection="close"),
    "generate": post("/generate", {"inputs": "hello world", "parameters": {"max_new_tokens": 5}}),
    "generate with details": post(
        "/generate",
        {
            "inputs": "hello world",
            "parameters": {"max_new_tokens": 5, "details": True, "decoder_input_details": True, "seed": 3},
        },
    ),
    "compat": post("/", {"inputs": "hello world", "parameters": {"max_new_tokens": 5}}),
    "validation error": post("/generate", {"inputs": "hello", "parameters": {"top_p": 1.0}}),
    "empty inputs": post("/generate", {"inputs": "", "parameters": {}}),
    "tool and grammar": post(CHAT, chat("x", tools=TOOLS, response_format={"type": "json_object"})),
    "wrong content type": post(CHAT, chat("x"), **{"content-type": "text/plain"}),
    "declared too large": b"POST /generate HTTP/1.1\r\nhost: node\r\ncontent-type: application/json\r\n"
    b"content-length: 3000000\r\n\r\n{}",
    "bad JSON": post(CHAT, b"{not json"),
    "wrong shape": post(CHAT, {"messages": "x"}),
    # handed to the app
    "chat stream": post(CHAT, chat("q", max_tokens=2, stream=True)),
    "compat stream": post("/", {"inputs": "q", "parameters": {"max_new_tokens": 2}, "stream": True}),
    "generate_stream": post("/generate_stream", {"inputs": "q", "parameters": {"max_new_tokens": 2}}),
    "health": get("/health"),
    "ping": get("/ping"),
    "health at /": get("/"),
    "info": get("/info"),
    "models": get("/v1/models"),
    "metrics": get("/metrics"),
    "no such route": get("/nowhere"),
    "HEAD of health": get("/health").replace(b"GET", b"HEAD", 1),
    "HTTP/1.0": post("/generate", {"inputs": "hi", "parameters": {"max_new_tokens": 2}}).replace(
        b"HTTP/1.1", b"HTTP/1.0", 1
    ),
    "pipelined": post("/generate", {"inputs": "one", "parameters": {"max_new_tokens": 2}})
    + post(CHAT, chat("two", max_tokens=2)),
}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timing headers and ``created`` from a clock that stands still, so two servers agree."""
    clock = types.SimpleNamespace(monotonic=lambda: 100.0, time=lambda: 1_700_000_000.0)
    for module in (nodesim.exchange, nodesim.native, nodesim.openai):
        monkeypatch.setattr(module, "time", clock)


@contextmanager
def serving(fast: bool, **overrides: object) -> Iterator[tuple[int, object]]:
    app = create_app(settings(**overrides))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = server_config(app, "127.0.0.1", port)
    if not fast:  # uvicorn's httptools protocol and the app alone, as before the fast path
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http="httptools")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the simulator did not start"
        time.sleep(0.01)
    try:
        yield port, app.state.sim
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def exchange(port: int, data: bytes, answers: int = 1) -> bytes:
    """Everything the server sends back until it closes or ``answers`` answers are complete."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        return _send(sock, data, answers)


def _send(sock: socket.socket, data: bytes, answers: int = 1) -> bytes:
    sock.sendall(data)
    received = b""
    while _complete_answers(received) < answers:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
    return re.sub(rb"\r\ndate: [^\r]+", b"\r\ndate: (now)", received)


def test_a_connection_answered_fast_is_handed_over_at_a_request_boundary():
    """Fast, then a request for the app, then one more: the connection stays the app's."""
    sequence = [
        post(CHAT, chat("one", max_tokens=2)),
        get("/nowhere"),
        post(CHAT, chat("three", max_tokens=2)),
    ]
    answers = []
    for fast in (True, False):
        with (
            serving(fast=fast) as (port, sim),
            socket.create_connection(("127.0.0.1", port), timeout=5) as sock,
        ):
            answers.append([_send(sock, data) for data in sequence])
            assert sim.requests == 2
    assert answers[0] == answers[1]
    assert [a[:12] for a in answers[0]] == [b"HTTP/1.1 200", b"HTTP/1.1 404", b"HTTP/1.1 200"]


def _complete_answers(data: bytes) -> int:
    count = 0
    while b"\r\n\r\n" in data:
        head, _, rest = data.partition(b"\r\n\r\n")
        if b"transfer-encoding: chunked" in head:
            if b"0\r\n\r\n" not in rest:
                return count
            data = rest.split(b"0\r\n\r\n", 1)[1]
        else:
            length = re.search(rb"content-length: (\d+)", head)
            size = int(length.group(1)) if length else 0
            if len(rest) < size:
                return count
            data = rest[size:]
        count += 1
    return count


def test_every_request_gets_the_same_bytes_from_the_fast_path_and_the_app():
    answers = {
        name: 2 if name in ("pipelined", "fast, then handed over, then on the app") else 1
        for name in REQUESTS
    }
    with serving(fast=False) as (port, _):
        before = {name: exchange(port, data, answers[name]) for name, data in REQUESTS.items()}
    with serving(fast=True) as (port, _):
        after = {name: exchange(port, data, answers[name]) for name, data in REQUESTS.items()}
    for name in REQUESTS:
        assert before[name].startswith(b"HTTP/1.1 "), name
        assert after[name] == before[name], name
    assert b"x-generated-tokens: 16" in after["chat"]
    assert after["pipelined"].count(b"HTTP/1.1 200 OK") == 2
    assert b"tgi_request_count " in after["metrics"]


def test_an_unhealthy_node_says_so_on_the_fast_path():
    with serving(fast=True) as (port, sim):
        sim.healthy = False
        fast = exchange(port, get("/health"))
    with serving(fast=False) as (port, sim):
        sim.healthy = False
        assert fast == exchange(port, get("/health"))
    assert fast.startswith(b"HTTP/1.1 503 ") and fast.endswith(
        b'{"error":"unhealthy","error_type":"healthcheck"}'
    )


def test_the_key_is_checked_on_the_fast_path():
    request = REQUESTS["chat"]
    keyed = request.replace(b"host: node", b"host: node\r\nauthorization: Bearer SECRET", 1)
    with serving(fast=True, api_key="secret") as (port, _):
        refused, served = exchange(port, request), exchange(port, keyed)
    with serving(fast=False, api_key="secret") as (port, _):
        assert refused == exchange(port, request)
        assert served == exchange(port, keyed)
    assert refused.startswith(b"HTTP/1.1 401 ")
    assert served.startswith(b"HTTP/1.1 200 ")


def test_a_handed_over_request_is_counted_and_recorded_once():
    with serving(fast=True) as (port, sim):
        exchange(port, REQUESTS["chat stream"])
        exchange(port, REQUESTS["chat"])
        assert sim.requests == 2 and sim.successes == 2
        assert [path for path, _ in sim.received] == [CHAT, CHAT]
        assert sim.in_flight == 0


def test_the_fast_path_keeps_a_connection_for_many_requests():
    with serving(fast=True) as (port, sim), socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        for i in range(5):
            sock.sendall(post("/generate", {"inputs": f"request {i}", "parameters": {"max_new_tokens": 2}}))
            received = b""
            while _complete_answers(received) < 1:
                received += sock.recv(65536)
            assert received.startswith(b"HTTP/1.1 200 OK")
        assert sim.requests == 5


def test_a_paced_node_answers_through_the_app():
    request = post("/generate", {"inputs": "slow", "parameters": {"max_new_tokens": 2}})
    with serving(fast=True, latency_ms=50) as (port, sim):
        started = time.perf_counter()
        answer = exchange(port, request)
        assert time.perf_counter() - started >= 0.05
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert sim.requests == 1
