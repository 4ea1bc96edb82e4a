"""The detection engine the tests share, over the seven languages the corpus covers."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine

LANGUAGES = ["en", "lt", "lv", "et", "fi", "de", "it"]


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """One engine for the whole session: building one takes a second or two."""
    return DetectionEngine(LANGUAGES)
