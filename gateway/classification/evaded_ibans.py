"""IBANs written to slip past a pattern: spaced one character at a time, dotted, in lower case,
broken over lines (one group a line too) or split by a few words, each accepted only when ISO
13616's mod 97 and the country's length and format (python-stdnum's registry) hold."""

from __future__ import annotations

import re

from gateway.classification import iban_format
from gateway.classification.identifiers import IBAN_LENGTH, NUMERIC_BBAN

_LETTER = re.compile(r"[^\W\d_]")
# A country code and check digits, letters and digits possibly spaced one by one.
_IBAN_HEAD = re.compile(r"(?<![A-Za-z0-9])([A-Za-z])[ .\-]?([A-Za-z])[ .\-]?(\d)[ .\-]?(\d)")
# Between two digit groups of an IBAN: separators, or a few words with no sentence end.
_WORD_GAP = re.compile(r"(?:[ \t/_\-‐‒–—―−]|\.(?!\s)){1,3}|[^\d\n.!?;]{2,40}(?=\d)|\r?\n[ \t>]*")
_IBAN_SEPARATORS = frozenset(" \t./_-‐‒–—―−·•|")
# One group a line is the most an IBAN is broken: its 34 characters in groups of four.
_MAX_BREAKS = 9
# A remark in brackets between two groups, where the account holds letters too: "LV25 (bank) NINQ ...".
_BRACKETED = re.compile(r"\s*\([^()\d\n]{1,30}\)\s*")


def evaded_ibans(text: str) -> list[tuple[int, int]]:
    """The spans of IBANs in ``text``, however spaced, dotted, broken or split by a few words."""
    hits: list[tuple[int, int]] = []
    position = 0
    for head in _IBAN_HEAD.finditer(text):
        if head.start() < position:
            continue
        country = (head.group(1) + head.group(2)).upper()
        length = IBAN_LENGTH.get(country)
        if length is None:
            continue
        found = _collect(text, head.end(), length - 4)
        if found is None and country in NUMERIC_BBAN:
            # Words between the digit groups ("DE89 3704 (the bank) 0044 0532 0130 00"): where the
            # account holds digits only, every word is filler; mod 97 says whether it was.
            found = _collect_digits(text, head.end(), length - 4)
        if found is None:
            continue
        end, rest = found
        compact = country + head.group(3) + head.group(4) + rest.upper()
        if iban_format.is_valid(compact):
            hits.append((head.start(), end))
            position = end
    return hits


def _collect_digits(text: str, start: int, count: int) -> tuple[int, str] | None:
    """Where ``count`` more digits end and the digits, over separators and one stretch of words
    (at most 40 characters, no sentence end), and the digits."""
    digits: list[str] = []
    i, bridged = start, False
    while i < len(text) and len(digits) < count:
        ch = text[i]
        if ch.isdigit():
            digits.append(ch)
            i += 1
            continue
        gap = _WORD_GAP.match(text, i)
        if gap is None or (bridged and _LETTER.search(gap.group(0))):
            return None
        bridged = bridged or _LETTER.search(gap.group(0)) is not None
        i = gap.end()
    if len(digits) < count or (i < len(text) and text[i].isalnum()):
        return None
    return i, "".join(digits)


def _collect(text: str, start: int, count: int) -> tuple[int, str] | None:
    """Where ``count`` more letters and digits end, over separators, line breaks (one group a line
    at most) and one remark in brackets, and those letters and digits."""
    taken, breaks, run = 0, 0, 0
    i = start
    kept: list[str] = []
    remark = False
    while i < len(text) and taken < count:
        ch = text[i]
        if ch in " (" and not remark and (bracketed := _BRACKETED.match(text, i)):
            remark = True
            i = bracketed.end()
            run = 0
            continue
        if ch.isascii() and ch.isalnum():
            kept.append(ch)
            taken += 1
            run = 0
        elif ch in _IBAN_SEPARATORS:
            run += 1
        elif ch == "\n":
            breaks += 1
            run += 1
        elif ch == "\r":
            pass
        else:
            return None
        if run > 3 or breaks > _MAX_BREAKS:
            return None
        i += 1
    if taken < count or (i < len(text) and text[i].isascii() and text[i].isalnum()):
        return None
    return i, "".join(kept)
