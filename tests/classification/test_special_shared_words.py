"""Special categories found from words split once per text: the same sentences, stems, first names
and partner words as the per-pass scans they replace."""

from __future__ import annotations

import json
import random
import re
import sys
from importlib import resources
from pathlib import Path

import pytest
import regex

from gateway.classification import partners, person_link, sentences, special
from gateway.classification.person_link import PersonLink
from gateway.classification.sentences import Sentences
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TextWords
from tests.support.steps import lines_run

LANGUAGES = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu",
    "is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv",
]  # fmt: skip
TUNING = Path(__file__).parent / "fresh" / "tune"


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(LANGUAGES)


def _lines() -> list[tuple[str, str]]:
    rows = []
    for path in sorted(TUNING.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                lang, _, text = line.split("|", 2)
                rows.append((lang, text.replace("\\n", "\n")))
    return rows


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "word",
        " Two words. ",
        "İstanbul'da sendika üyesi",
        "a_b 12ab ²x Σ ΟΔΟΣ's",
        "\n\ntail",
        "IBAN DE89 3704, brca2 x2y3 5th 12",
        "a1b " * 40,
    ],
)
def test_the_words_and_their_places_are_those_of_a_scan_by_words(text: str) -> None:
    index = TextWords(text)
    lowered = text.lower()
    source = lowered if len(lowered) == len(text) else text
    scanned = list(re.finditer(r"\w+", source))
    assert index.words == [m.group().lower() for m in scanned]
    assert list(zip(index.starts, index.ends, strict=True)) == [m.span() for m in scanned]
    if index.same:
        runs = list(re.finditer(r"[^\W\d_]+", lowered))
        assert index.letters() == (
            [m.group() for m in runs],
            [m.start() for m in runs],
            [m.end() for m in runs],
        )


def test_a_sentence_found_once_per_text_is_the_one_its_window_gives() -> None:
    """Line breaks after a full stop, titles, Greek question marks, lower-case words after a stop:
    the bounds bisected from the text's ends found once equal those of a scan around each term."""
    link = PersonLink(["en"])
    pieces = ["a", "Bc", " ", " ", ".", ". ", ".\n", "\n", "?", ";", "αβ;", " Dr. ", "mr. X", "!", "\t", "。"]
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        ends = Sentences(text)
        for _ in range(8):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + 12))
            assert ends.around(start, end) == link.sentence(text, start, end), (text, start, end)


def _scanned(
    finder: SpecialCategoryFinder, text: str, identified: tuple[str, ...]
) -> list[tuple[str, int, int]]:
    """The stems as the one scan of the whole alternation finds them."""
    assert finder._pattern is not None
    found = []
    for m in finder._pattern.finditer(text.lower()):
        category = finder._category(m, identified)
        if category is not None:
            found.append((category, m.start(), m.end()))
    return found


def test_stems_looked_up_per_word_are_those_of_the_one_scan(finder: SpecialCategoryFinder) -> None:
    rows = _lines()
    assert len(rows) > 500
    rng = random.Random(3)
    texts = [(text, (lang,)) for lang, text in rows]
    # Stems meeting each other: a literal one inside a patterned one, several words, no gaps.
    texts += [(" ".join(rng.choice(rows)[1] for _ in range(6)), (rng.choice(LANGUAGES),)) for _ in range(300)]
    texts += [
        ("He is a member of the diabetes party and had a stroke; trade-union members.", ("en",)),
        ("member of the Labour party member of the Green party", ("en",)),
        ("hiv-positive, HIV, vih, sei", ("es",)),
        ("diabetesdiabetes diabetes_2 2diabetes", ("en",)),
    ]
    for text, identified in texts:
        assert finder._by_word is not None
        assert finder._by_word.find(TextWords(text), identified) == _scanned(finder, text, identified), text


def test_first_names_found_among_lowered_words_are_those_read_as_written(
    finder: SpecialCategoryFinder,
) -> None:
    names = finder._partners
    for _, text in _lines()[:800]:
        assert names.first_names(text, TextWords(text)) == names.first_names(text), text


