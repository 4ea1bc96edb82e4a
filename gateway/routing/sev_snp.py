"""AMD SEV-SNP evidence: the quote's format, the attestation report's fields, and its verification
offline against AMD root keys the configuration pins.

The quote (``Evidence.quote`` of type ``sev-snp``) is base64 of a JSON object::

    {"report": "<base64 of the 1184-byte ATTESTATION_REPORT>",
     "vcek": "<PEM of the chip's VCEK certificate>",
     "ask": "<PEM of the AMD SEV Key certificate that signed it>"}

as a node-agent collects them inside the guest (``/dev/sev-guest``: the report with
REPORT_DATA = our 32-byte report data followed by 32 zero bytes, and the certificates from the
extended report or the host's certificate cache). The ARK (AMD Root Key) is never taken from the
quote: it is one of the PEM files the gateway's configuration pins (``attestation.sev_snp_roots``),
so nothing is fetched at run time (no AMD KDS).

Verification is a checklist, each step failing with a message naming what did not hold: the ASK
is signed by a pinned ARK and the VCEK by the ASK (RSASSA-PSS with SHA-384, as AMD's chain is), all
three within their validity; if a CRL is pinned for that ARK's product line
(``attestation.sev_snp_crls``, ``sev_snp_crl.py``), it is current and lists neither the ASK nor the
VCEK; the report is signed by the VCEK (ECDSA P-384 with SHA-384 over bytes 0x000-0x29F); the VCEK
carries its hardware id and it is the report's chip id (unless the platform masks the chip id); the
VCEK carries the TCB it was issued for and it is the report's REPORTED_TCB, component by component,
read in the product line's layout (``sev_snp_tcb.py``); that TCB reaches the configured minimum of
the product line, if one is set (``attestation.sev_snp_min_tcb``); the report is signed by a VCEK,
not a VLEK; the guest policy does not allow debugging; the report comes from VMPL 0; REPORT_DATA
binds the gateway's nonce. What passes yields the launch MEASUREMENT, which the policy matches
against the allowed ones.

Not checked here: the guest's other policy bits (SMT, migration agent), CURRENT_TCB and
COMMITTED_TCB (a host may run newer firmware than the TCB it reports: what the VCEK vouches for is
REPORTED_TCB), the ID block (ID_KEY_DIGEST, FAMILY_ID, IMAGE_ID) and HOST_DATA, and VLEK-signed
reports (refused, not verified).

The layout is AMD's SEV-SNP Firmware ABI specification (publication 56860), ATTESTATION_REPORT
structure; the offsets below were checked against two transcriptions of that table,
ufcg-lsd/spire-amd-sev-snp-node-attestor ``common/snp.go`` and the certifier framework's
``src/sev-snp/notes.md`` (0x050 REPORT_DATA, 0x090 MEASUREMENT, 0x180 REPORTED_TCB, 0x1A0 CHIP_ID,
0x2A0 SIGNATURE with R and S as 72-byte little-endian fields), and 0x188 CPUID_FAM_ID (version 3
on) against virtee/sev ``src/firmware/guest/types/snp.rs``. The sources of the TCB extensions'
OIDs and layouts, and of the CRL's use, are cited in ``sev_snp_tcb.py`` and ``sev_snp_crl.py``.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import ObjectIdentifier, SignatureAlgorithmOID

from domain.nodes import Evidence, NodeDescriptor, NodeIdentityError
from gateway.routing.sev_snp_crl import check_revocation
from gateway.routing.sev_snp_tcb import check_minimum, check_tcb, reported_tcb, vcek_tcb

REPORT_SIZE = 0x4A0  # 1184 bytes
SIGNED_SIZE = 0x2A0  # the signature covers bytes 0x000-0x29F
VERSIONS = frozenset({2, 3})
ECDSA_P384_SHA384 = 1
POLICY_DEBUG = 1 << 19  # POLICY bit 19: the guest may be debugged (its memory read by the host)
# The VCEK certificate's hardware id extension: the chip id it was issued for (AMD KDS spec).
HW_ID = ObjectIdentifier("1.3.6.1.4.1.3704.1.4")


@dataclass(frozen=True)
class SnpReport:
    """The fields of an ATTESTATION_REPORT this gateway reads."""

    version: int
    guest_svn: int
    policy: int
    vmpl: int
    signature_algo: int
    flags: int
    report_data: bytes  # 64 bytes, the guest's choice
    measurement: bytes  # 48 bytes, the launch digest
    host_data: bytes
    id_key_digest: bytes
    author_key_digest: bytes
    report_id: bytes
    reported_tcb: bytes  # 8 bytes, laid out per product line (sev_snp_tcb.py)
    cpuid_family: int  # 0x188, version 3 and later; zero before
    chip_id: bytes  # 64 bytes; zeros when the platform masks it
    signed: bytes  # bytes 0x000-0x29F
    r: int  # the ECDSA signature, from 72-byte little-endian fields
    s: int

    @property
    def signing_key(self) -> int:
        """FLAGS bits 4:2: 0 the VCEK, 1 a VLEK, 7 no key."""
        return (self.flags >> 2) & 0b111


@dataclass(frozen=True)
class SnpQuote:
    report: bytes
    vcek: x509.Certificate
    ask: x509.Certificate


def parse_report(data: bytes) -> SnpReport:
    """Raises ``NodeIdentityError`` for a report of the wrong size, version or signature algorithm."""
    if len(data) != REPORT_SIZE:
        raise NodeIdentityError(f"the SEV-SNP report is {len(data)} bytes, not {REPORT_SIZE}")
    version, guest_svn, policy = struct.unpack_from("<IIQ", data, 0x00)
    vmpl, algo = struct.unpack_from("<II", data, 0x30)
    (flags,) = struct.unpack_from("<I", data, 0x48)
    if version not in VERSIONS:
        raise NodeIdentityError(f"the SEV-SNP report's version {version} is not one read here (2, 3)")
    if algo != ECDSA_P384_SHA384:
        raise NodeIdentityError(f"the SEV-SNP report's signature algorithm {algo} is not ECDSA P-384 (1)")
    return SnpReport(
        version=version,
        guest_svn=guest_svn,
        policy=policy,
        vmpl=vmpl,
        signature_algo=algo,
        flags=flags,
        report_data=data[0x50:0x90],
        measurement=data[0x90:0xC0],
        host_data=data[0xC0:0xE0],
        id_key_digest=data[0xE0:0x110],
        author_key_digest=data[0x110:0x140],
        report_id=data[0x140:0x160],
        reported_tcb=data[0x180:0x188],
        cpuid_family=data[0x188],
        chip_id=data[0x1A0:0x1E0],
        signed=data[:SIGNED_SIZE],
        r=int.from_bytes(data[0x2A0:0x2E8], "little"),
        s=int.from_bytes(data[0x2E8:0x330], "little"),
    )


def parse_quote(quote: str) -> SnpQuote:
    """The quote's parts; raises ``NodeIdentityError`` saying which is not readable."""
    try:
        value = json.loads(base64.b64decode(quote, validate=True))
        report = base64.b64decode(value["report"], validate=True)
        vcek_pem, ask_pem = value["vcek"].encode(), value["ask"].encode()
    except (binascii.Error, ValueError, KeyError, TypeError, AttributeError):
        raise NodeIdentityError(
            "the SEV-SNP quote is not base64 of a JSON object with report, vcek and ask"
        ) from None
    return SnpQuote(report, _certificate(vcek_pem, "VCEK"), _certificate(ask_pem, "ASK"))


