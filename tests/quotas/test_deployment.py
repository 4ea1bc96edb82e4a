"""docker-compose and the Helm chart count tenant quotas in one Redis/Valkey for every replica."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import httpx
import kubernetes_validate
import pytest
import yaml

from gateway.config import hash_api_key, load_config, parse_config
from tests.deploy.test_compose import _config_mount, _environment, _gateways
from tests.deploy.test_helm_chart import CHART, KUBERNETES
from tests.support.system import helm_binary

ROOT = Path(__file__).resolve().parents[2]


def test_every_compose_replica_counts_quotas_in_the_compose_redis(tmp_path: Path) -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    gateways = _gateways(services)
    assert len(gateways) >= 2
    for gateway in gateways.values():
        config = load_config(_config_mount(gateway), env=_environment(gateway, tmp_path))
        assert config.quotas.backend == "redis" and config.quotas.url is not None
        host = httpx.URL(config.quotas.url).host
        assert host in services and host in gateway["depends_on"]  # one store for every replica
        assert any(t.quota is not None and t.quota.limited for t in config.tenants)


def render(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(helm_binary()), "template", "sovgw", str(CHART), "--namespace", "grid", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def docs(*args: str) -> list[dict[str, Any]]:
    result = render(*args)
    assert result.returncode == 0, result.stderr
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def gateway_config(rendered: list[dict[str, Any]]) -> dict[str, Any]:
    config_map = next(d for d in rendered if d["kind"] == "ConfigMap")
    return yaml.safe_load(config_map["data"]["config.yaml"])


def named(rendered: list[dict[str, Any]], kind: str, suffix: str) -> dict[str, Any]:
    return next(d for d in rendered if d["kind"] == kind and d["metadata"]["name"].endswith(suffix))


def test_the_production_chart_runs_valkey_and_wires_every_replica_to_it() -> None:
    rendered = docs("-f", str(CHART / "values-production.yaml"))
    config = gateway_config(rendered)
    service = named(rendered, "Service", "-valkey")
    port = service["spec"]["ports"][0]["port"]
    assert config["quotas"]["backend"] == "redis"
    assert config["quotas"]["url"] == f"redis://{service['metadata']['name']}:{port}/0"
    assert config["tenants"][0]["quota"]["requests_per_minute"] > 0
    env = {"SOVGW_AUDIT_DATABASE_URL": "postgresql://w:p@db/sovgw", "ACME_KEY_SHA256": hash_api_key("k")}
    env |= {"HELSINKI_NODE_TOKEN": "t", "WITNESS_B_VKEY": "x", "WITNESS_C_VKEY": "x"}
    assert parse_config(config, env=env).quotas.url == config["quotas"]["url"]  # the gateway accepts it
    valkey = named(rendered, "StatefulSet", "-valkey")
    kubernetes_validate.validate(valkey, KUBERNETES, strict=True)
    labels = valkey["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    # Only the gateway's pods reach it, and the gateway may reach it.
    fence = named(rendered, "NetworkPolicy", "-valkey")
    gateway_pods = named(rendered, "Deployment", "gateway")["spec"]["selector"]["matchLabels"]
    assert fence["spec"]["ingress"][0]["from"] == [{"podSelector": {"matchLabels": gateway_pods}}]
    egress = named(rendered, "NetworkPolicy", "gateway")["spec"]["egress"]
    assert any(
        rule.get("to") == [{"podSelector": {"matchLabels": fence["spec"]["podSelector"]["matchLabels"]}}]
        and rule["ports"] == [{"protocol": "TCP", "port": port}]
        for rule in egress
    )


def test_by_default_no_valkey_and_no_quota_store() -> None:
    rendered = docs()
    assert "quotas" not in gateway_config(rendered)
    assert not [d for d in rendered if d["metadata"]["name"].endswith("-valkey")]


def test_an_external_redis_url_is_wired_into_the_gateway() -> None:
    url = "redis://:${QUOTAS_REDIS_PASSWORD}@valkey.shared.svc:6379/0"
    config = gateway_config(docs("--set", f"quotas.url={url}"))
    assert config["quotas"] == {"backend": "redis", "url": url, "timeout_s": 0.5}


@pytest.mark.parametrize(
    "values", [[], ["-f", str(CHART / "values-production.yaml"), "--set", "valkey.enabled=false"]]
)
def test_a_tenant_quota_without_a_shared_store_does_not_render(values: list[str]) -> None:
    quota = ["--set-json", 'config.tenants[0].quota={"requests_per_minute": 10}'] if not values else []
    result = render(*values, *quota)
    assert result.returncode != 0 and "valkey.enabled or quotas.url" in result.stderr
