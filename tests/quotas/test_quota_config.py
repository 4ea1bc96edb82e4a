"""Quotas in the configuration file: validated with the rest, and refused where they could not hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.config import ConfigError, config_digest, parse_config
from gateway.quotas.quotas import workers_problem
from tests.gateway.test_config import _config

QUOTA = {"requests_per_minute": 60, "tokens_per_day": 1_000_000}


def with_quota(quota: dict[str, Any] | None, quotas: dict[str, Any] | None = None) -> dict[str, Any]:
    data = _config()
    if quota is not None:
        data["tenants"][0]["quota"] = quota
    if quotas is not None:
        data["quotas"] = quotas
    return data


def test_quotas_load_with_their_store() -> None:
    config = parse_config(with_quota(QUOTA, {"backend": "redis", "url": "redis://:pw@valkey:6379/0"}))
    assert config.tenants[0].quota is not None and config.tenants[0].quota.tokens_per_day == 1_000_000
    assert config.quotas.backend == "redis"
    assert parse_config(with_quota(None)).quotas.backend == "memory"  # the default, no quota


@pytest.mark.parametrize(
    ("quota", "quotas", "message"),
    [
        ({"requests_per_minute": 0}, None, "tenants[0].quota.requests_per_minute"),
        ({"tokens_per_day": -5}, None, "tenants[0].quota.tokens_per_day"),
        ({"requests_per_day": 5}, None, "tenants[0].quota.requests_per_day"),
        (QUOTA, {"backend": "redis"}, "url is required with backend redis"),
        (QUOTA, {"backend": "memory", "url": "redis://x:6379"}, "url is required with backend redis"),
        (QUOTA, {"backend": "redis", "url": "http://x:6379"}, "quotas.url"),
        (QUOTA, {"backend": "memcached"}, "quotas.backend"),
    ],
)
def test_an_invalid_quota_names_the_field(
    quota: dict[str, Any], quotas: dict[str, Any] | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_config(with_quota(quota, quotas))


def test_the_store_password_stays_out_of_the_recorded_digest() -> None:
    one = parse_config(with_quota(QUOTA, {"backend": "redis", "url": "redis://:one@valkey:6379/0"}))
    two = parse_config(with_quota(QUOTA, {"backend": "redis", "url": "redis://:two@valkey:6379/0"}))
    assert config_digest(one) == config_digest(two)


def test_quotas_counted_in_memory_cannot_be_served_by_several_workers(tmp_path: Path) -> None:
    memory = parse_config(with_quota(QUOTA))
    assert workers_problem(memory, 1) is None
    assert "quotas.backend" in (workers_problem(memory, 2) or "")
    assert workers_problem(parse_config(with_quota(None)), 2) is None  # nobody has a quota
    shared = parse_config(with_quota(QUOTA, {"backend": "redis", "url": "redis://127.0.0.1:6379"}))
    assert workers_problem(shared, 4) is None

    path = tmp_path / "gateway.yaml"
    path.write_text(yaml.safe_dump(with_quota(QUOTA) | {"listen": {"port": 0}}))
    done = subprocess.run(
        [sys.executable, "-m", "sovgw.cli", "serve", "--config", str(path), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "tenant quotas counted in memory hold for one worker, not 2" in done.stderr