def load_roots(paths: dict[str, Path]) -> dict[str, x509.Certificate]:
    """The pinned ARKs by product line, one PEM file each; raises ``ValueError`` naming a bad one."""
    roots = {}
    for product, path in paths.items():
        try:
            roots[product] = x509.load_pem_x509_certificate(path.read_bytes())
        except OSError as e:
            raise ValueError(f"attestation.sev_snp_roots.{product}: {path}: {e.strerror}") from None
        except ValueError:
            raise ValueError(f"attestation.sev_snp_roots.{product}: {path} is not PEM X.509") from None
    return roots


class SevSnpVerifier:
    """Verifies ``sev-snp`` quotes against the pinned ARKs (and CRLs and minimum TCBs, by product
    line); returns the launch measurement (hex)."""

    def __init__(
        self,
        roots: dict[str, x509.Certificate],
        crls: Mapping[str, x509.CertificateRevocationList] | None = None,
        min_tcb: Mapping[str, Mapping[str, int]] | None = None,
    ) -> None:
        if not roots:
            raise ValueError("an SEV-SNP verifier needs at least one pinned ARK")
        self._roots, self._crls, self._min_tcb = roots, crls or {}, min_tcb or {}

    def verify(self, evidence: Evidence, descriptor: NodeDescriptor, now: datetime) -> str:
        parts = parse_quote(evidence.quote)
        report = parse_report(parts.report)
        product = self._chain(parts.ask, parts.vcek, now)
        if product in self._crls:
            check_revocation(self._crls[product], product, parts.ask, parts.vcek, now)
        _report_signature(report, parts.vcek)
        _hardware_id(report, parts.vcek)
        issued_for = vcek_tcb(parts.vcek)
        tcb = reported_tcb(report.reported_tcb, report.version, report.cpuid_family, issued_for)
        check_tcb(issued_for, tcb)
        if product in self._min_tcb:
            check_minimum(tcb, self._min_tcb[product], product)
        if report.signing_key != 0:
            raise NodeIdentityError("the SEV-SNP report is not signed by a VCEK (a VLEK or no key)")
        if report.policy & POLICY_DEBUG:
            raise NodeIdentityError("the SEV-SNP guest policy allows DEBUG: its memory is open to the host")
        if report.vmpl != 0:
            raise NodeIdentityError(f"the SEV-SNP report comes from VMPL {report.vmpl}, not VMPL 0")
        if report.report_data != bytes.fromhex(evidence.report_data) + bytes(32):
            raise NodeIdentityError(
                "the SEV-SNP report's REPORT_DATA is not SHA-256(nonce || descriptor digest) "
                "followed by zeros (a replayed or foreign report)"
            )
        return report.measurement.hex()

    def _chain(self, ask: x509.Certificate, vcek: x509.Certificate, now: datetime) -> str:
        """The product line whose pinned ARK the chain leads to."""
        product, ark = next(((p, ark) for p, ark in self._roots.items() if _issued_by(ask, ark)), ("", None))
        if ark is None:
            raise NodeIdentityError("the SEV-SNP ASK is not signed by a pinned AMD root key (ARK)")
        if not _issued_by(vcek, ask):
            raise NodeIdentityError("the SEV-SNP VCEK is not signed by the ASK")
        for name, cert in (("ARK", ark), ("ASK", ask), ("VCEK", vcek)):
            if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
                raise NodeIdentityError(f"the SEV-SNP {name} certificate is outside its validity window")
        key = vcek.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp384r1":
            raise NodeIdentityError("the SEV-SNP VCEK is not a P-384 key")
        return product


