"""Phone numbers spelled out a digit a word, in the languages' own digit words: read as digits and
held to the same numbering plans and phone words as written ones; counting and rhymes stay prose."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.languages import lowered_words
from gateway.classification.spelled_digits import DIGIT_OF, _may_hold_run, _three_words_in_a_row, spelled_runs

TUNING = Path(__file__).parent / "dev"


@pytest.mark.parametrize(
    "text",
    [
        "My mobile is zero seven four zero four, nine zero six, eight seven one.",
        "Call me: plus four four seven four zero four nine zero six eight seven one.",
        "Meine Handynummer: null eins fünf eins, sieben drei zwei, neun drei acht null drei.",
        "Mi móvil es seis uno dos nueve cero nueve seis tres cinco.",
        "Mój numer telefonu: pięć jeden dwa siedem trzy siedem sześć osiem dziewięć.",
        "Mano telefonas: aštuoni šeši vienas du vienas keturi nulis nulis nulis.",
        "Minu telefon on viis üks kaks null null null seitse null.",
        "Το κινητό μου είναι έξι εννέα ένα οκτώ επτά πέντε οκτώ τέσσερα έξι έξι.",
        "Телефонът ми е нула осем осем осем едно две три четири пет шест.",
        "Is é m'uimhir fóin ná a náid a hocht a cúig a náid a haon a dó a naoi a ceathair a seacht a seacht.",
        "Mon portable : zéro six un deux 81 99 05.",  # words and digit groups mixed
    ],
)
def test_a_phone_number_spelled_out_is_found(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Count to ten: one two three four five six seven eight nine ten, then rest.",  # no phone word
        "Eins zwei drei vier fünf sechs sieben acht: der Abzählreim geht weiter.",
        "Un deux trois, nous irons au bois, quatre cinq six, cueillir des cerises.",
        "My mobile is zero seven four zero four nine.",  # six digits: too short for any plan
        "Mi móvil es seis uno dos nueve cero.",  # five digits
        "Phone the team: it went one to one, then two to one.",  # "to" between, too few digits
    ],
)
def test_counting_and_short_runs_are_no_phone_numbers(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


def test_a_run_needs_three_words_and_seven_digits() -> None:
    assert spelled_runs("ring 0612 345 six") == []  # one word
    assert spelled_runs("six one two") == []  # three digits
    (run,) = spelled_runs("ring +370 six one two 34567 now")
    assert (run.digits, run.plus) == ("37061234567", True)  # "370" after a '+' is a group of the run
    (run,) = spelled_runs("ring plus three seven zero six one two three four five six seven")
    assert (run.digits, run.plus) == ("37061234567", True)


def test_the_words_gate_lets_through_every_text_the_split_gate_does() -> None:
    """The set look-up over the text's runs of letters says no only where splitting the text on
    spaces and punctuation finds no three digit words in a row either, so no run is lost to it."""
    rng = random.Random(9)
    pieces = [*rng.sample(sorted(DIGIT_OF), 60), "a", "A", "ÉÉN", "x", "zweiundzwanzig", "7", "42", "_"]
    glue = [" ", "  ", "\n", ", ", ".", "-", "–", "/", "(", ")", "'", "", "_", "2", "!", "é"]
    texts = [line for path in sorted(TUNING.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    for _ in range(20_000):
        texts.append("".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 9))))
    split_says_yes = 0
    for text in texts:
        if _may_hold_run(text.lower()):
            split_says_yes += 1
            assert _three_words_in_a_row(lowered_words(text)[1]), text
    assert split_says_yes > 1_000  # the comparison was made where it matters
