"""Presidio's NLP engine offline: blank spaCy pipelines, or an installed NER model given by path.

Presidio's default reaches for a spaCy model download; here every pipeline is ``spacy.blank(lang)``
with a component that sets ``lemma_ = lower_``, so context words still boost scores. An installed
model serves its own language and its PERSON findings combine with the name lists.

Blank pipelines are built on first use, once per process: the engine calls Presidio's analyzer
(the only user of a pipeline) for NER languages alone, and building all 26 (French's tokenizer
exceptions above all) was most of an engine's start-up time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language

from gateway.classification.errors import EngineError

# spaCy has no Maltese pipeline (the multi-language one tokenises it) and names Norwegian Bokmål "nb".
SPACY_LANGUAGE = {"mt": "xx", "no": "nb"}


@Language.component("sovgw_lemma_lower")
def _lemma_lower(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    # Blank pipelines leave lemmas empty, which silently disables Presidio's context boosting.
    # Copying the LOWER attribute array into LEMMA is the vectorised form of lemma_ = lower_.
    doc.from_array([LEMMA], doc.to_array([LOWER]))  # type: ignore[arg-type]
    return doc


@cache
def blank_pipeline(lang: str) -> Language:
    pipeline = spacy.blank(SPACY_LANGUAGE.get(lang, lang))
    pipeline.add_pipe("sovgw_lemma_lower")
    return pipeline


class _Pipelines(dict[str, Language]):
    """The configured languages' pipelines: an installed model's at once, blank ones when asked for."""

    def __init__(self, languages: list[str], built: dict[str, Language]) -> None:
        super().__init__(built)
        self._languages = frozenset(languages)

    def __missing__(self, lang: str) -> Language:
        if lang not in self._languages:
            raise KeyError(lang)
        self[lang] = pipeline = blank_pipeline(lang)
        return pipeline

    def __bool__(self) -> bool:  # Presidio treats an empty mapping as "not loaded"
        return bool(self._languages)


def check_ner_model_path(path: Path) -> None:
    """Refuse, with a reason, a directory that is not an installed spaCy model."""
    if (path / "gliner_config.json").is_file():
        # The gliner package is not among our locked dependencies; say so rather than fail later.
        raise EngineError("ner_model_path holds a GLiNER model; this build supports spaCy model directories")
    if not (path / "meta.json").is_file():
        raise EngineError("ner_model_path is not an installed spaCy model directory (no meta.json)")


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
        self._ner: frozenset[str] = frozenset()

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
        served = {lang: model for lang in self._languages if model is not None and model.lang in (lang, "xx")}
        self.nlp = _Pipelines(self._languages, served)  # type: ignore[assignment]
        self._ner = frozenset(lang for lang, nlp in served.items() if "ner" in nlp.pipe_names)

    def get_supported_languages(self) -> list[str]:
        return list(self._languages)

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        if self.nlp is not None and language not in self._ner:
            return _LazyArtifacts(self, text, language)
        return super().process_text(text, language)

    def build_artifacts(self, text: str, language: str) -> NlpArtifacts:
        return super().process_text(text, language)

    @property
    def ner_languages(self) -> list[str]:
        return sorted(self._ner)


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
