"""The long-lived parts the pipeline uses, built once at start-up: classifier, policy engine, audit log."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from audit.log import AuditLog
from gateway.config import GatewayConfig
from gateway.pipeline import Classifier
from gateway.policy.engine import PolicyEngine


@dataclass
class Services:
    """The long-lived parts the pipeline uses. Tests may build these themselves."""

    classifier: Classifier
    degraded_summary: Callable[[str], Any]
    classification_errors: tuple[type[BaseException], ...]
    policy: PolicyEngine
    audit: AuditLog
    close: Callable[[], Awaitable[None]]


async def build_services(config: GatewayConfig) -> Services:
    from audit.store import open_audit_log
    from gateway.classification.classifier import ClassificationError, build_classifier, degraded_summary
    from gateway.policy.factory import build_policy_engine

    audit = await open_audit_log(config.audit)
    try:
        classifier = build_classifier(config.classification)
        policy = build_policy_engine(config.policy)
        # Serve nothing until the classifier's engines are built: the first requests would
        # otherwise time out in classification (and be refused) while workers start.
        await _until_ready(classifier.ready, STARTUP_TIMEOUT_S, "the classifier")
    except BaseException:
        await audit.aclose()
        raise

    async def close() -> None:
        await classifier.aclose()
        await policy.aclose()
        await audit.aclose()

    return Services(classifier, degraded_summary, (ClassificationError,), policy, audit, close)


STARTUP_TIMEOUT_S = 120.0


async def _until_ready(check: Callable[[], Awaitable[bool]], within_s: float, what: str) -> None:
    try:
        async with asyncio.timeout(within_s):
            while not await check():  # noqa: ASYNC110 (polling another process, not an event)
                await asyncio.sleep(0.1)
    except TimeoutError:
        raise RuntimeError(f"{what} was not ready within {within_s:.0f} s") from None
