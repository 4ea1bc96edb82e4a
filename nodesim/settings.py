"""How one simulated TGI node behaves: what it serves, where it claims to run, and how it misbehaves."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SimSettings:
    """Start-up settings of a node simulator.

    ``tokens_per_second`` 0 means no pacing; ``fail_rate`` is the share of generation requests that
    fail (drawn from an RNG seeded with ``seed``); ``max_concurrent`` is TGI's
    ``--max-concurrent-requests``: one more in flight answers "Model is overloaded".
    """

    jurisdiction: str
    model: str
    latency_ms: float = 0
    tokens_per_second: float = 0
    fail_rate: float = 0
    max_concurrent: int = 128
    seed: int = 0
    api_key: str | None = None
    node_id: str = "sim"
    # Requests in flight beyond one batch count as queued in /metrics (`tgi_queue_size`).
    max_batch_size: int = 32
    # Axum's default SSE keep-alive; tests shorten it.
    keep_alive_seconds: float = 15.0

    def __post_init__(self) -> None:
        if not 0 <= self.fail_rate <= 1:
            raise ValueError("fail_rate must be between 0 and 1")
        if self.max_concurrent < 1 or self.max_batch_size < 1:
            raise ValueError("max_concurrent and max_batch_size must be at least 1")
        if self.latency_ms < 0 or self.tokens_per_second < 0 or self.keep_alive_seconds <= 0:
            raise ValueError("latency_ms and tokens_per_second must not be negative")
