"""The configured engine: the embedded backend or an OPA server, cached unless cache_size is 0."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from domain.classification import Category
from gateway.config import PolicyConfig
from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.errors import PolicyEngineError
from gateway.policy.factory import build_policy_engine
from gateway.policy.opa_server import OpaServerBackend
from tests.policy.inputs import policy_input


def test_factory_builds_the_configured_engine(policy_dir: Path) -> None:
    async def run() -> None:
        default = build_policy_engine(PolicyConfig(rego_dir=policy_dir))
        uncached = build_policy_engine(PolicyConfig(rego_dir=policy_dir, cache_size=0))
        remote = build_policy_engine(PolicyConfig(opa_url="http://127.0.0.1:9", cache_size=0))
        try:
            assert default.name == "embedded" and isinstance(default.backend, EmbeddedBackend)
            assert default.cache is not None
            assert isinstance(uncached.backend, EmbeddedBackend) and uncached.cache is None
            assert remote.name == "opa" and isinstance(remote.backend, OpaServerBackend)
            with pytest.raises(PolicyEngineError) as excinfo:  # nothing listens on port 9
                await remote.decide(policy_input(Category.PERSONAL))
            assert excinfo.value.reason == "unreachable"
        finally:
            for e in (default, uncached, remote):
                await e.aclose()

    asyncio.run(run())
