"""Prometheus metrics. Labels: routes, stages, statuses, node and tenant ids, jurisdictions: no request data.

With several workers, each keeps its values in files under ``PROMETHEUS_MULTIPROC_DIR`` (set by
``sovgw serve`` before they start) and ``exposition`` sums them, so a scrape answered by any worker
counts every request. Gauges say how their workers' values combine.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("sovgw_requests_total", "Requests answered, by route and status.", ["route", "status"])
DENIALS = Counter("sovgw_policy_denials_total", "Requests denied by the residency policy.", ["route"])
STAGE_SECONDS = Histogram(
    "sovgw_stage_seconds",
    "Time spent in each pipeline stage.",
    ["stage"],
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
UPSTREAM_ERRORS = Counter("sovgw_upstream_errors_total", "Failed attempts against a node.", ["node"])
FAILOVERS = Counter("sovgw_failovers_total", "Requests retried on another allowed node.", ["route"])
# Each worker checks every node itself: 1 only while every live worker's last check passed.
NODE_HEALTHY = Gauge(
    "sovgw_node_healthy",
    "1 when the node passed its last health check (in every worker).",
    ["node", "jurisdiction"],
    multiprocess_mode="livemin",
)
IN_FLIGHT = Gauge(
    "sovgw_node_in_flight", "Requests in flight to the node.", ["node"], multiprocess_mode="livesum"
)
STAGE_FAILURES = Counter(
    "sovgw_stage_failures_total",
    "Classification, policy, audit or quota store failures (request not forwarded).",
    ["stage"],
)
QUOTA_REFUSALS = Counter(
    "sovgw_quota_refusals_total",
    "Requests refused (429) because the tenant used up a limit of its quota.",
    ["tenant", "limit"],
)

SHED = Counter(
    "sovgw_requests_shed_total",
    "Inference requests answered 503 at once: the worker had its limit of requests in flight"
    " (reason in_flight) or its event loop ran later than its limit (reason loop_lag).",
    ["route", "reason"],
)
CONNECTIONS_CLOSED = Counter(
    "sovgw_connections_closed_total",
    "Connections the server closed: headers or body too slow, or too many connections open.",
    ["reason"],
)


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Time a pipeline stage into ``sovgw_stage_seconds``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS.labels(stage=stage).observe(time.perf_counter() - start)


def exposition() -> bytes:
    """The metrics in Prometheus's text format: every worker's, when there are several."""
    if MULTIPROCESS_DIR_ENV not in os.environ:
        return generate_latest()
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return generate_latest(registry)


def forget_dead_workers() -> None:
    """Drop the live gauges of workers that are gone (a worker restarted after a crash).

    Their counters stay: requests they answered were answered.
    """
    directory = os.environ.get(MULTIPROCESS_DIR_ENV)
    if directory is None:
        return
    for path in Path(directory).glob("gauge_live*_*.db"):
        found = re.search(r"_(\d+)\.db$", path.name)
        if found and not _alive(int(found[1])):
            mark_process_dead(int(found[1]), directory)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, under another user
    return True
