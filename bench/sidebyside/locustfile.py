"""The locust user every path is driven with: closed loop, zero think time, exact timings.

Locust's own statistics round response times, so each request's timings are kept here at full
resolution and written as JSON to $BENCH_OUT when locust quits: ``[start_s, latency_ms, ttft_ms]``
per completed request (``ttft_ms`` is -1 for non-streamed answers), the start of each request shed
(503 with retry-after; with BENCH_HONOUR_RETRY_AFTER=1 the user then waits what it says, as SDKs
do), a count of failures, and locust's CPU time from the first request on (its start-up is no load).
Time to first token is when the first ``data:`` event arrives, not when the headers do.

A user stops once the round's time is up (BENCH_UNTIL_S after the first request started) and
it has completed at least one request that started after the warm-up (BENCH_WARMUP_S), and locust
quits when the last user has stopped. A slow path thus still yields measured requests at every
concurrency, while no request is cut off mid-flight. The first user's stop is written out too:
until then every user was busy, so that is where the measured window ends.

Environment: BENCH_WORKLOAD (a name in workloads.WORKLOADS), BENCH_OUT, BENCH_KEY, BENCH_WARMUP_S,
BENCH_UNTIL_S, BENCH_HONOUR_RETRY_AFTER.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from typing import Any

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

from bench.sidebyside.workloads import CHAT_ROUTE, WORKLOADS, body, first_message, next_turn, nonce

WORKLOAD = WORKLOADS[os.environ.get("BENCH_WORKLOAD", "prompt_1kb")]
HEADERS = {"authorization": f"Bearer {os.environ.get('BENCH_KEY', 'none')}"}
WARMUP_S = float(os.environ.get("BENCH_WARMUP_S", "0"))
UNTIL_S = float(os.environ.get("BENCH_UNTIL_S", "5"))
HONOUR_RETRY_AFTER = os.environ.get("BENCH_HONOUR_RETRY_AFTER") == "1"
_T0 = time.perf_counter()
_first_start: float | None = None
_cpu_at_first_start = 0.0  # locust's own start-up is not load: its CPU counts from the first request
_first_stop: float | None = None  # until then every user was busy: the end of the measured window
_running = 0
_samples: list[tuple[float, float, float]] = []
_shed: list[float] = []
_failures: dict[str, int] = {}
_tags = itertools.count(random.randrange(1 << 40))  # unique across rounds, not only in this process


def _fail(user: BenchUser, reason: str) -> None:
    user.failed += 1
    _failures[reason] = _failures.get(reason, 0) + 1


class BenchUser(FastHttpUser):
    wait_time = constant(0)
    connection_timeout = 60.0
    network_timeout = 120.0

    measured = 0
    failed = 0
    shed = 0

    def on_start(self) -> None:
        global _running
        _running += 1

    def on_stop(self) -> None:
        global _running
        _running -= 1
        if _running == 0 and self.environment.runner is not None:
            gevent.spawn_later(0, self.environment.runner.quit)

    @task
    def exchange(self) -> None:
        if _first_start is not None:
            elapsed = time.perf_counter() - _T0 - _first_start
            if elapsed >= UNTIL_S and (self.measured > 0 or self.failed > 0 or self.shed > 0):
                global _first_stop
                if _first_stop is None:
                    _first_stop = time.perf_counter() - _T0
                raise StopUser()
        tag = nonce(next(_tags))
        messages = [first_message(WORKLOAD, tag)]
        for turn in range(WORKLOAD.turns):
            answer = self._one(body(WORKLOAD, messages))
            if answer is None:
                return
            messages += [{"role": "assistant", "content": answer}, next_turn(tag, turn)]

    def _one(self, payload: dict[str, Any]) -> str | None:
        global _first_start, _cpu_at_first_start
        start = time.perf_counter()
        if _first_start is None:
            _first_start = start - _T0
            _cpu_at_first_start = time.process_time()
        ttft, shed = -1.0, False
        with self.client.post(
            CHAT_ROUTE, json=payload, headers=HEADERS, stream=WORKLOAD.stream, catch_response=True
        ) as response:
            retry_after = response.headers.get("retry-after")
            if response.status_code == 503 and retry_after is not None:
                response.success()  # shed: counted apart, not a failure
                shed = True
            elif response.status_code != 200:
                # status 0: the connection failed; name the error type, never the body
                why = (
                    f"HTTP {response.status_code}" if response.status_code else type(response.error).__name__
                )
                response.failure(why)
                _fail(self, why)
                return None
            elif WORKLOAD.stream:
                seen, tail = b"", b""
                for chunk in response.iter_content(chunk_size=256, decode_content=False):
                    if ttft < 0:
                        seen += chunk
                        if b"data:" in seen:
                            ttft = (time.perf_counter() - start) * 1000
                    tail = (tail + chunk)[-64:]
                if ttft < 0 or b"[DONE]" not in tail:
                    response.failure("stream ended early")
                    _fail(self, "stream ended early")
                    return None
                answer = ""
            else:
                try:
                    answer = json.loads(response.content)["choices"][0]["message"]["content"]
                except (ValueError, KeyError, IndexError, TypeError):
                    response.failure("malformed answer")
                    _fail(self, "malformed answer")
                    return None
            latency = (time.perf_counter() - start) * 1000
            response.success()
        if shed:
            _shed.append(start - _T0)
            self.shed += 1
            if HONOUR_RETRY_AFTER:
                gevent.sleep(float(retry_after or 0))
            return None
        _samples.append((start - _T0, latency, ttft))
        if _first_start is not None and start - _T0 >= _first_start + WARMUP_S:
            self.measured += 1
        return answer


@events.quitting.add_listener
def _write(**_: object) -> None:
    out = os.environ.get("BENCH_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            data = {"samples": _samples, "shed": _shed, "failures": _failures, "first_stop_s": _first_stop}
            json.dump({**data, "cpu_s": time.process_time() - _cpu_at_first_start}, f)
