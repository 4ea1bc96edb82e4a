"""The detection engine one worker process builds once: Presidio, offline, plus our finders.

Presidio's defaults reach for the network (spaCy model download, public suffix list) and allow a
regex 60 s; here every spaCy pipeline is ``spacy.blank(lang)`` with a component that sets
``lemma_ = lower_`` (so context words still boost scores), the suffix list is the bundled one,
and a regex gets about a second. An operator may name an installed spaCy model by path for NER;
its PERSON findings then combine with the name lists.

``DetectionEngine.analyze`` normalises the text, guesses its language, and runs on it: the
identifier table (national numbers, VAT, IBAN, cards; checksum-guarded), the name finder and the
special-category terms, all cheap enough for every text; then only those of Presidio's
recognizers that a prefilter says could match ('@' for e-mail, digit runs for phones, ...),
called directly since their results are validated or already weighed for context. The full
``AnalyzerEngine`` (every recognizer registered for every language) serves the NER model and
anyone who wants Presidio's own interface. Obvious base64 is decoded and analysed once.
Measured by bench/detection.py: about 2 ms of CPU per KB of dense personal text.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer import analyzer_engine as _analyzer_module
from presidio_analyzer import pattern_recognizer as _pattern_module
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from presidio_analyzer.predefined_recognizers.generic import iban_recognizer as _iban_module
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language

from gateway.classification.findings import MessageFindings
from gateway.classification.identifiers import SPECS
from gateway.classification.languages import guess_language
from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder
from gateway.classification.normalise import normalise
from gateway.classification.recognizers import (
    OFFLINE_TLD,
    RECOGNIZER_NAMES,
    SPECIAL_ENTITIES,
    recognizers_for,
)
from gateway.classification.special import SpecialCategoryFinder, entity_for

log = logging.getLogger(__name__)

DETECTOR_VERSION = "sovgw-detect/1.0"
REGEX_TIMEOUT_SECONDS = 1
REPORT_THRESHOLD = 0.5
SPACY_LANGUAGE = {"mt": "xx"}  # spaCy has no Maltese pipeline; the multi-language one tokenises it


class EngineError(Exception):
    """The engine cannot be built (for example, a configured NER model cannot be loaded)."""


@Language.component("sovgw_lemma_lower")
def _lemma_lower(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    # Blank pipelines leave lemmas empty, which silently disables Presidio's context boosting.
    # Copying the LOWER attribute array into LEMMA is the vectorised form of lemma_ = lower_.
    doc.from_array([LEMMA], doc.to_array([LOWER]))  # type: ignore[arg-type]
    return doc


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Blank spaCy pipelines per language, or an installed model given by path; never downloads."""

    def __init__(self, languages: list[str], ner_model_path: Path | None = None) -> None:
        super().__init__(
            models=[{"lang_code": lang, "model_name": "blank"} for lang in languages],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={"PER": "PERSON", "PERSON": "PERSON"},
                labels_to_ignore=[],
            ),
        )
        self._languages = languages
        self._ner_model_path = ner_model_path

    def load(self) -> None:
        model = None
        if self._ner_model_path is not None:
            check_ner_model_path(self._ner_model_path)
            try:
                model = spacy.load(self._ner_model_path)
            except (OSError, ValueError) as e:
                raise EngineError(
                    f"cannot load the NER model at ner_model_path: {type(e).__name__}"
                ) from None
            if "sovgw_lemma_lower" not in model.pipe_names and "lemmatizer" not in model.pipe_names:
                model.add_pipe("sovgw_lemma_lower", last=True)
        pipelines: dict[str, Language] = {}
        for lang in self._languages:
            if model is not None and model.lang in (lang, "xx"):
                pipelines[lang] = model
                continue
            blank = spacy.blank(SPACY_LANGUAGE.get(lang, lang))
            blank.add_pipe("sovgw_lemma_lower")
            pipelines[lang] = blank
        self.nlp = pipelines  # type: ignore[assignment]

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        if self.nlp is not None and "ner" not in self.nlp[language].pipe_names:
            return _LazyArtifacts(self, text, language)
        return super().process_text(text, language)

    def build_artifacts(self, text: str, language: str) -> NlpArtifacts:
        return super().process_text(text, language)

    @property
    def ner_languages(self) -> list[str]:
        pipelines: dict[str, Language] = self.nlp or {}  # type: ignore[assignment]
        return [lang for lang, nlp in pipelines.items() if "ner" in nlp.pipe_names]


