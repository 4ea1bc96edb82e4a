"""Phone numbers and IBANs written to slip past a pattern, gathered across separators and validated.

Users (and anyone hiding a number) space digits one by one, dot or dash odd groups, break a number
over two lines, put a few words between its groups ("+370 612 — call after 5 — 34567") or write an
IBAN in lower case with dashes in odd places (IBANs: evaded_ibans.py). We gather digit groups
joined by separators into chains, bridge one short run of words when the part before it is not
yet a number, and report a candidate only when a numbering plan says it is one: valid (not merely
possible) for its country by libphonenumber's metadata. A nationally written number is read only
in the countries of the text's languages and needs a phone or number word before it; one written
with its country code needs neither.

Texts with fewer than seven digits pay one regular-expression scan and nothing else.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gateway.classification.bare_mobiles import AMOUNT_SHAPE, THOUSANDS, VERSION, bare_number, mobile_of
from gateway.classification.evaded_ibans import evaded_ibans
from gateway.classification.phone_columns import in_phone_column
from gateway.classification.phone_hits import IBAN, PHONE, EvadedHit
from gateway.classification.phone_hits import settle as settle  # the engine settles the two finders here
from gateway.classification.phone_plans import (
    EU_EEA_REGIONS,
    MAX_DIGITS,
    MIN_DIGITS,
    plan_of,
    valid_international,
)
from gateway.classification.phone_words import (
    CALLED_AFTER,
    MEASURED,
    THEN,
    Homes,
    PhoneWords,
    names_other_number,
    numbered,
)
from gateway.classification.spelled_digits import SpelledRun, spelled_runs

# Scores as the phone recognizer gives them: written internationally, and with a context word.
INTERNATIONAL_SCORE, NATIONAL_SCORE, CONTEXT_BOOST = 0.6, 0.4, 0.35


# Digits inside a word ("EY0874188", "v2024") are part of some code, not of a phone number.
# The digit comes first so the engine skips to digits; the look-behind then tests the character
# before it (twice as fast as a look-behind first, the same runs).
_DIGITS = re.compile(r"\d(?<![^\W\d_]\d)\d*(?![^\W\d_])")
# Seven digits, none more than a bridge apart: the least any candidate holds.
_PREFILTER = re.compile(r"\d(?:\D{0,45}\d){6}")
# Between two groups of one number: a few separators, or one line break (a quoted reply's '>' too).
# Dashes of every width: normalisation leaves U+2010-U+2015 and the minus sign as they are.
_DASHES = "\\-‐‒–—―−"
# Up to five marks of punctuation between groups ("+370 ... 612 ... 34567", "+370 | 612 | 34567",
# quoted groups); a list item's bullet after a line break ("- 612\n- 345") and one blank line.
_JOIN = re.compile(
    rf"[ \t./()\[\]·_|•*~'\"’‘“”„{_DASHES}]{{1,5}}"
    rf"|[ \t./·,()\[\]{_DASHES}]*(?:\r?\n[ \t>]*(?:[-*•·‣◦▪–—][ \t]+)?){{1,2}}"
)
# Commas join the groups of a number written after its country code only ("+49, 151, 732, 93803"):
# elsewhere "12, 345, 678" is a list.
_COMMA_JOIN = re.compile(r",[ \t]?")
# A whole chain in one scan: digit groups, each gap a join. A join holds no digit, so it ends where
# the next group begins, and the groups are the ones ``_DIGITS`` finds one by one.
_CHAIN = re.compile(rf"{_DIGITS.pattern}(?:(?:{_JOIN.pattern}){_DIGITS.pattern})*")
_PLUS_CHAIN = re.compile(rf"{_DIGITS.pattern}(?:(?:{_JOIN.pattern}|{_COMMA_JOIN.pattern}){_DIGITS.pattern})*")
_NOT_DIGITS = re.compile(r"\D+")
# A list ("850/900/1800/1900", "1/2/3/4") is no phone number.
_LIST = re.compile(r"\d\s?/\s?\d+\s?/\s?\d")
# A date is no phone number, however its digits fall: 2024-01-01, 12.03.2024.
_DATE = re.compile(r"(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d")
# Between the parts of a number split by words: no sentence end, no blank line, a bounded stretch.
_BRIDGE_SPAN = 40
_BRIDGE = re.compile(rf"(?:[^\n!?;.]|\.(?!\s)){{3,{_BRIDGE_SPAN}}}")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT_RUN = re.compile(r"\d{3}")
_PLUS = re.compile(r"\+\s?\(?$")
_DOUBLE_ZERO = re.compile(r"\b00\s?\(?$")
_BRIDGE_MIN_DIGITS = 3
# Right after a phone word, or a message word ("WhatsApp me on"): read in any country, over a
# few words. Only a phone word lets digits grouped like an amount be a number ("Viber had 1 200 000").
_TIGHT = ("phone", "message")
# A number's middle part between two runs of words ("612 — then 34 — then 567") may be shorter.
_BRIDGE_MIDDLE_MIN_DIGITS = 2
_MAX_BRIDGES = 2
# Parts joined by "then" ("56 og så 31 og så 91 og så 15"): up to five parts.
_MAX_CONNECTED = 4
_COMPACT_DOUBLE_ZERO = re.compile(r"00[1-9]\d{8,13}")
_BRIDGED_NATIONAL_MIN = 9
# After a country code, a number's last part after a run of words may be two digits
# ("+354 611 — then 87 — then 55"): the country's plan still has to take the whole.
_BRIDGE_TAIL_INTERNATIONAL_MIN = 2

BARE_SCORE = NATIONAL_SCORE + 0.15  # a mobile stated with no word (see ``bare_mobiles``)


class _Group(NamedTuple):
    start: int
    end: int
    digits: str


class _Chain:
    """Digit groups joined by separators only, its groups split out when a rule reads them."""

    __slots__ = ("_groups", "_text", "count", "end", "start")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self.start, self.end = text, start, end
        # Digits only: one group (most chains). A join holds no digit: the groups hold every digit.
        span = text[start:end]
        self._groups = [_Group(start, end, span)] if span.isdecimal() else None
        self.count = end - start if self._groups else len(_NOT_DIGITS.sub("", span))

    @property
    def groups(self) -> list[_Group]:
        if self._groups is None:
            text = self._text
            self._groups = [
                _Group(m.start(), m.end(), m.group(0)) for m in _DIGITS.finditer(text, self.start, self.end)
            ]
        return self._groups


class EvadedNumberFinder:
    """Phone numbers and IBANs across separators, line breaks and a few words, checksum-guarded."""

    def __init__(self, regions: tuple[str, ...] = EU_EEA_REGIONS) -> None:
        self._regions = regions
        # Each region's trunk prefixes and national significant lengths: most candidates fail here,
        # before libphonenumber parses anything.
        self._plans = {region: plan for region in regions if (plan := plan_of(region)) is not None}

    def find(self, text: str, languages: str | tuple[str, ...] | None = None) -> list[EvadedHit]:
        """Hits in ``text``, identified as ``languages`` (best fit first): a nationally written
        phone number is read only in those languages' countries."""
        lowered = text.lower()  # read by the spelled digits' gate and the phone words
        spelled = spelled_runs(text, lowered)
        dense = _PREFILTER.search(text) is not None
        if not dense and not spelled:
            return []
        identified = (languages,) if isinstance(languages, str) else languages or ()
        homes = Homes(text, identified)
        hits = [EvadedHit(IBAN, start, end, 1.0) for start, end in evaded_ibans(text)] if dense else []
        if dense:
            hits += self._phones(text, lowered, homes)
        return hits + self._spelled(text, lowered, spelled, homes, hits)

    def _spelled(
        self, text: str, lowered: str, runs: list[SpelledRun], homes: Homes, found: list[EvadedHit]
    ) -> list[EvadedHit]:
        """Phone numbers spelled out a digit a word ("zero six one two ..."), with the same words
        around them and the same numbering plans as digits."""
        hits: list[EvadedHit] = []
        words = PhoneWords(text, lowered) if runs else None
        for run in runs:
            if words is None or any(h.start < run.end and run.start < h.end for h in found):
                continue
            context = words.context(run.start)
            international = run.plus or (
                context in ("phone", "message", "near") and run.digits.startswith("00")
            )
            if not international and context is None:
                regions = self._regions if homes.unidentified else homes.ranked
                if mobile_of(run.digits, self._plans, regions):
                    hits.append(EvadedHit(PHONE, run.start, run.end, BARE_SCORE, mobile=True))
                continue
            score = self._score(run.digits, international, context, homes)
            if score is not None:
                start = text.rfind("+", max(0, run.start - 6), run.start) if run.plus else -1
                hit = EvadedHit(PHONE, run.start if start < 0 else start, run.end, score, international)
                hits.append(hit)
        return hits

    # Phone numbers --------------------------------------------------------------------------------

    def _phones(self, text: str, lowered: str, homes: Homes) -> list[EvadedHit]:
        hits: list[EvadedHit] = []
        chains = _chains(text)
        words = PhoneWords(text, lowered)
        for n, chain in enumerate(chains):
            if hits and chain.start < hits[-1].end:
                continue
            count = chain.count
            following = chains[n + 1 : n + 1 + _MAX_CONNECTED]
            # Too few digits, and nothing close enough to be the rest of a number.
            if count < MIN_DIGITS:
                if not following or following[0].start - chain.end > _BRIDGE_SPAN:
                    continue
                # Its rest is read after words only after "then", or after a country code, or from
                # four digits on a trunk prefix, six without (see ``_may_continue``).
                if not _then(text, chain.end, following[0]) and (
                    count < _BRIDGE_MIN_DIGITS
                    or (
                        count < (4 if text[chain.start] == "0" else 6)
                        and not _international(text, *chain.groups[:2])
                    )
                ):
                    continue
            if _DATE.fullmatch(text, chain.start, chain.end):
                continue
            # "850/900/1800" is a list; "+370/612/34567" is a number written with slashes.
            if _LIST.search(text, chain.start, chain.end) and not _PLUS.search(
                text, max(0, chain.start - 4), chain.start
            ):
                continue
            cell = count >= MIN_DIGITS  # may fill a table's cell, or be named after
            hit = self._phone_in(text, words, chain.groups, following, homes, cell)
            if hit is not None:
                hits.append(hit)
        return hits

    def _phone_in(
        self,
        text: str,
        words: PhoneWords,
        chain: list[_Group],
        following: list[_Chain],
        homes: Homes,
        cell: bool = False,
    ) -> EvadedHit | None:
        context = words.context(chain[0].start)
        if (
            context is None
            and cell
            and (
                CALLED_AFTER.match(text, chain[-1].end)
                or in_phone_column(text, chain[0].start, chain[-1].end)
            )
        ):
            context = "phone"
        for i, first in enumerate(chain):
            # Digits before a number in the same chain are rare ("2024 0612 345 678"): a later
            # start is tried only where a number would begin, at a trunk or international prefix.
            if i and first.digits[0] != "0":
                continue
            international = _international(text, first, chain[i + 1] if i + 1 < len(chain) else None) or (
                # "0037061234567" after a phone or "number" word (a tracking or order number is
                # named so, and has no context here).
                _COMPACT_DOUBLE_ZERO.fullmatch(first.digits) is not None
                and not names_other_number(text, max(0, first.start - 40), first.start)
                and (context is not None or self._compact_international(text, words, chain))
            )
            if not international and context is None:
                if i == 0 and (hit := self._bare(text, chain, words, homes)) is not None:
                    return hit
                continue
            # The longest run of groups that is a valid number wins.
            digits = ""
            ends: list[tuple[str, int]] = []
            for group in chain[i:]:
                digits += group.digits
                if len(digits) > MAX_DIGITS + 2:
                    break
                ends.append((digits, group.end))
            if not international and (
                MEASURED.match(text, chain[-1].end) or VERSION.match(text, chain[0].start, chain[-1].end)
            ):
                continue  # "0 612 345 678 cents", "2.14.0317": no part of it is a phone number
            for candidate, end in reversed(ends):
                # "29 123 456" is grouped like an amount; right after a phone word it is a number,
                # after a message word one of the text's own countries ("Raksti man uz 21 234 567",
                # not "Telegram had about 550 000 000").
                reading = context
                if (
                    not international
                    and context not in _TIGHT
                    and THOUSANDS.fullmatch(text, first.start, end)
                ):
                    continue
                if context == "message" and AMOUNT_SHAPE.fullmatch(text, first.start, end):
                    reading = "near"
                score = self._score(candidate, international, reading, homes)
                if score is not None:
                    start = _start_of(text, first.start, international)
                    # Right after "number" ("Mijn nieuwe nummer is ..."), a valid phone number is
                    # labelled as one after a phone word: it outranks an identifier guessed in it.
                    labelled = context in _TIGHT or (
                        context == "number" and words.number_right_before(first.start)
                    )
                    return EvadedHit(PHONE, start, end, score, international, labelled)
            # A word only near it says nothing of a number right after a name ("Ozola 29 123 456
            # zvanīs rīt"): read as one with no word.
            if i == 0 and not international and context != "phone":
                hit = self._bare(text, chain, words, homes, named_only=True)
                if hit is not None:
                    return hit
            # Words between two parts: "+370 612 — call after 5 — 34567"; a number dictated in parts
            # near a phone or number word: "Uimhir Ruairí: 085, ansin 127, ansin 3266".
            if (
                i == 0
                and ends
                and (international or context in _TIGHT)
                and _may_continue(ends[-1][0], international, text, first.start, ends[-1][1])
            ) or (
                i == 0
                and ends
                and context is not None
                and following
                and _then(text, ends[-1][1], following[0])
            ):
                bridged = self._bridged(text, ends[-1], following, international, context, homes)
                if bridged is not None:
                    start = _start_of(text, first.start, international)
                    end, score = bridged
                    return EvadedHit(PHONE, start, end, score, international, context in _TIGHT)
        return None

    def _compact_international(self, text: str, words: PhoneWords, chain: list[_Group]) -> bool:
        """ "Dzwoniła z 0048601234567": '00' run into a European country's personal number, alone and
        named as nothing else (a product code's leading zeros run into a US number are no phone)."""
        start = chain[0].start
        return (
            len(chain) == 1
            and valid_international(chain[0].digits[2:], self._regions, personal=True)
            and not numbered(text, start)
        )

    def _bare(
        self, text: str, chain: list[_Group], words: PhoneWords, homes: Homes, named_only: bool = False
    ) -> EvadedHit | None:
        spans = [(g.start, g.end) for g in chain]
        if bare_number(text, spans, words, self._plans, self._regions, homes.ranked, named_only):
            return EvadedHit(PHONE, spans[0][0], spans[-1][1], BARE_SCORE, mobile=True)
        return None

    def _bridged(
        self,
        text: str,
        head: tuple[str, int],
        following: list[_Chain],
        international: bool,
        context: str | None,
        homes: Homes,
        bridges: int = 1,
    ) -> tuple[int, float] | None:
        """Where the number ends and its score, when its rest follows a few words later (or its
        middle and its end, each after a few words: "612 — then 34 — then 567")."""
        digits, head_end = head
        for n, parts in enumerate(following):
            chain = parts.groups
            for k in range(len(chain)):
                gap = text[head_end : chain[k].start]
                # "then" between two parts: the parts may be two digits each, up to five of them.
                connected = k == 0 and THEN.fullmatch(gap) is not None
                # A run of three digits between the parts is a number of its own ("0800 to 0900");
                # a time or an hour is not ("after 5", "po 18:00").
                if not connected and (not _BRIDGE.fullmatch(gap) or _DIGIT_RUN.search(gap)):
                    return None
                if not _LETTER.search(gap):
                    continue
                # The rest is the whole of the next digit run, three digits or more: a number one
                # digit short and a year a few words later do not make a phone number.
                tail = "".join(group.digits for group in chain[k:])
                if len(digits + tail) > MAX_DIGITS + 2:
                    continue
                last = (
                    _BRIDGE_TAIL_INTERNATIONAL_MIN
                    if connected or (international and bridges > 1)
                    else _BRIDGE_MIN_DIGITS
                )
                least = MIN_DIGITS if connected else _BRIDGED_NATIONAL_MIN
                if len(tail) >= last and (international or len(digits + tail) >= least):
                    # Dictated in parts after a "number" word, a number is as good as near a phone word.
                    reading = "near" if connected and context == "number" else context
                    score = self._score(digits + tail, international, reading, homes)
                    if score is not None:
                        return chain[-1].end, score
                if (
                    bridges < (_MAX_CONNECTED if connected else _MAX_BRIDGES)
                    and len(tail) >= _BRIDGE_MIDDLE_MIN_DIGITS
                ):
                    rest = self._bridged(
                        text,
                        (digits + tail, chain[-1].end),
                        following[n + 1 :],
                        international,
                        context,
                        homes,
                        bridges + 1,
                    )
                    if rest is not None:
                        return rest
        return None

    def _score(self, digits: str, international: bool, context: str | None, homes: Homes) -> float | None:
        boost = CONTEXT_BOOST if context else 0.0
        if international:
            digits = digits.removeprefix("00")
            # "+31 (0)6 1234 5678", "+49 0151 ...": a trunk prefix written after the country code.
            valid = valid_international(digits, personal=True) or any(
                digits[n : n + 1] == "0" and valid_international(digits[:n] + digits[n + 1 :], personal=True)
                for n in (1, 2, 3)
            )
            return INTERNATIONAL_SCORE + boost if valid else None
        if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
            return None
        # A number is read in the countries of the text's languages. Right after a phone word
        # ("Phone: 06 12 34 56 78", "Cell. 347 123 4567") it is read in any country: a short
        # message's language is often unknown.
        tight = context in _TIGHT
        regions = self._regions if tight else homes.ranked
        for region in regions:  # a loop, not any(): this runs for most digit runs of a text
            if self._valid_national(digits, region):
                return min(1.0, NATIONAL_SCORE + boost)
        # Near a phone word in a text whose words name no language, the language read is a default,
        # not a reading: any country (asked last, as naming the language costs a pass over the text).
        if (
            context == "near"
            and any(self._valid_national(digits, region) for region in self._regions)
            and homes.unidentified
        ):
            return min(1.0, NATIONAL_SCORE + boost)
        # Written with its country code but without the plus, right after a phone word: "370 612 34567".
        if tight and valid_international(digits, self._regions, personal=True):
            return min(1.0, NATIONAL_SCORE + boost)
        return None

    def _valid_national(self, digits: str, region: str) -> bool:
        """Valid in the region as written there: with its trunk prefix, where it has one."""
        plan = self._plans.get(region)
        if plan is None:
            return False
        prefix = next((p for p in plan.prefixes if digits.startswith(p)), None)
        if plan.prefixes and prefix is None:
            return False
        return plan.personal(digits[len(prefix or "") :])


