"""The client the gateway sends to nodes with: a node's cookies never travel to later requests."""

from __future__ import annotations

import asyncio
import re

import httpcore
import httpx
import pytest

from gateway.forwarding.upstream import HOLD_MAX, _HeldWrites, upstream_client


def test_a_cookie_set_by_a_node_is_not_sent_back() -> None:
    seen: list[str | None] = []

    def node(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("cookie"))
        return httpx.Response(200, headers={"set-cookie": "session=tenant-a; Path=/"}, json={})

    async def two_requests() -> None:
        async with upstream_client(httpx.MockTransport(node)) as client:
            for _ in range(2):
                (await client.post("http://node.test/generate", json={})).raise_for_status()
            assert not client.cookies

    asyncio.run(two_requests())
    assert seen == [None, None]


class _Node:
    """A minimal HTTP/1.1 node: answers each request with its body reversed, and can hang up."""

    def __init__(self, close_after: int = 0) -> None:
        self.close_after = close_after
        self.connections = 0
        self.request_lines: list[bytes] = []
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return f"127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        served = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.request_lines.append(head.split(b"\r\n", 1)[0])
                length = int(re.search(rb"content-length: *(\d+)", head, re.IGNORECASE)[1])  # type: ignore[index]
                body = (await reader.readexactly(length))[::-1]
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
                served += 1
                if served == self.close_after:
                    break  # hang up on an idle keep-alive connection, without saying so
        except asyncio.IncompleteReadError:
            pass
        writer.close()


def test_bodies_arrive_whole_and_a_connection_the_node_closed_is_not_reused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    node = _Node(close_after=2)

    async def scenario() -> list[bytes]:
        async with node as address, upstream_client() as client:
            answers = []
            for body in (b"first", b"x" * 100_000, b"third"):
                response = await client.post(f"http://{address}/generate", content=body)
                answers.append(response.content)
                await asyncio.sleep(0.05)  # the hang-up reaches the client while it is idle
            return answers

    assert asyncio.run(scenario()) == [b"tsrif", b"x" * 100_000, b"driht"]
    assert node.connections == 2  # the second connection after the node hung up on the first


def test_a_proxy_named_in_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = _Node()

    async def scenario() -> bytes:
        async with proxy as address:
            monkeypatch.setenv("HTTP_PROXY", f"http://{address}")
            async with upstream_client() as client:
                return (await client.post("http://node.invalid/generate", content=b"abc")).content

    assert asyncio.run(scenario()) == b"cba"
    assert proxy.request_lines == [b"POST http://node.invalid/generate HTTP/1.1"]


class _Recorder(httpcore.AsyncNetworkStream):
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        self.sent.append(buffer)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        self.sent.append(b"<read>")
        return b""


def test_a_request_head_and_body_leave_in_one_send() -> None:
    async def scenario() -> list[bytes]:
        inner = _Recorder()
        stream = _HeldWrites(inner)
        await stream.write(b"HEAD")
        await stream.write(b"BODY")
        await stream.write(b"")  # the end of a sized body adds nothing
        await stream.read(100)
        await stream.write(b"HEAD2")
        await stream.read(100)  # a request without a body: its head leaves before the read
        await stream.write(b"HEAD3")
        await stream.write(b"y" * (HOLD_MAX + 1))  # a large body is not copied onto the head
        return inner.sent

    assert asyncio.run(scenario()) == [
        b"HEADBODY",
        b"<read>",
        b"HEAD2",
        b"<read>",
        b"HEAD3",
        b"y" * (HOLD_MAX + 1),
    ]
