"""Presidio as the engine sets it up: blank pipelines whose lemmas still carry context words."""

from __future__ import annotations

import pytest
from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer import pattern_recognizer as presidio_patterns

from gateway.classification.engine import DetectionEngine
from gateway.classification.presidio.analyzer import REGEX_TIMEOUT_SECONDS
from gateway.classification.presidio.nlp import OfflineSpacyNlpEngine
from gateway.classification.presidio.phone import EU_EEA_PHONE_REGIONS, EuPhoneRecognizer


def test_context_words_raise_scores_with_blank_pipelines(engine: DetectionEngine) -> None:
    probe = PatternRecognizer(
        supported_entity="PROBE_NUMBER",
        supported_language="lt",
        patterns=[Pattern("probe", r"\bQ\d{6}\b", 0.05)],
        context=["pažymėjimas"],
    )
    engine.analyzer.registry.add_recognizer(probe)
    try:
        (near,) = engine.analyzer.analyze("Jūsų pažymėjimas Q123456 galioja.", language="lt")
        (alone,) = engine.analyzer.analyze("Kodas Q123456 galioja.", language="lt")
    finally:
        engine.analyzer.registry.remove_recognizer(probe.name)
    assert alone.score == 0.05
    assert near.score >= 0.4  # boosted: the lemma component filled lemmas from lower-cased tokens


def test_every_language_has_a_blank_pipeline_with_the_lemma_component(engine: DetectionEngine) -> None:
    nlp = engine.analyzer.nlp_engine
    assert isinstance(nlp, OfflineSpacyNlpEngine)
    for language in engine.languages:
        pipeline = nlp.get_nlp(language)
        assert pipeline.pipe_names == ["sovgw_lemma_lower"]
        assert [t.lemma_ for t in pipeline("Mano PASAS")] == ["mano", "pasas"]


def test_regex_timeout_and_phone_regions() -> None:
    assert presidio_patterns.REGEX_TIMEOUT_SECONDS == REGEX_TIMEOUT_SECONDS == 1
    assert len(EU_EEA_PHONE_REGIONS) == 32
    assert EuPhoneRecognizer("lt")._regions[0] == "LT"


def test_blank_pipelines_are_built_only_when_presidios_analyzer_needs_one() -> None:
    fresh = DetectionEngine(["en", "fr", "mt"])
    nlp = fresh.analyzer.nlp_engine
    assert isinstance(nlp, OfflineSpacyNlpEngine)
    assert sorted(nlp.get_supported_languages()) == ["en", "fr", "mt"]
    assert fresh.analyze("Appelez-moi au +33 6 12 34 56 78.").entities == {"PHONE_NUMBER": 1}
    assert dict(nlp.nlp or {}) == {}  # the engine's own path needs no spaCy pipeline
    assert nlp.get_nlp("mt").pipe_names == ["sovgw_lemma_lower"]  # built when asked for
    assert set(dict(nlp.nlp or {})) == {"mt"}
    with pytest.raises(KeyError):
        nlp.get_nlp("de")  # not a configured language
