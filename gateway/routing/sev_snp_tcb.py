"""AMD SEV-SNP TCB versions: REPORTED_TCB read in its product line's layout, the VCEK's SPL extensions,
and the checks that they agree and reach a configured minimum.

A VCEK is derived from the chip's secret and the TCB (the security patch level of each firmware
component) it was requested for, and AMD's KDS writes that TCB into the certificate, one DER INTEGER
extension per component under 1.3.6.1.4.1.3704.1.3: blSPL .1, teeSPL .2, snpSPL .3, ucodeSPL .8,
and on Turin (KDS certificate structVersion 1) fmcSPL .9 (AMD's VCEK and KDS interface
specification, publication 57230; transcribed in google/go-sev-guest ``kds/kds.go`` and
veehaitch/routex-client-lua ``attestation/vcek.lua``). The report's REPORTED_TCB (0x180, 8 bytes)
packs the same levels, laid out per product line (virtee/sev ``TcbVersion::from_legacy_bytes`` and
``from_turin_bytes``):

- Milan and Genoa (CPUID family 0x19): boot loader byte 0, TEE 1, SNP 6, microcode 7;
- Turin and later (family 0x1A): FMC byte 0, boot loader 1, TEE 2, SNP 3, microcode 7.

Which layout applies: a version 3 report states its CPUID family at 0x188 (virtee/sev
``Generation::identify_cpu`` on 0x188/0x189); a version 2 report predates that field, and then the
VCEK decides: only Turin VCEKs carry fmcSPL. For a version 3 report the VCEK must agree (fmcSPL iff
family 0x1A), so a Turin report cannot borrow a Milan certificate's levels or the reverse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import ObjectIdentifier

from domain.nodes import NodeIdentityError

LEGACY_FAMILY = 0x19  # Zen 3 and 4: Milan, Genoa
TURIN_FAMILY = 0x1A  # Zen 5: Turin (and Venice, which keeps Turin's layout)
_SPL = "1.3.6.1.4.1.3704.1.3."
SPL_OIDS = {
    "fmc": ObjectIdentifier(_SPL + "9"),
    "bootloader": ObjectIdentifier(_SPL + "1"),
    "tee": ObjectIdentifier(_SPL + "2"),
    "snp": ObjectIdentifier(_SPL + "3"),
    "microcode": ObjectIdentifier(_SPL + "8"),
}
COMPONENTS = tuple(SPL_OIDS)
_LEGACY_BYTES = {"bootloader": 0, "tee": 1, "snp": 6, "microcode": 7}
_TURIN_BYTES = {"fmc": 0, "bootloader": 1, "tee": 2, "snp": 3, "microcode": 7}


@dataclass(frozen=True)
class Tcb:
    """Security patch levels by component; ``fmc`` only on Turin and later."""

    levels: Mapping[str, int]

    @property
    def turin(self) -> bool:
        return "fmc" in self.levels


def reported_tcb(raw: bytes, version: int, cpuid_family: int, vcek: Tcb) -> Tcb:
    """REPORTED_TCB's 8 bytes in the layout of the report's product line."""
    if version >= 3:
        if cpuid_family not in (LEGACY_FAMILY, TURIN_FAMILY):
            raise NodeIdentityError(
                f"the SEV-SNP report's CPUID family 0x{cpuid_family:02x} is not a product line read here "
                "(0x19 Milan/Genoa, 0x1A Turin)"
            )
        turin = cpuid_family == TURIN_FAMILY
        if turin != vcek.turin:
            line = "Turin" if vcek.turin else "Milan/Genoa"
            raise NodeIdentityError(
                f"the SEV-SNP VCEK is of the {line} product line, "
                f"the report of CPUID family 0x{cpuid_family:02x}"
            )
    else:
        turin = vcek.turin
    layout = _TURIN_BYTES if turin else _LEGACY_BYTES
    return Tcb({name: raw[at] for name, at in layout.items()})


def vcek_tcb(vcek: x509.Certificate) -> Tcb:
    """The TCB the VCEK was issued for; fails closed when a component's extension is missing,
    since a certificate without them cannot be tied to the firmware that signed the report."""
    levels = {}
    for name, oid in SPL_OIDS.items():
        try:
            value = vcek.extensions.get_extension_for_oid(oid).value
        except x509.ExtensionNotFound:
            if name == "fmc":  # only Turin's VCEKs carry it
                continue
            raise NodeIdentityError(
                f"the SEV-SNP VCEK carries no {name} SPL extension ({oid.dotted_string}): "
                "its TCB cannot be compared with the report's"
            ) from None
        raw = value.value if isinstance(value, x509.UnrecognizedExtension) else b""
        level = _der_byte(raw)
        if level is None:
            raise NodeIdentityError(f"the SEV-SNP VCEK's {name} SPL extension is not a DER INTEGER 0-255")
        levels[name] = level
    return Tcb(levels)


def check_tcb(vcek: Tcb, report: Tcb) -> None:
    """The report's TCB is the one the VCEK was issued for, component by component."""
    for name, level in vcek.levels.items():
        if report.levels[name] != level:
            raise NodeIdentityError(
                f"the SEV-SNP VCEK was issued for another TCB than the report's: {name} "
                f"0x{level:02x} vs 0x{report.levels[name]:02x} in the report"
            )


def check_minimum(report: Tcb, minimum: Mapping[str, int], product: str) -> None:
    """Every component a minimum is configured for reaches it (patched firmware, not just signed)."""
    for name, least in minimum.items():
        level = report.levels.get(name)
        if level is None:
            raise NodeIdentityError(
                f"the SEV-SNP report carries no {name} SPL, for which a minimum is set ({product})"
            )
        if level < least:
            raise NodeIdentityError(
                f"the SEV-SNP report's TCB is below the minimum for {product}: {name} "
                f"0x{level:02x} < 0x{least:02x}"
            )


def _der_byte(raw: bytes) -> int | None:
    """A DER INTEGER of 0-255 (one content byte, or two with a leading zero for 128-255)."""
    if raw[:2] == b"\x02\x01" and len(raw) == 3 and raw[2] < 0x80:
        return raw[2]
    if raw[:3] == b"\x02\x02\x00" and len(raw) == 4 and raw[3] >= 0x80:
        return raw[3]
    return None
