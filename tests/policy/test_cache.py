"""The decision cache: hits on equal inputs, a fresh decision id each time, flushed on a new revision."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from domain.classification import Category
from gateway.config import PolicyConfig
from gateway.policy.cache import CachedPolicyEngine, cache_key
from gateway.policy.embedded import EmbeddedEngine
from gateway.policy.engine import Evaluation, build_policy_engine
from gateway.policy.errors import PolicyEngineError
from tests.policy.conftest import sample
from tests.policy.inputs import node, policy_input


def test_equal_inputs_hit_with_a_fresh_decision_id(policy_dir: Path) -> None:
    async def run() -> None:
        cached = CachedPolicyEngine(EmbeddedEngine(policy_dir), max_entries=8)
        try:
            first = await cached.decide(policy_input(Category.PERSONAL))
            second = await cached.decide(policy_input(Category.PERSONAL))
            third = await cached.decide(policy_input(Category.SPECIAL))
            assert (cached.hits, cached.misses) == (1, 2)
            assert second.model_dump(exclude={"decision_id"}) == first.model_dump(exclude={"decision_id"})
            assert second.decision_id != first.decision_id
            assert third.allowed_nodes == {"de-1": "intra-EEA"}
            assert cached.hit_rate == pytest.approx(1 / 3)
        finally:
            await cached.aclose()

    asyncio.run(run())


def test_key_is_canonical_json() -> None:
    assert cache_key({"b": 1, "a": [1.0, "x"]}) == cache_key(json.loads('{"a": [1, "x"], "b": 1}'))
    assert cache_key({"a": 1}) != cache_key({"a": 2})


def test_a_new_revision_flushes_the_cache(policy_dir: Path) -> None:
    us = policy_input(Category.PERSONAL, candidates=[node("us-1", "US")], allow_adequacy_transfers=True)

    async def run() -> None:
        engine = EmbeddedEngine(policy_dir, reload_interval_s=0.05)
        cached = CachedPolicyEngine(engine, max_entries=8)
        try:
            assert not (await cached.decide(us)).allow
            assert not (await cached.decide(us)).allow and cached.hits == 1
            flushes = sample("sovgw_policy_cache_invalidations_total", "embedded")
            path = policy_dir / "sovgw/reference/adequacy/data.json"
            data = json.loads(path.read_text())
            data["dpf_certified_operators"] = ["Example Compute"]
            path.write_text(json.dumps(data))
            await asyncio.sleep(0.06)
            after = await cached.decide(us)
            assert after.allow and after.revision == engine.revision
            assert cached.misses == 2
            assert sample("sovgw_policy_cache_invalidations_total", "embedded") == flushes + 1
        finally:
            await cached.aclose()

    asyncio.run(run())


def test_the_cache_is_bounded_least_recently_used_first(policy_dir: Path) -> None:
    async def run() -> None:
        cached = CachedPolicyEngine(EmbeddedEngine(policy_dir), max_entries=2)
        try:
            a, b, c = (policy_input(Category.PERSONAL, retention_class=r) for r in ("a", "b", "c"))
            await cached.decide(a)
            await cached.decide(b)
            await cached.decide(a)  # a is now the most recent
            await cached.decide(c)  # evicts b
            assert len(cached) == 2
            await cached.decide(a)
            assert cached.hits == 2
            await cached.decide(b)
            assert cached.misses == 4
        finally:
            await cached.aclose()

    asyncio.run(run())


def test_failures_are_not_cached_alone_or_shared(policy_dir: Path) -> None:
    async def run() -> None:
        cached = CachedPolicyEngine(EmbeddedEngine(policy_dir, timeout_s=0.001), max_entries=8)
        big = policy_input(Category.PERSONAL, candidates=[node(f"n{i}", "DE") for i in range(400)])
        try:
            for _ in range(2):  # one after another
                with pytest.raises(PolicyEngineError):
                    await cached.decide(big)
            assert len(cached) == 0 and cached.hits == 0
            # A burst sharing one evaluation: every request fails, nothing is kept.
            results = await asyncio.gather(*(cached.decide(big) for _ in range(8)), return_exceptions=True)
            assert all(isinstance(r, PolicyEngineError) for r in results)
            assert len(cached) == 0
            # The next request evaluates afresh rather than finding a stale shared failure.
            with pytest.raises(PolicyEngineError):
                await cached.decide(big)
            assert cached.misses == 4
        finally:
            await cached.aclose()

    asyncio.run(run())


def test_factory_builds_the_configured_engine(policy_dir: Path) -> None:
    async def run() -> None:
        default = build_policy_engine(PolicyConfig(rego_dir=policy_dir))
        uncached = build_policy_engine(PolicyConfig(rego_dir=policy_dir, cache_size=0))
        remote = build_policy_engine(PolicyConfig(opa_url="http://127.0.0.1:9", cache_size=0))
        try:
            assert isinstance(default, CachedPolicyEngine) and default.name == "embedded"
            assert isinstance(uncached, EmbeddedEngine)
            assert remote.name == "opa"
            with pytest.raises(PolicyEngineError) as excinfo:  # nothing listens on port 9
                await remote.decide(policy_input(Category.PERSONAL))
            assert excinfo.value.reason == "unreachable"
        finally:
            for e in (default, uncached, remote):
                await e.aclose()

    asyncio.run(run())


def test_entries_expire_after_max_age(policy_dir: Path) -> None:
    async def run() -> None:
        cached = CachedPolicyEngine(EmbeddedEngine(policy_dir), max_entries=8, max_age_s=0.5)
        try:
            await cached.decide(policy_input(Category.PERSONAL))
            await cached.decide(policy_input(Category.PERSONAL))
            await asyncio.sleep(0.6)
            await cached.decide(policy_input(Category.PERSONAL))
            assert (cached.hits, cached.misses) == (1, 2)
        finally:
            await cached.aclose()

    asyncio.run(run())


class _Counting:
    """The embedded engine, counting evaluations and holding each one open a little."""

    def __init__(self, engine: EmbeddedEngine, hold_s: float = 0.05) -> None:
        self.engine, self.hold_s, self.evaluations = engine, hold_s, 0
        self.name = engine.name

    @property
    def revision(self) -> str:
        return self.engine.revision

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        self.evaluations += 1
        await asyncio.sleep(self.hold_s)
        return await self.engine.evaluate(inp)

    async def check_for_changes(self) -> None:
        await self.engine.check_for_changes()

    async def aclose(self) -> None:
        await self.engine.aclose()


def test_a_burst_of_equal_inputs_on_a_cold_cache_is_evaluated_once(policy_dir: Path) -> None:
    async def run() -> None:
        counting = _Counting(EmbeddedEngine(policy_dir))
        cached = CachedPolicyEngine(counting, max_entries=8)  # type: ignore[arg-type]
        try:
            same = policy_input(Category.PERSONAL)
            decisions = await asyncio.gather(*(cached.decide(same) for _ in range(64)))
            assert counting.evaluations == 1
            assert len({d.decision_id for d in decisions}) == 64
            assert all(d.allowed_nodes == decisions[0].allowed_nodes for d in decisions)
            assert (cached.misses, cached.hits) == (1, 63)
        finally:
            await cached.aclose()

    asyncio.run(run())


def test_a_request_waiting_on_a_cancelled_evaluation_still_gets_its_decision(policy_dir: Path) -> None:
    async def run() -> None:
        counting = _Counting(EmbeddedEngine(policy_dir), hold_s=0.2)
        cached = CachedPolicyEngine(counting, max_entries=8)  # type: ignore[arg-type]
        try:
            first = asyncio.create_task(cached.decide(policy_input(Category.PERSONAL)))
            await asyncio.sleep(0.05)  # the first request is evaluating
            second = asyncio.create_task(cached.decide(policy_input(Category.PERSONAL)))
            await asyncio.sleep(0.05)
            first.cancel()  # its client went away
            decision = await second
            assert decision.decision_id and counting.evaluations == 2
            assert first.cancelled()
        finally:
            await cached.aclose()

    asyncio.run(run())
