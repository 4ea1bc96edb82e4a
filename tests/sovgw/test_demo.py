"""`sovgw demo --once`: the scenario's answers say where each request went, and nothing points at a
gateway that is gone once the command has returned."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
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


def test_demo_serving_on_hands_out_a_console_and_an_officer_token_that_reads_its_trail(
    tmp_path: Path,
) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "sovgw.cli", "demo", "--port", "0", "--workdir", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert demo.stdout is not None
        lines: dict[str, str] = {}
        deadline = time.monotonic() + 110
        while "Officer token" not in lines:
            assert time.monotonic() < deadline and demo.poll() is None, "the demo never offered its console"
            name, _, value = demo.stdout.readline().partition(": ")
            lines[name] = value.strip()
        console, token = lines["Console"].split()[0], lines["Officer token"]
        base = console.removesuffix("/console")
        records = httpx.get(
            f"{base}/audit/v1/records", headers={"authorization": f"Bearer {token}"}, timeout=10
        )
        assert records.status_code == 200
        seen = records.json()["records"]
        assert seen and {r["tenant"] for r in seen} == {
            "acme-lt"
        }  # the scenario's requests, this tenant's only
        signed_in = httpx.post(
            f"{console}/sign-in", data={"token": token}, headers={"origin": base}, follow_redirects=False
        )
        assert signed_in.status_code == 303 and "sovgw_console" in signed_in.cookies
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=30)
