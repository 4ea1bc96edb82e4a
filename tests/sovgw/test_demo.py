"""`sovgw demo --once`: the scenario's answers say where each request went, and nothing points at a
gateway that is gone once the command has returned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sovgw.cli import main


def test_demo_once_shows_where_each_request_went_and_offers_no_dead_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--once", "--port", "0", "--workdir", str(tmp_path)]) == 0
    out = capsys.readouterr().out

    health = next(line for line in out.splitlines() if line.startswith("health data"))
    assert "special" in health and " LT " in health  # Art. 9 data stays in the tenant's home state
    assert "HTTP 451" in out  # personal data bound for a US-only model is refused
    assert f"Audit trail: {tmp_path / 'audit.db'}" in out and (tmp_path / "audit.db").exists()
    assert not re.search(r"https?://", out), "a URL printed by --once points at a stopped gateway"
    assert "API key" not in out
