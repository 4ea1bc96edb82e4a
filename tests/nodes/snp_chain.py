"""A synthetic AMD SEV-SNP chain for tests: an ARK and ASK (RSA, RSASSA-PSS with SHA-384, as AMD's
are), a VCEK on P-384 naming its chip and the TCB it was issued for, the ARK's CRL, and attestation
reports laid out and signed as the firmware does. Run as a script, it is a node-agent's evidence
command: ``snp_chain.py DIR`` prints the quote for ``$SOVGW_REPORT_DATA`` with the chain and report
settings ``Chain.save(DIR)`` wrote.

Only the standard library and ``cryptography``: the script runs as a file, outside the package.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID, ObjectIdentifier

HW_ID = ObjectIdentifier("1.3.6.1.4.1.3704.1.4")
# The VCEK's TCB extensions (AMD KDS spec 57230): blSPL, teeSPL, snpSPL, ucodeSPL, Turin's fmcSPL.
SPL_OIDS = {
    name: ObjectIdentifier(f"1.3.6.1.4.1.3704.1.3.{arc}")
    for name, arc in (("bootloader", 1), ("tee", 2), ("snp", 3), ("microcode", 8), ("fmc", 9))
}
# A Milan TCB as a recent platform reports it: boot loader 4, TEE 0, SNP 0x17, microcode 0xd5.
TCB = {"bootloader": 0x04, "tee": 0x00, "snp": 0x17, "microcode": 0xD5}
MILAN = (0x19, 0x01)  # CPUID family and model of a version 3 report
TURIN = (0x1A, 0x02)
PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
P384 = ec.SECP384R1()
MEASUREMENT = bytes(range(48))
CHIP_ID = bytes(range(64, 128))


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Engineering"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Advanced Micro Devices"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def certificate(
    subject: str,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    issuer: str,
    issuer_key: rsa.RSAPrivateKey,
    *,
    pss: bool = True,
    chip_id: bytes | None = None,
    tcb: dict[str, int] | None = None,
    expired: bool = False,
) -> x509.Certificate:
    now = datetime.now(UTC) - (timedelta(days=400) if expired else timedelta(0))
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
    )
    if chip_id is not None:  # AMD writes the chip id's 64 bytes as the extension's value
        builder = builder.add_extension(x509.UnrecognizedExtension(HW_ID, chip_id), critical=False)
    for name, level in (tcb or {}).items():  # each level a DER INTEGER, as AMD's KDS writes them
        builder = builder.add_extension(
            x509.UnrecognizedExtension(SPL_OIDS[name], der_integer(level)), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA384(), rsa_padding=PSS if pss else padding.PKCS1v15())


def der_integer(value: int) -> bytes:
    content = value.to_bytes(value.bit_length() // 8 + 1, "big")  # a leading zero keeps it positive
    return bytes([0x02, len(content)]) + content


def milan_tcb(levels: dict[str, int]) -> bytes:
    """REPORTED_TCB in Milan's and Genoa's layout: boot loader 0, TEE 1, SNP 6, microcode 7."""
    return bytes([levels["bootloader"], levels["tee"], 0, 0, 0, 0, levels["snp"], levels["microcode"]])


def turin_tcb(levels: dict[str, int]) -> bytes:
    """REPORTED_TCB in Turin's layout: FMC 0, boot loader 1, TEE 2, SNP 3, microcode 7."""
    ordered = [levels[name] for name in ("fmc", "bootloader", "tee", "snp")]
    return bytes([*ordered, 0, 0, 0, levels["microcode"]])


def _rsa() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)  # AMD's are 4096: slower


