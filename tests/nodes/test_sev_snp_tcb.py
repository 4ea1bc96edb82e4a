"""The VCEK's TCB against the report's: a report passes only when its REPORTED_TCB, read in its
product line's layout, is the TCB its VCEK was issued for, component by component, and reaches the
configured minimum; a VCEK without its TCB or hardware id extensions fails. The chain is made here."""

from __future__ import annotations

import re
import secrets
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import Evidence, NodeIdentityError, descriptor_digest, report_data
from gateway.config import AttestationConfig, ConfigError, parse_config
from gateway.routing.attestation import EvidenceVerifier, appraise, verifiers_for
from tests.nodes.grid import BALTIC, descriptor
from tests.nodes.snp_chain import (
    CHIP_ID,
    HW_ID,
    MEASUREMENT,
    PSS,
    SPL_OIDS,
    TCB,
    TURIN,
    Chain,
    Report,
    certificate,
    milan_tcb,
    quote,
    turin_tcb,
)

CHAIN = Chain()
DESCRIPTOR = descriptor("lt-1", BALTIC, "LT", Ed25519PrivateKey.generate())
DIGEST = descriptor_digest(DESCRIPTOR)
TURIN_TCB = {"fmc": 0x01, "bootloader": 0x02, "tee": 0x00, "snp": 0x03, "microcode": 0x4C}
TURIN_CHIP = bytes(range(1, 9))  # Turin's chip id: 8 bytes, then zeros in the report


def _verifiers(tmp_path: Path, **settings: object) -> dict[str, EvidenceVerifier]:
    ark = tmp_path / "ark-milan.pem"
    ark.write_text(CHAIN.pem(CHAIN.ark))
    return verifiers_for(AttestationConfig.model_validate({"sev_snp_roots": {"Milan": ark}, **settings}))


@pytest.fixture(scope="module")
def verifiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EvidenceVerifier]:
    return _verifiers(tmp_path_factory.mktemp("roots"))


def _appraise(
    report: Report, verifiers: dict[str, EvidenceVerifier], vcek: x509.Certificate | None = None
) -> str | None:
    nonce = secrets.token_hex(32)
    signed = report.binding(report_data(nonce, DIGEST)).signed_by(CHAIN.vcek_key)
    evidence = Evidence(
        type="sev-snp",
        nonce=nonce,
        descriptor_sha256=DIGEST,
        report_data=report_data(nonce, DIGEST),
        issued_at=datetime.now(UTC),
        quote=quote(signed, CHAIN.pem(vcek or CHAIN.vcek), CHAIN.pem(CHAIN.ask)),
    )
    return appraise(evidence, DESCRIPTOR, DIGEST, nonce, datetime.now(UTC), timedelta(minutes=5), verifiers)


def _turin(**fields: object) -> Report:
    chip = TURIN_CHIP + bytes(56)
    return replace(Report(chip_id=chip, reported_tcb=turin_tcb(TURIN_TCB), cpuid=TURIN), **fields)  # type: ignore[arg-type]


TURIN_VCEK = CHAIN.issue_vcek(chip_id=TURIN_CHIP, tcb=TURIN_TCB)


@pytest.mark.parametrize(
    ("case", "report", "vcek"),
    [
        ("Milan, version 3", Report(), None),
        (
            "Milan, version 2 (no CPUID fields: the VCEK's product line decides)",
            Report(version=2, cpuid=(0, 0)),
            None,
        ),
        ("Turin, version 3", _turin(), TURIN_VCEK),
        ("Turin, version 2", _turin(version=2, cpuid=(0, 0)), TURIN_VCEK),
        (
            "masked chip id and a VCEK without hardware id",
            Report(chip_id=bytes(64)),
            CHAIN.issue_vcek(chip_id=None),
        ),
    ],
)
def test_a_report_of_the_tcb_its_vcek_was_issued_for_passes(
    case: str, report: Report, vcek: x509.Certificate | None, verifiers: dict[str, EvidenceVerifier]
) -> None:
    assert _appraise(report, verifiers, vcek) == MEASUREMENT.hex()


