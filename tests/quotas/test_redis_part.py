"""The shared-quota tests need redis-server: skipped without it, failed without it in CI."""

from __future__ import annotations

import pytest

from tests.support import system


def test_a_missing_redis_server_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("SOVGW_REQUIRE_SYSTEM_DEPS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="redis-server is not available"):
        system.redis_server_binary()
    monkeypatch.setenv("SOVGW_REQUIRE_SYSTEM_DEPS", "1")
    with pytest.raises(pytest.fail.Exception, match="redis-server is required"):
        system.redis_server_binary()
