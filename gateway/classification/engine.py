"""The detection pass one process runs over a text: normalise, guess the language, find, resolve.

``DetectionEngine`` is built once per process. For each text it runs the identifier table
(national numbers, VAT, IBAN, cards; checksum-guarded), the name finder, the special-category
terms (tied to a person, else reported as a topic signal), dates of birth and street addresses,
all cheap enough for every text; then only those of Presidio's pattern recognizers that a
prefilter says could match ('@' for e-mail, a document word for passports, ...), and an installed NER
model where one serves the language. Obvious base64 is decoded and analysed once. Measured by
bench/detection.py: about 2 ms of CPU per KB of dense personal text.
"""

from __future__ import annotations

import itertools
import logging
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from gateway.classification.addresses import ENTITY as ADDRESS
from gateway.classification.addresses import AddressFinder
from gateway.classification.birth import ENTITY as BIRTH_DATE
from gateway.classification.birth import BirthDateFinder
from gateway.classification.encoded import ENCODED, decoded_tokens
from gateway.classification.errors import EngineError
from gateway.classification.evasion import EvadedNumberFinder, settle
from gateway.classification.findings import MessageFindings
from gateway.classification.languages import forget_words, identify_languages, prepare
from gateway.classification.mrz import MachineReadableZoneFinder
from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder
from gateway.classification.normalise import normalise
from gateway.classification.presidio.analyzer import build_presidio
from gateway.classification.presidio.prefilter import presidio_candidates
from gateway.classification.special import SPECIAL_ENTITIES, SpecialCategoryFinder, entity_for
from gateway.classification.version import recognizer_hash

log = logging.getLogger(__name__)

REPORT_THRESHOLD = 0.5
# A special-category term with no person in its sentence: the text's topic, reported as a signal.
SPECIAL_TOPIC = "special_topic"
_TOPIC_PREFIX = "TOPIC_"

# Where spans overlap, checksum-validated findings win over phone numbers and IP addresses, and
# those over document numbers (a pattern and a context word).
_PRIORITY = {"PHONE_NUMBER": 1, "IP_ADDRESS": 1, "PASSPORT_NUMBER": 0, "ID_CARD_NUMBER": 0}
_TOP = 2

