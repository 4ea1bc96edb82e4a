"""AMD SEV-SNP evidence, appraised offline against a pinned root: a report signed by a VCEK under
the ASK under the configured ARK, binding the gateway's nonce, passes and yields its launch
measurement; every other report fails, saying what did not hold. The chain is made in the test."""

from __future__ import annotations

import re
import secrets
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import Evidence, NodeIdentityError, descriptor_digest, report_data
from gateway.config import AttestationConfig, load_config
from gateway.routing.attestation import appraise, verifiers_for
from gateway.routing.sev_snp import parse_report
from tests.nodes.grid import BALTIC, descriptor
from tests.nodes.snp_chain import MEASUREMENT, Chain, Report, certificate, quote

CHAIN = Chain()
DESCRIPTOR = descriptor("lt-1", BALTIC, "LT", Ed25519PrivateKey.generate())
DIGEST = descriptor_digest(DESCRIPTOR)
NOW = datetime.now(UTC)
MAX_AGE = timedelta(minutes=5)


@pytest.fixture(scope="module")
def verifiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    ark = tmp_path_factory.mktemp("roots") / "ark-milan.pem"
    ark.write_text(CHAIN.pem(CHAIN.ark))
    return verifiers_for(AttestationConfig(sev_snp_roots={"Milan": ark}))  # type: ignore[return-value]


def _evidence(nonce: str, report: bytes, vcek: str | None = None, ask: str | None = None) -> Evidence:
    return Evidence(
        type="sev-snp",
        nonce=nonce,
        descriptor_sha256=DIGEST,
        report_data=report_data(nonce, DIGEST),
        issued_at=NOW,
        quote=quote(report, vcek or CHAIN.pem(CHAIN.vcek), ask or CHAIN.pem(CHAIN.ask)),
    )


def _appraise(evidence: Evidence, nonce: str, verifiers: dict[str, object]) -> str | None:
    return appraise(evidence, DESCRIPTOR, DIGEST, nonce, NOW, MAX_AGE, verifiers)  # type: ignore[arg-type]


def test_a_report_signed_under_the_pinned_root_and_binding_the_nonce_passes_with_its_measurement(
    verifiers: dict[str, object],
) -> None:
    nonce = secrets.token_hex(32)
    report = Report().binding(report_data(nonce, DIGEST)).signed_by(CHAIN.vcek_key)
    assert _appraise(_evidence(nonce, report), nonce, verifiers) == MEASUREMENT.hex()


def test_the_report_layout_is_read_at_the_abi_offsets() -> None:
    data = report_data(secrets.token_hex(32), DIGEST)
    report = parse_report(Report(version=2, vmpl=0, policy=0x30000).binding(data).signed_by(CHAIN.vcek_key))
    assert (report.version, report.policy, report.vmpl, report.signature_algo) == (2, 0x30000, 0, 1)
    assert report.report_data == bytes.fromhex(data) + bytes(32)
    assert report.measurement == MEASUREMENT
    assert len(report.signed) == 0x2A0


def _other_ask_signed_vcek() -> str:
    """A VCEK naming the right ASK as its issuer, signed by another key."""
    stranger = Chain()
    return CHAIN.pem(certificate("SEV-VCEK", CHAIN.vcek_key, "SEV-Milan", stranger.ask_key))


def _expired_vcek() -> str:
    return CHAIN.pem(certificate("SEV-VCEK", CHAIN.vcek_key, "SEV-Milan", CHAIN.ask_key, expired=True))


def _foreign_chain(nonce: str) -> Evidence:
    """A whole chain of its own: valid in itself, under an ARK nobody pinned."""
    other = Chain()
    report = Report().binding(report_data(nonce, DIGEST)).signed_by(other.vcek_key)
    return _evidence(nonce, report, other.pem(other.vcek), other.pem(other.ask))


def _pkcs1_ask(nonce: str) -> Evidence:
    """The right ARK's key, but PKCS#1 v1.5 rather than the PSS AMD's chain uses."""
    ask = certificate("SEV-Milan", CHAIN.ask_key, "ARK-Milan", CHAIN.ark_key, pss=False)
    report = Report().binding(report_data(nonce, DIGEST)).signed_by(CHAIN.vcek_key)
    return _evidence(nonce, report, ask=CHAIN.pem(ask))


