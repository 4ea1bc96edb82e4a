"""The error raised when the detection engine cannot be built."""

from __future__ import annotations


class EngineError(Exception):
    """The engine cannot be built (for example, a configured NER model cannot be loaded)."""
