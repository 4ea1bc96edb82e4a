"""The configuration is validated in full before anything starts, and errors name the field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gateway.config import ConfigError, hash_api_key, load_config
from sovgw.cli import main

KEY_HASH = hash_api_key("sk-example")


def _config(**changes: object) -> dict:
    data: dict = {
        "nodes": [
            {
                "id": "n1",
                "base_url": "http://127.0.0.1:9001",
                "jurisdiction": "LT",
                "operator": "Op",
                "models": ["m"],
            }
        ],
        "tenants": [
            {
                "id": "t1",
                "home_jurisdiction": "LT",
                "allowed_jurisdictions": ["LT"],
                "purposes": ["support"],
                "api_keys": [{"id": "k", "sha256": KEY_HASH}],
            }
        ],
    }
    data.update(changes)
    return data


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "gateway.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


def test_a_valid_file_loads_with_defaults(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, _config()))
    assert config.nodes[0].url == "http://127.0.0.1:9001"
    assert config.limits.max_body_bytes == 2_000_000
    assert config.classification.on_failure == "deny"


def test_secrets_come_from_the_environment(tmp_path: Path) -> None:
    data = _config()
    data["nodes"][0]["token"] = "${NODE_TOKEN}"
    config = load_config(_write(tmp_path, data), env={"NODE_TOKEN": "s3cret"})
    assert config.nodes[0].token == "s3cret"


def test_a_missing_environment_variable_names_the_field(tmp_path: Path) -> None:
    data = _config()
    data["nodes"][0]["token"] = "${NODE_TOKEN}"
    with pytest.raises(ConfigError, match=r"nodes\[0\]\.token: environment variable NODE_TOKEN is not set"):
        load_config(_write(tmp_path, data), env={})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"jurisdiction": "Lithuania"}, r"nodes\[0\]\.jurisdiction"),
        ({"base_url": "not a url"}, r"nodes\[0\]\.base_url"),
        ({"protocol": "grpc"}, r"nodes\[0\]\.protocol"),
        ({"models": []}, r"nodes\[0\]\.models"),
        ({"colour": "red"}, r"nodes\[0\]\.colour: Extra inputs are not permitted"),
    ],
)
def test_an_invalid_node_field_is_named_with_the_file(tmp_path: Path, change: dict, message: str) -> None:
    data = _config()
    data["nodes"][0].update(change)
    path = _write(tmp_path, data)
    with pytest.raises(ConfigError, match=message) as err:
        load_config(path)
    assert str(path) in str(err.value)


def test_api_keys_must_be_hashes_not_keys(tmp_path: Path) -> None:
    data = _config()
    data["tenants"][0]["api_keys"][0]["sha256"] = "sk-plaintext-key"
    with pytest.raises(ConfigError, match=r"tenants\[0\]\.api_keys\[0\]\.sha256"):
        load_config(_write(tmp_path, data))


def test_duplicate_node_ids_are_refused(tmp_path: Path) -> None:
    data = _config()
    data["nodes"].append(dict(data["nodes"][0]))
    with pytest.raises(ConfigError, match="duplicate node id 'n1'"):
        load_config(_write(tmp_path, data))


def test_a_default_purpose_must_be_declared(tmp_path: Path) -> None:
    data = _config()
    data["tenants"][0]["default_purpose"] = "marketing"
    with pytest.raises(ConfigError, match="default_purpose 'marketing' is not one of purposes"):
        load_config(_write(tmp_path, data))


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"not valid YAML at line \d+, column \d+"):
        load_config(_write(tmp_path, "nodes:\n  - id: [unclosed\n"))


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_config(tmp_path / "missing.yaml")


def test_serve_without_a_config_refuses_clearly(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.delenv("SOVGW_CONFIG", raising=False)
    assert main(["serve"]) == 2
    assert "no configuration given" in capsys.readouterr().err


def test_serve_with_a_bad_config_stops_before_listening(tmp_path: Path) -> None:
    data = _config()
    data["listen"] = {"port": 99999}
    path = _write(tmp_path, data)
    done = subprocess.run(
        [sys.executable, "-m", "sovgw.cli", "serve", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "listen.port" in done.stderr


def test_the_example_config_is_valid(monkeypatch) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {
        "SOVGW_AUDIT_DATABASE_URL": "sqlite:///x.db",
        "ACME_KEY_SHA256": KEY_HASH,
        "HELSINKI_NODE_TOKEN": "t",
    }
    config = load_config(root / "config/example.yaml", env=env)
    assert {n.jurisdiction for n in config.nodes} == {"LT", "FI"}
