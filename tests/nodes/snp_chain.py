"""A synthetic AMD SEV-SNP chain for tests: an ARK and ASK (RSA, RSASSA-PSS with SHA-384, as AMD's
are), a VCEK on P-384 naming its chip, and attestation reports laid out and signed as the firmware
does. Run as a script, it is a node-agent's evidence command: ``snp_chain.py DIR`` prints the quote
for ``$SOVGW_REPORT_DATA`` with the chain and report settings ``Chain.save(DIR)`` wrote.

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
    return builder.sign(issuer_key, hashes.SHA384(), rsa_padding=PSS if pss else padding.PKCS1v15())


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
        self.vcek = certificate("SEV-VCEK", self.vcek_key, "SEV-Milan", self.ask_key, chip_id=CHIP_ID)

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
        fields = {"measurement": report.measurement.hex(), "policy": report.policy, "vmpl": report.vmpl}
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

    def body(self) -> bytearray:
        out = bytearray(0x4A0)
        struct.pack_into("<IIQ", out, 0x00, self.version, 1, self.policy)
        struct.pack_into("<II", out, 0x30, self.vmpl, self.signature_algo)
        struct.pack_into("<I", out, 0x48, self.flags)
        out[0x50:0x90] = self.report_data
        out[0x90:0xC0] = self.measurement
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
        measurement=bytes.fromhex(fields["measurement"]), policy=fields["policy"], vmpl=fields["vmpl"]
    ).binding(os.environ["SOVGW_REPORT_DATA"])
    certs = (directory / "vcek.pem").read_text(), (directory / "ask.pem").read_text()
    return quote(report.signed_by(key), *certs)


if __name__ == "__main__":
    print(_guest(Path(sys.argv[1])))
