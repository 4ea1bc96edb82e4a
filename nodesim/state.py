"""A simulated node's mutable side: the knobs a test may turn at run time, the requests in flight,
and the counters /metrics reports. One instance per app, reachable as ``app.state.sim``."""

from __future__ import annotations

import itertools
import random
from collections import Counter, deque

from nodesim import limits
from nodesim.errors import TgiError
from nodesim.settings import SimSettings
from nodesim.vocabulary import table_for

RECEIVED_KEPT = 256


class SimState:
    """Run-time state. Test hooks (same process): ``healthy``, ``fail_rate`` and
    ``fail_next_stream_after_tokens`` (the next stream drops its connection after that many token
    events, with no in-band error, as a crashing node does; consumed by that stream)."""

    def __init__(self, settings: SimSettings) -> None:
        self.settings = settings
        self.table = table_for(settings.seed)
        self.healthy = True
        self.fail_rate = settings.fail_rate
        self.fail_next_stream_after_tokens: int | None = None
        self._rng = random.Random(settings.seed)
        self._ids = itertools.count()
        # request id -> tokens it may occupy (prompt + limit), in arrival order
        self._in_flight: dict[int, int] = {}
        self.requests = 0
        self.successes = 0
        self.failures: Counter[str] = Counter()
        # The latest bodies that reached the node, as (path, raw bytes): what a test can check
        # left the gateway. Bounded, so a long benchmark run holds no more than these.
        self.received: deque[tuple[str, bytes]] = deque(maxlen=RECEIVED_KEPT)

    # -- admission -------------------------------------------------------------------------------

    def admit(self, reserved_tokens: int, slots: int = 1) -> list[int]:
        """Take ``slots`` concurrency permits or raise "Model is overloaded" (TGI's semaphore)."""
        if len(self._in_flight) + slots > self.settings.max_concurrent:
            raise TgiError.overloaded()
        permits = [next(self._ids) for _ in range(slots)]
        for permit in permits:
            self._in_flight[permit] = reserved_tokens
        return permits

    def release(self, permits: list[int]) -> None:
        for permit in permits:
            self._in_flight.pop(permit, None)

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    # -- injected failures -----------------------------------------------------------------------

    def draw_failure(self) -> bool:
        return self.fail_rate > 0 and self._rng.random() < self.fail_rate

    def failure_for_response(self) -> TgiError:
        if self._rng.random() < 0.5:
            return TgiError.incomplete()
        return TgiError.generation("simulated node failure")

    def failure_point(self, events: int) -> int:
        """Where a failing stream breaks: before event 0 (nothing sent) up to before its last."""
        return self._rng.randrange(max(events, 1))

    def take_crash(self) -> int | None:
        after, self.fail_next_stream_after_tokens = self.fail_next_stream_after_tokens, None
        return after

    # -- accounting ------------------------------------------------------------------------------

    def receive(self, path: str, body: bytes) -> None:
        self.received.append((path, body))

    def count_request(self) -> None:
        self.requests += 1

    def count_success(self) -> None:
        self.successes += 1

    def count_failure(self, error: TgiError) -> None:
        if error.metric is not None:
            self.failures[error.metric] += 1

    def render_metrics(self) -> str:
        batch_size = self.settings.max_batch_size
        reserved = list(self._in_flight.values())
        batch = reserved[:batch_size]
        lines = [
            "# HELP tgi_request_count Total number of requests",
            "# TYPE tgi_request_count counter",
            f"tgi_request_count {self.requests}",
            "# HELP tgi_request_success Number of successful requests",
            "# TYPE tgi_request_success counter",
            f"tgi_request_success {self.successes}",
            "# TYPE tgi_request_failure counter",
            *(f'tgi_request_failure{{err="{err}"}} {n}' for err, n in sorted(self.failures.items())),
            "# HELP tgi_queue_size Current queue size",
            "# TYPE tgi_queue_size gauge",
            f"tgi_queue_size {len(reserved) - len(batch)}",
            "# HELP tgi_batch_current_size Current batch size",
            "# TYPE tgi_batch_current_size gauge",
            f"tgi_batch_current_size {len(batch)}",
            "# HELP tgi_batch_current_max_tokens Maximum tokens for the current batch",
            "# TYPE tgi_batch_current_max_tokens gauge",
            f"tgi_batch_current_max_tokens {sum(batch)}",
            "# HELP tgi_batch_max_total_tokens Maximum amount of tokens in total.",
            "# TYPE tgi_batch_max_total_tokens gauge",
            f"tgi_batch_max_total_tokens {limits.MAX_TOTAL_TOKENS * batch_size}",
        ]
        return "\n".join(lines) + "\n"
