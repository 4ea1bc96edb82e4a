"""AMD SEV-SNP revocation, offline: the CRL of each product line, pinned in the configuration
(``attestation.sev_snp_crls``) and checked against the ASK and VCEK of every report.

AMD publishes one CRL per product line (KDS ``/vcek/v1/{product}/crl``, the ASK's CRL distribution
point), issued and signed by that line's ARK with RSASSA-PSS and SHA-384 like the rest of the chain;
it lists revoked ASKs (google/go-sev-guest ``verify/verify.go`` ``verifyCRL`` checks the ASK's serial
against it; AMD supersedes VCEKs by TCB rather than revoking them, but a listed VCEK serial is
refused too). An operator downloads it out of band and pins the file; nothing is fetched here.

A pinned CRL past its next update fails every report of its product line, with that reason: the
operator asked for revocation to be checked, and after that date AMD may have revoked a key the
stale list does not name. The date is in the file, so a current list can be pinned before it
passes; a line without a pinned CRL is not checked for revocation at all.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import SignatureAlgorithmOID

from domain.nodes import NodeIdentityError


def load_crls(
    paths: dict[str, Path], roots: dict[str, x509.Certificate]
) -> dict[str, x509.CertificateRevocationList]:
    """The pinned CRLs by product line, each signed by that line's pinned ARK; raises
    ``ValueError`` naming a file that cannot be read, is not a CRL, or is not signed by the ARK."""
    crls = {}
    for product, path in paths.items():
        where = f"attestation.sev_snp_crls.{product}: {path}"
        ark = roots.get(product)
        if ark is None:
            raise ValueError(f"{where}: no AMD root key is pinned for {product} (attestation.sev_snp_roots)")
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ValueError(f"{where}: {e.strerror}") from None
        try:  # AMD serves DER; a PEM copy is as good
            crl = x509.load_pem_x509_crl(data) if b"-----BEGIN" in data else x509.load_der_x509_crl(data)
        except ValueError:
            raise ValueError(f"{where} is not an X.509 CRL (PEM or DER)") from None
        if not _signed_by(crl, ark):
            raise ValueError(f"{where} is not signed by the pinned {product} ARK (RSASSA-PSS with SHA-384)")
        if crl.next_update_utc is None:
            raise ValueError(f"{where} has no next update: how long it holds cannot be told")
        crls[product] = crl
    return crls


def check_revocation(
    crl: x509.CertificateRevocationList,
    product: str,
    ask: x509.Certificate,
    vcek: x509.Certificate,
    now: datetime,
) -> None:
    """Raises ``NodeIdentityError`` when the CRL is not current or lists the ASK or the VCEK."""
    next_update = crl.next_update_utc
    assert next_update is not None  # refused at load
    if now > next_update:
        raise NodeIdentityError(
            f"the pinned SEV-SNP CRL of {product} is past its next update "
            f"({next_update:%Y-%m-%d %H:%M} UTC): revocation cannot be checked until a current one is pinned"
        )
    if now < crl.last_update_utc:
        raise NodeIdentityError(f"the pinned SEV-SNP CRL of {product} is dated in the future")
    for name, cert in (("ASK", ask), ("VCEK", vcek)):
        if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
            raise NodeIdentityError(
                f"the SEV-SNP {name} (serial 0x{cert.serial_number:x}) is revoked by the pinned {product} CRL"
            )


def _signed_by(crl: x509.CertificateRevocationList, ark: x509.Certificate) -> bool:
    if crl.signature_algorithm_oid != SignatureAlgorithmOID.RSASSA_PSS:
        return False
    if not isinstance(crl.signature_hash_algorithm, hashes.SHA384):
        return False
    if crl.issuer != ark.subject:
        return False
    try:
        return crl.is_signature_valid(ark.public_key())  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
