"""A new connection to a node passes the client's check before it carries a request: the check reads
over that very connection, runs once per connection, and a refusal sends nothing."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from gateway.forwarding.upstream import Get, upstream_client


class _Node:
    """HTTP/1.1 on a loopback port: ``GET /attestation`` answers ``evidence``; any other request its
    request line. Counts connections and remembers every request line, per connection."""

    def __init__(self, evidence: bytes = b"fresh") -> None:
        self.evidence = evidence
        self.seen: list[list[bytes]] = []
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> tuple[str, int]:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return "127.0.0.1", self.server.sockets[0].getsockname()[1]

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        lines: list[bytes] = []
        self.seen.append(lines)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0]
                lines.append(line)
                length = re.search(rb"content-length: *(\d+)", head, re.IGNORECASE)
                await reader.readexactly(int(length[1]) if length else 0)
                body = self.evidence if line.startswith(b"GET /attestation") else line
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


def test_each_new_connection_is_checked_over_itself_before_its_first_request() -> None:
    node = _Node()
    checked: list[tuple[str, int, bytes]] = []

    async def check(host: str, port: int, get: Get) -> None:
        status, body = await get("/attestation?nonce=1", {"authorization": "Bearer t"})
        assert status == 200
        checked.append((host, port, body))

    async def run() -> None:
        async with node as (host, port), upstream_client() as client:
            client.check_new_connections(check)
            for _ in range(3):  # one kept-alive connection: checked once
                (await client.post(f"http://{host}:{port}/generate", content=b"x")).raise_for_status()
            await asyncio.gather(
                *(client.post(f"http://{host}:{port}/generate", content=b"y") for _ in range(3))
            )
            assert checked[0] == (host, port, b"fresh")

    asyncio.run(run())
    assert len(checked) == len(node.seen) >= 2  # the concurrent requests opened more connections
    for lines in node.seen:
        assert lines[0] == b"GET /attestation?nonce=1 HTTP/1.1"
        assert all(line.startswith(b"POST /generate") for line in lines[1:])


def test_a_refused_connection_carries_nothing_and_fails_as_a_connection_failure() -> None:
    node = _Node(evidence=b"stale")

    async def check(host: str, port: int, get: Get) -> None:
        _, body = await get("/attestation?nonce=1", {})
        if body != b"fresh":
            raise ValueError("stale evidence")

    async def run() -> None:
        async with node as (host, port), upstream_client() as client:
            client.check_new_connections(check)
            with pytest.raises(httpx.ConnectError):
                await client.post(f"http://{host}:{port}/generate", content=b"x")

    asyncio.run(run())
    assert node.seen == [[b"GET /attestation?nonce=1 HTTP/1.1"]]


def test_a_check_whose_answer_closes_the_connection_refuses_it() -> None:
    async def check(host: str, port: int, get: Get) -> None:
        await get("/attestation", {})

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
        await writer.drain()
        writer.close()

    async def run() -> None:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with upstream_client() as client:
            client.check_new_connections(check)
            with pytest.raises(httpx.ConnectError):
                await client.get(f"http://127.0.0.1:{port}/health")
        server.close()

    asyncio.run(run())


def test_a_check_answer_over_256_kb_refuses_the_connection() -> None:
    async def check(host: str, port: int, get: Get) -> None:
        await get("/attestation", {})

    async def run() -> None:
        async with _Node(evidence=b"x" * (256 * 1024 + 1)) as (host, port), upstream_client() as client:
            client.check_new_connections(check)
            with pytest.raises(httpx.ConnectError):
                await client.get(f"http://{host}:{port}/health")

    asyncio.run(run())