@pytest.mark.parametrize("component", ["bootloader", "tee", "snp", "microcode"])
def test_a_milan_report_of_another_tcb_fails_naming_the_component(
    component: str, verifiers: dict[str, EvidenceVerifier]
) -> None:
    newer = {**TCB, component: TCB[component] + 1}
    levels = f"{component} 0x{TCB[component]:02x} vs 0x{newer[component]:02x} in the report"
    reason = f"the SEV-SNP VCEK was issued for another TCB than the report's: {levels}"
    with pytest.raises(NodeIdentityError, match=re.escape(reason)):
        _appraise(Report(reported_tcb=milan_tcb(newer)), verifiers)


@pytest.mark.parametrize("component", ["fmc", "bootloader", "tee", "snp", "microcode"])
def test_a_turin_report_of_another_tcb_fails_naming_the_component(
    component: str, verifiers: dict[str, EvidenceVerifier]
) -> None:
    older = {**TURIN_TCB, component: TURIN_TCB[component] + 1}
    vcek = CHAIN.issue_vcek(chip_id=TURIN_CHIP, tcb=older)
    with pytest.raises(NodeIdentityError, match=rf"another TCB than the report's: {component} 0x"):
        _appraise(_turin(), verifiers, vcek)


@pytest.mark.parametrize(
    ("case", "report", "vcek", "reason"),
    [
        (
            "Turin report, Milan VCEK",
            _turin(chip_id=CHIP_ID),
            None,
            "VCEK is of the Milan/Genoa product line, the report of CPUID family 0x1a",
        ),
        (
            "Milan report, Turin VCEK",
            Report(chip_id=TURIN_CHIP + bytes(56)),
            TURIN_VCEK,
            "VCEK is of the Turin product line, the report of CPUID family 0x19",
        ),
        (
            "unknown CPUID family",
            Report(cpuid=(0x17, 0x31)),
            None,
            "CPUID family 0x17 is not a product line read here",
        ),
        (
            "version 3 without CPUID fields",
            Report(cpuid=(0, 0)),
            None,
            "CPUID family 0x00 is not a product line read here",
        ),
        (
            "Turin VCEK of another chip",
            _turin(chip_id=bytes(range(2, 10)) + bytes(56)),
            TURIN_VCEK,
            "issued for another chip",
        ),
        (
            "Turin chip id not followed by zeros",
            _turin(chip_id=TURIN_CHIP + b"\x01" + bytes(55)),
            TURIN_VCEK,
            "issued for another chip",
        ),
        (
            "VCEK without hardware id",
            Report(),
            CHAIN.issue_vcek(chip_id=None),
            "VCEK carries no hardware id extension",
        ),
    ],
)
def test_a_report_and_vcek_of_different_product_lines_or_chips_fail(
    case: str,
    report: Report,
    vcek: x509.Certificate | None,
    reason: str,
    verifiers: dict[str, EvidenceVerifier],
) -> None:
    with pytest.raises(NodeIdentityError, match=re.escape(reason)):
        _appraise(report, verifiers, vcek)


@pytest.mark.parametrize("component", ["bootloader", "tee", "snp", "microcode"])
def test_a_vcek_without_a_tcb_extension_fails_naming_it(
    component: str, verifiers: dict[str, EvidenceVerifier]
) -> None:
    partial = {k: v for k, v in TCB.items() if k != component}
    with pytest.raises(
        NodeIdentityError,
        match=rf"VCEK carries no {component} SPL extension \(1\.3\.6\.1\.4\.1\.3704\.1\.3\.\d\)",
    ):
        _appraise(Report(), verifiers, CHAIN.issue_vcek(tcb=partial))


