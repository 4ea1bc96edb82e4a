"""From raw per-request timings to the figures the report shows."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class NoSamples(Exception):
    """A round completed no request in its measured window."""


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile on sorted values (p in 0..100)."""
    if not values:
        raise NoSamples("no values")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


@dataclass(frozen=True)
class Timings:
    """What a load generator saw in one round, start times in seconds on one clock."""

    samples: list[tuple[float, float, float]]  # answered: (start_s, latency_ms, ttft_ms or -1)
    shed: list[float]  # start_s of each request answered 503 with retry-after
    failures: dict[str, int]  # by reason: an HTTP status or error type, never a body
    until_s: float | None  # the measured window's end; None: the last completion
    cpu_s: float | None = None  # the load generator's CPU under load, if it measured it (else its process's)


@dataclass(frozen=True)
class Round:
    """One load generator process driving one path: its measured requests and the CPU and memory used."""

    samples: list[tuple[float, float, float]]  # started in the window: (start_s, latency_ms, ttft_ms or -1)
    failures: dict[str, int]
    completed_in_window: int
    window_s: float
    completed: int  # every request answered, warm-up included (the CPU time covers them all)
    cpu_s: float
    peak_rss_mib: float
    shed: int = 0  # requests started in the window and answered 503 with retry-after
    loadgen_cpu_s: float = 0.0  # the load generator's CPU, whole round
    sim_cpu_s: float = 0.0  # the node simulator's process tree, whole round
    machine_cpu_s: float = 0.0  # every core's busy time, whole round (all processes and the kernel)


def measured(
    samples: list[tuple[float, float, float]], warmup_s: float, until_s: float | None
) -> tuple[list[tuple[float, float, float]], int, float]:
    """The measured window: from ``warmup_s`` after the first request started to ``until_s`` (when
    the first user stopped: up to then the load was at full concurrency).

    Returns the requests that started in the window (their latencies count, however long after it
    they completed), how many completed inside it (throughput), and the window's length.
    """
    if not samples:
        return [], 0, 0.0
    start = min(s[0] for s in samples) + warmup_s
    last = max(s[0] + s[1] / 1000 for s in samples)
    end = last if until_s is None else min(until_s, last)
    if end <= start:
        return [], 0, 0.0
    started = [s for s in samples if start <= s[0] < end]
    completed = sum(1 for s in samples if start <= s[0] + s[1] / 1000 < end)
    return started, completed, end - start


def shed_in_window(
    shed: list[float], samples: list[tuple[float, float, float]], warmup_s: float, window_s: float
) -> int:
    """How many of the shed requests started in the window ``measured`` found for ``samples``."""
    if not samples:
        return 0
    start = min(s[0] for s in samples) + warmup_s
    return sum(1 for s in shed if start <= s < start + window_s)


def merged_failures(rounds: Sequence[Round]) -> dict[str, int]:
    """Failures by reason (HTTP status or error type, never a body) over the rounds."""
    out: dict[str, int] = {}
    for r in rounds:
        for reason, n in r.failures.items():
            out[reason] = out.get(reason, 0) + n
    return out


def summarise(rounds: Sequence[Round]) -> dict[str, Any]:
    """Pool every round of one path in one cell (workload, concurrency) into one row: percentiles of
    the answered requests, shed ones counted apart, CPU per answered request."""
    samples = [s for r in rounds for s in r.samples]
    if not samples:
        raise NoSamples("no request completed in the measured windows")
    latencies = [s[1] for s in samples]
    completed = max(1, sum(r.completed for r in rounds))
    shed = sum(r.shed for r in rounds)
    row: dict[str, Any] = {
        "requests": len(samples),
        "shed": shed,
        "shed_share": shed / (shed + len(samples)),
        "failures": sum(sum(r.failures.values()) for r in rounds),
        "failure_reasons": merged_failures(rounds),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "mean_ms": statistics.fmean(latencies),
        "throughput_rps": sum(r.completed_in_window for r in rounds) / sum(r.window_s for r in rounds),
        "cpu_ms_per_request": 1000 * sum(r.cpu_s for r in rounds) / completed,
        "loadgen_cpu_ms_per_request": 1000 * sum(r.loadgen_cpu_s for r in rounds) / completed,
        "sim_cpu_ms_per_request": 1000 * sum(r.sim_cpu_s for r in rounds) / completed,
        "machine_cpu_ms_per_request": 1000 * sum(r.machine_cpu_s for r in rounds) / completed,
        "peak_rss_mib": max(r.peak_rss_mib for r in rounds),
    }
    ttfts = [s[2] for s in samples if s[2] >= 0]
    if ttfts:
        row["ttft_p50_ms"] = percentile(ttfts, 50)
        row["ttft_p99_ms"] = percentile(ttfts, 99)
    return row


def added_over(row: dict[str, Any], direct: dict[str, Any]) -> dict[str, float]:
    """What a path adds to the direct path's figures in the same cell."""
    out = {"added_p50_ms": row["p50_ms"] - direct["p50_ms"], "added_p99_ms": row["p99_ms"] - direct["p99_ms"]}
    if "ttft_p50_ms" in row and "ttft_p50_ms" in direct:
        out["added_ttft_p50_ms"] = row["ttft_p50_ms"] - direct["ttft_p50_ms"]
        out["added_ttft_p99_ms"] = row["ttft_p99_ms"] - direct["ttft_p99_ms"]
    return out
