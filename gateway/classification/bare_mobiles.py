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
number space to be read without a word, and a fixed line never is, except right after a name
("Anna Nowak 601 234 567", "spørg Jens, 31 22 44 66", "Dave, 0161 496 7712"), below one in a
signature, or after a first name opening a list's line ("Zosia: 609 18 27 36"): then a mobile of any
country, or of the text's own countries a short mobile or a fixed line written in groups, in one
run or in groups. Digits spelled out as words
("noll sju tre, fyra ett ett, ...") are read the same way, in any country when the text's words
name no language: spelling a number out is itself a sign of hiding one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import regex

from gateway.classification.phone_plans import MIN_DIGITS, Plan
from gateway.classification.phone_words import MEASURED, NAMED_AFTER, PhoneWords, numbered, phone_word_at

# A capitalised word and an opening bracket right before the number.
_NAME_BRACKET = regex.compile(r"(?<!\w)\p{Lu}[\p{Ll}\p{M}'’\-]+\s?\($")
# A name right before the number, a comma, colon, semicolon or dash at most between: two
# capitalised words ("Anna Nowak"), one inside a sentence ("zapytaj Tomka, "), or one opening a
# line of a list before a colon or a dash ("Zosia: ", "Nerea – "). One opening a sentence before
# the digits is as often a noun ("Bestilling 41234567"), and "Nr" is no name.
_NAME_BEFORE = regex.compile(
    r"(?:\p{Lu}[\w'’\-]*[ \t]+|(?<=[\p{Ll},][ \t]))\p{Lu}[\p{Ll}\p{M}'’\-]{2,}[ \t]*[,:;–—\-(]?[ \t]*$"
)
_LISTED_NAME = regex.compile(
    r"(?:(?<=\n)|(?<![\s\S]))[ \t]*(?:[-*•][ \t]+)?\p{Lu}[\p{Ll}\p{M}'’\-]+[ \t]*(?::|[ \t][–—\-])[ \t]*$"
)
# A line holding a name only: two to four capitalised words.
_NAME_LINE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’\-]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}'’\-]*){1,3}")
# A word after a number: the noun or unit of an amount.
_WORD_AFTER = regex.compile(r"[ \t]*\p{L}")
_JOIN = re.compile(r"[ \t./()\-‐‒–]{1,3}|[ \t]*\r?\n[ \t]*")
_MIN_GROUPS, _MAX_GROUPS, _MAX_DIGITS = 2, 5, 12
_MIN_WITHOUT_TRUNK = 9
# Digits grouped in thousands, as an amount is: "612 345 678", "2.400.000".
AMOUNT_SHAPE = re.compile(r"\d{1,3}(?:([ .,\u202f])\d{3})+")
# An amount grouped in thousands, not written from a trunk prefix: "1 254 300", "2.810.761".
THOUSANDS = re.compile(r"[1-9]\d?(?:([ .,\u202f])\d{3})(?:\1\d{3})+")
# A decimal or a coordinate: "61.49911", "3,14159".
DECIMAL = re.compile(r"\d{1,3}[.,]\d{4,}")
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
        or _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        or _something_else(text, start, end, words)
    )