@dataclass
class Chain:
    ark_key: rsa.RSAPrivateKey = field(default_factory=_rsa)
    ask_key: rsa.RSAPrivateKey = field(default_factory=_rsa)
    vcek_key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(P384))

    def __post_init__(self) -> None:
        self.ark = certificate("ARK-Milan", self.ark_key, "ARK-Milan", self.ark_key)
        self.ask = certificate("SEV-Milan", self.ask_key, "ARK-Milan", self.ark_key)
        self.vcek = self.issue_vcek()

    def issue_vcek(
        self, chip_id: bytes | None = CHIP_ID, tcb: dict[str, int] | None = TCB
    ) -> x509.Certificate:
        return certificate("SEV-VCEK", self.vcek_key, "SEV-Milan", self.ask_key, chip_id=chip_id, tcb=tcb)

    def crl(
        self,
        *revoked: x509.Certificate,
        next_update: timedelta = timedelta(days=7),
        last_update: timedelta = -timedelta(days=1),
        signer: rsa.RSAPrivateKey | None = None,
        pss: bool = True,
    ) -> x509.CertificateRevocationList:
        """The ARK's CRL listing ``revoked``, valid from ``last_update`` until ``next_update`` from now."""
        now = datetime.now(UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.ark.subject)
            .last_update(now + last_update)
            .next_update(now + next_update)
        )
        for cert in revoked:
            entry = x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(now)
            builder = builder.add_revoked_certificate(entry.build())
        padded = PSS if pss else padding.PKCS1v15()
        return builder.sign(signer or self.ark_key, hashes.SHA384(), rsa_padding=padded)

    def pem(self, cert: x509.Certificate) -> str:
        return cert.public_bytes(serialization.Encoding.PEM).decode()

    def save(self, directory: Path, report: Report) -> None:
        """What the evidence command reads: the VCEK's key and certificates, and the report's fields."""
        directory.mkdir(parents=True, exist_ok=True)
        key = self.vcek_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        (directory / "vcek.key").write_bytes(key)
        (directory / "vcek.pem").write_text(self.pem(self.vcek))
        (directory / "ask.pem").write_text(self.pem(self.ask))
        fields = {
            "measurement": report.measurement.hex(),
            "policy": report.policy,
            "vmpl": report.vmpl,
            "reported_tcb": report.reported_tcb.hex(),
        }
        (directory / "report.json").write_text(json.dumps(fields))


@dataclass(frozen=True)
class Report:
    """An ATTESTATION_REPORT's fields as a test sets them; ``bytes`` lays them out (ABI table)."""

    report_data: bytes = bytes(64)
    measurement: bytes = MEASUREMENT
    version: int = 3
    policy: int = 0x30000  # SMT allowed, bit 17 reserved-must-be-one; no DEBUG (bit 19)
    vmpl: int = 0
    signature_algo: int = 1
    flags: int = 0  # SIGNING_KEY (bits 4:2) 0: the VCEK
    chip_id: bytes = CHIP_ID
    reported_tcb: bytes = milan_tcb(TCB)
    cpuid: tuple[int, int] = MILAN  # family and model, at 0x188 from version 3 on

    def body(self) -> bytearray:
        out = bytearray(0x4A0)
        struct.pack_into("<IIQ", out, 0x00, self.version, 1, self.policy)
        struct.pack_into("<II", out, 0x30, self.vmpl, self.signature_algo)
        struct.pack_into("<I", out, 0x48, self.flags)
        out[0x50:0x90] = self.report_data
        out[0x90:0xC0] = self.measurement
        out[0x180:0x188] = self.reported_tcb
        if self.version >= 3:
            out[0x188:0x18A] = bytes(self.cpuid)
        out[0x1A0:0x1E0] = self.chip_id
        return out

    def signed_by(self, key: ec.EllipticCurvePrivateKey) -> bytes:
        out = self.body()
        r, s = decode_dss_signature(key.sign(bytes(out[:0x2A0]), ec.ECDSA(hashes.SHA384())))
        out[0x2A0:0x2E8] = r.to_bytes(72, "little")
        out[0x2E8:0x330] = s.to_bytes(72, "little")
        return bytes(out)

    def binding(self, report_data_hex: str) -> Report:
        return replace(self, report_data=bytes.fromhex(report_data_hex) + bytes(32))


def quote(report: bytes, vcek_pem: str, ask_pem: str) -> str:
    value = {"report": base64.b64encode(report).decode(), "vcek": vcek_pem, "ask": ask_pem}
    return base64.b64encode(json.dumps(value).encode()).decode()


def _guest(directory: Path) -> str:
    """The evidence command: a report binding $SOVGW_REPORT_DATA, signed by the saved VCEK key."""
    key = serialization.load_pem_private_key((directory / "vcek.key").read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    fields = json.loads((directory / "report.json").read_text())
    report = Report(
        measurement=bytes.fromhex(fields["measurement"]),
        policy=fields["policy"],
        vmpl=fields["vmpl"],
        reported_tcb=bytes.fromhex(fields["reported_tcb"]),
    ).binding(os.environ["SOVGW_REPORT_DATA"])
    certs = (directory / "vcek.pem").read_text(), (directory / "ask.pem").read_text()
    return quote(report.signed_by(key), *certs)


if __name__ == "__main__":
    print(_guest(Path(sys.argv[1])))
