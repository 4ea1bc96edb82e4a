"""Presidio's analyzer built offline: every recognizer per language, bounded regex time, lean context.

Presidio allows a regex 60 s and fetches the public suffix list on first use; here a regex gets
about a second and the suffix list is the bundled one. Its context enhancer leaves our
already-weighed results alone. The full ``AnalyzerEngine`` serves the NER model and anyone who
wants Presidio's own interface; the engine's hot path calls the pattern recognizers in
``direct`` itself.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer import analyzer_engine as _analyzer_module
from presidio_analyzer import pattern_recognizer as _pattern_module
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from presidio_analyzer.predefined_recognizers.generic import iban_recognizer as _iban_module

from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder
from gateway.classification.presidio.network import OFFLINE_TLD
from gateway.classification.presidio.nlp import OfflineSpacyNlpEngine
from gateway.classification.presidio.prefilter import DIRECT_ENTITIES
from gateway.classification.presidio.recognizers import recognizers_for
from gateway.classification.presidio.results import ENHANCED
from gateway.classification.special import SpecialCategoryFinder

REGEX_TIMEOUT_SECONDS = 1


@dataclass(frozen=True, slots=True)
class OfflinePresidio:
    analyzer: AnalyzerEngine
    # Per language, Presidio's own pattern recognizers by entity type, for direct calls.
    direct: dict[str, dict[str, EntityRecognizer]]
    # The languages an installed NER model serves.
    ner_languages: frozenset[str]


def build_presidio(
    languages: list[str],
    ner_model_path: Path | None,
    national: NationalIdFinder,
    names: NameFinder,
    special: SpecialCategoryFinder,
) -> OfflinePresidio:
    _limit_regex_time()
    nlp = OfflineSpacyNlpEngine(languages, ner_model_path)
    nlp.load()
    OFFLINE_TLD("warm.example.com")  # build the suffix trie now, not on the first e-mail
    registry = RecognizerRegistry(supported_languages=languages)
    direct: dict[str, dict[str, EntityRecognizer]] = {}
    for lang in languages:
        for recognizer in recognizers_for(lang, national, names, special):
            registry.add_recognizer(recognizer)
            for entity in recognizer.supported_entities:
                if entity in DIRECT_ENTITIES:
                    direct.setdefault(lang, {})[entity] = recognizer
    ner_languages = frozenset(nlp.ner_languages)
    for lang in ner_languages:
        registry.add_recognizer(SpacyRecognizer(supported_language=lang, supported_entities=["PERSON"]))
    analyzer = AnalyzerEngine(
        nlp_engine=nlp,
        registry=registry,
        supported_languages=languages,
        context_aware_enhancer=_ContextEnhancer(),
    )
    return OfflinePresidio(analyzer, direct, ner_languages)


def _limit_regex_time() -> None:
    # Presidio reads these module globals at call time.
    for module in (_analyzer_module, _pattern_module, _iban_module):
        module.REGEX_TIMEOUT_SECONDS = REGEX_TIMEOUT_SECONDS  # type: ignore[attr-defined]


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
            return bool((r.recognition_metadata or {}).get(ENHANCED)) or r.score >= 1.0

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
