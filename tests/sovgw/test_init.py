"""`sovgw init` writes a configuration that starts, a signing key apart from the database that only
its owner can read, and a first API key shown once; a missing key file stops `sovgw serve` with one
line naming the path and the fix."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gateway.config import hash_api_key, load_config
from sovgw.cli import main


def test_init_writes_a_config_that_loads_a_private_key_apart_and_a_key_shown_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--dir", str(tmp_path), "--tenant", "acme-lt"]) == 0
    out = capsys.readouterr().out
    api_key = out.split("API key for acme-lt: ")[1].split()[0]
    config = load_config(tmp_path / "gateway.yaml")
    assert config.tenants[0].api_keys[0].sha256 == hash_api_key(api_key)
    assert api_key not in (tmp_path / "gateway.yaml").read_text()  # only its hash is kept
    key_file = config.audit.signing_key_file
    assert key_file is not None and key_file.read_text().startswith("PRIVATE+KEY+")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    database = Path(config.audit.database_url.removeprefix("sqlite:///"))
    assert key_file.parent != database.parent
    assert Path(f"{key_file}.vkey").read_text().startswith(config.audit.log_origin + "+")
    assert "#" in (tmp_path / "gateway.yaml").read_text()  # commented for the one who edits it


def test_init_refuses_the_key_beside_the_database_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beside = ["init", "--dir", str(tmp_path), "--key-dir", str(tmp_path / "data")]
    assert main(beside) == 2
    assert "beside the database" in capsys.readouterr().err
    assert not (tmp_path / "gateway.yaml").exists()
    assert main([*beside, "--key-beside-database"]) == 0


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--dir", str(tmp_path)]) == 0
    before = (tmp_path / "gateway.yaml").read_text()
    assert main(["init", "--dir", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert (tmp_path / "gateway.yaml").read_text() == before


def test_a_missing_signing_key_file_stops_serve_with_one_line(tmp_path: Path) -> None:
    assert main(["init", "--dir", str(tmp_path)]) == 0
    config = yaml.safe_load((tmp_path / "gateway.yaml").read_text())
    config["audit"]["signing_key_file"] = str(tmp_path / "nowhere" / "signing.key")
    (tmp_path / "gateway.yaml").write_text(yaml.safe_dump(config))
    done = subprocess.run(
        [sys.executable, "-m", "sovgw.cli", "serve", "--config", str(tmp_path / "gateway.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "nowhere/signing.key" in lines[0] and "sovgw init" in lines[0]
    assert "Traceback" not in done.stderr
