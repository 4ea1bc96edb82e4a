"""The locust user every path is driven with: closed loop, zero think time, exact timings.

Locust's own statistics round response times, so each request's timings are kept here at full
resolution and written as JSON to $BENCH_OUT when locust quits: ``[start_s, latency_ms, ttft_ms]``
per completed request (``ttft_ms`` is -1 for non-streamed answers), plus a count of failures.
Time to first token is when the first ``data:`` event arrives, not when the headers do.

Environment: BENCH_WORKLOAD (a name in workloads.WORKLOADS), BENCH_OUT, BENCH_KEY.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from typing import Any

from locust import FastHttpUser, constant, events, task

from bench.sidebyside.workloads import CHAT_ROUTE, WORKLOADS, body, first_message, next_turn, nonce

WORKLOAD = WORKLOADS[os.environ.get("BENCH_WORKLOAD", "prompt_1kb")]
HEADERS = {"authorization": f"Bearer {os.environ.get('BENCH_KEY', 'none')}"}
_T0 = time.perf_counter()
_samples: list[tuple[float, float, float]] = []
_failures: dict[str, int] = {}
_tags = itertools.count(random.randrange(1 << 40))  # unique across rounds, not only in this process


def _fail(reason: str) -> None:
    _failures[reason] = _failures.get(reason, 0) + 1


class BenchUser(FastHttpUser):
    wait_time = constant(0)
    connection_timeout = 60.0
    network_timeout = 120.0

    @task
    def exchange(self) -> None:
        tag = nonce(next(_tags))
        messages = [first_message(WORKLOAD, tag)]
        for turn in range(WORKLOAD.turns):
            answer = self._one(body(WORKLOAD, messages))
            if answer is None:
                return
            messages += [{"role": "assistant", "content": answer}, next_turn(tag, turn)]

    def _one(self, payload: dict[str, Any]) -> str | None:
        start = time.perf_counter()
        ttft = -1.0
        with self.client.post(
            CHAT_ROUTE, json=payload, headers=HEADERS, stream=WORKLOAD.stream, catch_response=True
        ) as response:
            if response.status_code != 200:
                # status 0: the connection failed; name the error type, never the body
                why = (
                    f"HTTP {response.status_code}" if response.status_code else type(response.error).__name__
                )
                response.failure(why)
                _fail(why)
                return None
            if WORKLOAD.stream:
                seen, tail = b"", b""
                for chunk in response.iter_content(chunk_size=256, decode_content=False):
                    if ttft < 0:
                        seen += chunk
                        if b"data:" in seen:
                            ttft = (time.perf_counter() - start) * 1000
                    tail = (tail + chunk)[-64:]
                if ttft < 0 or b"[DONE]" not in tail:
                    response.failure("stream ended early")
                    _fail("stream ended early")
                    return None
                answer = ""
            else:
                try:
                    answer = json.loads(response.content)["choices"][0]["message"]["content"]
                except (ValueError, KeyError, IndexError, TypeError):
                    response.failure("malformed answer")
                    _fail("malformed answer")
                    return None
            latency = (time.perf_counter() - start) * 1000
            response.success()
        _samples.append((start - _T0, latency, ttft))
        return answer


@events.quitting.add_listener
def _write(**_: object) -> None:
    out = os.environ.get("BENCH_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"samples": _samples, "failures": _failures}, f)
