"""The node-agent's HTTP on the wire: malformed and oversized requests, pipelining, HEAD, and an
inference server that breaks off its answer (whole: a 502; streamed: a receipt over what came)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import RECEIPT_EVENT, descriptor_digest, parse_receipt_event, verify_receipt
from gateway.local import free_port
from nodeagent import wire
from nodeagent.app import AgentSettings, NodeAgent
from nodeagent.server import ThreadedAgent
from tests.nodes.grid import BALTIC, descriptor, signed

NODE_KEY = Ed25519PrivateKey.generate()
SIGNED = signed(descriptor("lt-1", BALTIC, "LT", NODE_KEY), BALTIC)
EVENT = b'data: {"token":{"id":1,"text":"a"}}\n\n'

# What the fake inference server answers, by path: raw bytes, then it closes the connection.
ANSWERS = {
    b"/generate": b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"gen',
    b"/generate_stream": b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
    b"transfer-encoding: chunked\r\n\r\n" + b"%x\r\n%s\r\n" % (len(EVENT), EVENT),
    b"/health": b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nx-node: sim\r\n\r\nok",
}


class FakeServer:
    """An inference server on a loopback port, served from a thread; ``answer`` is one connection."""

    def __init__(self) -> None:
        self.port = free_port()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)

    async def answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    def _run(self, ready: threading.Event) -> None:
        async def main() -> None:
            await asyncio.start_server(self.answer, "127.0.0.1", self.port)
            ready.set()
            await asyncio.Event().wait()

        asyncio.new_event_loop().run_until_complete(main())


class BreakingServer(FakeServer):
    """Answers each request from ``ANSWERS`` and then closes the connection, mid-body where the
    answer is cut short."""

    async def answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        path = head.split(b" ")[1]
        writer.write(ANSWERS.get(path, b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"))
        await writer.drain()
        writer.close()


@pytest.fixture(scope="module")
def agent() -> Iterator[str]:
    upstream = BreakingServer()
    settings = AgentSettings(f"http://127.0.0.1:{upstream.port}", SIGNED, NODE_KEY)
    with ThreadedAgent(settings) as server:
        yield server.url


def _raw(url: str, data: bytes) -> bytes:
    """Sends ``data`` on a fresh connection and reads until the agent closes it."""
    with socket.create_connection((httpx.URL(url).host, httpx.URL(url).port), timeout=10) as s:
        s.sendall(data)
        parts = []
        while chunk := s.recv(65536):
            parts.append(chunk)
        return b"".join(parts)


def test_a_malformed_request_is_answered_400_and_the_connection_closed(agent: str) -> None:
    assert _raw(agent, b"NOT HTTP AT ALL\r\n\r\n").startswith(b"HTTP/1.1 400 ")


def test_a_request_head_over_64_kb_is_answered_431(agent: str) -> None:
    head = b"GET /descriptor HTTP/1.1\r\nhost: x\r\nx-big: " + b"a" * 70_000 + b"\r\n\r\n"
    assert _raw(agent, head).startswith(b"HTTP/1.1 431 ")


def test_pipelined_requests_are_answered_in_order_on_one_connection(agent: str) -> None:
    nonce = "ab" * 32
    one = b"GET /descriptor HTTP/1.1\r\nhost: x\r\n\r\n"
    two = b"GET /attestation?nonce=" + nonce.encode() + b" HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
    answers = _raw(agent, one + two)
    first, _, second = answers.partition(b"HTTP/1.1 200 OK\r\n")[2].partition(b"HTTP/1.1 200 OK\r\n")
    assert b'"signature"' in first and nonce.encode() in second


def test_a_head_request_is_relayed_without_a_body(agent: str) -> None:
    response = httpx.head(f"{agent}/health")
    assert response.status_code == 200 and response.headers["x-node"] == "sim"
    assert response.content == b""


def test_a_whole_answer_the_server_breaks_off_is_a_502(agent: str) -> None:
    response = httpx.post(f"{agent}/generate", json={"inputs": "x"})
    assert response.status_code == 502
    assert response.json()["error"] == "the inference server could not be reached"


def test_a_stream_the_server_breaks_off_ends_with_a_receipt_over_what_was_relayed(agent: str) -> None:
    key = bytes(32)
    response = httpx.post(
        f"{agent}/generate_stream", json={"inputs": "x"}, headers={"x-sovgw-digest-key": key.hex()}
    )
    relayed, _, trailer = response.content.rpartition(RECEIPT_EVENT)
    assert relayed == EVENT
    receipt = parse_receipt_event(RECEIPT_EVENT + trailer)
    verify_receipt(receipt, SIGNED.descriptor.node_key)
    assert receipt.receipt.response_hmac == hmac.new(key, EVENT, hashlib.sha256).hexdigest()
    assert receipt.receipt.generated_tokens == 1
    assert receipt.receipt.descriptor_sha256 == descriptor_digest(SIGNED.descriptor)


STREAM_HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"


class KeptServer:
    """Keeps connections open; answers every request with a small stream of two events (after a
    pause, so a client can leave in between), and counts the connections it was opened."""

    def __init__(self) -> None:
        self.port = free_port()
        self.connections = 0
        self._ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True).start()
        self._ready.wait(10)

    async def _main(self) -> None:
        await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self._ready.set()
        await asyncio.Event().wait()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().partition(b"content-length: ")[2].partition(b"\r\n")[0] or 0)
                await reader.readexactly(length)
                writer.write(STREAM_HEAD + wire.chunk(EVENT))
                await writer.drain()
                await asyncio.sleep(0.2)
                writer.write(wire.chunk(EVENT) + wire.LAST_CHUNK)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


def test_the_agent_keeps_its_connection_to_the_server_and_drops_one_whose_reader_left() -> None:
    upstream = KeptServer()
    settings = AgentSettings(f"http://127.0.0.1:{upstream.port}", SIGNED, NODE_KEY)
    with ThreadedAgent(settings) as agent:
        for _ in range(5):
            response = httpx.post(f"{agent.url}/generate_stream", json={"inputs": "x"})
            assert response.content.startswith(EVENT + EVENT + RECEIPT_EVENT)
        assert upstream.connections == 1  # kept alive across requests
        with httpx.stream("POST", f"{agent.url}/generate_stream", json={"inputs": "x"}) as r:
            next(r.iter_raw())  # the gateway leaves after the first event
        time.sleep(0.5)
        response = httpx.post(f"{agent.url}/generate_stream", json={"inputs": "x"})
        assert response.content.startswith(EVENT + EVENT + RECEIPT_EVENT)
        assert upstream.connections == 2  # the abandoned answer's connection was not reused


@pytest.mark.parametrize(
    "sent", [b"", b"GET /descriptor HTTP/1.1\r\nhost: x\r\n"], ids=["nothing", "half a head"]
)
def test_an_idle_gateway_connection_is_closed_after_its_idle_time(
    monkeypatch: pytest.MonkeyPatch, sent: bytes
) -> None:
    monkeypatch.setattr(wire, "IDLE_S", 0.3)
    agent = ThreadedAgent(AgentSettings("http://127.0.0.1:9", SIGNED, NODE_KEY))
    with agent, socket.create_connection(("127.0.0.1", agent.port), timeout=5) as s:
        s.sendall(sent)
        started = time.monotonic()
        assert s.recv(1) == b""  # closed by the agent, nothing sent
        assert time.monotonic() - started < 4


def test_a_failing_request_closes_its_connection_and_logs_no_request_content(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Failing(NodeAgent):
        async def handle(self, request: wire.Request, conn: wire.Downstream) -> None:
            raise ValueError(request.body.decode())  # a bug that puts the prompt in its message

    secret = b'{"inputs": "Jonas Petraitis, personal code 38001010000"}'
    head = b"POST /generate HTTP/1.1\r\nhost: x\r\ncontent-length: %d\r\n\r\n" % len(secret)
    with ThreadedAgent(Failing(AgentSettings("http://127.0.0.1:9", SIGNED, NODE_KEY))) as agent:
        assert _raw(agent.url, head + secret) == b""  # closed, no half answer
    assert "request failed (ValueError)" in caplog.text
    assert "Petraitis" not in caplog.text and "38001010000" not in caplog.text


class ClosingKeptServer(FakeServer):
    """Answers the first request on each connection and keeps it open, then closes it without an
    answer when a second request arrives on it: a server closing an idle connection just as the
    next request goes out."""

    connections = 0

    async def answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
        await writer.drain()
        await reader.readuntil(b"\r\n\r\n")  # the next request on the kept connection
        writer.close()


def test_a_kept_connection_the_server_closes_as_a_request_goes_out_costs_no_request() -> None:
    upstream = ClosingKeptServer()
    settings = AgentSettings(f"http://127.0.0.1:{upstream.port}", SIGNED, NODE_KEY)
    with ThreadedAgent(settings) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        answers = [client.get("/health") for _ in range(3)]
    assert [(a.status_code, a.text) for a in answers] == [(200, "ok")] * 3
    assert upstream.connections >= 3  # each later request found its kept connection closed and used a new one
