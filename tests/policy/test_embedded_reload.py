"""The embedded engine picks up policy changes without a restart, and survives broken ones."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from domain.classification import Category
from gateway.policy.embedded import EmbeddedBackend, PolicyCompileError
from gateway.policy.engine import PolicyEngine
from gateway.policy.errors import PolicyEngineError
from gateway.policy.source import PolicySourceError, load_policy_source
from tests.policy.conftest import sample
from tests.policy.inputs import node, policy_input

US_INPUT = policy_input(Category.PERSONAL, candidates=[node("us-1", "US")], allow_adequacy_transfers=True)


def reload_failures() -> float:
    return sample("sovgw_policy_reload_failures_total", "embedded")


def certify_operator(policy_dir: Path) -> None:
    path = policy_dir / "sovgw/reference/adequacy/data.json"
    data = json.loads(path.read_text())
    data["dpf_certified_operators"] = ["Example Compute"]
    path.write_text(json.dumps(data))


def test_a_data_change_is_picked_up_on_the_next_look(policy_dir: Path) -> None:
    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(policy_dir, reload_interval_s=0.05))
        try:
            before = await engine.decide(US_INPUT)
            assert not before.allow
            certify_operator(policy_dir)
            await asyncio.sleep(0.06)
            after = await engine.decide(US_INPUT)
            assert after.allowed_nodes == {"us-1": "adequacy:US"}
            assert after.revision == load_policy_source(policy_dir).revision != before.revision
            # The revision gauge shows the revision in force, and only that one.
            info = "sovgw_policy_revision_info"
            assert REGISTRY.get_sample_value(info, {"engine": "embedded", "revision": after.revision}) == 1
            assert (
                REGISTRY.get_sample_value(info, {"engine": "embedded", "revision": before.revision}) is None
            )
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_changes_are_not_looked_for_more_often_than_the_interval(policy_dir: Path) -> None:
    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(policy_dir, reload_interval_s=3600))
        try:
            revision = engine.revision
            certify_operator(policy_dir)
            assert not (await engine.decide(US_INPUT)).allow
            assert engine.revision == revision
            assert await engine.refresh()  # an explicit look sees it at once
            assert (await engine.decide(US_INPUT)).allow
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_a_broken_policy_keeps_the_last_good_one_and_raises_an_alarm(
    policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(policy_dir, reload_interval_s=3600))
        try:
            good = await engine.decide(policy_input(Category.PERSONAL))
            alarms = reload_failures()
            policy = policy_dir / "residency.rego"
            original = policy.read_text()
            policy.write_text(original + "\nbroken := {\n")
            assert not await engine.refresh()
            assert not await engine.refresh()  # the same broken state alarms once
            assert reload_failures() == alarms + 1
            still = await engine.decide(policy_input(Category.PERSONAL))
            assert (still.allowed_nodes, still.revision) == (good.allowed_nodes, good.revision)

            policy.write_text(original)
            certify_operator(policy_dir)
            assert await engine.refresh()  # fixed: the new revision becomes active
            assert (await engine.decide(US_INPUT)).allow
        finally:
            await engine.aclose()

    with caplog.at_level(logging.ERROR, logger="gateway.policy.embedded"):
        asyncio.run(run())
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "not loaded, keeping revision" in errors[0]


def test_invalid_data_file_is_a_reload_failure_too(policy_dir: Path) -> None:
    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(policy_dir, reload_interval_s=3600))
        try:
            alarms = reload_failures()
            (policy_dir / "sovgw/reference/eea/data.json").write_text("{not json")
            assert not await engine.refresh()
            assert reload_failures() == alarms + 1
            assert (await engine.decide(policy_input(Category.PERSONAL))).allow
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_start_up_with_a_broken_policy_is_refused(policy_dir: Path) -> None:
    (policy_dir / "residency.rego").write_text("package sovgw.residency\n\ndecision := {\n")
    with pytest.raises(PolicyCompileError, match="does not compile"):
        EmbeddedBackend(policy_dir)


def test_start_up_without_the_policy_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicySourceError, match="not a directory"):
        EmbeddedBackend(tmp_path / "missing")


def test_undefined_decision_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "p.rego").write_text(
        "package sovgw.residency\n\nimport rego.v1\n\ndecision := {} if input.never\n"
    )

    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(tmp_path))
        try:
            with pytest.raises(PolicyEngineError) as excinfo:
                await engine.decide(policy_input(Category.PERSONAL))
            assert excinfo.value.reason == "undefined"
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_malformed_decision_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "p.rego").write_text(
        'package sovgw.residency\n\nimport rego.v1\n\ndecision := {"allow": true, "allowed_nodes": {}}\n'
    )

    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(tmp_path))
        try:
            with pytest.raises(PolicyEngineError) as excinfo:
                await engine.decide(policy_input(Category.PERSONAL))
            assert excinfo.value.reason == "malformed"
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_evaluation_error_is_a_failure(tmp_path: Path) -> None:
    # Two values for one complete rule: a conflict at evaluation time, not at compile time.
    (tmp_path / "p.rego").write_text(
        "package sovgw.residency\n\nimport rego.v1\n\n"
        "decision := 1 if count(input.candidates) >= 0\n\ndecision := 2 if count(input.candidates) >= 0\n"
    )

    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(tmp_path))
        try:
            with pytest.raises(PolicyEngineError) as excinfo:
                await engine.decide(policy_input(Category.PERSONAL))
            assert excinfo.value.reason == "evaluation_error"
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_a_closed_engine_refuses_to_decide(policy_dir: Path) -> None:
    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(policy_dir))
        await engine.aclose()
        assert not await engine.ready()
        with pytest.raises(PolicyEngineError) as excinfo:
            await engine.decide(policy_input(Category.PERSONAL))
        assert excinfo.value.reason == "closed"

    asyncio.run(run())


def test_timeout_is_a_failure(policy_dir: Path) -> None:
    async def run() -> None:
        engine = PolicyEngine(EmbeddedBackend(policy_dir, timeout_s=0.001))
        try:
            # A large input takes the engine well over a millisecond.
            big = policy_input(Category.PERSONAL, candidates=[node(f"n{i}", "DE") for i in range(400)])
            with pytest.raises(PolicyEngineError) as excinfo:
                await engine.decide(big)
            assert excinfo.value.reason == "timeout"
        finally:
            await engine.aclose()

    asyncio.run(run())