def test_a_tcb_extension_that_is_not_a_der_integer_fails(verifiers: dict[str, EvidenceVerifier]) -> None:
    vcek = certificate("SEV-VCEK", CHAIN.vcek_key, "SEV-Milan", CHAIN.ask_key, chip_id=None, tcb=None)
    builder = x509.CertificateBuilder(
        issuer_name=vcek.issuer,
        subject_name=vcek.subject,
        public_key=vcek.public_key(),
        serial_number=vcek.serial_number,
        not_valid_before=vcek.not_valid_before_utc,
        not_valid_after=vcek.not_valid_after_utc,
    )
    builder = builder.add_extension(x509.UnrecognizedExtension(HW_ID, CHIP_ID), critical=False)
    for name, level in TCB.items():
        raw = (
            b"\x04\x01" + bytes([level]) if name == "snp" else b"\x02\x01" + bytes([level])
        )  # snp an OCTET STRING
        builder = builder.add_extension(x509.UnrecognizedExtension(SPL_OIDS[name], raw), critical=False)
    odd = builder.sign(CHAIN.ask_key, hashes.SHA384(), rsa_padding=PSS)
    with pytest.raises(NodeIdentityError, match="VCEK's snp SPL extension is not a DER INTEGER 0-255"):
        _appraise(Report(), verifiers, odd)


def test_a_report_below_the_configured_minimum_fails_naming_the_component(tmp_path: Path) -> None:
    at_least = _verifiers(
        tmp_path, sev_snp_min_tcb={"Milan": {"snp": TCB["snp"], "microcode": TCB["microcode"]}}
    )
    assert _appraise(Report(), at_least) == MEASUREMENT.hex()
    above = _verifiers(tmp_path, sev_snp_min_tcb={"Milan": {"microcode": TCB["microcode"] + 1}})
    with pytest.raises(NodeIdentityError, match=r"TCB is below the minimum for Milan: microcode 0xd5 < 0xd6"):
        _appraise(Report(), above)


def test_a_minimum_for_a_component_the_report_lacks_fails(tmp_path: Path) -> None:
    fmc = _verifiers(tmp_path, sev_snp_min_tcb={"Milan": {"fmc": 0}})
    with pytest.raises(
        NodeIdentityError, match=r"report carries no fmc SPL, for which a minimum is set \(Milan\)"
    ):
        _appraise(Report(), fmc)


@pytest.mark.parametrize(
    ("attestation", "reason"),
    [
        (
            {"sev_snp_min_tcb": {"Genoa": {"snp": 1}}},
            "sev_snp_min_tcb.Genoa: no AMD root key is pinned for Genoa",
        ),
        (
            {"sev_snp_crls": {"Genoa": "crl-genoa.der"}},
            "sev_snp_crls.Genoa: no AMD root key is pinned for Genoa",
        ),
        (
            {"sev_snp_roots": {"Milan": "ark.pem"}, "sev_snp_min_tcb": {"Milan": {"microcode": 256}}},
            "microcode",
        ),
        ({"sev_snp_roots": {"Milan": "ark.pem"}, "sev_snp_min_tcb": {"Milan": {"ucode": 1}}}, "ucode"),
    ],
)
def test_a_setting_for_an_unpinned_line_or_an_impossible_level_stops_the_start(
    attestation: dict[str, object], reason: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(reason)):
        parse_config(_minimal({"attestation": attestation}), "gateway.yaml", {})


def _minimal(extra: dict[str, object]) -> dict[str, object]:
    text = (Path(__file__).parents[2] / "config" / "example.yaml").read_text()
    env = {
        "ACME_KEY_SHA256": "0" * 64,
        "SOVGW_AUDIT_DATABASE_URL": "sqlite:///x.db",
        "HELSINKI_NODE_TOKEN": "t",
    }
    for name, value in env.items():
        text = text.replace("${" + name + "}", value)
    return {**yaml.safe_load(text), **extra}