def _flipped(report: bytes, at: int) -> bytes:
    return report[:at] + bytes([report[at] ^ 1]) + report[at + 1 :]


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("replayed nonce", "REPORT_DATA is not SHA-256(nonce || descriptor digest)"),
        ("report data not zero-padded", "REPORT_DATA is not SHA-256(nonce || descriptor digest)"),
        ("flipped measurement byte", "signature does not verify with the VCEK"),
        ("flipped policy byte", "signature does not verify with the VCEK"),
        ("flipped signature byte", "signature does not verify with the VCEK"),
        ("other VCEK key", "signature does not verify with the VCEK"),
        ("VCEK not signed by the ASK", "VCEK is not signed by the ASK"),
        ("ASK not under the pinned ARK", "ASK is not signed by a pinned AMD root key"),
        ("ASK signed without PSS", "ASK is not signed by a pinned AMD root key"),
        ("DEBUG allowed", "guest policy allows DEBUG"),
        ("VMPL 1", "comes from VMPL 1, not VMPL 0"),
        ("version 4", "version 4 is not one read here"),
        ("version 1", "version 1 is not one read here"),
        ("signature algorithm 2", "signature algorithm 2 is not ECDSA P-384"),
        ("truncated", "is 1183 bytes, not 1184"),
        ("signed by a VLEK", "not signed by a VCEK"),
        ("another chip", "issued for another chip"),
        ("VCEK without hardware id", "VCEK carries no hardware id extension"),
        ("not a quote", "not base64 of a JSON object with report, vcek and ask"),
        ("VCEK not PEM", "VCEK is not a PEM certificate"),
        ("VCEK expired", "VCEK certificate is outside its validity window"),
    ],
)
def test_a_report_that_does_not_hold_fails_saying_why(
    case: str, reason: str, verifiers: dict[str, object]
) -> None:
    nonce = secrets.token_hex(32)
    good = Report().binding(report_data(nonce, DIGEST))
    signed = good.signed_by(CHAIN.vcek_key)

    def made(**fields: Any) -> Evidence:
        return _evidence(nonce, replace(good, **fields).signed_by(CHAIN.vcek_key))

    other_nonce = report_data(secrets.token_hex(32), DIGEST)
    evidence = {
        "replayed nonce": lambda: made(report_data=bytes.fromhex(other_nonce) + bytes(32)),
        "report data not zero-padded": lambda: made(report_data=good.report_data[:32] + b"\x01" * 32),
        "flipped measurement byte": lambda: _evidence(nonce, _flipped(signed, 0x90)),
        "flipped policy byte": lambda: _evidence(nonce, _flipped(signed, 0x0A)),
        "flipped signature byte": lambda: _evidence(nonce, _flipped(signed, 0x2A0)),
        "other VCEK key": lambda: _evidence(nonce, good.signed_by(ec.generate_private_key(ec.SECP384R1()))),
        "VCEK not signed by the ASK": lambda: _evidence(nonce, signed, vcek=_other_ask_signed_vcek()),
        "ASK not under the pinned ARK": lambda: _foreign_chain(nonce),
        "ASK signed without PSS": lambda: _pkcs1_ask(nonce),
        "DEBUG allowed": lambda: made(policy=0x30000 | 1 << 19),
        "VMPL 1": lambda: made(vmpl=1),
        "version 4": lambda: made(version=4),
        "version 1": lambda: made(version=1),
        "signature algorithm 2": lambda: made(signature_algo=2),
        "truncated": lambda: _evidence(nonce, signed[:-1]),
        "signed by a VLEK": lambda: made(flags=1 << 2),
        "another chip": lambda: made(chip_id=bytes(63) + b"\x01"),
        "VCEK without hardware id": lambda: _evidence(
            nonce, signed, vcek=CHAIN.pem(CHAIN.issue_vcek(chip_id=None))
        ),
        "not a quote": lambda: _evidence(nonce, signed).model_copy(update={"quote": "bm90IEpTT04="}),
        "VCEK expired": lambda: _evidence(nonce, signed, vcek=_expired_vcek()),
        "VCEK not PEM": lambda: _evidence(nonce, signed, vcek="-----BEGIN CERTIFICATE-----\nAAAA\n"),
    }[case]()
    with pytest.raises(NodeIdentityError, match=re.escape(reason)):
        _appraise(evidence, nonce, verifiers)


def test_a_masked_chip_id_is_not_compared(verifiers: dict[str, object]) -> None:
    nonce = secrets.token_hex(32)
    report = Report(chip_id=bytes(64)).binding(report_data(nonce, DIGEST)).signed_by(CHAIN.vcek_key)
    assert _appraise(_evidence(nonce, report), nonce, verifiers) == MEASUREMENT.hex()


def test_without_a_pinned_root_sev_snp_evidence_fails_naming_the_setting() -> None:
    nonce = secrets.token_hex(32)
    report = Report().binding(report_data(nonce, DIGEST)).signed_by(CHAIN.vcek_key)
    with pytest.raises(NodeIdentityError, match=r"no AMD root key is pinned \(attestation.sev_snp_roots\)"):
        _appraise(_evidence(nonce, report), nonce, verifiers_for(AttestationConfig()))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "reason"), [(None, "No such file"), ("not a certificate", "not PEM X.509")]
)
def test_a_root_file_that_cannot_be_used_stops_the_start_naming_it(
    tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / "ark.pem"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ValueError, match=rf"attestation.sev_snp_roots.Milan: {path}.*{reason}"):
        verifiers_for(AttestationConfig(sev_snp_roots={"Milan": path}))


def test_root_paths_in_the_configuration_are_relative_to_its_file(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "config" / "example.yaml").read_text()
    assert "#   Milan: roots/ark-milan.pem" in text  # the example documents the setting
    pinned = text.replace("  # sev_snp_roots:\n  #   Milan:", "  sev_snp_roots:\n    Milan:")
    config_file = tmp_path / "gateway.yaml"
    config_file.write_text(pinned)
    env = {"ACME_KEY_SHA256": "0" * 64, "SOVGW_AUDIT_DATABASE_URL": "sqlite:///x.db"}
    env["HELSINKI_NODE_TOKEN"] = "t"
    config = load_config(config_file, env=env)
    assert config.attestation.sev_snp_roots == {"Milan": tmp_path / "roots" / "ark-milan.pem"}
