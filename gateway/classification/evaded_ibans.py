"""IBANs written to slip past a pattern: spaced one character at a time, dotted, in lower case,
broken over lines (one group a line too) or split by a few words, each accepted only when ISO
13616's mod 97 and the country's length and format (python-stdnum's registry) hold."""

from __future__ import annotations

import functools
import re

from gateway.classification import iban_format
from gateway.classification.identifiers import IBAN_LENGTH, NUMERIC_BBAN

_LETTER = re.compile(r"[^\W\d_]")
# Latin look-alikes of Greek and Cyrillic capitals, and the Latin letter each of those is read as.
_SOUNDS = {"P": "R", "C": "S", "H": "N", "B": "V"}
# A Greek or Cyrillic letter shortly before: the text is typed on such a keyboard.
_FOREIGN_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
# A country code and check digits, letters and digits possibly spaced one by one, the country on a
# line of its own ("LT\n85 1000 ..."); O, l and I may stand for the check digits' 0 and 1.
_IBAN_HEAD = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z])[ .\-]?([A-Za-z])"
    r"(?:[ .,\-]{1,2}|[ \t]*\r?\n[ \t>]*)?([\dOolI])[ .\-]?([\dOolI])"
)
# Between two digit groups of an IBAN: separators, or a few words with no sentence end.
_WORD_GAP = re.compile(r"(?:[ \t/_,\-‐‒–—―−]|\.(?!\s)){1,3}|[^\d\n.!?;]{2,40}(?=\d)|\r?\n[ \t>]*")
_IBAN_SEPARATORS = frozenset(" \t./_,-‐‒–—―−·•|")
# A run of words between two groups of an IBAN whose account holds letters too: lower case or
# another script, so that it cannot be taken for the account's own letters ("GB31NWBK and then 6016").
_WORDS = re.compile(r"[ \t,:;–—\-]*(?:[^\W\d]*[^\WA-Z\d][^\W\d]*[ \t,:;–—\-]+){1,6}")
_MAX_WORD_RUNS = 2
# One group a line is the most an IBAN is broken: its 34 characters in groups of four.
_MAX_BREAKS = 9
# A remark in brackets between two groups, where the account holds letters too: "LV25 (bank) NINQ ...".
_BRACKETED = re.compile(r"\s*\([^()\d\n]{1,30}\)\s*")
_SEPARATOR_CLASS = "[" + "".join(sorted(re.escape(ch) for ch in _IBAN_SEPARATORS)) + "]"
_DROP_SEPARATORS = str.maketrans("", "", "".join(_IBAN_SEPARATORS))


@functools.cache
def _plain_groups(count: int) -> re.Pattern[str]:
    """``count`` ASCII letters and digits, each after at most three separators (no line break, no
    bracket): where this matches, ``_collect``'s walk takes the same characters."""
    return re.compile(f"(?:{_SEPARATOR_CLASS}{{0,3}}[A-Za-z0-9]){{{count}}}")


def evaded_ibans(text: str) -> list[tuple[int, int]]:
    """The spans of IBANs in ``text``, however spaced, dotted, broken or split by a few words."""
    hits: list[tuple[int, int]] = []
    position = 0
    for head in _IBAN_HEAD.finditer(text):
        if head.start() < position:
            continue
        written = (head.group(1) + head.group(2)).upper()
        # Another keyboard's script is looked for only where a reading of the code could use it.
        before = max(0, head.start() - 60)
        foreign = _may_be_spoken(written) and _FOREIGN_SCRIPT.search(text, before, head.start()) is not None
        spoken = _spoken(written) if foreign else []
        for country in (written, *spoken):
            length = IBAN_LENGTH.get(country)
            if length is None:
                continue
            end = _iban_end(text, head, country, length)
            if end is not None:
                hits.append((head.start(), end))
                position = end
                break
    return hits


