"""The node-agent's evidence command: run once per nonce with the report data to bind, its output
served as hardware evidence; a command that fails, hangs or prints no base64 gives a 503 that says
which, never its output."""

from __future__ import annotations

import argparse
import base64
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import Evidence, descriptor_digest, report_data
from nodeagent.app import AgentSettings
from nodeagent.cli import add_arguments, settings_from
from nodeagent.evidence import EvidenceCommand
from nodeagent.server import ThreadedAgent
from tests.nodes.grid import BALTIC, descriptor, signed

NODE_KEY = Ed25519PrivateKey.generate()
SIGNED = signed(descriptor("lt-1", BALTIC, "LT", NODE_KEY), BALTIC)
DIGEST = descriptor_digest(SIGNED.descriptor)
# Prints base64 of what it was given: the report data, then the nonce and descriptor digest.
ECHO = 'printf "%s %s %s" "$SOVGW_REPORT_DATA" "$SOVGW_NONCE" "$SOVGW_DESCRIPTOR_SHA256" | base64 -w0'


def _agent(*argv: str, timeout_s: float = 5.0) -> ThreadedAgent:
    command = EvidenceCommand(argv, timeout_s=timeout_s)
    return ThreadedAgent(AgentSettings("http://127.0.0.1:9", SIGNED, NODE_KEY, evidence_command=command))


@pytest.fixture(scope="module")
def echoing() -> Iterator[ThreadedAgent]:
    with _agent("sh", "-c", ECHO) as agent:
        yield agent


def test_each_nonce_runs_the_command_with_the_report_data_to_bind(echoing: ThreadedAgent) -> None:
    for _ in range(2):
        nonce = secrets.token_hex(32)
        answer = httpx.get(f"{echoing.url}/attestation?nonce={nonce}", timeout=10)
        assert answer.status_code == 200, answer.text
        evidence = Evidence.model_validate_json(answer.content)
        assert evidence.type == "sev-snp"
        assert (evidence.nonce, evidence.descriptor_sha256) == (nonce, DIGEST)
        assert evidence.report_data == report_data(nonce, DIGEST)
        assert base64.b64decode(evidence.quote).decode() == f"{evidence.report_data} {nonce} {DIGEST}"


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("sh", "-c", "echo secret-detail >&2; exit 3"), "the evidence command exited with 3"),
        (("sh", "-c", "echo 'not base64!'"), "the evidence command's output is not base64"),
        (("sh", "-c", "true"), "the evidence command printed nothing"),
        (("sh", "-c", "sleep 5"), "the evidence command took over 0.3 s"),
        (("/nonexistent/collect-evidence",), "the evidence command cannot be started"),
    ],
)
def test_a_command_that_gives_no_evidence_is_a_503_saying_why(
    argv: tuple[str, ...], reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    with _agent(*argv, timeout_s=0.3) as agent:
        answer = httpx.get(f"{agent.url}/attestation?nonce={secrets.token_hex(32)}", timeout=10)
    assert answer.status_code == 503
    assert answer.json()["error"].startswith(reason)
    assert reason in caplog.text  # the agent's log says why too, and nothing the command wrote
    assert "secret-detail" not in answer.text and "secret-detail" not in caplog.text


def test_a_malformed_nonce_never_reaches_the_command(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with _agent("sh", "-c", f"touch {marker}; echo AA==") as agent:
        answer = httpx.get(f"{agent.url}/attestation?nonce=$(reboot)", timeout=10)
    assert answer.status_code == 400
    assert not marker.exists()


def test_the_command_line_takes_the_command_split_like_a_shell(tmp_path: Path) -> None:
    settings = _cli(tmp_path, "--evidence-command", f"{sys.executable} collect.py --product 'Milan v1'")
    assert settings.evidence_command is not None
    assert settings.evidence_command.argv == (sys.executable, "collect.py", "--product", "Milan v1")
    assert _cli(tmp_path).evidence_command is None  # simulated evidence, as before


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (("--evidence-command", "  "), "empty"),
        (("--evidence-command", "x", "--evidence-timeout", "0"), "positive"),
    ],
)
def test_an_unusable_command_line_is_refused(tmp_path: Path, extra: tuple[str, ...], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        _cli(tmp_path, *extra)


def _cli(tmp_path: Path, *extra: str) -> AgentSettings:
    key = tmp_path / "node.key"
    key.write_bytes(
        NODE_KEY.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    descriptor_file = tmp_path / "descriptor.json"
    descriptor_file.write_text(SIGNED.model_dump_json())
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = ["--upstream", "http://127.0.0.1:9", "--descriptor", str(descriptor_file), "--key", str(key)]
    return settings_from(parser.parse_args([*args, *extra]))