def test_a_name_with_a_capital_sigma_is_looked_up_as_a_text_lowers_it() -> None:
    # A text lowers a word's last capital sigma to "ς", one inside a word to "σ".
    assert partners._lowered("ΣΟΦΟΣ") == {"σοφος", "σοφοσ", "ςοφος", "ςοφοσ"}
    assert "ΑΛΕΞΗΣ Μ".lower().split()[0] in partners._lowered("ΑΛΕΞΗΣ")


def test_a_character_the_exclusion_search_takes_for_a_letter_folds_as_that_letter() -> None:
    """What lets a text with none of a category's exclusion words, case-folded, skip the search
    around each of its terms: every character the search matches for a letter of those words (the
    Kelvin sign for "k", the long s for "s", the dotted capital I for "i") folds as that letter."""
    terms = json.loads(
        (resources.files("gateway.classification") / "data" / "special_terms.json").read_text()
    )
    letters = sorted({c for words in terms["exclude"].values() for w in words for c in w})
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    others = 0
    for letter in letters:
        for found in regex.findall(regex.escape(letter), everything, regex.IGNORECASE):
            assert special._folded(found) == letter.casefold(), (letter, found)
            others += found != letter
    assert others > len(letters) // 2  # upper case, at least


def test_a_term_beside_an_exclusion_word_is_dropped_and_one_elsewhere_is_not(
    finder: SpecialCategoryFinder,
) -> None:
    assert not finder.find("The SSH key fingerprint of the server changed.", ("en",))
    assert not finder.find("The ssh KEY FINGERPRINT of the server changed.", ("en",))
    assert finder.find("Her fingerprint unlocks the phone.", ("en",))
    # "İ" is an "i" to the search: "APİ" is the API of "the diabetes API endpoint".
    assert not finder.find("My diabetes APİ returns errors.", ("en",))
    assert finder.find("My diabetes is back.", ("en",))


@pytest.mark.parametrize(
    "text",
    [
        "Let customer service know that she has epilepsy.",
        "My diabetes service dog goes everywhere with me.",
        "Please tell the service desk that my son has epilepsy.",
    ],
)
def test_a_service_beside_a_health_term_is_no_technical_sense(
    finder: SpecialCategoryFinder, text: str
) -> None:
    # "service" once cancelled health terms near it, as in a health-check service; customer
    # service, service dogs and service desks are where people tell their health.
    assert [h.category for h in finder.find(text, ("en",))] == ["health"]


def test_sentence_ends_written_mark_first_are_those_of_the_pattern_they_replace() -> None:
    before = re.compile(r"(?:[.!?]|(?<=[\u0370-\u03ff]);)\s|\n")
    pieces = ["a", " ", ".", "!", "?", ";", "αβ", "\n", "\t", ". ", "α;", "。"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text))
        found = [m.span() for m in sentences.SENTENCE_END.finditer(text, pos, end)]
        assert found == [m.span() for m in before.finditer(text, pos, end)], (text, pos, end)


def _link_steps(finder: SpecialCategoryFinder, repeats: int) -> int:
    """Lines run in person_link.py and sentences.py to link ``repeats`` sentences, each with a
    name and a term, to their persons."""
    sentence = "Ask Anna Berg whether diabetes runs in the family. "
    text = sentence * repeats
    names = [(i * len(sentence) + 4, i * len(sentence) + 13) for i in range(repeats)]
    files = {person_link.__file__, sentences.__file__}
    hits, steps = lines_run(files, lambda: finder.find(text, ("en",), names))
    assert len(hits) == repeats and all(h.linked for h in hits)
    return steps


def test_each_sentence_finds_its_person_in_steps_that_do_not_grow_with_the_names_of_the_text() -> None:
    """Whether a person is named in a sentence is a bisection over the text's names, where each
    sentence went through them all: 400 sentences took 40 times the steps of 40, now 10."""
    finder = SpecialCategoryFinder(["en"])
    assert _link_steps(finder, 400) <= 12 * _link_steps(finder, 40)