class _LazyArtifacts(NlpArtifacts):
    """Tokens and lemmas only when a result actually needs context words.

    Without NER the spaCy pass serves nothing but context enhancement; most texts produce no
    result that needs it, and tokenising plus lemma lookup is the largest fixed cost per text.
    """

    def __init__(self, engine: OfflineSpacyNlpEngine, text: str, language: str) -> None:
        self._engine = engine
        self._text = text
        self._built: NlpArtifacts | None = None
        self.nlp_engine = engine
        self.language = language
        self.entities = []
        self.scores = []

    def _artifacts(self) -> NlpArtifacts:
        if self._built is None:
            self._built = self._engine.build_artifacts(self._text, self.language)
        return self._built

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes never set here: the ones the spaCy pass would provide.
        if name in ("tokens", "lemmas", "tokens_indices", "keywords"):
            return getattr(self._artifacts(), name)
        raise AttributeError(name)


class _ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma enhancer without its per-result linear token scan and deep copies.

    Results our own recognizers already weighed pass straight through; for the rest, the token
    under a match is found by bisection instead of walking the document each time.
    """

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: Any,
        recognizers: list[Any],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        def settled(r: RecognizerResult) -> bool:  # already weighed, or validated to full score
            return bool((r.recognition_metadata or {}).get(_ENHANCED)) or r.score >= 1.0

        done = [r for r in raw_results if settled(r)]
        todo = [r for r in raw_results if not settled(r)]
        if not todo:
            return done
        return done + super().enhance_using_context(text, todo, nlp_artifacts, recognizers, context)

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens: Any, tokens_indices: list[int]) -> int:
        i = max(0, bisect.bisect_right(tokens_indices, start) - 1)
        if i < len(tokens_indices) and start >= tokens_indices[i] + len(tokens[i]):
            i += 1
        if i >= len(tokens_indices):
            raise ValueError("match is past the last token")
        return i


_ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


def _limit_regex_time() -> None:
    # Presidio reads these module globals at call time.
    for module in (_analyzer_module, _pattern_module, _iban_module):
        module.REGEX_TIMEOUT_SECONDS = REGEX_TIMEOUT_SECONDS  # type: ignore[attr-defined]


_DIGITS = re.compile(r"\d[\d \-./]{3,}\d")
# IPv4, or IPv6 with four or more groups or a "::" (clock times like 12:00:01 have three).
_IP = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|(?:[0-9A-Fa-f]{1,4}:){3,7}[0-9A-Fa-f]{1,4}|::")
_DOCUMENT_WORDS = re.compile(
    r"pas|ausweis|kortel|apliecīb|kaart|tunnistus|henkilökortti|identit|carta|\bid\b", re.IGNORECASE
)


def presidio_candidates(text: str) -> list[str]:
    """Entity types of Presidio's recognizers that could match at all, by cheap tests.

    Plain prose runs none of them; our own finders (identifiers, names, special categories) are
    cheap enough to run on every text.
    """
    entities = []
    if "@" in text:
        entities.append("EMAIL_ADDRESS")
    if _DIGITS.search(text):
        entities.append("PHONE_NUMBER")
        if _DOCUMENT_WORDS.search(text):
            entities += ["PASSPORT_NUMBER", "ID_CARD_NUMBER"]
    if _IP.search(text):
        entities.append("IP_ADDRESS")
    return entities


# IBANs and payment cards are in the identifier table (separator-tolerant, checksum-guarded);
# Presidio's recognizers for them stay registered for direct use of the analyzer.
_DIRECT_ENTITIES = frozenset(
    {"EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "PASSPORT_NUMBER", "ID_CARD_NUMBER"}
)

# Where spans overlap, checksum-validated findings win over phone numbers and IP addresses, and
# those over document numbers (a pattern and a context word).
_PRIORITY = {"PHONE_NUMBER": 1, "IP_ADDRESS": 1, "PASSPORT_NUMBER": 0, "ID_CARD_NUMBER": 0}


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
        _limit_regex_time()
        self.languages = list(dict.fromkeys(languages))
        self._nlp = OfflineSpacyNlpEngine(self.languages, ner_model_path)
        self._nlp.load()
        OFFLINE_TLD("warm.example.com")  # build the suffix trie now, not on the first e-mail
        self._national = NationalIdFinder()
        self._names = NameFinder(self.languages)
        self._special = SpecialCategoryFinder(self.languages)
        registry = RecognizerRegistry(supported_languages=self.languages)
        # Per language, Presidio's own recognizers by entity type, for direct calls on the hot path.
        self._direct: dict[str, dict[str, EntityRecognizer]] = {}
        for lang in self.languages:
            for recognizer in recognizers_for(lang, self._national, self._names, self._special):
                registry.add_recognizer(recognizer)
                for entity in recognizer.supported_entities:
                    if entity in _DIRECT_ENTITIES:
                        self._direct.setdefault(lang, {})[entity] = recognizer
        self._ner_languages = set(self._nlp.ner_languages)
        for lang in self._ner_languages:
            registry.add_recognizer(SpacyRecognizer(supported_language=lang, supported_entities=["PERSON"]))
        # The full analyzer finds everything, in any configured language; the hot path below calls
        # our own finders directly and the analyzer only for what a prefilter says could match.
        self.analyzer = AnalyzerEngine(
            nlp_engine=self._nlp,
            registry=registry,
            supported_languages=self.languages,
            context_aware_enhancer=_ContextEnhancer(),
        )
        self.recognizer_hash = recognizer_hash(self.languages, ner_model_path)

    def findings(self, text: str) -> tuple[list[Finding], MessageFindings]:
        norm = normalise(text)
        body = norm.text
        language = guess_language(body, self.languages)
        spans, degraded = self._detect(body, language)
        signals = list(norm.risk_signals)
        # Obvious base64 (a JWT payload, an encoded JSON body) is decoded and analysed once;
        # findings inside it are reported at the encoded token's place.
        for start, end, decoded in _decoded_tokens(body):
            inner, inner_degraded = self._detect(normalise(decoded).text, language)
            spans += [(e, start, end, score) for e, _, _, score in inner]
            degraded = degraded or inner_degraded
            if ENCODED not in signals:
                signals.append(ENCODED)
        found = [Finding(e, *norm.original_span(a, b), score) for e, a, b, score in spans]
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

    def _detect(self, body: str, language: str) -> tuple[list[tuple[str, int, int, float]], bool]:
        spans: list[tuple[str, int, int, float]] = [
            *((h.entity, h.start, h.end, h.score) for h in self._national.find(body, language)),
            *((entity_for(h.category), h.start, h.end, h.score) for h in self._special.find(body)),
        ]
        names = [
            (s.start, s.end, s.score) for s in self._names.find(body, language) if s.score >= REPORT_THRESHOLD
        ]
        entities = presidio_candidates(body)
        # Presidio's pattern recognizers are called directly: their results are validated or
        # already weighed for context, so the analyzer's NLP pass and enhancer would add only cost.
        # Identifiers already found are blanked out, so their digits are not tried as phone numbers.
        direct = self._direct[language]
        masked = _blank(body, [(a, b) for _, a, b, _ in spans]) if spans else body
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
        spans = _drop_weak_overlaps(spans)
        return spans + [("PERSON", a, b, score) for a, b, score in _union(names)], degraded

    def analyze(self, text: str) -> MessageFindings:
        return self.findings(text)[1]


ENCODED = "encoded_text"
# Base64 or base64url runs long enough to hide a sentence; decoded only if the result is text.
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}(?![A-Za-z0-9+/_=-])")
_MAX_DECODED = 5


def _decoded_tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _BASE64.finditer(text):
        token = m.group(0)
        if token.isalpha() or token.isdigit() or ("/" in token and "-" in token):
            continue  # a word, a number or a path, not an encoding
        try:
            raw = base64.b64decode(token.translate(_URLSAFE) + "=" * (-len(token) % 4), validate=True)
            decoded = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        printable = sum(ch.isprintable() or ch in "\n\t" for ch in decoded)
        if decoded and printable / len(decoded) > 0.95 and any(ch.isalpha() for ch in decoded):
            out.append((m.start(), m.end(), decoded))
            if len(out) == _MAX_DECODED:
                break
    return out


_URLSAFE = str.maketrans("-_", "+/")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _drop_weak_overlaps(spans: list[tuple[str, int, int, float]]) -> list[tuple[str, int, int, float]]:
    def rank(entity: str) -> int:
        return _PRIORITY.get(entity, 2)

    return [
        s for s in spans if not any(rank(o[0]) > rank(s[0]) and o[1] < s[2] and s[1] < o[2] for o in spans)
    ]


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


def recognizer_hash(languages: list[str], ner_model_path: Path | None) -> str:
    """A hash over what decides a finding: recognizers, identifier table, data files, NER model.

    Computed without building an engine, so the event-loop process can stamp summaries with it.
    """
    h = hashlib.sha256()
    h.update(json.dumps([DETECTOR_VERSION, languages, RECOGNIZER_NAMES, sorted(SPECIAL_ENTITIES)]).encode())
    h.update(
        json.dumps(
            [(s.entity, s.validator.__name__, s.strength.name, s.shape.pattern, s.context) for s in SPECS]
        ).encode()
    )
    data = resources.files("gateway.classification") / "data"
    for path in sorted(_walk(data), key=str):
        h.update(str(path.name).encode() + b"\0" + path.read_bytes())
    if ner_model_path is not None:
        check_ner_model_path(ner_model_path)
        h.update((ner_model_path / "meta.json").read_bytes())
    return h.hexdigest()


def check_ner_model_path(path: Path) -> None:
    if (path / "gliner_config.json").is_file():
        # The gliner package is not among our locked dependencies; say so rather than fail later.
        raise EngineError("ner_model_path holds a GLiNER model; this build supports spaCy model directories")
    if not (path / "meta.json").is_file():
        raise EngineError("ner_model_path is not an installed spaCy model directory (no meta.json)")


def _walk(root: Any) -> Any:
    for entry in root.iterdir():
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.name.endswith(".json"):
            yield entry
