"""The one exception a policy engine raises when it cannot decide, with its reason classes."""

from __future__ import annotations

from typing import Literal

from gateway.policy import metrics

FailureReason = Literal[
    "unreachable",
    "timeout",
    "http_error",
    "undefined",
    "malformed",
    "evaluation_error",
    "not_loaded",
    "closed",
]


class PolicyEngineError(Exception):
    """The engine could not decide (unreachable, timed out, undefined or malformed result...).

    ``reason`` is one of :data:`FailureReason`. The message is safe to log: it never carries the
    input. An engine never answers "allow" on a failure.
    """

    def __init__(self, engine: str, reason: FailureReason, detail: str) -> None:
        super().__init__(f"{engine} policy engine: {reason}: {detail}")
        self.engine = engine
        self.reason = reason


def engine_failure(engine: str, reason: FailureReason, detail: str) -> PolicyEngineError:
    """Count the failure and build the exception to raise (the detail never holds input data)."""
    metrics.ENGINE_FAILURES.labels(engine, reason).inc()
    return PolicyEngineError(engine, reason, detail)
