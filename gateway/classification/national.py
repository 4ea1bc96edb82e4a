"""Find national identifiers in text: separator-tolerant candidates, each guarded by its checksum.

A candidate is a run of short alphanumeric groups joined by single separators (space, dash, dot,
slash), so "380 0108 5718", "380-01-08-5718" and "38001085718" are all seen. Every window of
consecutive groups is compacted and offered to the identifiers whose length and shape fit; the
longest window that validates wins, and no two findings overlap.

Which type a validated number is reported as: the one a nearby label names; else, among the
types of the strongest check it passes, the one of the text's own country, or all of them, since
"67211151367" is as much a Lithuanian code as an Estonian one and the summary must not pretend
to know which.

A weak check (a lone mod 11) passes one number in eleven, so a weak identifier without a label is
reported only where nothing else explains the number: in a sentence, not a log line or a
key-value pair, and not next to a word that names what else it is (an order, an invoice, a
count of records). Fail closed: a bare checksum-valid number someone asks about is personal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from gateway.classification import iban_format
from gateway.classification.identifiers import (
    IBAN_LENGTH,
    LANGUAGE_COUNTRY,
    NEEDS_LETTER,
    SPECS,
    IdentifierSpec,
    Strength,
)
from gateway.classification.number_context import NumberContext
from gateway.classification.patterns import has_digit, trie_pattern

# A group holds a digit, or is a short upper-case prefix/suffix (LT, EL, X, TW) or an IBAN's
# bank code (CWYW). Possessive: a group is a whole token (a separator or the run's end follows), so
# giving letters back never helps, and a word of letters fails at its first non-digit.
_GROUP = r"(?:[A-Za-z]{0,6}+\d[A-Za-z0-9]*+|[A-Z]{1,4}+)"
# Not after "+" (a phone number's country code) and not inside an IPv4 address.
_RUN = re.compile(rf"(?<![A-Za-z0-9+]){_GROUP}(?:[ \-./+]{_GROUP})*(?![A-Za-z0-9])")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# A number given as a time, size or count ("ts=1712345678901", "bytes": 5012345678) is not an
# identifier, whatever its digits happen to satisfy.
_MEASURE_KEY = re.compile(
    r"(?:\b(?:ts|time|timestamp|epoch|created|updated|expires?|exp|iat|nbf|bytes|size|latency|duration|"
    r"count|offset|seq|pid|port|length|elapsed)|_(?:ms|ns|us|at|ts|bytes|size|count))[\"']?\s*[:=]\s*[\"']?$",
    re.IGNORECASE,
)
_IPV4 = re.compile(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\.?\d)")
_IBAN_HEAD = re.compile(r"([A-Za-z]{2})[ \-./]?\d\d")
# Grouped in thousands ("1 200 000 000", "512.737.689"): an amount or a count, unless a label says
# which identifier it is.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}([ .,\u202f])\d{3}(?:\1\d{3})+")
# A postal item's number framed by letters ("RR123456785HR", "PS 5510 2287 93 SI": a service code,
# the digits, a country) and a date with its hour ("2025-06-03 09:11"): no one's identifier.
_TRACKING = re.compile(r"[A-Z]{2}[ \-]?\d(?:[\d \-]{7,14})\d[ \-]?[A-Z]{2}")
_ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
# A carrier or a parcel word just before a number, with no identifier's label near: a parcel's
# number ("DPD 0123456789012", "AWB 7750 3318 2106", "sporingsnummer 70730259304981234").
_PARCEL_BEFORE = re.compile(
    r"(?<!\w)(?:dhl|dpd|gls|ups|fedex|tnt|inpost|postnord|posti|omniva|itella|packeta|zásilkovn\w*|"
    r"speedy|econt|sameday|fan courier|cargus|venipak|bring|budbee|instabox|chronopost|colissimo|"
    r"bpost|postnl|correos|ctt|elta|acs|awb|kolli(?:-id)?|sporings\w*|rakningar\w*|stregkode|"
    r"track(?:ing)?(?:\s*(?:&|and)\s*trace)?|sledil\w*|seuranta\w*|sendungs\w*|colis|pakke|pakket|"
    r"paket|balík\w*|zásilk\w*|przesył\w*|pošiljk\w*|siunt\w*|sūtījum\w*|saadetis\w*|küldemény\w*|"
    r"colet\w*|δέμα\w*|αποστολ\w*|пратк\w*|encomenda|envío|spedizione|lähety\w*)"
    r"(?:\W+\w+){0,2}\W*$",
    re.IGNORECASE,
)
_MAX_GROUPS = 13
_MIN_LENGTH = min(n for s in SPECS for n in s.lengths)

# English is written all over the EU (and is the fallback of a short text's language guess): it
# names no country whose identifiers it should prefer.
_HOME_COUNTRY = {language: country for language, country in LANGUAGE_COUNTRY.items() if language != "en"}

BASE_SCORE = {Strength.STRONG: 0.9, Strength.MEDIUM: 0.7, Strength.WEAK: 0.35, Strength.FORMAT: 0.15}
CONTEXT_BOOST = 0.35
# Lifts a weak identifier without a label to the report threshold, never a format-only one.
BARE_IN_PROSE_BOOST = 0.15
_CONTEXT_BEFORE = 60
_CONTEXT_AFTER = 20


@dataclass(frozen=True, slots=True)
class IdentifierHit:
    entity: str
    start: int
    end: int
    score: float


# How a window's identifier is judged besides its check: nothing more (labelled, strong, or a
# medium EU-wide one); no word before it naming something else (medium); in prose (weak).
_PLAIN, _NOT_NAMED_OTHER, _IN_PROSE = 0, 1, 2
# What to try on a window: the identifier, its shape's fullmatch (None where the shape is just the
# window's length in digits), its precheck, how it is judged and its score.
_Try = tuple[IdentifierSpec, Callable[[str], object] | None, Callable[[str], bool] | None, int, float]
_DIGITS_SHAPE = re.compile(r"\\d\{(\d+)(?:,(\d+))?\}")
_SEPARATOR_TO_SPACE = str.maketrans("-./+", "    ")
_NO_SEPARATORS = str.maketrans("", "", " -./+")
_MAX_PLANS = 4096


class NationalIdFinder:
    def __init__(self, specs: tuple[IdentifierSpec, ...] = SPECS) -> None:
        by_length: dict[int, list[IdentifierSpec]] = {}
        for spec in specs:
            for n in spec.lengths:
                by_length.setdefault(n, []).append(spec)
        self._by_length = {n: tuple(v) for n, v in by_length.items()}
        # With no label near: only identifiers with a check may be reported, and only strong ones
        # where the number reads as an amount or part of a longer one (see ``_plan``).
        self._unlabelled = {
            n: tuple(s for s in v if s.strength is not Strength.FORMAT) for n, v in by_length.items()
        }
        self._unlabelled_amount = {
            n: tuple(s for s in v if s.strength is Strength.STRONG) for n, v in by_length.items()
        }
        # The lengths worth a window's Python with no label near (none of five to seven digits).
        self._unlabelled_lengths = frozenset(n for n, v in self._unlabelled.items() if v)
        # One pattern for every context word; a window's matches name the identifiers they support.
        self._supports: dict[str, set[str]] = {}
        for spec in specs:
            for word in spec.context:
                self._supports.setdefault(word.lower(), set()).add(spec.entity)
        self._context = re.compile(r"(?<!\w)" + trie_pattern(list(self._supports)))
        # What to try on a window, by its length, whether it reads as an amount and the labels near:
        # worked out once, where every window sorted the identifiers again.
        self._plans: dict[tuple[int, bool, frozenset[str], bool], tuple[_Try, ...]] = {}
        self._useful_lengths: dict[frozenset[str], frozenset[int]] = {}

    def find(self, text: str, language: str | None = None) -> list[IdentifierHit]:
        if not has_digit(text):
            return []  # every identifier holds five digits or more
        context = NumberContext(text, _HOME_COUNTRY.get(language or ""))
        hits: list[IdentifierHit] = []
        lowered: str | None = None  # once, when a run first needs the labels near it
        for run in _RUN.finditer(text):
            value = run.group(0)
            if len(value) < 5 or value.isalpha() or sum(map(str.isdigit, value)) < 5:
                continue
            if value.count(".") >= 3 and _IPV4.search(value):
                continue
            start = run.start()
            if _measure_key_before(text, start) or _failed_iban(value):
                continue
            if _ISO_DATE.match(value) or _TRACKING.fullmatch(value):
                continue
            if lowered is None:
                lowered = text.lower()
            supported = self._supported(text, lowered, start, run.end())
            found = self._scan_run(value, start, context, frozenset(supported))
            # A carrier's word before it, with no identifier's label: a parcel's number. Looked for
            # only where the run holds an identifier, since most runs hold none.
            if found and not supported:
                line_start = text.rfind("\n", 0, start) + 1
                if _PARCEL_BEFORE.search(text, max(line_start, start - 40), start):
                    continue
            hits.extend(found)
        return hits

    def _scan_run(
        self, value: str, offset: int, context: NumberContext, supported: frozenset[str]
    ) -> list[IdentifierHit]:
        """The longest window of groups that validates wins, from each group on; ``supported``:
        the identifiers a label near the run names."""
        lengths = self._lengths(supported)
        if value.isalnum():  # one group, one window: nothing is left over on either side
            if len(value) not in lengths:
                return []
            return self._types_of(value.upper(), offset, offset + len(value), 1, context, supported, False)
        # A run is groups of letters and digits joined by single separators.
        parts = value.translate(_SEPARATOR_TO_SPACE).split(" ")
        cumulative = list(accumulate(map(len, parts), initial=0))
        starts = [offset + n + k for k, n in enumerate(cumulative)]  # each group after k separators
        # How many of the groups before each hold a digit (a group of letters only holds none).
        digit_groups = list(accumulate((not part.isalpha() for part in parts), initial=0))
        # The run without its separators, once: each window is a slice of it.
        joined = "".join(parts).upper()
        count = len(parts)
        hits: list[IdentifierHit] = []
        i = 0
        while i < count:
            found: list[IdentifierHit] = []
            for j in range(min(count, i + _MAX_GROUPS), i, -1):
                length = cumulative[j] - cumulative[i]
                if length < _MIN_LENGTH:
                    break
                if length not in lengths:
                    continue
                # Digits left over on either side: the candidate is part of a longer number.
                partial = digit_groups[i] > 0 or digit_groups[-1] > digit_groups[j]
                compact = joined[cumulative[i] : cumulative[j]]
                found = self._types_of(compact, starts[i], starts[j] - 1, j - i, context, supported, partial)
                if found:
                    break
            if found:
                hits.extend(found)
                i = j
            else:
                i += 1
        return hits

    def _types_of(
        self,
        compact: str,
        start: int,
        end: int,
        groups: int,
        context: NumberContext,
        supported: frozenset[str],
        partial: bool,
    ) -> list[IdentifierHit]:
        digits = compact.isdigit()
        # Grouped in thousands, or a few groups out of a longer number ("4471 2290 1183"): a weak
        # or medium check passing there is a coincidence, unless a label names it. One group has
        # no separator to group thousands with, and where no weak or medium identifier is left to
        # try, how the number is grouped changes nothing.
        plan = self._plan(len(compact), partial, supported, digits)
        if not partial and groups > 1:
            as_amount = self._plan(len(compact), True, supported, digits)
            if len(as_amount) < len(plan) and _THOUSANDS.fullmatch(context.text, start, end) is not None:
                plan = as_amount
        if not plan or _placeholder(compact):
            return []
        valid: list[tuple[IdentifierSpec, float]] = []
        bare: bool | None = None  # worked out once, and only if a weak identifier needs it
        for spec, shape, precheck, judged, score in plan:
            if shape is None:
                if not digits:
                    continue
            elif shape(compact) is None:
                continue
            candidate = context.text[start:end] if spec.as_written else compact
            # The cheap checks first: check digits, then what the surroundings say, then the validator.
            if precheck is not None and not precheck(candidate):
                continue
            if judged == _NOT_NAMED_OTHER and context.other_named_before(start):
                continue
            # A weak identifier after one whose number was found to be no bare number in prose
            # fails the same test: its validator is not run.
            if judged == _IN_PROSE and bare is False:
                continue
            if not spec.passes(candidate):
                continue
            if judged == _IN_PROSE:
                if bare is None:
                    bare = context.bare_in_prose(start, end)
                if not bare:
                    continue
            valid.append((spec, score))
        if not valid:
            return []
        # A label outranks strength ("rodné číslo 7801233540" is Czech, not Swedish). Otherwise the
        # strongest check passed decides, then the text's own country, else every type that is left.
        chosen = [v for v in valid if v[0].entity in supported]
        if chosen:
            return [_hit(max(chosen, key=lambda v: (v[1], v[0].country == context.country)), start, end)]
        strongest = max(spec.strength for spec, _ in valid)
        chosen = [v for v in valid if v[0].strength is strongest]
        chosen = [v for v in chosen if v[0].country == context.country] or chosen
        return [_hit(v, start, end) for v in chosen]

    def _lengths(self, supported: frozenset[str]) -> frozenset[int]:
        """The window lengths for which something may be reported under these labels."""
        lengths = self._useful_lengths.get(supported)
        if lengths is None:
            if len(self._useful_lengths) >= _MAX_PLANS:
                self._useful_lengths.clear()
            lengths = self._useful_lengths[supported] = frozenset(
                n for n in self._by_length if self._plan(n, False, supported, False)
            )
        return lengths

    def _plan(self, length: int, amount: bool, supported: frozenset[str], digits: bool) -> tuple[_Try, ...]:
        """The identifiers to try on a window, in the table's order, each with how it is judged and
        its score; those whose score cannot reach the threshold are left out, and for a window of
        digits only, those whose shape needs a letter."""
        key = (length, amount, supported, digits)
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        if supported:
            specs = self._by_length.get(length, ())
        else:
            specs = (self._unlabelled_amount if amount else self._unlabelled).get(length, ())
        tries: list[_Try] = []
        for spec in specs:
            labelled = spec.entity in supported
            strength = spec.strength
            if not labelled:
                if strength is Strength.FORMAT:
                    continue  # its score never reaches the threshold without a label
                if amount and (strength is Strength.WEAK or strength is Strength.MEDIUM):
                    continue
            score = BASE_SCORE[strength]
            judged = _PLAIN
            if labelled:
                score += CONTEXT_BOOST
            elif strength is Strength.MEDIUM and spec.country != "EU":
                judged = _NOT_NAMED_OTHER
            elif strength is Strength.WEAK:
                judged = _IN_PROSE  # reported only in prose, with the boost; never without it
                score += BARE_IN_PROSE_BOOST
            if score >= REPORT_THRESHOLD and not (digits and spec in NEEDS_LETTER):
                tries.append((spec, _shape_test(spec, length), spec.precheck, judged, min(1.0, score)))
        if len(self._plans) >= _MAX_PLANS:
            self._plans.clear()
        plan = self._plans[key] = tuple(tries)
        return plan

    def _supported(self, text: str, lowered: str, start: int, end: int) -> set[str]:
        # The run itself is part of the window: "BSN 111222333" is one run. The window is cut
        # from the text lowered once, unless lowering moved its letters ("İ" grows); a final
        # sigma lowered in or out of the window differs, but no label holds one.
        left, right = max(0, start - _CONTEXT_BEFORE), end + _CONTEXT_AFTER
        window = lowered[left:right] if len(lowered) == len(text) else text[left:right].lower()
        entities: set[str] = set()
        for m in self._context.finditer(window):
            entities |= self._supports[m.group(0).lower()]
        return entities


def _shape_test(spec: IdentifierSpec, length: int) -> Callable[[str], object] | None:
    """The shape's fullmatch, or None where the shape is any ``length`` digits (the window is then
    tested once with ``str.isdigit``; its characters are ASCII letters and digits)."""
    digits = _DIGITS_SHAPE.fullmatch(spec.shape.pattern)
    if digits is not None:
        low = int(digits.group(1))
        high = int(digits.group(2) or low)
        if low <= length <= high:
            return None
    return spec.shape.fullmatch


REPORT_THRESHOLD = 0.5


def _measure_key_before(text: str, start: int) -> bool:
    """A key naming a time, size or count ends just before: "ts=", "bytes": ". Its ':' or '='
    is looked for first, since most numbers have neither before them."""
    left = max(0, start - 24)
    if text.find("=", left, start) < 0 and text.find(":", left, start) < 0:
        return False
    return _MEASURE_KEY.search(text, left, start) is not None


def _placeholder(compact: str) -> bool:
    """One digit repeated, or digits counting up or down: 11111111111, 1234567890."""
    return compact.count(compact[0]) == len(compact) or compact in _ASCENDING or compact in _DESCENDING


_ASCENDING = "0123456789" * 4
_DESCENDING = _ASCENDING[::-1]


def _failed_iban(run: str) -> bool:
    """A run that starts as an IBAN of its country's length and fails its check is no other number."""
    head = _IBAN_HEAD.match(run) if run[0].isalpha() else None
    if head is None:
        return False
    length = IBAN_LENGTH.get(head.group(1).upper())
    if length is None:
        return False
    compact = run.translate(_NO_SEPARATORS).upper()  # a run is ASCII letters, digits and separators
    if len(compact) < length:
        return False
    return not iban_format.is_valid(compact[:length])


def _hit(valid: tuple[IdentifierSpec, float], start: int, end: int) -> IdentifierHit:
    return IdentifierHit(valid[0].entity, start, end, valid[1])
