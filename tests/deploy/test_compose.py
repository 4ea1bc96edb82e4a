"""docker-compose.yml in the production shape, checked without a container engine: every service
has a pinned image or this repository's build, what it mounts exists (or is named as made by a
documented step), every dependency and health condition points at a service that has it, the load
balancer, witness and collector are wired to what the gateway's own configuration names, and that
configuration loads with the gateway's loader."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import public_key_text
from gateway.config import GatewayConfig, hash_api_key, load_config
from witness.state import load_or_create_key

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
# Mounted files an operator makes once, by the steps the compose file's comments give.
MADE_BY_STEPS = {
    "./deploy/policy": "sovgw policy bundle",
    "./deploy/policy-keys/bundle-verification.pem": "sovgw policy bundle-key",
    "./deploy/nodes/vilnius": "sovgw node descriptor sign",
    "./deploy/nodes/helsinki": "sovgw node descriptor sign",
    "./models": "MODEL_DIR",
}
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def _gateways(services: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {name: s for name, s in services.items() if s.get("command", [None])[0] == "serve"}


def _config_mount(service: dict[str, Any]) -> Path:
    mount = next(v for v in service["volumes"] if v.endswith(":/etc/sovgw/config.yaml:ro"))
    return ROOT / mount.split(":", 1)[0]


def _substituted(value: str) -> str:
    """Compose's ${VAR:-default} with its default; ${VAR:?message} and ${VAR} left as the name."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def _environment(service: dict[str, Any], tmp_path: Path) -> dict[str, str]:
    """What the container would see, with real keys for the variables an operator must set."""
    env = {k: _substituted(str(v)) for k, v in service["environment"].items()}
    operator_key = public_key_text(Ed25519PrivateKey.generate())
    witness_key = load_or_create_key(tmp_path / "witness", "witness.example")
    made = {
        "ACME_KEY_SHA256": hash_api_key("k"),
        "BALTIC_OPERATOR_KEY": operator_key,
        "AURORA_OPERATOR_KEY": operator_key,
        "WITNESS_VKEY": witness_key.vkey(),
        "HELSINKI_NODE_TOKEN": "t",
        "OPA_TOKEN": "t",
    }
    return {k: made.get(k, v) for k, v in env.items()}


def test_two_gateway_replicas_run_the_same_service_behind_the_load_balancer(services) -> None:
    gateways = _gateways(services)
    assert sorted(gateways) == ["gateway-1", "gateway-2"]
    first, second = gateways.values()
    assert first == second  # one definition: same image, config, keys and database
    assert "ports" not in first  # clients reach them only through the balancer
    assert services["lb"]["ports"] == ["8080:8080"]
    conf = (ROOT / services["lb"]["volumes"][0].split(":", 1)[0]).read_text()
    upstream = re.findall(r"^\s*server\s+([\w-]+):(\d+)", conf, re.M)
    assert sorted(upstream) == [("gateway-1", "8080"), ("gateway-2", "8080")]
    assert re.search(r"^\s*listen\s+8080;", conf, re.M)
    # An inference request (POST) is never sent to a second replica.
    assert not re.search(r"^\s*proxy_next_upstream\s[^;#]*non_idempotent", conf, re.M)
    assert set(services["lb"]["depends_on"]) == set(gateways)


def test_every_service_runs_a_pinned_image_or_this_repository(services) -> None:
    for name, service in services.items():
        if "build" in service:
            assert service["build"] == ".", name
            continue
        image = _substituted(service["image"])
        assert re.fullmatch(r"[\w./-]+:\d[\w.-]*", image), f"{name}: {image} is not pinned to a version"


def test_every_dependency_and_health_condition_points_at_a_service_that_has_it(services) -> None:
    for name, service in services.items():
        depends = service.get("depends_on", {})
        for other in depends:
            assert other in services, f"{name} depends on a service that does not exist: {other}"
            if isinstance(depends, dict) and depends[other]["condition"] == "service_healthy":
                assert "healthcheck" in services[other], f"{name} waits for {other}, which has no healthcheck"
    for name in ("gateway-1", "gateway-2", "lb", "postgres", "redis", "witness"):
        test = services[name]["healthcheck"]["test"]
        assert test[0] == "CMD" and len(test) > 1, name
    probe = " ".join(services["gateway-1"]["healthcheck"]["test"])
    assert "127.0.0.1:8080/ready" in probe  # ready: the log takes records, the policy engine answers


