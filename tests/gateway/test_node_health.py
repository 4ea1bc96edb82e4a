"""Background health checks: what takes a node out of service, and what does not."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from gateway.config import HealthConfig, NodeConfig
from gateway.routing.node import NodeState
from gateway.routing.registry import NodeRegistry

HEALTH = HealthConfig(interval_s=5.0, timeout_s=0.05)


def _registry(probe_result: bool | None) -> tuple[NodeRegistry, NodeState]:
    """A registry of one node whose probe answers ``probe_result``, or hangs when it is None."""
    node = NodeConfig(id="lt-1", base_url="http://127.0.0.1:9", jurisdiction="LT", operator="o", models=["m"])
    registry = NodeRegistry([node], HEALTH, httpx.AsyncClient())

    async def probe(_: NodeState) -> None:
        if probe_result is None:
            await asyncio.sleep(10)
        if not probe_result:
            raise httpx.ConnectError("refused")

    registry.health._probe = probe  # type: ignore[method-assign]
    state = registry._nodes["lt-1"]
    state.healthy = True
    return registry, state


def test_checks_that_keep_timing_out_take_an_idle_node_out() -> None:
    registry, node = _registry(probe_result=None)

    async def checks() -> list[bool]:
        seen = []
        for _ in range(HEALTH.failure_threshold):
            await registry.check_all()
            seen.append(node.healthy)
        return seen

    # A burst can stall one check; the threshold-th timeout in a row takes the node out.
    assert asyncio.run(checks()) == [True] * (HEALTH.failure_threshold - 1) + [False]
    assert not registry.any_healthy()


def test_checks_that_time_out_keep_a_node_that_is_answering_requests() -> None:
    # Under overload the gateway's own loop is what is slow; its requests still get answers.
    registry, node = _registry(probe_result=None)

    async def checks() -> None:
        for _ in range(HEALTH.failure_threshold + 1):
            registry.record_success(node)
            await registry.check_all()

    asyncio.run(checks())
    assert node.healthy


@pytest.mark.parametrize("answering", [False, True])
def test_checks_that_fail_outright_take_the_node_out_at_the_threshold(answering: bool) -> None:
    registry, node = _registry(probe_result=False)

    async def checks() -> list[bool]:
        seen = []
        for _ in range(HEALTH.failure_threshold):
            if answering:
                registry.record_success(node)
            await registry.check_all()
            seen.append(node.healthy)
        return seen

    # One worker seeing one failure must not refuse a node the others serve (no flapping).
    assert asyncio.run(checks()) == [True] * (HEALTH.failure_threshold - 1) + [False]


def test_a_passing_check_resets_the_count_of_failures() -> None:
    registry, node = _registry(probe_result=False)
    asyncio.run(registry.check_all())
    assert node.healthy and node.check_failures == 1

    async def passing(_: NodeState) -> None:
        return None

    registry.health._probe = passing  # type: ignore[method-assign]
    asyncio.run(registry.check_all())
    assert node.healthy and node.check_failures == 0


def test_a_node_never_seen_healthy_stays_out_even_if_a_request_got_through() -> None:
    registry, node = _registry(probe_result=None)
    node.healthy = False
    registry.record_success(node)
    asyncio.run(registry.check_all())
    assert not node.healthy
