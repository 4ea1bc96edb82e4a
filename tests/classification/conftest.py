"""The detection engine the tests share, over the seven languages the corpus covers."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine

LANGUAGES = ["en", "lt", "lv", "et", "fi", "de", "it"]


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """One engine for the whole session: building one takes a second or two."""
    return DetectionEngine(LANGUAGES)


@pytest.fixture(scope="session")
def every_language() -> DetectionEngine:
    """An engine over all 26 languages, as the gateway runs by default."""
    return DetectionEngine(
        [
            *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
            *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
        ]
    )