Span = tuple[str, int, int, float]  # entity type, start, end, score


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding with its span in the original text (for later pseudonymisation; never logged)."""

    entity: str
    start: int
    end: int
    score: float


class DetectionEngine:
    def __init__(self, languages: list[str], ner_model_path: Path | None = None) -> None:
        if not languages:
            raise EngineError("at least one classification language is needed")
        self.languages = list(dict.fromkeys(languages))
        prepare(self.languages)  # the language models load now, not on the first short message
        # First: it also refuses an unusable model directory before anything is built.
        self.recognizer_hash = recognizer_hash(self.languages, ner_model_path)
        self._national = NationalIdFinder()
        self._evaded = EvadedNumberFinder()
        self._names = NameFinder(self.languages)
        self._special = SpecialCategoryFinder(self.languages)
        self._addresses = AddressFinder()
        self._births = BirthDateFinder()
        self._zones = MachineReadableZoneFinder()
        presidio = build_presidio(self.languages, ner_model_path, self._national, self._names, self._special)
        self.analyzer = presidio.analyzer
        self._direct = presidio.direct
        self._ner_languages = presidio.ner_languages

    @property
    def names(self) -> NameFinder:
        return self._names

    def analyze(self, text: str) -> MessageFindings:
        return self.findings(text)[1]

    def findings(self, text: str) -> tuple[list[Finding], MessageFindings]:
        try:
            return self._findings(text)
        finally:
            forget_words()  # the text's words, kept for its finders, go with it

    def _findings(self, text: str) -> tuple[list[Finding], MessageFindings]:
        norm = normalise(text)
        body = norm.text
        identified = self._identify(body)
        language = identified[0]
        spans, degraded = self._detect(body, identified)
        signals = list(norm.risk_signals)
        # Findings inside decoded base64 are reported at the encoded token's place.
        for start, end, decoded in decoded_tokens(body):
            plain = normalise(decoded).text
            inner, inner_degraded = self._detect(plain, self._identify(plain, language))
            spans += [(e, start, end, score) for e, _, _, score in inner]
            degraded = degraded or inner_degraded
            if ENCODED not in signals:
                signals.append(ENCODED)
        topics = sorted({e[len(_TOPIC_PREFIX) :].lower() for e, *_ in spans if e.startswith(_TOPIC_PREFIX)})
        if topics:
            signals += [SPECIAL_TOPIC, *(f"{SPECIAL_TOPIC}_{t}" for t in topics)]
        found = [
            Finding(e, *norm.original_span(a, b), score)
            for e, a, b, score in spans
            if not e.startswith(_TOPIC_PREFIX)
        ]
        counts: dict[str, int] = {}
        for f in found:
            counts[f.entity] = counts.get(f.entity, 0) + 1
        special = tuple(
            sorted({f.entity.removeprefix("SPECIAL_").lower() for f in found if f.entity in SPECIAL_ENTITIES})
        )
        summary = MessageFindings(
            entities=counts,
            max_score=round(max((f.score for f in found), default=0.0), 4),
            special_categories=special,
            language=language,
            risk_signals=tuple(signals),
            degraded=degraded,
        )
        return found, summary

    def _identify(self, body: str, first: str | None = None) -> tuple[str, ...]:
        """The languages a text is analysed under, best fit first (``first`` leads when given: the
        language of the message a decoded token came from)."""
        identified = identify_languages(body, self.languages)
        lead = first or identified[0]
        return (lead, *(lang for lang in identified if lang != lead))

    def _detect(self, body: str, identified: tuple[str, ...]) -> tuple[list[Span], bool]:
        language = identified[0]
        found_names = self._names.find(body, language)
        names = [(s.start, s.end, s.score) for s in found_names if s.score >= REPORT_THRESHOLD]
        # A listed first name too unsure to report ("Anna" opening a sentence) still ties a special
        # category term to a person: "Anna has epilepsy" is about someone. A lone surname that is
        # also a place ("España") does not.
        people = [
            (s.start, s.end)
            for s in found_names
            if s.score >= REPORT_THRESHOLD or self._names.is_first_name(_first_word(body, s.start, s.end))
        ]
        special = self._special.find(body, identified, people)
        spans: list[Span] = [
            *(
                (h.entity, h.start, h.end, h.score)
                for h in settle(self._evaded.find(body, identified), self._national.find(body, language))
            ),
            *((entity_for(h.category), h.start, h.end, h.score) for h in special if h.linked),
            *((BIRTH_DATE, h.start, h.end, h.score) for h in self._births.find(body)),
            *((ADDRESS, h.start, h.end, h.score) for h in self._addresses.find(body)),
            *((h.entity, h.start, h.end, h.score) for h in self._zones.find(body)),
        ]
        topics = [(_TOPIC_PREFIX + h.category.upper(), h.start, h.end, 0.0) for h in special if not h.linked]
        entities = presidio_candidates(body)
        # Presidio's pattern recognizers are called directly: their results are validated or
        # already weighed for context, so the analyzer's NLP pass and enhancer would add only cost.
        # Identifiers already found are blanked out, so their digits are not tried as phone numbers;
        # special-category terms hold no digits and may be a document's words ("Cárta Seirbhísí").
        direct = self._direct[language]
        numbered = [(a, b) for e, a, b, _ in spans if not e.startswith("SPECIAL_")]
        masked = _blank(body, numbered) if numbered else body
        for recognizer in {id(direct[e]): direct[e] for e in entities}.values():
            for r in recognizer.analyze(masked, entities, None):  # type: ignore[arg-type]
                if r.score >= REPORT_THRESHOLD and r.entity_type in entities:
                    spans.append((r.entity_type, r.start, r.end, r.score))
        degraded = False
        if language in self._ner_languages:
            try:
                for r in self.analyzer.analyze(
                    body, language=language, entities=["PERSON"], score_threshold=REPORT_THRESHOLD
                ):
                    names.append((r.start, r.end, r.score))
            except Exception as e:  # the model failed on this text: name lists still ran
                log.warning(
                    "NER model failed (%s); names from lists only, summary degraded", type(e).__name__
                )
                degraded = True
        spans = _drop_weak_overlaps(spans) + topics
        return spans + [("PERSON", a, b, score) for a, b, score in _union(names)], degraded


def _first_word(text: str, start: int, end: int) -> str:
    return text[start:end].split(maxsplit=1)[0] if end > start else ""


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans' characters as spaces: copied by stretches, not by character."""
    parts: list[str] = []
    done = 0  # how far the text has been copied or blanked
    for a, b in sorted(spans):
        if b <= done:
            continue
        a = max(a, done)
        parts += (text[done:a], " " * (b - a))
        done = b
    parts.append(text[done:])
    return "".join(parts)


def _drop_weak_overlaps(spans: list[Span]) -> list[Span]:
    """Spans of a lower priority (phones, documents) that overlap one of a higher priority go.

    Per weak rank, the stronger spans sorted by start with the furthest end reached so far: a weak
    span overlaps one of them when, among those starting before its end, the furthest end passes
    its start. O(n log n), where comparing every weak span with every other span was quadratic in a
    text full of phone numbers (320 KB: 7 s).
    """
    # A special-category term is no number: it never outranks one ("seitse" inside a spelled phone).
    ranks = [-1 if s[0].startswith("SPECIAL_") else _PRIORITY.get(s[0], _TOP) for s in spans]
    dropped: set[int] = set()
    for rank in {r for r in ranks if 0 <= r < _TOP}:
        stronger = sorted((s[1], s[2]) for s, r in zip(spans, ranks, strict=True) if r > rank)
        starts = [a for a, _ in stronger]
        reach = list(itertools.accumulate((b for _, b in stronger), max))
        for i, s in enumerate(spans):
            if ranks[i] == rank and (k := bisect_left(starts, s[2])) and reach[k - 1] > s[1]:
                dropped.add(i)
    return [s for i, s in enumerate(spans) if i not in dropped] if dropped else spans


def _union(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Overlapping name spans (name lists and NER finding the same person) count once."""
    merged: list[tuple[int, int, float]] = []
    for a, b, score in sorted(spans):
        if merged and a < merged[-1][1]:
            pa, pb, ps = merged[-1]
            merged[-1] = (pa, max(pb, b), max(ps, score))
        else:
            merged.append((a, b, score))
    return merged
