"""Prometheus metrics for the policy stage. Labels are engine names, outcomes and failure classes only."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

DECISIONS = Counter(
    "sovgw_policy_decisions_total", "Policy decisions made, by engine and outcome.", ["engine", "outcome"]
)
DECISION_SECONDS = Histogram(
    "sovgw_policy_decision_seconds",
    "Time to a policy decision, by engine and whether the cache answered.",
    ["engine", "cache"],
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
ENGINE_FAILURES = Counter(
    "sovgw_policy_engine_failures_total",
    "Decisions the engine could not make (the request was denied with 503).",
    ["engine", "reason"],
)
CACHE_HITS = Counter("sovgw_policy_cache_hits_total", "Decisions answered from the cache.", ["engine"])
CACHE_MISSES = Counter("sovgw_policy_cache_misses_total", "Decisions the cache had to ask for.", ["engine"])
CACHE_INVALIDATIONS = Counter(
    "sovgw_policy_cache_invalidations_total", "Cache flushes because the policy revision changed.", ["engine"]
)
RELOADS = Counter("sovgw_policy_reloads_total", "Policy revisions activated after a change.", ["engine"])
RELOAD_FAILURES = Counter(
    "sovgw_policy_reload_failures_total",
    "Policy changes that failed to load; the last good revision stays active.",
    ["engine"],
)
# With several workers: 1 while any live worker has the revision in force.
REVISION = Gauge(
    "sovgw_policy_revision_info",
    "The active policy revision (value 1).",
    ["engine", "revision"],
    multiprocess_mode="livemax",
)


_active: dict[str, str] = {}


def set_active_revision(engine: str, revision: str) -> None:
    previous = _active.get(engine)
    if previous == revision:
        return
    if previous is not None:
        # One series per engine: the revision in force. A worker's shared file keeps a removed
        # series' last value, so it is set to 0 first.
        REVISION.labels(engine, previous).set(0)
        REVISION.remove(engine, previous)
    REVISION.labels(engine, revision).set(1)
    _active[engine] = revision