def _may_continue(head: str, international: bool, text: str, start: int, end: int) -> bool:
    """Whether a part before some words could begin a phone number: after a country code, or four
    digits from a trunk prefix on, or six without one ("601 234 — after 6 pm — 567"; not "0800 to
    0900"), and not an amount or a count ("1 254 300 calls")."""
    if international:
        return len(head) >= _BRIDGE_MIN_DIGITS
    if THOUSANDS.fullmatch(text, start, end) or MEASURED.match(text, end):
        return False
    return len(head) >= (4 if head[0] == "0" else 6)


def _then(text: str, end: int, chain: _Chain) -> bool:
    """Whether "then" (or "and then") alone joins a part ending at ``end`` to the next ``chain``."""
    return THEN.fullmatch(text, end, chain.start) is not None


def _chains(text: str) -> list[_Chain]:
    """Digit groups joined by separators only; a '+' or a word starts a new chain. After a '+',
    commas join groups too."""
    chains: list[_Chain] = []
    search, plus_chain, plus = _CHAIN.search, _PLUS_CHAIN.match, _PLUS.search
    m = search(text)
    while m is not None:
        start, end = m.span()
        if text.find("+", max(0, start - 4), start) >= 0 and plus(text, max(0, start - 4), start):
            extended = plus_chain(text, start)  # it matches wherever ``_CHAIN`` does, and further
            end = extended.end() if extended is not None else end
        chains.append(_Chain(text, start, end))
        m = search(text, end)
    return chains


def _international(text: str, first: _Group, second: _Group | None = None) -> bool:
    """After a '+', or after '00' (also spaced: "0 0 3 7 0 ...") that no word calls a tracking or
    order number."""
    reach = max(0, first.start - 4)
    # A plain substring test first: most groups have neither a '+' nor '00' before them.
    if text.find("+", reach, first.start) >= 0 and _PLUS.search(text, reach, first.start):
        return True
    double_zero = (
        _DOUBLE_ZERO.search(text, reach, first.start) if text.find("00", reach, first.start) >= 0 else None
    )
    spaced = first.digits == "0" and second is not None and second.digits[0] == "0"
    if not double_zero and not spaced and not (first.digits.startswith("00") and len(first.digits) <= 5):
        return False
    before = double_zero.start() if double_zero else first.start
    return not names_other_number(text, max(0, before - 40), before)


def _start_of(text: str, start: int, international: bool) -> int:
    if not international:
        return start
    plus = text.rfind("+", max(0, start - 4), start)
    return plus if plus >= 0 else start
