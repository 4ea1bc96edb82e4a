"""Presidio recognizers over our own finders: national identifiers, name lists, special categories.

Presidio binds each recognizer to one language; the finders are stateless, so one instance of
each serves the recognizers of every configured language.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.classification.identifiers import ENTITIES as NATIONAL_ENTITIES
from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder
from gateway.classification.presidio.results import weighed_result
from gateway.classification.special import SPECIAL_ENTITIES, SpecialCategoryFinder, entity_for


class NationalIdRecognizer(EntityRecognizer):
    def __init__(self, finder: NationalIdFinder, language: str) -> None:
        self._finder = finder
        super().__init__(list(NATIONAL_ENTITIES), name="NationalIdRecognizer", supported_language=language)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        wanted = set(entities)
        return [
            weighed_result(self, h.entity, h.start, h.end, h.score)
            for h in self._finder.find(text, self.supported_language)
            if h.entity in wanted
        ]


class NameListRecognizer(EntityRecognizer):
    def __init__(self, finder: NameFinder, language: str) -> None:
        self._finder = finder
        super().__init__(["PERSON"], name="NameListRecognizer", supported_language=language)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            weighed_result(self, "PERSON", s.start, s.end, s.score)
            for s in self._finder.find(text, self.supported_language)
        ]


class SpecialCategoryRecognizer(EntityRecognizer):
    def __init__(self, finder: SpecialCategoryFinder, language: str) -> None:
        self._finder = finder
        super().__init__(
            list(SPECIAL_ENTITIES), name="SpecialCategoryRecognizer", supported_language=language
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            weighed_result(self, entity_for(h.category), h.start, h.end, h.score)
            for h in self._finder.find(text, self.supported_language)
            if h.linked
        ]
