"""The OPA server engine against a real OPA the tests start and stop, and against a misbehaving one."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

import pytest

from domain.classification import Category
from domain.policy import PolicyDecision
from gateway.policy.engine import PolicyEngine
from gateway.policy.errors import PolicyEngineError
from gateway.policy.opa_server import OpaServerBackend
from gateway.policy.source import load_policy_source
from tests.policy.conftest import OpaServer, sample, start_opa
from tests.policy.fake_opa import fake_opa
from tests.policy.inputs import node, policy_input

pytestmark = pytest.mark.opa


def failure_reason(excinfo: pytest.ExceptionInfo[PolicyEngineError]) -> str:
    return excinfo.value.reason


def reload_failures() -> float:
    return sample("sovgw_policy_reload_failures_total", "opa")


def test_opa_decides_with_the_revision_of_the_files_it_loaded(opa: OpaServer, policy_dir: Path) -> None:
    async def run() -> None:
        engine = PolicyEngine(OpaServerBackend(opa.url))
        try:
            d = await engine.decide(policy_input(Category.PERSONAL))
            assert d.engine == "opa"
            assert d.allowed_nodes == {"de-1": "intra-EEA", "fr-1": "intra-EEA"}
            assert d.revision == load_policy_source(policy_dir).revision
            assert await engine.ready()
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_bearer_token_is_sent_and_a_wrong_one_fails_closed(policy_dir: Path, tmp_path: Path) -> None:
    authz = tmp_path / "authz"
    authz.mkdir()
    (authz / "authz.rego").write_text(
        "package system.authz\n\nimport rego.v1\n\ndefault allow := false\n\n"
        'allow if input.identity == "s3cret"\n'
    )
    server = start_opa(
        policy_dir, authz, log=tmp_path / "opa.log", extra=("--authentication=token", "--authorization=basic")
    )

    async def run() -> None:
        good = PolicyEngine(OpaServerBackend(server.url, token="s3cret"))
        bad = PolicyEngine(OpaServerBackend(server.url, token="wrong"))
        try:
            assert (await good.decide(policy_input(Category.PERSONAL))).allow
            with pytest.raises(PolicyEngineError) as excinfo:
                await bad.decide(policy_input(Category.PERSONAL))
            assert failure_reason(excinfo) == "http_error" and "401" in str(excinfo.value)
        finally:
            await good.aclose()
            await bad.aclose()

    try:
        asyncio.run(run())
    finally:
        server.stop()


def test_opa_stopped_mid_run_fails_closed(opa: OpaServer) -> None:
    async def run() -> None:
        engine = PolicyEngine(OpaServerBackend(opa.url, timeout_s=2.0))
        try:
            assert (await engine.decide(policy_input(Category.PERSONAL))).allow
            opa.stop()
            failures = sample("sovgw_policy_engine_failures_total", "opa", "unreachable")
            with pytest.raises(PolicyEngineError) as excinfo:
                await engine.decide(policy_input(Category.PERSONAL))
            assert failure_reason(excinfo) == "unreachable"
            assert sample("sovgw_policy_engine_failures_total", "opa", "unreachable") == failures + 1
            assert not await engine.ready()
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_decisions_in_flight_when_opa_stops_are_decisions_or_failures_never_anything_else(
    opa: OpaServer,
) -> None:
    inp = policy_input(Category.PERSONAL)

    async def run() -> None:
        engine = PolicyEngine(OpaServerBackend(opa.url, timeout_s=2.0))

        async def one() -> PolicyDecision | PolicyEngineError:
            try:
                return await engine.decide(inp)
            except PolicyEngineError as e:
                return e

        try:
            assert isinstance(await one(), PolicyDecision)
            stopping = asyncio.create_task(asyncio.to_thread(opa.stop))
            during = []
            while not stopping.done():
                during.append(await one())
            after = [await one() for _ in range(3)]
        finally:
            await engine.aclose()
        assert all(isinstance(r, PolicyEngineError) or (r.allow and r.engine == "opa") for r in during)
        assert all(isinstance(r, PolicyEngineError) and r.reason == "unreachable" for r in after)

    asyncio.run(run())


def test_slow_opa_times_out_within_the_configured_bound() -> None:
    async def run() -> None:
        async with fake_opa({"allow": True}, delay_s=3.0) as fake:
            engine = PolicyEngine(OpaServerBackend(fake.url, timeout_s=0.3))
            try:
                started = time.monotonic()
                with pytest.raises(PolicyEngineError) as excinfo:
                    await engine.decide(policy_input(Category.PERSONAL))
                assert failure_reason(excinfo) == "timeout"
                assert time.monotonic() - started < 1.5
            finally:
                await engine.aclose()

    asyncio.run(run())


def test_one_connection_is_reused_across_decisions() -> None:
    async def run() -> None:
        async with fake_opa(GOOD) as fake:
            engine = PolicyEngine(OpaServerBackend(fake.url))
            try:
                for _ in range(20):
                    assert (
                        await engine.decide(policy_input(Category.PERSONAL, candidates=[node("de-1", "DE")]))
                    ).allow
            finally:
                await engine.aclose()
            assert len(fake.peers) == 1

    asyncio.run(run())


def test_undefined_decision_is_a_failure() -> None:
    async def run() -> None:
        async with fake_opa(None) as fake:
            engine = PolicyEngine(OpaServerBackend(fake.url))
            try:
                with pytest.raises(PolicyEngineError) as excinfo:
                    await engine.decide(policy_input(Category.PERSONAL))
                assert failure_reason(excinfo) == "undefined"
            finally:
                await engine.aclose()

    asyncio.run(run())


GOOD = {
    "allow": True,
    "allowed_nodes": {"de-1": "intra-EEA"},
    "obligations": {},
    "findings": [],
    "legal_basis": None,
}


@pytest.mark.parametrize(
    ("decision", "raw_body"),
    [
        ({"allow": "yes"}, None),
        ({**GOOD, "allow": False}, None),  # allow disagrees with the allowed nodes
        ({**GOOD, "allowed_nodes": {"elsewhere": "intra-EEA"}}, None),  # not a candidate
        ({**GOOD, "allowed_nodes": {"de-1": "because"}}, None),  # not a transfer basis
        ({**GOOD, "surprise": 1}, None),
        (None, b"<html>proxy error</html>"),
        (None, b'["not", "an", "object"]'),
    ],
)
def test_malformed_results_are_failures_never_decisions(decision: object, raw_body: bytes | None) -> None:
    async def run() -> None:
        async with fake_opa(decision, raw_body=raw_body) as fake:
            engine = PolicyEngine(OpaServerBackend(fake.url))
            try:
                with pytest.raises(PolicyEngineError) as excinfo:
                    await engine.decide(policy_input(Category.PERSONAL))
                assert failure_reason(excinfo) == "malformed"
            finally:
                await engine.aclose()

    asyncio.run(run())


def _allow_dpf_operator(policy_dir: Path) -> None:
    path = policy_dir / "sovgw/reference/adequacy/data.json"
    data = json.loads(path.read_text())
    data["dpf_certified_operators"] = ["Example Compute"]
    path.write_text(json.dumps(data))


async def _until(predicate, timeout_s: float = 8.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not await predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)


def test_opa_picks_up_a_policy_change_without_restart(opa: OpaServer, policy_dir: Path) -> None:
    inp = policy_input(Category.PERSONAL, candidates=[node("us-1", "US")], allow_adequacy_transfers=True)

    async def run() -> None:
        engine = PolicyEngine(OpaServerBackend(opa.url, reload_interval_s=0.1, watched_dir=policy_dir))
        try:
            before = await engine.decide(inp)
            assert not before.allow
            _allow_dpf_operator(policy_dir)

            async def allowed() -> bool:
                return (await engine.decide(inp)).allow

            await _until(allowed)
            await engine.refresh()
            after = await engine.decide(inp)
            assert after.allowed_nodes == {"us-1": "adequacy:US"}
            assert after.revision == load_policy_source(policy_dir).revision != before.revision
        finally:
            await engine.aclose()

    asyncio.run(run())


def test_broken_policy_keeps_the_last_good_one_and_raises_an_alarm(
    opa: OpaServer, policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def run() -> None:
        engine = PolicyEngine(OpaServerBackend(opa.url, reload_interval_s=0.1, watched_dir=policy_dir))
        try:
            good = await engine.decide(policy_input(Category.PERSONAL))
            alarms = reload_failures()
            with (policy_dir / "residency.rego").open("a") as f:
                f.write("\nbroken := {\n")

            async def alarmed() -> bool:
                await engine.refresh()
                return reload_failures() > alarms

            await _until(alarmed)
            still = await engine.decide(policy_input(Category.PERSONAL))
            assert still.allowed_nodes == good.allowed_nodes
            assert still.revision == good.revision
            assert reload_failures() == alarms + 1  # once per broken state, not on every look
        finally:
            await engine.aclose()

    with caplog.at_level(logging.ERROR, logger="gateway.policy.opa_server"):
        asyncio.run(run())
    assert any("did not load" in r.getMessage() for r in caplog.records)
    assert "rego_parse_error" in opa.log_text()


def test_opa_without_the_reference_data_fails_closed(policy_dir: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "residency.rego").write_text((policy_dir / "residency.rego").read_text())
    server = start_opa(bare, log=tmp_path / "bare.log")

    async def run() -> None:
        engine = PolicyEngine(OpaServerBackend(server.url))
        try:
            with pytest.raises(PolicyEngineError) as excinfo:
                await engine.decide(policy_input(Category.PERSONAL))
            assert failure_reason(excinfo) == "not_loaded"
        finally:
            await engine.aclose()

    try:
        asyncio.run(run())
    finally:
        server.stop()
