"""Evasion: invisible characters, compatibility forms, look-alikes and separators."""

from __future__ import annotations

import functools

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.normalise import CONFUSABLES, INVISIBLE, normalise

ZWSP, SOFT_HYPHEN = "\u200b", "\u00ad"


def fullwidth(s: str) -> str:
    return s.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789@"})


@pytest.mark.parametrize(
    ("technique", "text", "entity"),
    [
        ("zero_width", f"PESEL 4405{ZWSP}1401{ZWSP}359", "PL_PESEL"),
        ("zero_width", f"mail jonas{ZWSP}@exam{ZWSP}ple.lt", "EMAIL_ADDRESS"),
        ("soft_hyphen", f"isikukood 380{SOFT_HYPHEN}0108{SOFT_HYPHEN}5718", "EE_PERSONAL_CODE"),
        (
            "soft_hyphen",
            f"IBAN LT12{SOFT_HYPHEN}1000{SOFT_HYPHEN}0111{SOFT_HYPHEN}0100{SOFT_HYPHEN}1000",
            "IBAN_CODE",
        ),
        ("fullwidth_digits", f"PESEL {fullwidth('44051401359')}", "PL_PESEL"),
        ("fullwidth_digits", f"card {fullwidth('4111 1111 1111 1111')}", "CREDIT_CARD"),
        ("fullwidth_at", f"write to jonas{fullwidth('@')}example.lt", "EMAIL_ADDRESS"),
        ("confusables", "write to jоnаs@exаmple.lt", "EMAIL_ADDRESS"),  # Cyrillic о and а
        ("confusables", "VAT LТ119511515", "EU_VAT_NUMBER"),  # Cyrillic Т
        ("separators", "isikukood 380-0108-5718", "EE_PERSONAL_CODE"),
        ("separators", "PESEL 440.514.013.59", "PL_PESEL"),
        ("separators", "henkilötunnus 131052-308T", "FI_PERSONAL_IDENTITY_CODE"),
        ("other_digits", "PESEL ٤٤٠٥١٤٠١٣٥٩", "PL_PESEL"),  # Arabic-Indic digits
    ],
)
def test_disguised_values_are_still_found(
    engine: DetectionEngine, technique: str, text: str, entity: str
) -> None:
    assert engine.analyze(text).entities.get(entity) == 1, technique


def test_invisible_characters_are_reported_as_a_risk_signal(engine: DetectionEngine) -> None:
    assert INVISIBLE in engine.analyze(f"hello{ZWSP} world").risk_signals
    assert INVISIBLE in engine.analyze("private use \ue000 here").risk_signals
    assert engine.analyze("hello world").risk_signals == ()


def test_mixed_script_tokens_are_reported_and_genuine_cyrillic_is_left_alone() -> None:
    assert normalise("раypal.com").risk_signals == (CONFUSABLES,)
    n = normalise("Москва и Санкт-Петербург")
    assert n.text == "Москва и Санкт-Петербург" and n.risk_signals == ()


def test_offsets_map_back_to_the_original_text() -> None:
    original = f"Ｍail: ｊｏｎａｓ{ZWSP}＠example.lt and ﬁle"
    n = normalise(original)
    start = n.text.index("jonas@example.lt")
    a, b = n.original_span(start, start + len("jonas@example.lt"))
    assert original[a:b] == f"ｊｏｎａｓ{ZWSP}＠example.lt"
    assert n.text.endswith("file")
    assert len(n.offsets) == len(n.text) + 1


def test_findings_carry_spans_of_the_original_text(engine: DetectionEngine) -> None:
    original = f"PESEL ４４０５{ZWSP}１４０１３５９ ok"
    (finding,), _ = engine.findings(original)
    assert original[finding.start : finding.end] == f"４４０５{ZWSP}１４０１３５９"


def test_obvious_base64_is_decoded_and_flagged(engine: DetectionEngine) -> None:
    import base64

    payload = base64.urlsafe_b64encode(b'{"sub": "jonas@example.lt", "pesel": "44051401359"}').decode()
    found = engine.analyze(f"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.{payload.rstrip('=')}.c2ln")
    assert found.entities == {"EMAIL_ADDRESS": 1, "PL_PESEL": 1}
    assert "encoded_text" in found.risk_signals
    # Hashes and keys decode to bytes, not text: nothing to report, no signal.
    digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert engine.analyze(f"sha256 {digest}").risk_signals == ()


def test_digits_spaced_one_by_one_are_joined(engine: DetectionEngine) -> None:
    assert engine.analyze("PESEL 4 4 0 5 1 4 0 1 3 5 9").entities == {"PL_PESEL": 1}


@pytest.mark.parametrize(
    "text",
    [
        "Call me on 0 7 9 1 1 1 2 3 4 5 6 tomorrow.",
        "Mon portable : 06 12\n34 56 78",
        "Zadzwoń: 6 0 1 . 2 3 4 . 5 6 7",
        "Ring mig på 070-123 45 67.",
    ],
)
def test_phone_numbers_spaced_dotted_or_split_over_lines_are_found(text: str) -> None:
    engine = _phone_engine()
    assert "PHONE_NUMBER" in engine.analyze(text).entities


def test_digit_runs_that_are_no_valid_number_stay_unreported() -> None:
    found = _phone_engine().analyze("Call me: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")
    assert "PHONE_NUMBER" not in found.entities


@functools.cache
def _phone_engine() -> DetectionEngine:
    return DetectionEngine(["en", "fr", "pl", "sv"])
