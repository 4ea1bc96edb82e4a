"""The recognizer hash every summary carries changes with whatever can change a finding."""

from __future__ import annotations

import pytest

from gateway.classification import version
from gateway.classification.version import recognizer_hash


def test_the_hash_is_stable_for_the_same_languages() -> None:
    assert recognizer_hash(["en", "de"], None) == recognizer_hash(["en", "de"], None)


def test_the_hash_differs_for_other_languages() -> None:
    assert recognizer_hash(["en", "de"], None) != recognizer_hash(["en", "fr"], None)


def test_a_new_language_model_release_changes_the_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    # A new lingua release may read a short text's language differently, and with it the findings:
    # summaries from before and after must not claim the same detector.
    before = recognizer_hash(["en", "de"], None)
    real = version.metadata.version
    monkeypatch.setattr(
        version.metadata,
        "version",
        lambda name: "999.0" if name == "lingua-language-detector" else real(name),
    )
    assert recognizer_hash(["en", "de"], None) != before
