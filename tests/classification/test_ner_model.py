"""An operator's NER model, given by path: loaded offline, its PERSON findings combined with the lists."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from gateway.classification.engine import DetectionEngine
from gateway.classification.errors import EngineError


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny installed-style model: a rule-based component named "ner" stands in for a trained one."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": "Zorblax Quintavious"},
            {"label": "PERSON", "pattern": "Emily Clarke"},
        ]
    )
    path = tmp_path_factory.mktemp("model") / "en_tiny_ner"
    nlp.to_disk(path)
    return path


def test_ner_and_name_lists_combine(model_dir: Path) -> None:
    engine = DetectionEngine(["en", "de"], ner_model_path=model_dir)
    # Only the model knows this name; only the lists know the German one; both know Emily Clarke.
    text = "Zorblax Quintavious met Emily Clarke. Gestern rief Herr Müller an."
    found, summary = engine.findings(text)
    assert summary.entities == {"PERSON": 3}
    assert sorted(text[f.start : f.end] for f in found) == ["Emily Clarke", "Müller", "Zorblax Quintavious"]
    # The model serves its own language; others keep blank pipelines.
    assert engine.analyzer.nlp_engine.get_nlp("de").pipe_names == ["sovgw_lemma_lower"]


def test_the_recognizer_hash_names_the_model(model_dir: Path) -> None:
    with_model = DetectionEngine(["en"], ner_model_path=model_dir).recognizer_hash
    assert with_model != DetectionEngine(["en"]).recognizer_hash


def test_a_directory_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="meta"):
        DetectionEngine(["en"], ner_model_path=tmp_path)


def test_a_gliner_directory_is_refused_with_a_clear_reason(tmp_path: Path) -> None:
    (tmp_path / "gliner_config.json").write_text("{}")
    with pytest.raises(EngineError, match="GLiNER"):
        DetectionEngine(["en"], ner_model_path=tmp_path)


def test_a_failing_model_degrades_the_summary_and_patterns_still_run(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from domain.texts import FieldKind, TextItem
    from gateway.classification.classifier import build_classifier
    from gateway.config import ClassificationConfig

    classifier = build_classifier(
        ClassificationConfig(executor="inline", languages=["en"], ner_model_path=model_dir)
    )

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("model crashed")

    engine = classifier._engine
    assert engine is not None
    monkeypatch.setattr(engine.analyzer, "analyze", broken)
    item = TextItem(FieldKind.USER, "Write to Emily Clarke at emily@example.com")
    summary = asyncio.run(classifier.classify([item]))
    assert summary.degraded and "ner_unavailable" in summary.risk_signals
    assert summary.entities == {"EMAIL_ADDRESS": 1, "PERSON": 1}  # the lists found the name
    monkeypatch.undo()
    # The degraded result was not cached: the next request analyses the message again.
    assert asyncio.run(classifier.classify([item])).degraded is False
    assert classifier.analysed_texts == 2