def bare_number(
    text: str,
    spans: list[tuple[int, int]],
    words: PhoneWords,
    plans: dict[str, Plan],
    everywhere: tuple[str, ...],
    home: tuple[str, ...],
    named_only: bool = False,
) -> bool:
    """A number with no word: a mobile written as one, or a number right after a name or below
    one in a signature (only those, if ``named_only``). ``home``: the countries of the text's
    languages, best fit first."""
    start, end = spans[0][0], spans[-1][1]
    if len(spans) > 1 and not named_only:
        named = after_a_name(text, start, end)
        if bare_mobile(text, spans, words, plans, everywhere if named else home):
            return True
    # The count first: most runs that reach here are too short or too long to be a number.
    if len(spans) > _MAX_GROUPS or not MIN_DIGITS <= sum(b - a for a, b in spans) <= _MAX_DIGITS:
        return False
    # What stands right before it, past spaces and a mark: the end of a capitalised word (a name),
    # or a line break (a signature's line); anything else is passed over at once.
    tail = text[max(0, start - 40) : start].rstrip(" \t,:;–—-(")
    if tail.endswith("\n"):
        return signed(text, start, end) and named_number(text, spans, words, plans, everywhere, home)
    last_word = tail.rsplit(None, 1)[-1] if tail else ""
    if not (last_word[:1].isupper() and last_word[-1].isalpha() and not last_word[-1].isupper()):
        return False
    if _NAME_BEFORE.search(text, max(0, start - 40), start) is not None:
        return named_number(text, spans, words, plans, everywhere, home)
    # "Zosia: 609 182 736" in a list is as often "Total: 612 345 678": not grouped as an amount.
    return (
        _LISTED_NAME.search(text, max(0, start - 40), start) is not None
        and not AMOUNT_SHAPE.fullmatch(text, start, end)
        and named_number(text, spans, words, plans, everywhere, home)
    )


def _amount_after(text: str, end: int) -> bool:
    """A word after the number names what it counts, unless it is a phone word ("zavolá zítra")."""
    word = _WORD_AFTER.match(text, end)
    return word is not None and not phone_word_at(text, word.end() - 1)


def signed(text: str, start: int, end: int) -> bool:
    """Whether the number fills its line below a name's line, as in a signature:
    "Marek Zieliński\nDział zakupów\n604 555 123"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if (
        not line_start
        or text[line_start:start].strip()
        or text[end : None if line_end < 0 else line_end].strip()
    ):
        return False
    above = text[max(0, line_start - 160) : line_start - 1].split("\n")[-3:]
    return any(_NAME_LINE.fullmatch(line.strip()) for line in above)


def named_number(
    text: str,
    groups: list[tuple[int, int]],
    words: PhoneWords,
    plans: dict[str, Plan],
    everywhere: tuple[str, ...],
    home: tuple[str, ...],
) -> bool:
    """Whether the digit groups right after a name are that person's number: a mobile of any
    country (from its trunk prefix, or of nine digits or more), or of the text's own countries a
    mobile of seven or eight digits or a fixed line from its trunk prefix written in groups.
    Written in one run or in groups; grouped in thousands only where no word follows, as an
    amount's unit or noun would ("Anna Nowak 601 234 567", not "Polska 601 234 567 zł")."""
    if len(groups) > _MAX_GROUPS:
        return False
    start, end = groups[0][0], groups[-1][1]
    digits = "".join(text[a:b] for a, b in groups)
    if not MIN_DIGITS <= len(digits) <= _MAX_DIGITS:
        return False
    if not (
        mobile_of(digits, plans, everywhere)
        or any(_home_number(digits, plans.get(region), len(groups) > 1) for region in home)
    ):
        return False
    if not all(_JOIN.fullmatch(text, a[1], b[0]) for a, b in itertools.pairwise(groups)):
        return False
    return not (
        (AMOUNT_SHAPE.fullmatch(text, start, end) and _amount_after(text, end))
        or DECIMAL.fullmatch(text, start, end)
        or _something_else(text, start, end, words)
    )


def _something_else(text: str, start: int, end: int, words: PhoneWords) -> bool:
    """Whether the number at ``text[start:end]`` is said to be something else: a version, a
    measure, one a word after or before it names ("Nr.", an order's), or another reading nearby."""
    return bool(
        VERSION.match(text, start, end)
        or MEASURED.match(text, end)
        or NAMED_AFTER.match(text, end)
        or numbered(text, start)
        or words.named_otherwise(start)
    )


def _home_number(digits: str, plan: Plan | None, grouped: bool) -> bool:
    """A mobile of the region without a trunk prefix, or (in groups) a fixed line from one."""
    if plan is None:
        return False
    if not plan.prefixes:
        return plan.mobile(digits)
    prefix = next((p for p in plan.prefixes if digits.startswith(p)), None)
    return grouped and prefix is not None and plan.personal(digits[len(prefix) :])


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
