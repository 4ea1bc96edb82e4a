"""The pipeline's view of tenant quotas: admit a request or refuse it (429, or 503 when the counters
cannot be read), and charge the tokens a node reported once its answer has gone."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from domain.events import ReceiptCheck
from gateway import metrics
from gateway.config import GatewayConfig, QuotasConfig, TenantConfig
from gateway.errors import QuotaExceeded, ServiceUnavailable
from gateway.protocols.usage import Usage
from gateway.quotas.memory import MemoryQuotas
from gateway.quotas.windows import Limits, QuotaStore, QuotaUnavailable

log = logging.getLogger(__name__)


class Quotas:
    def __init__(
        self, tenants: list[TenantConfig], store: QuotaStore, clock: Callable[[], float] = time.time
    ):
        self._limits = {
            t.id: Limits(t.quota.requests_per_minute, t.quota.tokens_per_day)
            for t in tenants
            if t.quota is not None and t.quota.limited
        }
        self.store = store
        self._clock = clock

    async def admit(self, tenant: str) -> None:
        """Count one request of ``tenant``; raise if a limit of its contract is reached."""
        limits = self._limits.get(tenant)
        if limits is None:  # no quota: nothing to count, nothing to ask
            return
        now = self._clock()
        try:
            refused = await self.store.admit(tenant, limits, now)
        except QuotaUnavailable as e:
            metrics.STAGE_FAILURES.labels(stage="quota").inc()
            log.warning("%s; request not forwarded", e)
            raise ServiceUnavailable(
                "Tenant quotas cannot be checked right now; nothing was forwarded.", code="quota_unavailable"
            ) from None
        if refused is None:
            return
        metrics.QUOTA_REFUSALS.labels(tenant=tenant, limit=refused.limit).inc()
        allowed = limits.requests_per_minute if refused.limit == "requests" else limits.tokens_per_day
        per = "requests per minute" if refused.limit == "requests" else "tokens per day"
        raise QuotaExceeded(
            f"This tenant's quota of {allowed} {per} is used up; retry in {refused.retry_after} s.",
            limit=refused.limit,
            retry_after=refused.retry_after,
        )

    async def charge(self, tenant: str, usage: Usage, receipt: ReceiptCheck | None) -> None:
        """Add the tokens the node reported to the tenant's day. Never raises: the answer has gone."""
        limits = self._limits.get(tenant)
        if limits is None or limits.tokens_per_day is None:
            return
        tokens = reported_tokens(usage, receipt)
        if not tokens:
            return
        try:
            await self.store.charge(tenant, tokens, self._clock())
        except QuotaUnavailable as e:
            metrics.STAGE_FAILURES.labels(stage="quota_charge").inc()
            log.error("%s: %d tokens of an answer already sent were not counted", e, tokens)

    async def ready(self) -> bool:
        return await self.store.ready()

    async def aclose(self) -> None:
        await self.store.aclose()


def reported_tokens(usage: Usage, receipt: ReceiptCheck | None) -> int:
    """Prompt and generated tokens as the node reported them: in its answer (headers, usage object,
    last event), or else in the node-agent's receipt, if that checked out."""
    signed = receipt.receipt if receipt is not None and receipt.status == "verified" else None
    prompt = usage.prompt_tokens
    generated = usage.completion_tokens
    if signed is not None:
        prompt = prompt if prompt is not None else signed.receipt.prompt_tokens
        generated = generated if generated is not None else signed.receipt.generated_tokens
    return (prompt or 0) + (generated or 0)


def build_quotas(config: QuotasConfig, tenants: list[TenantConfig]) -> Quotas:
    if config.backend == "redis":
        from gateway.quotas.shared import RedisQuotas  # the client loads only where it is used

        assert config.url is not None  # the configuration requires it
        return Quotas(tenants, RedisQuotas(config.url, config.timeout_s, config.key_prefix))
    return Quotas(tenants, MemoryQuotas())


def workers_problem(config: GatewayConfig, workers: int) -> str | None:
    """Why ``workers`` processes cannot serve ``config``'s quotas, or None: counted in memory, each
    worker would allow a tenant its whole limit."""
    if workers <= 1 or config.quotas.backend != "memory":
        return None
    if not any(t.quota is not None and t.quota.limited for t in config.tenants):
        return None
    return (
        f"tenant quotas counted in memory hold for one worker, not {workers}: "
        "set quotas.backend to redis (with quotas.url), or serve with one worker"
    )
