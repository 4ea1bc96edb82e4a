"""Find national identifiers in text: separator-tolerant candidates, each guarded by its checksum.

A candidate is a run of short alphanumeric groups joined by single separators (space, dash, dot,
slash), so "380 0108 5718", "380-01-08-5718" and "38001085718" are all seen. Every window of
consecutive groups is compacted and offered to the identifiers whose length and shape fit; the
longest window that validates wins, and no two findings overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.classification.identifiers import LANGUAGE_COUNTRY, SPECS, IdentifierSpec, Strength
from gateway.classification.patterns import trie_pattern

# A group holds a digit, or is a short upper-case prefix/suffix (LT, EL, X, TW) or an IBAN's
# bank code (CWYW).
_GROUP = r"(?:[A-Za-z]{0,6}\d[A-Za-z0-9]*|[A-Z]{1,4})"
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
_GROUP_IN_RUN = re.compile(r"[A-Za-z0-9]+")
_MAX_GROUPS = 13
_MIN_LENGTH = min(n for s in SPECS for n in s.lengths)

BASE_SCORE = {Strength.STRONG: 0.9, Strength.MEDIUM: 0.7, Strength.WEAK: 0.35}
CONTEXT_BOOST = 0.35
_CONTEXT_BEFORE = 60
_CONTEXT_AFTER = 20


@dataclass(frozen=True, slots=True)
class IdentifierHit:
    entity: str
    start: int
    end: int
    score: float


class NationalIdFinder:
    def __init__(self, specs: tuple[IdentifierSpec, ...] = SPECS) -> None:
        self._by_length: dict[int, list[IdentifierSpec]] = {}
        for spec in specs:
            for n in spec.lengths:
                self._by_length.setdefault(n, []).append(spec)
        # One pattern for every context word; a window's matches name the identifiers they support.
        self._supports: dict[str, set[str]] = {}
        for spec in specs:
            for word in spec.context:
                self._supports.setdefault(word.lower(), set()).add(spec.entity)
        self._context = re.compile(r"(?<!\w)" + trie_pattern(list(self._supports)))

    def find(self, text: str, language: str | None = None) -> list[IdentifierHit]:
        country = LANGUAGE_COUNTRY.get(language or "")
        hits: list[IdentifierHit] = []
        for run in _RUN.finditer(text):
            if sum(ch.isdigit() for ch in run.group(0)) < 5 or _IPV4.search(run.group(0)):
                continue
            if _MEASURE_KEY.search(text, max(0, run.start() - 24), run.start()):
                continue
            groups = [
                (g.start() + run.start(), g.end() + run.start()) for g in _GROUP_IN_RUN.finditer(run.group(0))
            ]
            supported = self._supported(text, run.start(), run.end())
            hits.extend(self._scan_run(text, groups, country, supported))
        return hits

    def _scan_run(
        self, text: str, groups: list[tuple[int, int]], country: str | None, supported: set[str]
    ) -> list[IdentifierHit]:
        hits = []
        cumulative = [0]
        for a, b in groups:
            cumulative.append(cumulative[-1] + b - a)
        i = 0
        while i < len(groups):
            found = None
            for j in range(min(len(groups), i + _MAX_GROUPS), i, -1):
                length = cumulative[j] - cumulative[i]
                if length < _MIN_LENGTH:
                    break
                if length not in self._by_length:
                    continue
                start, end = groups[i][0], groups[j - 1][1]
                compact = "".join(text[a:b] for a, b in groups[i:j]).upper()
                found = self._best(text[start:end], compact, start, end, country, supported)
                if found is not None:
                    break
            if found is not None:
                hits.append(found)
                i = j
            else:
                i += 1
        return hits

    def _best(
        self, raw: str, compact: str, start: int, end: int, country: str | None, supported: set[str]
    ) -> IdentifierHit | None:
        best: tuple[bool, float, bool, IdentifierSpec] | None = None
        for spec in self._by_length.get(len(compact), ()):
            if not spec.shape.fullmatch(compact):
                continue
            score = BASE_SCORE[spec.strength] + (CONTEXT_BOOST if spec.entity in supported else 0.0)
            # Check the context before the checksum: weak identifiers without it are never reported,
            # and validators are the expensive part on number-heavy text.
            if score < REPORT_THRESHOLD or not spec.is_valid(raw if spec.as_written else compact):
                continue
            # A context word outranks strength: "rodné číslo 7801233540" is Czech, not Swedish.
            rank = (spec.entity in supported, min(1.0, score), spec.country == country, spec)
            if best is None or rank[:3] > best[:3]:
                best = rank
        if best is None:
            return None
        return IdentifierHit(best[3].entity, start, end, best[1])

    def _supported(self, text: str, start: int, end: int) -> set[str]:
        # The run itself is part of the window: "BSN 111222333" is one run.
        window = text[max(0, start - _CONTEXT_BEFORE) : end + _CONTEXT_AFTER].lower()
        entities: set[str] = set()
        for m in self._context.finditer(window):
            entities |= self._supports[m.group(0).lower()]
        return entities


REPORT_THRESHOLD = 0.5