def test_what_every_service_mounts_exists_or_is_made_by_a_documented_step(compose, services) -> None:
    text = COMPOSE.read_text()
    named = set(compose["volumes"])
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = _substituted(volume).split(":", 1)[0]
            if not source.startswith("."):
                assert source in named, f"{name} mounts an undeclared volume {source}"
            elif source in MADE_BY_STEPS:
                assert MADE_BY_STEPS[source] in text, f"{name}: no step makes {source}"
            else:
                assert (ROOT / source).exists(), f"{name} mounts {source}, which does not exist"


def test_every_variable_an_operator_must_set_says_how(services) -> None:
    for name, service in services.items():
        values = [
            *map(str, (service.get("environment") or {}).values()),
            *map(str, service.get("command", [])),
        ]
        for value in values:
            for var in INTERPOLATION.findall(value):
                required = re.search(rf"\$\{{{var}:\?([^}}]*)\}}", value)
                defaulted = re.search(rf"\$\{{{var}:-", value)
                assert required or defaulted, f"{name}: ${{{var}}} has neither a default nor a message"
                if required:
                    assert "`sovgw" in required[1] or "set" in required[1], f"{name}: {var}"


def test_the_gateway_configuration_they_mount_loads_and_names_the_compose_services(
    services, tmp_path
) -> None:
    gateway = services["gateway-1"]
    config: GatewayConfig = load_config(_config_mount(gateway), env=_environment(gateway, tmp_path))
    # The one log on the compose PostgreSQL, as the writer role.
    assert urlsplit(config.audit.database_url).hostname == "postgres"
    assert config.audit.database_url.startswith("postgresql://sovgw_writer:")
    # The witness it sends checkpoints to is the compose witness, on the port that service serves.
    (witness,) = config.audit.witnesses
    url = urlsplit(witness.url)
    command = services[url.hostname]["command"]
    assert command[:2] == ["witness", "serve"]
    assert command[command.index("--port") + 1] == str(url.port)
    assert config.audit.witness_quorum == 1
    assert "SOVGW_LOG_VKEY" in command[command.index("--log") + 1]  # it witnesses this log's key
    # Traces go to the collector's OTLP/HTTP receiver.
    endpoint = urlsplit(str(config.telemetry.otlp_endpoint))
    collector = services[endpoint.hostname]
    collector_config = yaml.safe_load((ROOT / collector["volumes"][0].split(":", 1)[0]).read_text())
    http = collector_config["receivers"]["otlp"]["protocols"]["http"]["endpoint"]
    assert http.rsplit(":", 1)[1] == str(endpoint.port)
    pipeline = collector_config["service"]["pipelines"]["traces"]
    assert set(pipeline["receivers"]) <= set(collector_config["receivers"])
    assert set(pipeline["exporters"]) <= set(collector_config["exporters"])
    # Policy from the compose OPA; quotas on the compose Valkey; nodes behind their node-agents.
    assert urlsplit(str(config.policy.opa_url)).hostname == "opa"
    assert "--bundle" in services["opa"]["command"]
    assert any("--verification-key" in a for a in services["opa"]["command"])
    for node in config.nodes:
        agent = services[urlsplit(str(node.base_url)).hostname]
        assert agent["command"][0] == "node-agent"


def test_an_operator_key_that_is_not_one_stops_the_configuration_from_loading(services, tmp_path) -> None:
    """The loading check is not a formality: the loader refuses a value the compose file would pass."""
    gateway = services["gateway-1"]
    env = _environment(gateway, tmp_path) | {"BALTIC_OPERATOR_KEY": "not-a-key"}
    with pytest.raises(Exception, match="key"):
        load_config(_config_mount(gateway), env=env)
