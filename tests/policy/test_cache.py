"""The decision cache: hits on equal inputs, a fresh decision id each time, flushed on a new revision."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from domain.classification import Category
from gateway.policy.backend import Backend, Evaluation
from gateway.policy.cache import DecisionCache, cache_key
from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.engine import PolicyEngine
from gateway.policy.errors import PolicyEngineError
from tests.policy.conftest import sample
from tests.policy.inputs import node, policy_input


def cached(
    backend: Backend, max_entries: int = 8, max_age_s: float = 300.0
) -> tuple[PolicyEngine, DecisionCache]:
    """An engine deciding through a cache of ``max_entries``, and that cache."""
    engine = PolicyEngine(backend, cache_size=max_entries, cache_max_age_s=max_age_s)
    assert engine.cache is not None
    return engine, engine.cache


def test_equal_inputs_hit_with_a_fresh_decision_id(policy_dir: Path) -> None:
    async def run() -> None:
        engine, cache = cached(EmbeddedBackend(policy_dir))
        try:
            first = await engine.decide(policy_input(Category.PERSONAL))
            second = await engine.decide(policy_input(Category.PERSONAL))
            third = await engine.decide(policy_input(Category.SPECIAL))
            assert (cache.hits, cache.misses) == (1, 2)
            assert second.model_dump(exclude={"decision_id"}) == first.model_dump(exclude={"decision_id"})
            assert second.decision_id != first.decision_id
            assert third.allowed_nodes == {"de-1": "intra-EEA"}
            assert cache.hit_rate == pytest.approx(1 / 3)
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_key_is_canonical_json() -> None:
    assert cache_key({"b": 1, "a": [1.0, "x"]}) == cache_key(json.loads('{"a": [1, "x"], "b": 1}'))
    assert cache_key({"a": 1}) != cache_key({"a": 2})


def test_a_new_revision_flushes_the_cache(policy_dir: Path) -> None:
    us = policy_input(Category.PERSONAL, candidates=[node("us-1", "US")], allow_adequacy_transfers=True)

    async def run() -> None:
        engine, cache = cached(EmbeddedBackend(policy_dir, reload_interval_s=0.05))
        try:
            assert not (await engine.decide(us)).allow
            assert not (await engine.decide(us)).allow and cache.hits == 1
            flushes = sample("sovgw_policy_cache_invalidations_total", "embedded")
            path = policy_dir / "sovgw/reference/adequacy/data.json"
            data = json.loads(path.read_text())
            data["dpf_certified_operators"] = ["Example Compute"]
            path.write_text(json.dumps(data))
            await asyncio.sleep(0.06)
            after = await engine.decide(us)
            assert after.allow and after.revision == engine.revision
            assert cache.misses == 2
            assert sample("sovgw_policy_cache_invalidations_total", "embedded") == flushes + 1
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_the_cache_is_bounded_least_recently_used_first(policy_dir: Path) -> None:
    async def run() -> None:
        engine, cache = cached(EmbeddedBackend(policy_dir), max_entries=2)
        try:
            a, b, c = (policy_input(Category.PERSONAL, retention_class=r) for r in ("a", "b", "c"))
            await engine.decide(a)
            await engine.decide(b)
            await engine.decide(a)  # a is now the most recent
            await engine.decide(c)  # evicts b
            assert len(cache) == 2
            await engine.decide(a)
            assert cache.hits == 2
            await engine.decide(b)
            assert cache.misses == 4
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_failures_are_not_cached_alone_or_shared(policy_dir: Path) -> None:
    async def run() -> None:
        engine, cache = cached(EmbeddedBackend(policy_dir, timeout_s=0.001))
        big = policy_input(Category.PERSONAL, candidates=[node(f"n{i}", "DE") for i in range(400)])
        try:
            for _ in range(2):  # one after another
                with pytest.raises(PolicyEngineError):
                    await engine.decide(big)
            assert len(cache) == 0 and cache.hits == 0
            # A burst sharing one evaluation: every request fails, nothing is kept.
            results = await asyncio.gather(*(engine.decide(big) for _ in range(8)), return_exceptions=True)
            assert all(isinstance(r, PolicyEngineError) for r in results)
            assert len(cache) == 0
            # The next request evaluates afresh rather than finding a stale shared failure.
            with pytest.raises(PolicyEngineError):
                await engine.decide(big)
            assert cache.misses == 4
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_entries_expire_after_max_age(policy_dir: Path) -> None:
    async def run() -> None:
        engine, cache = cached(EmbeddedBackend(policy_dir), max_age_s=0.5)
        try:
            await engine.decide(policy_input(Category.PERSONAL))
            await engine.decide(policy_input(Category.PERSONAL))
            await asyncio.sleep(0.6)
            await engine.decide(policy_input(Category.PERSONAL))
            assert (cache.hits, cache.misses) == (1, 2)
        finally:
            await engine.aclose()

    asyncio.run(run())


class _Counting:
    """The embedded backend, counting evaluations and holding each one open a little."""

    def __init__(self, backend: EmbeddedBackend, hold_s: float = 0.05) -> None:
        self.backend, self.hold_s, self.evaluations = backend, hold_s, 0
        self.name = backend.name

    @property
    def revision(self) -> str:
        return self.backend.revision

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        self.evaluations += 1
        await asyncio.sleep(self.hold_s)
        return await self.backend.evaluate(inp)

    async def check_for_changes(self) -> None:
        await self.backend.check_for_changes()

    async def refresh(self) -> bool:
        return await self.backend.refresh()

    async def ready(self) -> bool:
        return await self.backend.ready()

    async def aclose(self) -> None:
        await self.backend.aclose()


def test_a_burst_of_equal_inputs_on_a_cold_cache_is_evaluated_once(policy_dir: Path) -> None:
    async def run() -> None:
        counting = _Counting(EmbeddedBackend(policy_dir))
        engine, cache = cached(counting)
        try:
            same = policy_input(Category.PERSONAL)
            decisions = await asyncio.gather(*(engine.decide(same) for _ in range(64)))
            assert counting.evaluations == 1
            assert len({d.decision_id for d in decisions}) == 64
            assert all(d.allowed_nodes == decisions[0].allowed_nodes for d in decisions)
            assert (cache.misses, cache.hits) == (1, 63)
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_a_request_waiting_on_a_cancelled_evaluation_still_gets_its_decision(policy_dir: Path) -> None:
    async def run() -> None:
        counting = _Counting(EmbeddedBackend(policy_dir), hold_s=0.2)
        engine, _ = cached(counting)
        try:
            first = asyncio.create_task(engine.decide(policy_input(Category.PERSONAL)))
            await asyncio.sleep(0.05)  # the first request is evaluating
            second = asyncio.create_task(engine.decide(policy_input(Category.PERSONAL)))
            await asyncio.sleep(0.05)
            first.cancel()  # its client went away
            decision = await second
            assert decision.decision_id and counting.evaluations == 2
            assert first.cancelled()
        finally:
            await engine.aclose()

    asyncio.run(run())
