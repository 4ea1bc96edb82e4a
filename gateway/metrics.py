"""Prometheus metrics. Labels are routes, stages, statuses, node ids and jurisdictions: never request data."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

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
NODE_HEALTHY = Gauge(
    "sovgw_node_healthy", "1 when the node passed its last health check.", ["node", "jurisdiction"]
)
IN_FLIGHT = Gauge("sovgw_node_in_flight", "Requests in flight to the node from this process.", ["node"])
STAGE_FAILURES = Counter(
    "sovgw_stage_failures_total",
    "Classification, policy or audit failures (request not forwarded).",
    ["stage"],
)
