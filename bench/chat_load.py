"""Closed-loop chat clients over httpx: the load the overload and replica benchmarks send.

Each client sends a unique 1 KB chat message, waits for the answer, and sends its next at once. A
503 with ``retry-after`` counts as shed (the client waits what it says when ``honour_retry_after``,
as the OpenAI SDK does); any other failure counts as an error. Percentiles are of answered requests.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

WORDS = [
    "the",
    "customer",
    "asked",
    "about",
    "the",
    "delivery",
    "of",
    "the",
    "order",
    "and",
    "the",
    "invoice",
    "for",
    "last",
    "month",
]


def message(n: int) -> str:
    """1,024 characters of plain words, unique to ``n`` (no cache sees it twice)."""
    text = f"request {n}: "
    i = n
    while len(text) < 1024:
        text += WORDS[i % len(WORDS)] + " "
        i = i * 7 + 3
    return text[:1024]


async def closed_loop(
    urls: list[str],
    concurrency: int,
    seconds: float,
    *,
    model: str,
    key: str,
    honour_retry_after: bool = False,
) -> dict[str, Any]:
    """``concurrency`` clients for ``seconds``, client i on ``urls[i % len(urls)]``."""
    latencies: list[float] = []
    shed = errors = 0
    deadline = time.monotonic() + seconds
    per_url = -(-concurrency // len(urls))
    limits = httpx.Limits(max_connections=per_url, max_keepalive_connections=per_url)
    headers = {"authorization": f"Bearer {key}"}
    clients = [httpx.AsyncClient(base_url=u, limits=limits, timeout=30, headers=headers) for u in urls]

    async def one_client(c: int) -> None:
        nonlocal shed, errors
        client = clients[c % len(clients)]
        n = c * 10_000_000
        while time.monotonic() < deadline:
            body = {"model": model, "messages": [{"role": "user", "content": message(n)}], "max_tokens": 8}
            n += 1
            started = time.perf_counter()
            try:
                r = await client.post("/v1/chat/completions", json=body)
            except httpx.HTTPError:
                errors += 1
                continue
            if r.status_code == 200:
                latencies.append(time.perf_counter() - started)
            elif r.status_code == 503 and "retry-after" in r.headers:
                shed += 1
                if honour_retry_after:
                    await asyncio.sleep(float(r.headers["retry-after"]))
            else:
                errors += 1

    started = time.monotonic()
    try:
        await asyncio.gather(*(one_client(c) for c in range(concurrency)))
    finally:
        for client in clients:
            await client.aclose()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return 0.0
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1)

    return {
        "answered": len(latencies),
        "answered_per_s": round(len(latencies) / elapsed, 1),
        "shed": shed,
        "errors": errors,
        "p50_ms": pct(0.5),
        "p90_ms": pct(0.9),
        "p99_ms": pct(0.99),
        "p99_over_p50": round(pct(0.99) / pct(0.5), 2) if latencies else None,
    }
