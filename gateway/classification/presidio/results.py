"""Results our recognizers return: already weighed for context, so Presidio's enhancer skips them."""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
CONTEXT_BOOST = 0.35  # what a context word near a match adds to its score


def weighed_result(
    recognizer: EntityRecognizer,
    entity: str,
    start: int,
    end: int,
    score: float,
    explanation: AnalysisExplanation | None = None,
) -> RecognizerResult:
    # Our recognizers weigh their own context; marking results as enhanced keeps Presidio's
    # lemma enhancer from boosting them a second time.
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,  # type: ignore[arg-type]
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: type(recognizer).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            ENHANCED: True,
        },
    )
