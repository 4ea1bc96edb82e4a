"""Special categories found from words split once per text: the same sentences, stems, first names
and partner words as the per-pass scans they replace."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gateway.classification import partners
from gateway.classification.person_link import PersonLink, Sentences
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TextWords

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
    ["", " ", "word", " Two words. ", "İstanbul'da sendika üyesi", "a_b 12ab ²x Σ ΟΔΟΣ's", "\n\ntail"],
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
        sentences = Sentences(text)
        for _ in range(8):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + 12))
            assert sentences.around(start, end) == link.sentence(text, start, end), (text, start, end)


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
        assert finder._stems(TextWords(text), identified) == _scanned(finder, text, identified), text


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
