"""`sovgw demo --once`: the scenario's answers say where each request went, and nothing points at a
gateway that is gone once the command has returned. Its witness cosigns the trail's checkpoints, and
the promises its answers carried hold."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from audit.checkpoint import NoteVerifier, split_note
from audit.cosignature import CosignatureVerifier
from sovgw.cli import main
from sovgw.demo import SCENARIO


def _check_witnessed(note: str, workdir: Path) -> None:
    """``note`` is signed by the demo log's key and cosigned by the demo witness's: two lines."""
    log_key = NoteVerifier.from_vkey((workdir / "log-key" / "signing-key.vkey").read_text())
    witness_key = CosignatureVerifier.from_vkey((workdir / "witness" / "witness.vkey").read_text())
    assert len(split_note(note)[1]) == 2
    assert log_key.verify(note).size > 0
    assert witness_key.timestamp(note) > 0


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
    assert "Witness demo-witness cosigns" in out
    _check_witnessed((tmp_path / "audit.db.witnessed-checkpoint").read_text(), tmp_path)
    vkey = tmp_path / "log-key" / "signing-key.vkey"
    promises = tmp_path / "promises.txt"
    assert len(promises.read_text().splitlines()) == len(SCENARIO) + 1  # the denial's too
    database = f"sqlite:///{tmp_path / 'audit.db'}"
    assert (
        main(["audit", "verify", "--database", database, "--key", str(vkey), "--promise", str(promises)]) == 0
    )
    assert "included in the checkpoint" in capsys.readouterr().out


def test_demo_serving_on_hands_out_a_console_and_an_officer_token_that_reads_its_trail(
    tmp_path: Path,
) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "sovgw.cli", "demo", "--port", "0", "--workdir", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=_as_a_background_job,  # Ctrl-C must stop it all the same
    )
    try:
        assert demo.stdout is not None
        lines: dict[str, str] = {}
        printed: list[str] = []
        deadline = time.monotonic() + 110
        while "Officer token" not in lines:
            assert time.monotonic() < deadline and demo.poll() is None, "the demo never offered its console"
            printed.append(demo.stdout.readline())
            name, _, value = printed[-1].partition(": ")
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
        assert any(re.match(r"Witness demo-witness at http://127\.0\.0\.1:\d+ ", line) for line in printed)
        # The checkpoint monitors read: signed by the log, cosigned by the witness (signed every 2 s).
        while True:
            checkpoint = httpx.get(f"{base}/checkpoint", timeout=10)
            if checkpoint.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert checkpoint.status_code == 200, checkpoint.text
        _check_witnessed(checkpoint.text, tmp_path)
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            stacks = _thread_stacks(demo.pid)
            demo.kill()
            message = f"the demo did not stop within 30 s of Ctrl-C; where it waits:\n{stacks}"
            raise AssertionError(message) from None


def _as_a_background_job() -> None:
    """Start the demo as a shell's background job (SIGINT ignored) from a thread that blocks SIGINT,
    both inherited across exec: the state in which an earlier demo never heard its Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _thread_stacks(pid: int) -> str:
    """Every thread's stack in a running process (py-spy, from the dev dependencies), to show where
    a hung shutdown waits."""
    spy = Path(sys.executable).with_name("py-spy")
    if not spy.exists():
        return "(py-spy is not installed)"
    dump = subprocess.run([str(spy), "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=60)
    # Signals the process ignores or blocks (hex masks): both are inherited from whoever started it.
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    masks = "\n".join(line for line in status if line.startswith(("SigBlk", "SigIgn")))
    return f"{masks}\n{dump.stdout or dump.stderr}"
