"""Revocation, offline: with AMD's CRL for a product line pinned, a report whose ASK or VCEK the CRL
lists fails, and so does every report of that line once the CRL is past its next update; a CRL that
is not the pinned ARK's, or not a CRL, stops the start naming the file. The chain is made here."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import Evidence, NodeIdentityError, descriptor_digest, report_data
from gateway.config import AttestationConfig, load_config
from gateway.routing.attestation import EvidenceVerifier, appraise, verifiers_for
from tests.nodes.grid import BALTIC, descriptor
from tests.nodes.snp_chain import MEASUREMENT, PSS, Chain, Report, certificate, quote

CHAIN, OTHER = Chain(), Chain()
DESCRIPTOR = descriptor("lt-1", BALTIC, "LT", Ed25519PrivateKey.generate())
DIGEST = descriptor_digest(DESCRIPTOR)


def _pinned(tmp_path: Path, crl: x509.CertificateRevocationList | bytes) -> dict[str, EvidenceVerifier]:
    ark, crl_file = tmp_path / "ark-milan.pem", tmp_path / "crl-milan.der"
    ark.write_text(CHAIN.pem(CHAIN.ark))
    data = crl if isinstance(crl, bytes) else crl.public_bytes(serialization.Encoding.DER)
    crl_file.write_bytes(data)
    return verifiers_for(AttestationConfig(sev_snp_roots={"Milan": ark}, sev_snp_crls={"Milan": crl_file}))


def _appraise(verifiers: dict[str, EvidenceVerifier], vcek: x509.Certificate | None = None) -> str | None:
    nonce = secrets.token_hex(32)
    signed = Report().binding(report_data(nonce, DIGEST)).signed_by(CHAIN.vcek_key)
    now = datetime.now(UTC)
    evidence = Evidence(
        type="sev-snp",
        nonce=nonce,
        descriptor_sha256=DIGEST,
        report_data=report_data(nonce, DIGEST),
        issued_at=now,
        quote=quote(signed, CHAIN.pem(vcek or CHAIN.vcek), CHAIN.pem(CHAIN.ask)),
    )
    return appraise(evidence, DESCRIPTOR, DIGEST, nonce, now, timedelta(minutes=5), verifiers)


def test_a_current_crl_that_lists_other_keys_lets_the_report_pass(tmp_path: Path) -> None:
    revoked_elsewhere = certificate("SEV-Milan", OTHER.ask_key, "ARK-Milan", CHAIN.ark_key)
    assert _appraise(_pinned(tmp_path, CHAIN.crl(revoked_elsewhere, OTHER.vcek))) == MEASUREMENT.hex()


def test_a_pem_copy_of_the_crl_is_as_good(tmp_path: Path) -> None:
    pem = CHAIN.crl(CHAIN.ask).public_bytes(serialization.Encoding.PEM)
    with pytest.raises(NodeIdentityError, match="ASK"):
        _appraise(_pinned(tmp_path, pem))


def test_a_revoked_ask_fails_naming_it_and_its_serial(tmp_path: Path) -> None:
    reason = f"the SEV-SNP ASK (serial 0x{CHAIN.ask.serial_number:x}) is revoked by the pinned Milan CRL"
    with pytest.raises(NodeIdentityError, match=re.escape(reason)):
        _appraise(_pinned(tmp_path, CHAIN.crl(CHAIN.ask)))


def test_a_revoked_vcek_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(NodeIdentityError, match=r"the SEV-SNP VCEK \(serial 0x[0-9a-f]+\) is revoked"):
        _appraise(_pinned(tmp_path, CHAIN.crl(CHAIN.vcek)))


def test_a_crl_past_its_next_update_fails_every_report_of_its_line_saying_so(tmp_path: Path) -> None:
    stale = CHAIN.crl(next_update=-timedelta(hours=1))
    when = f"{stale.next_update_utc:%Y-%m-%d %H:%M} UTC"
    reason = f"the pinned SEV-SNP CRL of Milan is past its next update ({when}): revocation cannot be checked"
    with pytest.raises(NodeIdentityError, match=re.escape(reason)):
        _appraise(_pinned(tmp_path, stale))


def test_a_crl_dated_in_the_future_fails(tmp_path: Path) -> None:
    early = CHAIN.crl(last_update=timedelta(hours=1))
    with pytest.raises(NodeIdentityError, match="the pinned SEV-SNP CRL of Milan is dated in the future"):
        _appraise(_pinned(tmp_path, early))


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    width = (size.bit_length() + 7) // 8
    return bytes([tag, 0x80 | width]) + size.to_bytes(width, "big") + content


def _elements(der: bytes) -> list[bytes]:
    """The TLVs inside a DER SEQUENCE."""
    first = der[1]
    at = 2 + (first & 0x7F if first & 0x80 else 0)
    out = []
    while at < len(der):
        first = der[at + 1]
        width = first & 0x7F if first & 0x80 else 0
        size = int.from_bytes(der[at + 2 : at + 2 + width], "big") if width else first
        end = at + 2 + width + size
        out.append(der[at:end])
        at = end
    return out


def _without_next_update() -> bytes:
    """The ARK's CRL, signed by it, without nextUpdate (optional in RFC 5280: the builder insists)."""
    crl = CHAIN.crl()
    version, algorithm, issuer, this_update, _next_update = _elements(crl.tbs_certlist_bytes)
    tbs = _der(0x30, version + algorithm + issuer + this_update)
    signature = CHAIN.ark_key.sign(tbs, PSS, hashes.SHA384())
    outer_algorithm = _elements(crl.public_bytes(serialization.Encoding.DER))[1]
    return _der(0x30, tbs + outer_algorithm + _der(0x03, b"\0" + signature))


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("without a next update", "has no next update: how long it holds cannot be told"),
        ("signed by another key", "is not signed by the pinned Milan ARK (RSASSA-PSS with SHA-384)"),
        ("signed by the ARK without PSS", "is not signed by the pinned Milan ARK (RSASSA-PSS with SHA-384)"),
        ("not a CRL", "is not an X.509 CRL (PEM or DER)"),
    ],
)
def test_a_crl_that_is_not_the_pinned_arks_stops_the_start_naming_the_file(
    tmp_path: Path, case: str, reason: str
) -> None:
    crl: x509.CertificateRevocationList | bytes = {
        "signed by another key": lambda: CHAIN.crl(signer=OTHER.ark_key),
        "signed by the ARK without PSS": lambda: CHAIN.crl(pss=False),
        "not a CRL": lambda: CHAIN.pem(CHAIN.ark).encode(),
        "without a next update": _without_next_update,
    }[case]()
    with pytest.raises(
        ValueError,
        match=rf"attestation\.sev_snp_crls\.Milan: {tmp_path}/crl-milan\.der .*{re.escape(reason)}",
    ):
        _pinned(tmp_path, crl)


