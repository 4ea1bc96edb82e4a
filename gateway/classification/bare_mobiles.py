"""When a mobile number stated with no word at all is read as a phone number, and when it is not.

"Petra (0664 1234567) comes at eight", "Mary (087 123 4567) will bring the keys": people name
their mobile beside their name without saying "phone". Such a number is read when it is written
as people write their mobiles: two to five groups joined by spaces, dashes, dots, slashes,
brackets or a line break; valid as a mobile of a country of the text's languages, from its trunk prefix
where the country has one, or of nine digits or more where it has none and not grouped in
thousands like an amount ("612 345 678"); no word before it (or, in Hungarian, after it) names
another number, no unit or currency beside it. In brackets right after a capitalised word ("Erik
(070-123 45 67) kommer i morgon"), a person's number as people note it, it is read in any country:
a short sentence's language is often misread. Danish, Norwegian, Maltese, Latvian, Estonian,
Cypriot and Icelandic mobiles (seven or eight digits, no trunk prefix) fill too much of their
number space to be read without a word, and a fixed line never is. Digits spelled out as words
("noll sju tre, fyra ett ett, ...") are read the same way, in any country when the text's words
name no language: spelling a number out is itself a sign of hiding one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import regex

from gateway.classification.phone_plans import MIN_DIGITS, Plan
from gateway.classification.phone_words import MEASURED, NAMED_AFTER, PhoneWords

# A capitalised word and an opening bracket right before the number.
_NAME_BRACKET = regex.compile(r"(?<!\w)\p{Lu}[\p{Ll}\p{M}'’\-]+\s?\($")
_JOIN = re.compile(r"[ \t./()\-‐‒–]{1,3}|[ \t]*\r?\n[ \t]*")
_MIN_GROUPS, _MAX_GROUPS, _MAX_DIGITS = 2, 5, 12
_MIN_WITHOUT_TRUNK = 9
# Digits grouped in thousands, as an amount is: "612 345 678", "2.400.000".
AMOUNT_SHAPE = re.compile(r"\d{1,3}(?:([ .,\u202f])\d{3})+")
# An amount grouped in thousands, not written from a trunk prefix: "1 254 300", "2.810.761".
THOUSANDS = re.compile(r"[1-9]\d?(?:([ .,\u202f])\d{3})(?:\1\d{3})+")
# A version or a decimal: "2.14.0317", "6.1".
VERSION = re.compile(r"[1-9]\d?\.\d{1,2}(?:\.\d+)?(?!\d)")
_CURRENCY_BEFORE = re.compile(
    r"(?:[€$£¥]|\b(?:eur|usd|gbp|chf|kč|zł|pln|huf|ron|lei|kr|sek|nok|dkk))\.?\s?$", re.IGNORECASE
)


def bare_mobile(
    text: str,
    groups: list[tuple[int, int]],
    words: PhoneWords,
    plans: dict[str, Plan],
    regions: tuple[str, ...],
) -> bool:
    """Whether the digit groups at ``groups`` (start, end), with no word saying what they are, are
    a mobile number of one of ``regions`` written as one."""
    if not _MIN_GROUPS <= len(groups) <= _MAX_GROUPS or not regions:
        return False
    start, end = groups[0][0], groups[-1][1]
    digits = "".join(text[a:b] for a, b in groups)
    if not MIN_DIGITS <= len(digits) <= _MAX_DIGITS:
        return False
    # The plans first: most digit runs are no country's mobile, and the checks below cost more.
    if not _mobile_of(digits, text, start, end, plans, regions):
        return False
    if not all(_JOIN.fullmatch(text, a[1], b[0]) for a, b in itertools.pairwise(groups)):
        return False
    return not (
        THOUSANDS.fullmatch(text, start, end)
        or VERSION.match(text, start, end)
        or MEASURED.match(text, end)
        or NAMED_AFTER.match(text, end)
        or _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        or words.named_otherwise(start)
    )


def after_a_name(text: str, start: int, end: int) -> bool:
    """Whether the number stands in brackets right after a capitalised word: "Mary (087 123 4567)"."""
    return (
        text[start - 1 : start] == "("
        and text[end : end + 1] == ")"
        and _NAME_BRACKET.search(text, max(0, start - 40), start) is not None
    )


def _mobile_of(
    digits: str, text: str, start: int, end: int, plans: dict[str, Plan], regions: tuple[str, ...]
) -> bool:
    return mobile_of(digits, plans, regions, lambda: AMOUNT_SHAPE.fullmatch(text, start, end) is not None)


def mobile_of(
    digits: str,
    plans: dict[str, Plan],
    regions: tuple[str, ...],
    amount_shaped: Callable[[], bool] = lambda: False,
) -> bool:
    """Whether ``digits`` are a mobile of one of ``regions``: from its trunk prefix where the
    country has one, else of nine digits or more and not grouped like an amount."""
    for region in regions:
        plan = plans.get(region)
        if plan is None:
            continue
        if plan.prefixes:
            prefix = next((p for p in plan.prefixes if digits.startswith(p)), None)
            if prefix is not None and plan.mobile(digits[len(prefix) :]):
                return True
        elif len(digits) >= _MIN_WITHOUT_TRUNK and plan.mobile(digits) and not amount_shaped():
            return True
    return False
