"""The client the gateway sends to nodes with: a node's cookies never travel to later requests."""

from __future__ import annotations

import asyncio

import httpx

from gateway.app import upstream_client


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
