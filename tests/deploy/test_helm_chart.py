"""The Helm chart: lints, renders with the default and the production values, and every manifest
it renders is valid Kubernetes (offline schemas); the gateway accepts the configuration it ships."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from gateway.config import hash_api_key, load_config
from tests.support.system import helm_binary

CHART = Path(__file__).resolve().parents[2] / "deploy/helm/sovereign-gateway"
KUBERNETES = "1.37.0"
VALUES = {"default": [], "production": ["-f", str(CHART / "values-production.yaml")]}
# Custom resources whose schemas ship with their operators, not with Kubernetes.
CUSTOM = {"monitoring.coreos.com/v1"}


def _helm(*args: str) -> str:
    result = subprocess.run([str(helm_binary()), *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr or result.stdout
    return result.stdout


def _render(values: str) -> list[dict[str, Any]]:
    out = _helm("template", "sovgw", str(CHART), "--namespace", "grid", *VALUES[values])
    return [d for d in yaml.safe_load_all(out) if d]


@pytest.mark.parametrize("values", VALUES)
def test_the_chart_lints(values: str) -> None:
    assert "0 chart(s) failed" in _helm("lint", "--strict", str(CHART), *VALUES[values])


@pytest.mark.parametrize("values", VALUES)
def test_every_rendered_manifest_is_valid_kubernetes(values: str) -> None:
    docs = _render(values)
    checked = 0
    for doc in docs:
        if doc["apiVersion"] in CUSTOM:
            continue
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)
        checked += 1
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "ConfigMap", "NetworkPolicy", "PodDisruptionBudget"} <= kinds
    if values == "production":
        assert {"HorizontalPodAutoscaler", "ServiceMonitor", "StatefulSet"} <= kinds
    assert checked >= 6


def test_a_broken_manifest_is_caught_by_the_validation() -> None:
    """The schema check is not a formality: a misspelt field in a rendered Deployment fails it."""
    deployment = next(d for d in _render("default") if d["kind"] == "Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGett"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)


@pytest.mark.parametrize("values", VALUES)
def test_the_gateway_runs_behind_an_opa_sidecar_fed_by_a_signed_bundle(values: str) -> None:
    docs = _render(values)
    pod = next(d for d in docs if d["kind"] == "Deployment")["spec"]["template"]["spec"]
    gateway, opa = pod["containers"]
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/health"
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert {"name": "HF_HUB_OFFLINE", "value": "1"} in gateway["env"]
    assert "--bundle" in opa["args"] and "--signing-alg=ES256" in opa["args"]
    assert any(a.startswith("--verification-key=") for a in opa["args"])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert all(c["securityContext"]["readOnlyRootFilesystem"] for c in pod["containers"])


@pytest.mark.parametrize("values", VALUES)
def test_the_gateway_accepts_the_configuration_the_chart_renders(values: str, tmp_path: Path) -> None:
    docs = _render(values)
    config_map = next(d for d in docs if d["kind"] == "ConfigMap")
    path = tmp_path / "config.yaml"
    path.write_text(config_map["data"]["config.yaml"])
    pod = next(d for d in docs if d["kind"] == "Deployment")["spec"]["template"]["spec"]
    from_secret = [e["name"] for e in pod["containers"][0]["env"] if "valueFrom" in e]
    env = {name: "x" for name in from_secret}
    env |= {"SOVGW_AUDIT_DATABASE_URL": "postgresql://w:p@db/sovgw", "ACME_KEY_SHA256": hash_api_key("k")}
    config = load_config(path, env=env)
    assert config.policy.opa_url is not None and str(config.policy.opa_url).startswith(
        "http://127.0.0.1:8181"
    )
    assert config.nodes and config.tenants


def test_a_witness_without_logs_to_witness_does_not_render() -> None:
    result = subprocess.run(
        [str(helm_binary()), "template", "sovgw", str(CHART), "--set", "witness.enabled=true"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "witness.logs" in result.stderr


def test_traces_go_to_the_collector_named_in_values_and_the_network_policy_lets_them(tmp_path: Path) -> None:
    docs = _render("production")
    config_map = next(d for d in docs if d["kind"] == "ConfigMap")
    path = tmp_path / "config.yaml"
    path.write_text(config_map["data"]["config.yaml"])
    pod = next(d for d in docs if d["kind"] == "Deployment")["spec"]["template"]["spec"]
    env = {e["name"]: "x" for e in pod["containers"][0]["env"] if "valueFrom" in e}
    env |= {"SOVGW_AUDIT_DATABASE_URL": "postgresql://w:p@db/sovgw", "ACME_KEY_SHA256": hash_api_key("k")}
    config = load_config(path, env=env)
    endpoint = config.telemetry.otlp_endpoint
    assert endpoint is not None and (endpoint.host, endpoint.port) == (
        "otel-collector.observability.svc",
        4318,
    )
    policy = next(d for d in docs if d["kind"] == "NetworkPolicy")
    ports = [p["port"] for rule in policy["spec"]["egress"] for p in rule.get("ports", [])]
    assert 4318 in ports
    # By default tracing is off: no collector in the configuration, no port opened for one.
    default = _render("default")
    assert "telemetry" not in yaml.safe_load(
        next(d for d in default if d["kind"] == "ConfigMap")["data"]["config.yaml"]
    )
    policy = next(d for d in default if d["kind"] == "NetworkPolicy")
    assert 4318 not in [p["port"] for rule in policy["spec"]["egress"] for p in rule.get("ports", [])]
