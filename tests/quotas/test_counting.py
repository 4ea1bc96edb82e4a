"""Quota counting, the same behaviour from both stores: in this process and in a real redis-server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from prometheus_client import REGISTRY

from domain.events import ReceiptCheck
from domain.nodes import Receipt, SignedReceipt
from gateway.config import TenantConfig, TenantQuota, hash_api_key
from gateway.errors import QuotaExceeded, ServiceUnavailable
from gateway.protocols.usage import Usage
from gateway.quotas.memory import MemoryQuotas
from gateway.quotas.quotas import Quotas, reported_tokens
from gateway.quotas.shared import RedisQuotas
from gateway.quotas.windows import Limits, QuotaStore, QuotaUnavailable, Refusal
from tests.quotas.conftest import RedisServer

DAY_START = 1_780_000_000 // 86_400 * 86_400  # a UTC midnight
T0 = DAY_START + 3600 + 10.5  # 01:00:10.5: 49.5 s left in its minute


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> Iterator[Callable[[], QuotaStore]]:
    """A fresh store per event loop (a redis client belongs to the loop it was made in)."""
    if request.param == "memory":
        yield MemoryQuotas
        return
    server: RedisServer = request.getfixturevalue("redis_server")
    server.client().flushall()
    yield lambda: RedisQuotas(server.url, timeout_s=1.0)


def run(make: Callable[[], QuotaStore], steps: Callable[[QuotaStore], Any]) -> Any:
    async def go() -> Any:
        s = make()
        try:
            return await steps(s)
        finally:
            await s.aclose()

    return asyncio.run(go())


def test_the_request_past_the_minute_limit_is_refused_until_the_minute_ends(
    store: Callable[[], QuotaStore],
) -> None:
    limits = Limits(requests_per_minute=3, tokens_per_day=None)

    async def steps(s: QuotaStore) -> list[Refusal | None]:
        return [await s.admit("acme", limits, T0 + i) for i in range(5)] + [
            await s.admit("acme", limits, T0 + 50)  # the next minute
        ]

    verdicts = run(store, steps)
    assert verdicts[:3] == [None, None, None]
    assert verdicts[3] == Refusal("requests", 47)  # 01:00:13.5: 46.5 s left, rounded up
    assert verdicts[4] == Refusal("requests", 46)
    assert verdicts[5] is None


def test_the_answer_that_crosses_the_token_limit_is_served_and_the_next_request_refused(
    store: Callable[[], QuotaStore],
) -> None:
    limits = Limits(requests_per_minute=None, tokens_per_day=100)

    async def steps(s: QuotaStore) -> list[Refusal | None]:
        first = await s.admit("acme", limits, T0)
        await s.charge("acme", 60, T0)
        second = await s.admit("acme", limits, T0 + 1)  # 60 of 100 used: admitted
        await s.charge("acme", 60, T0 + 1)  # 120: this answer crossed the limit, and was served
        third = await s.admit("acme", limits, T0 + 2)
        tomorrow = await s.admit("acme", limits, DAY_START + 86_400 + 1)
        return [first, second, third, tomorrow]

    first, second, third, tomorrow = run(store, steps)
    assert first is None and second is None
    assert third == Refusal("tokens", 86_400 - 3600 - 12)  # to the end of the UTC day
    assert tomorrow is None


def test_tenants_are_counted_apart(store: Callable[[], QuotaStore]) -> None:
    limits = Limits(requests_per_minute=1, tokens_per_day=10)

    async def steps(s: QuotaStore) -> list[Refusal | None]:
        await s.admit("acme", limits, T0)
        await s.charge("acme", 50, T0)
        return [await s.admit("acme", limits, T0), await s.admit("globex", limits, T0)]

    acme, globex = run(store, steps)
    assert acme is not None and acme.limit == "tokens"
    assert globex is None


def test_a_tenant_out_of_tokens_is_refused_without_spending_its_requests(
    store: Callable[[], QuotaStore],
) -> None:
    limits = Limits(requests_per_minute=2, tokens_per_day=10)

    async def steps(s: QuotaStore) -> list[Refusal | None]:
        await s.charge("acme", 10, T0)
        refused = [await s.admit("acme", limits, T0) for _ in range(3)]
        return refused

    assert [r.limit if r else None for r in run(store, steps)] == ["tokens"] * 3


# -- the pipeline's view -------------------------------------------------------------------------


def tenant(tid: str, quota: TenantQuota | None) -> TenantConfig:
    return TenantConfig(
        id=tid,
        home_jurisdiction="LT",
        allowed_jurisdictions=["LT"],
        purposes=["support"],
        api_keys=[{"id": f"{tid}-key", "sha256": hash_api_key(tid)}],  # type: ignore[list-item]
        quota=quota,
    )


class Broken:
    """A store that cannot answer, as a Redis that went away."""

    calls = 0

    async def admit(self, tenant: str, limits: Limits, now: float) -> Refusal | None:
        self.calls += 1
        raise QuotaUnavailable("quota store admit failed (ConnectionError)")

    async def charge(self, tenant: str, tokens: int, now: float) -> None:
        self.calls += 1
        raise QuotaUnavailable("quota store charge failed (ConnectionError)")

    async def ready(self) -> bool:
        return False

    async def aclose(self) -> None:
        return None


def metric(name: str, labels: dict[str, str]) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_refusal_says_which_limit_and_when_to_come_back_and_is_counted() -> None:
    quotas = Quotas([tenant("acme", TenantQuota(requests_per_minute=1))], MemoryQuotas(), clock=lambda: T0)
    before = metric("sovgw_quota_refusals_total", {"tenant": "acme", "limit": "requests"})
    asyncio.run(quotas.admit("acme"))
    with pytest.raises(QuotaExceeded) as refused:
        asyncio.run(quotas.admit("acme"))
    error = refused.value
    assert error.status == 429 and error.code == "rate_limit_exceeded" and error.openai_type == "requests"
    assert error.headers == {"retry-after": "50"}  # the openai SDK may retry after it
    assert "1 requests per minute" in error.message
    assert metric("sovgw_quota_refusals_total", {"tenant": "acme", "limit": "requests"}) == before + 1


def test_a_refusal_for_the_rest_of_the_day_tells_sdks_not_to_retry() -> None:
    quotas = Quotas([tenant("acme", TenantQuota(tokens_per_day=5))], MemoryQuotas(), clock=lambda: T0)
    asyncio.run(quotas.charge("acme", Usage(prompt_tokens=3, completion_tokens=4), None))
    with pytest.raises(QuotaExceeded) as refused:
        asyncio.run(quotas.admit("acme"))
    assert refused.value.openai_type == "tokens"
    assert refused.value.headers == {"retry-after": str(86_400 - 3600 - 10), "x-should-retry": "false"}


def test_a_store_that_cannot_answer_refuses_with_503_and_is_counted() -> None:
    quotas = Quotas([tenant("acme", TenantQuota(requests_per_minute=100))], Broken())
    before = metric("sovgw_stage_failures_total", {"stage": "quota"})
    with pytest.raises(ServiceUnavailable) as refused:
        asyncio.run(quotas.admit("acme"))
    assert refused.value.code == "quota_unavailable" and refused.value.status == 503
    assert metric("sovgw_stage_failures_total", {"stage": "quota"}) == before + 1


def test_a_charge_that_fails_does_not_raise_after_the_answer_went_but_is_counted() -> None:
    quotas = Quotas([tenant("acme", TenantQuota(tokens_per_day=100))], Broken())
    before = metric("sovgw_stage_failures_total", {"stage": "quota_charge"})
    asyncio.run(quotas.charge("acme", Usage(prompt_tokens=3, completion_tokens=4), None))
    assert metric("sovgw_stage_failures_total", {"stage": "quota_charge"}) == before + 1


def test_tenants_without_a_quota_never_reach_the_store() -> None:
    broken = Broken()
    quotas = Quotas([tenant("acme", None), tenant("globex", TenantQuota())], broken)
    for tid in ("acme", "globex"):
        asyncio.run(quotas.admit(tid))
        asyncio.run(quotas.charge(tid, Usage(prompt_tokens=3, completion_tokens=4), None))
    assert broken.calls == 0


def test_tenants_with_only_a_request_limit_are_not_charged_tokens() -> None:
    broken = Broken()
    quotas = Quotas([tenant("acme", TenantQuota(requests_per_minute=5))], broken)
    asyncio.run(quotas.charge("acme", Usage(prompt_tokens=3, completion_tokens=4), None))
    assert broken.calls == 0


def receipt(status: str, prompt: int | None, generated: int | None) -> ReceiptCheck:
    signed = SignedReceipt.model_construct(
        receipt=Receipt.model_construct(prompt_tokens=prompt, generated_tokens=generated), signature=""
    )
    return ReceiptCheck.model_construct(status=status, problems=[], receipt=signed)


def test_tokens_are_those_the_answer_reported_else_those_of_a_verified_receipt() -> None:
    assert reported_tokens(Usage(prompt_tokens=7, completion_tokens=5), None) == 12
    assert reported_tokens(Usage(prompt_tokens=7, completion_tokens=5), receipt("verified", 70, 50)) == 12
    assert reported_tokens(Usage(prompt_tokens=None, completion_tokens=5), receipt("verified", 70, 50)) == 75
    assert reported_tokens(Usage(), receipt("verified", 70, 50)) == 120
    assert reported_tokens(Usage(), receipt("invalid", 70, 50)) == 0  # a receipt that failed its check
    assert reported_tokens(Usage(), None) == 0