def test_a_missing_crl_file_stops_the_start_naming_it(tmp_path: Path) -> None:
    ark = tmp_path / "ark.pem"
    ark.write_text(CHAIN.pem(CHAIN.ark))
    missing = tmp_path / "crl.der"
    with pytest.raises(ValueError, match=rf"attestation\.sev_snp_crls\.Milan: {missing}: No such file"):
        verifiers_for(AttestationConfig(sev_snp_roots={"Milan": ark}, sev_snp_crls={"Milan": missing}))


def test_the_examples_crl_paths_are_relative_to_its_file_and_its_minimum_tcb_reads(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "config" / "example.yaml").read_text()
    assert "#   Milan: roots/crl-milan.der" in text  # the example documents the setting
    pinned = text.replace("  # sev_snp_roots:\n  #   Milan:", "  sev_snp_roots:\n    Milan:")
    pinned = pinned.replace("  # sev_snp_crls:\n  #   Milan:", "  sev_snp_crls:\n    Milan:")
    pinned = pinned.replace("  # sev_snp_min_tcb:\n  #   Milan:", "  sev_snp_min_tcb:\n    Milan:")
    config_file = tmp_path / "gateway.yaml"
    config_file.write_text(pinned)
    env = {
        "ACME_KEY_SHA256": "0" * 64,
        "SOVGW_AUDIT_DATABASE_URL": "sqlite:///x.db",
        "HELSINKI_NODE_TOKEN": "t",
    }
    config = load_config(config_file, env=env)
    assert config.attestation.sev_snp_crls == {"Milan": tmp_path / "roots" / "crl-milan.der"}
    minimum = config.attestation.sev_snp_min_tcb["Milan"].model_dump(exclude_none=True)
    assert minimum == {"snp": 23, "microcode": 213}