def _iban_end(text: str, head: re.Match[str], country: str, length: int) -> int | None:
    prefix = country + head.group(3) + head.group(4)
    # Words between the digit groups ("DE89 3704 (the bank) 0044 0532 0130 00"): where the
    # account holds digits only, every word is filler; where it holds letters too, only words
    # in lower case or another script are. Mod 97 says whether they were.
    fallback = _collect_digits if country in NUMERIC_BBAN else _collect_around_words
    for collect in (_collect, fallback):
        found = collect(text, head.end(), length - 4)
        if found is not None and iban_format.valid_with_digits(prefix + found[1]):
            return found[0]
    return None


def _spoken(country: str) -> list[str]:
    """The country code as a Greek or Cyrillic keyboard writes it, read back: normalisation folds
    Greek and Cyrillic letters to the Latin letters they look like ("GΡ22" becomes "GP22"), though
    the writer meant the letter they sound as (Ρ is R, С is S, Н is N, В is V). Only a country code
    that is no IBAN country, after Greek or Cyrillic text, is read so; mod 97 decides."""
    if not _may_be_spoken(country):
        return []
    options = [(c, _SOUNDS[c]) if c in _SOUNDS else (c,) for c in country]
    return [a + b for a in options[0] for b in options[1] if a + b != country]


def _may_be_spoken(country: str) -> bool:
    """Whether ``country`` is no IBAN country and has a letter another keyboard may have typed."""
    return country not in IBAN_LENGTH and (country[0] in _SOUNDS or country[1] in _SOUNDS)


def _collect_digits(text: str, start: int, count: int) -> tuple[int, str] | None:
    """Where ``count`` more digits end and the digits, over separators and one stretch of words
    (at most 40 characters, no sentence end), and the digits."""
    digits: list[str] = []
    i, bridges = start, 0
    while i < len(text) and len(digits) < count:
        ch = text[i]
        if ch.isdigit():
            digits.append(ch)
            i += 1
            continue
        gap = _WORD_GAP.match(text, i)
        worded = gap is not None and _LETTER.search(gap.group(0)) is not None
        if gap is None or (worded and bridges == _MAX_WORD_RUNS):
            return None
        bridges += worded
        i = gap.end()
    if len(digits) < count or (i < len(text) and text[i].isalnum()):
        return None
    return i, "".join(digits)


def _collect_around_words(text: str, start: int, count: int) -> tuple[int, str] | None:
    """Where ``count`` more upper-case letters and digits end, over separators and at most two
    runs of words that cannot be an account's letters, and those letters and digits."""
    kept: list[str] = []
    i, runs = start, 0
    while i < len(text) and len(kept) < count:
        ch = text[i]
        if ch.isascii() and (ch.isdigit() or ch.isupper()):
            kept.append(ch)
            i += 1
        elif ch in _IBAN_SEPARATORS and (words := _WORDS.match(text, i)) is None:
            i += 1
        elif runs < _MAX_WORD_RUNS and (words := _WORDS.match(text, i)) is not None:
            runs += 1
            i = words.end()
        else:
            return None
    if len(kept) < count or (i < len(text) and text[i].isascii() and text[i].isalnum()):
        return None
    return i, "".join(kept)


def _collect(text: str, start: int, count: int) -> tuple[int, str] | None:
    """Where ``count`` more letters and digits end, over separators, line breaks (one group a line
    at most) and one remark in brackets, and those letters and digits."""
    # Most IBANs are groups with a few separators between them, on one line: one match reads them.
    plain = _plain_groups(count).match(text, start)
    if plain is not None:
        end = plain.end()
        if end < len(text) and text[end].isascii() and text[end].isalnum():
            return None
        return end, plain.group(0).translate(_DROP_SEPARATORS)
    return _walk(text, start, count)


def _walk(text: str, start: int, count: int) -> tuple[int, str] | None:
    """``_collect`` a character at a time: where groups span lines or hold a remark."""
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
