"""wrk as the side-by-side's load generator: a C client, so the cores stay with the servers under test.

wrk runs one connection per thread and ``wrk.lua`` times each request (see there). Its rounds keep
the README's window as far as wrk allows: wrk cannot stop a connection once it has a measured
request, so it runs for warm-up, window and ``GRACE_S`` at full concurrency, and the window ends
``warmup + duration`` after the first request started. Requests that started in the window count
with their latencies however late they end, unless still unanswered when wrk stops: those are
counted as failed ("unfinished"). wrk cannot tell when a stream's first event arrives, so stream
workloads stay with locust.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from pathlib import Path

from bench.sidebyside.stats import Timings
from bench.sidebyside.workloads import (
    CHAT_ROUTE,
    FIRST_CONTENT,
    TURN_CONTENT,
    Workload,
    body,
)

SCRIPT = Path(__file__).with_name("wrk.lua")
GRACE_S = 2  # past the window, for requests started in it to end (they are measured)
TIMEOUT_S = 120  # wrk's default of 2 s would count a slow answer as an error


class WrkUnavailable(Exception):
    """wrk is not installed (Debian: apt-get install wrk)."""


class WrkFailed(Exception):
    """wrk exited without writing its timings."""


def binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkUnavailable("wrk is not installed (apt-get install wrk)")
    return found


def supports(workload: Workload) -> bool:
    return not workload.stream


def body_pieces(workload: Workload) -> dict[str, str]:
    """The request body's JSON around the parts wrk.lua fills in: the messages, the nonces."""
    whole = json.dumps(body(workload, []))
    head, tail = whole.split("[]")
    first = json.dumps({"role": "user", "content": FIRST_CONTENT.format(prompt=workload.prompt, tag="\0")})
    turn = json.dumps({"role": "user", "content": TURN_CONTENT.format(step="\1", tag="\0")})
    first_a, first_b = first.split("\\u0000")
    turn_a, rest = turn.split("\\u0001")
    turn_b, turn_c = rest.split("\\u0000")
    return {
        "BENCH_HEAD": head + "[",
        "BENCH_TAIL": "]" + tail,
        "BENCH_FIRST_A": first_a,
        "BENCH_FIRST_B": first_b,
        "BENCH_TURN_A": turn_a,
        "BENCH_TURN_B": turn_b,
        "BENCH_TURN_C": turn_c,
    }


def parse(text: str, warmup_s: float, duration_s: float) -> Timings:
    """wrk.lua's output: ``start<TAB>latency_ms<TAB>outcome`` per request, ``error<TAB>n<TAB>kind``
    per kind of socket error wrk counted. Start times become relative to the first request's."""
    rows: list[tuple[float, float, str]] = []
    failures: dict[str, int] = {}
    for line in text.splitlines():
        first, second, third = line.split("\t")
        if first == "error":
            failures[f"wrk {third} error"] = failures.get(f"wrk {third} error", 0) + int(second)
        else:
            rows.append((float(first), float(second), third))
    origin = min((r[0] for r in rows), default=0.0)
    until = warmup_s + duration_s
    samples, shed = [], []
    for start, latency, outcome in rows:
        start -= origin
        if outcome == "ok":
            samples.append((start, latency, -1.0))
        elif outcome == "shed":
            shed.append(start)
        elif outcome != "unfinished" or start < until:  # cut off past the window: not measured anyway
            failures[outcome] = failures.get(outcome, 0) + 1
    return Timings(samples, shed, failures, until)


def drive(
    url: str,
    workload: Workload,
    concurrency: int,
    key: str,
    warmup_s: float,
    duration_s: float,
    workdir: Path,
    honour_retry_after: bool = False,
) -> Timings:
    """One wrk process, ``concurrency`` connections against ``url``, closed loop, zero wait (but what
    retry-after asks, when honoured)."""
    if not supports(workload):
        raise ValueError(f"wrk cannot time a stream's first token ({workload.name}): use locust")
    out = workdir / f"wrk-{random.getrandbits(64):016x}.tsv"
    seconds = math.ceil(warmup_s + duration_s + GRACE_S)  # wrk takes whole seconds
    argv = [binary(), "-t", str(concurrency), "-c", str(concurrency), "-d", f"{seconds}s"]
    argv += ["--timeout", f"{TIMEOUT_S}s", "-s", str(SCRIPT), url]
    env = {
        "BENCH_OUT": str(out),
        "BENCH_ROUTE": CHAT_ROUTE,
        "BENCH_KEY": key,
        "BENCH_SEED": str(random.randrange(1 << 40)),
        "BENCH_TURNS": str(workload.turns),
        "BENCH_HONOUR_RETRY_AFTER": "1" if honour_retry_after else "0",
        **body_pieces(workload),
    }
    done = subprocess.run(argv, env=env, capture_output=True, timeout=seconds + 60)
    if not out.exists():
        raise WrkFailed(f"wrk exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
    text = out.read_text()
    out.unlink()
    return parse(text, warmup_s, duration_s)