def _certificate(pem: bytes, name: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise NodeIdentityError(f"the SEV-SNP quote's {name} is not a PEM certificate") from None


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Signed by ``issuer`` with RSASSA-PSS and SHA-384, the only scheme AMD's chain uses."""
    if cert.signature_algorithm_oid != SignatureAlgorithmOID.RSASSA_PSS:
        return False
    if not isinstance(cert.signature_hash_algorithm, hashes.SHA384):
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _report_signature(report: SnpReport, vcek: x509.Certificate) -> None:
    key = vcek.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)  # checked with the chain
    try:
        key.verify(encode_dss_signature(report.r, report.s), report.signed, ec.ECDSA(hashes.SHA384()))
    except InvalidSignature:
        raise NodeIdentityError("the SEV-SNP report's signature does not verify with the VCEK") from None


def _hardware_id(report: SnpReport, vcek: x509.Certificate) -> None:
    """The VCEK names the chip it belongs to; a platform that masks the chip id reports zeros, and
    then there is nothing to compare (the report's signature still binds it to the VCEK's key)."""
    if report.chip_id == bytes(64):
        return
    try:
        value = vcek.extensions.get_extension_for_oid(HW_ID).value
    except x509.ExtensionNotFound:
        # Every VCEK AMD's KDS issues names its chip (a VLEK names its cloud provider instead): one
        # without it is not a VCEK as AMD issues them, and the report's chip id would go unchecked.
        raise NodeIdentityError(
            "the SEV-SNP VCEK carries no hardware id extension: it cannot be tied to the report's chip"
        ) from None
    raw = value.value if isinstance(value, x509.UnrecognizedExtension) else b""
    # AMD writes the id's bytes as they are; some issuers wrap them in a DER OCTET STRING. Turin's
    # ids are 8 bytes, its CHIP_ID the same 8 followed by zeros (go-sev-guest pull request 193).
    hw_id = raw[2:] if len(raw) in (10, 66) and raw[:2] == bytes([4, len(raw) - 2]) else raw
    if len(hw_id) not in (8, 64) or hw_id.ljust(64, b"\0") != report.chip_id:
        raise NodeIdentityError("the SEV-SNP VCEK was issued for another chip than the report's")
