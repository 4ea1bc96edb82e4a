"""Numbering plans of the EU/EEA regions from libphonenumber's metadata, compiled once.

``Plan.valid`` answers what ``phonenumbers.is_valid_number`` answers for a national significant
number (it fits one of the region's number types, not merely a possible length) without parsing,
which matters when a finder weighs many digit runs per text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers

EU_EEA_REGIONS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "NO", "LI", "CH", "GB",
)  # fmt: skip
MIN_DIGITS, MAX_DIGITS = 7, 15

_NUMBER_TYPES = (
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip",
    "pager", "uan", "voicemail",
)  # fmt: skip
# Freephone, premium-rate, shared-cost and universal access numbers are services' lines: no
# person holds one.
_SERVICE_TYPES = frozenset({"toll_free", "premium_rate", "shared_cost", "uan"})


@dataclass(frozen=True, slots=True)
class Plan:
    """A region's numbering plan from libphonenumber's metadata, its patterns compiled once.

    ``valid`` is libphonenumber's ``is_valid_number`` for a national significant number: it fits
    the plan and one of its number types (fixed line, mobile, ...), not merely a possible length.
    ``personal`` asks the same of the types a person may hold (not freephone, premium-rate,
    shared-cost or universal access numbers).
    """

    prefixes: tuple[str, ...]  # trunk prefixes written before national numbers
    lengths: frozenset[int]
    pattern: re.Pattern[str]
    types: tuple[tuple[frozenset[int], re.Pattern[str]], ...]
    service: tuple[bool, ...] = ()  # for each of ``types``: a service's line
    mobile_type: tuple[frozenset[int], re.Pattern[str]] | None = None  # the mobile range, if any

    def valid(self, significant: str) -> bool:
        return self._fits(significant, personal_only=False)

    def personal(self, significant: str) -> bool:
        return self._fits(significant, personal_only=True)

    def mobile(self, significant: str) -> bool:
        """A mobile number of the region (the plan's mobile range, or a type shared with it)."""
        if self.mobile_type is None or len(significant) not in self.lengths:
            return False
        lengths, pattern = self.mobile_type
        return (not lengths or len(significant) in lengths) and pattern.fullmatch(significant) is not None

    def _fits(self, significant: str, personal_only: bool) -> bool:
        if len(significant) not in self.lengths or not self.pattern.fullmatch(significant):
            return False
        return any(
            (not lengths or len(significant) in lengths)
            and not (personal_only and service)
            and pattern.fullmatch(significant)
            for (lengths, pattern), service in zip(self.types, self.service, strict=True)
        )


def plan_of(region: str) -> Plan | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    general = meta.general_desc if meta is not None else None
    if meta is None or general is None or general.national_number_pattern is None:
        return None
    types, service = [], []
    mobile = None
    for name in _NUMBER_TYPES:
        desc = getattr(meta, name)
        if desc is not None and desc.national_number_pattern is not None:
            types.append((frozenset(desc.possible_length or ()), re.compile(desc.national_number_pattern)))
            service.append(name in _SERVICE_TYPES)
            if name == "mobile":
                mobile = types[-1]
    return Plan(
        _trunk_prefixes(meta),
        frozenset(general.possible_length or range(4, 14)),
        re.compile(general.national_number_pattern),
        tuple(types),
        tuple(service),
        mobile,
    )


@functools.cache
def _country_plans(code: int) -> tuple[tuple[str, Plan], ...]:
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ())
    return tuple((r, p) for r in regions if (p := plan_of(r)) is not None)


def _trunk_prefixes(meta: phonenumbers.PhoneMetadata) -> tuple[str, ...]:
    """The trunk prefixes a national number starts with: "0", or "0" and "8" in Lithuania."""
    pattern = meta.national_prefix_for_parsing or ""
    if re.fullmatch(r"\[\d+\]", pattern):
        return tuple(pattern[1:-1])
    if re.fullmatch(r"\d+(?:\|\d+)*", pattern):
        return tuple(pattern.split("|"))
    return (meta.national_prefix,) if meta.national_prefix else ()


def valid_international(digits: str, regions: tuple[str, ...] | None = None, personal: bool = False) -> bool:
    """A valid number after a '+' (of one of ``regions``, if given; of a type a person may hold,
    if ``personal``)."""
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS or digits[0] == "0":
        return False
    # Country calling codes are prefix-free: at most one of the first one to three digits is one.
    for n in (1, 2, 3):
        code = int(digits[:n])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return False
    return any(
        plan.personal(digits[n:]) if personal else plan.valid(digits[n:])
        for region, plan in _country_plans(code)
        if regions is None or region in regions
    )
