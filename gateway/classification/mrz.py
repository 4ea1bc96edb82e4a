"""Machine-readable zones of passports and identity cards (ICAO 9303), accepted only with valid check digits.

A passport's zone (TD3) is two lines of 44 characters, an identity card's (TD1) three of 30, a
TD2 document's two of 36. The document number, date of birth and expiry date each carry a check
digit (weights 7, 3, 1 repeating), and a final one covers them all: a zone is reported only when
the document number's, the birth date's and the composite check digits hold, so text that merely
looks like a zone is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_C = r"[A-Z0-9<]"
# TD3 line 2: number, check, nationality, birth date, check, sex, expiry, check, optional, checks.
_TD3 = regex.compile(
    rf"(?<![A-Z0-9<])P[A-Z<][A-Z<]{{3}}{_C}{{39}}\s*\n\s*(?P<l2>{_C}{{9}}\d[A-Z<]{{3}}\d{{6}}\d[MFX<]\d{{6}}\d{_C}{{14}}\d\d)(?![A-Z0-9<])"
)
_TD2 = regex.compile(
    rf"(?<![A-Z0-9<])[IAC][A-Z<][A-Z<]{{3}}{_C}{{31}}\s*\n\s*(?P<l2>{_C}{{9}}\d[A-Z<]{{3}}\d{{6}}\d[MFX<]\d{{6}}\d{_C}{{7}}\d)(?![A-Z0-9<])"
)
_TD1 = regex.compile(
    rf"(?<![A-Z0-9<])(?P<l1>[IAC][A-Z<][A-Z<]{{3}}{_C}{{9}}\d{_C}{{15}})\s*\n\s*"
    rf"(?P<l2>\d{{6}}\d[MFX<]\d{{6}}\d[A-Z<]{{3}}{_C}{{11}}\d)(?![A-Z0-9<])"
)


def check_digit(field: str) -> str:
    total = 0
    for i, ch in enumerate(field):
        value = int(ch) if ch.isdigit() else 0 if ch == "<" else ord(ch) - 55
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def _valid_two_line(l2: str, optional_end: int) -> bool:
    number, birth, expiry = l2[0:9], l2[13:19], l2[21:27]
    composite = l2[0:10] + l2[13:20] + l2[21:optional_end]
    return (
        check_digit(number) == l2[9]
        and check_digit(birth) == l2[19]
        and check_digit(expiry) == l2[27]
        and check_digit(composite) == l2[-1]
    )


def _valid_td1(l1: str, l2: str) -> bool:
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    return (
        check_digit(l1[5:14]) == l1[14]
        and check_digit(l2[0:6]) == l2[6]
        and check_digit(l2[8:14]) == l2[14]
        and check_digit(composite) == l2[29]
    )


@dataclass(frozen=True, slots=True)
class ZoneHit:
    entity: str
    start: int
    end: int
    score: float


SCORE = 0.95


class MachineReadableZoneFinder:
    def find(self, text: str) -> list[ZoneHit]:
        if "<<" not in text:
            return []
        hits = []
        for m in _TD3.finditer(text):
            if _valid_two_line(m.group("l2"), 43):
                hits.append(ZoneHit("PASSPORT_NUMBER", m.start(), m.end(), SCORE))
        for m in _TD2.finditer(text):
            if _valid_two_line(m.group("l2"), 35):
                hits.append(ZoneHit("ID_CARD_NUMBER", m.start(), m.end(), SCORE))
        for m in _TD1.finditer(text):
            if _valid_td1(m.group("l1"), m.group("l2")):
                hits.append(ZoneHit("ID_CARD_NUMBER", m.start(), m.end(), SCORE))
        return hits
