"""Cheaper scans with the same answers: the Presidio prefilter's address test, the address finder's
number windows and postal lines, and normalisation's character and look-alike tests."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import regex

from gateway.classification import addresses, birth, languages
from gateway.classification.addresses import AddressFinder
from gateway.classification.birth import BirthDateFinder
from gateway.classification.engine import DetectionEngine
from gateway.classification.languages import identify_languages, lowered_words
from gateway.classification.normalise import normalise
from gateway.classification.presidio.prefilter import presidio_candidates

TUNING = [Path(__file__).parent / "dev", Path(__file__).parent / "fresh" / "tune"]

# The prefilter's address test as it was written first: a whole IPv4 or IPv6 address.
_WHOLE_IP = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|(?:[0-9A-Fa-f]{1,4}:){3,7}[0-9A-Fa-f]{1,4}|::")


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_the_address_test_from_a_dot_or_colon_answers_as_the_whole_address_does() -> None:
    texts = _random_texts("0123456789abcfx.:: .", 30_000, 17) + _random_texts("1.:a", 5_000, 18)
    texts += ["Client 84.15.1.7 connected.", "at 12:00:01", "fe80::1", "2001:db8:0:1:1:1:1:1", "v1.2.3"]
    answers = {t: "IP_ADDRESS" in presidio_candidates(t) for t in texts}
    assert answers == {t: _WHOLE_IP.search(t) is not None for t in texts}
    assert sum(answers.values()) > 1_000 and sum(not a for a in answers.values()) > 1_000


def _windows_one_by_one(text: str) -> list[tuple[int, int]]:
    """The number windows as first written: each number's window, merged with the one before."""
    windows: list[tuple[int, int]] = []
    for m in re.finditer(r"\d{1,4}(?!\d)", text):
        start, end = max(0, m.start() - 70), min(len(text), m.end() + 45)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def test_number_windows_found_in_one_scan_are_those_merged_one_by_one() -> None:
    rng = random.Random(5)
    texts = []
    for _ in range(3_000):
        density = rng.random() * 0.3
        texts.append(
            "".join(rng.choice("0123456789" if rng.random() < density else "ab \n.") for _ in range(600))
        )
    assert all(addresses._windows(t) == _windows_one_by_one(t) for t in texts)
    assert sum(len(_windows_one_by_one(t)) > 1 for t in texts) > 150  # texts with several windows


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # A postcode written with letters: the shapes that end in one are still tried.
        ("Post it to me at 41 Millbrook, Ballincollig, Co. Cork P31 F6K2.", "41 Millbrook"),
        ("Nosūti uz Dzirnavu 57, Rīga, LV-1010.", "Dzirnavu 57"),
        # Only digits: the same street, found without them.
        ("Pošlete to na Hlavná 48, 040 01 Košice.", "Hlavná 48"),
    ],
)
def test_postal_lines_are_found_with_or_without_a_postcode_of_letters(text: str, street: str) -> None:
    [hit] = AddressFinder().find(text)
    assert text[hit.start : hit.end] == street


def test_characters_that_compose_are_kept_as_written() -> None:
    # Each character is as NFKC keeps it, the sequence is not: nothing is changed or dropped.
    text = "Cafe\u0301 Muller 12, Nume\u0301ro 7"
    n = normalise(text)
    assert (n.text, n.offsets, n.risk_signals) == (text, tuple(range(len(text) + 1)), ())


def test_every_changed_character_is_changed_wherever_it_stands() -> None:
    text = "PESEL 4405\u200b1401\u00ad359, Ｔｅｌ ０１２３ and again ４4\u200b"
    n = normalise(text)
    assert n.text == "PESEL 44051401359, Tel 0123 and again 44"
    assert n.risk_signals == ("invisible_characters",)
    assert n.original_span(6, 17) == (6, 19)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("+358 4l2 lO5 38O", "+358 412 105 380"),  # letters after and before digits
        ("Call l2345678", "Call 12345678"),  # a letter opening the run
        ("Hello world 2024", "Hello world 2024"),  # letters next to no digit
    ],
)
def test_look_alike_letters_next_to_digits_are_read_as_digits(text: str, folded: str) -> None:
    assert normalise(text).text == folded


def _tuning_texts() -> list[str]:
    lines = [
        line.split("|", 2)[2].replace("\\n", "\n")
        for folder in TUNING
        for path in sorted(folder.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.count("|") >= 2 and not line.startswith("#")
    ]
    rng = random.Random(8)
    dense = [" ".join(rng.choice(lines) for _ in range(8)) for _ in range(300)]
    return [normalise(t).text for t in (*lines, *dense)]


def test_street_matches_start_no_earlier_than_their_words_allow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scanning each window only from the reach of its first street or address word before finds
    every address that scanning the whole window finds."""
    texts = _tuning_texts()
    narrowed = [AddressFinder().find(t) for t in texts]
    monkeypatch.setattr(addresses, "_FOLDED_APART", re.compile(r"[\s\S]"))  # whole windows
    whole = [AddressFinder().find(t) for t in texts]
    assert narrowed == whole
    assert sum(map(len, whole)) > 250


def test_a_match_reaches_back_no_further_than_its_chunks() -> None:
    # A house number of four chunks and three names before "Road": the match starts at the number.
    text = "Send it to the flat at 12 a / 3b, Old Mill Lane Road please"
    word = text.index("Road")
    assert addresses._reach_back(text, 0, word, "after") == text.index("12 a")
    assert addresses._reach_back(text, 35, word, "after") == 35  # never before the window
    # Four chunks before a glued word's own chunk: two names and two lone dashes at most.
    glued = text.replace("Road", "Bahnhofstraße")
    assert addresses._reach_back(glued, 0, glued.index("straße"), "glued") == glued.index("3b,")


def _folded_apart(words: tuple[str, ...]) -> set[str]:
    """The characters that case-insensitive matching takes for a letter of ``words`` but that
    lower-casing does not turn into it, or the other way round."""
    letters = {ch for w in words for ch in w.lower() if ch.isalpha()}
    cased = [
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c))
    ]
    joined = "".join(cased)
    apart = set()
    for letter in letters:
        matched = set(regex.findall("(?i)" + regex.escape(letter), joined)) | {letter}
        lowered = {c for c in cased if c.lower() == letter} | {letter}
        # Either sigma is looked for as both; a letter whose lower case is longer ("İ") shifts
        # the places, and such a text is scanned as written anyway.
        apart |= {
            c for c in matched ^ lowered if len(c.lower()) == 1 and not {c.lower(), letter} <= {"σ", "ς"}
        }
    return apart


def test_letters_that_lower_casing_keeps_apart_are_listed() -> None:
    """Every character that case-insensitive matching takes for a letter of a street, address or
    birth word lower-cases to that letter, or is listed: a text holding one is scanned as written."""
    assert _folded_apart(
        (*addresses._BEFORE, *addresses._AFTER, *addresses._GLUED, *addresses._CONTEXT)
    ) == set(addresses.FOLDED_APART)
    assert _folded_apart((*birth._STEMS, "rates", "birth")) == set(birth.FOLDED_APART)


def test_lower_casing_keeps_letters_letters() -> None:
    # The scans of the lower-cased text look behind and ahead for letters and word characters.
    letter, word = regex.compile(r"\p{L}"), regex.compile(r"\w")
    for c in map(chr, range(0x110000)):
        if not 0xD800 <= ord(c) < 0xE000 and len(low := c.lower()) == 1 and low != c:
            assert (letter.match(c) is None, word.match(c) is None) == (
                letter.match(low) is None,
                word.match(low) is None,
            )


def test_birth_words_are_found_alike_in_the_lower_cased_text(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _tuning_texts()
    texts += ["GEBOREN am 14.03.1952", "ΓΕΝΝΉΘΗΚΕ στις 5/10/1978", "Born: 1.2.1990, BIRTH RATES 2020"]
    lowered = [BirthDateFinder().find(t) for t in texts]
    monkeypatch.setattr(birth, "_FOLDED_APART", re.compile(r"[\s\S]"))  # every text as written
    assert lowered == [BirthDateFinder().find(t) for t in texts]
    assert sum(map(len, lowered)) > 200


def test_the_words_kept_for_one_text_are_never_another_texts() -> None:
    a, b = "Hauptstraße 5 in Berlin", "Rue de Rivoli 10 à Paris"
    assert lowered_words(a) == (a.lower(), ("hauptstraße", "in", "berlin"))
    assert lowered_words(b) == (b.lower(), ("rue", "de", "rivoli", "à", "paris"))
    assert lowered_words("".join(list(a))) == lowered_words(a)  # an equal text: the same words


def test_a_long_text_is_identified_by_its_start_and_searched_whole() -> None:
    text = ("Ich wohne und arbeite in der Stadt, die ich liebe. " * 40)[:2000] + " un ir ka, bet viņš. " * 30
    text += "Adrese: Brīvības iela 12, Rīga, LV-1010."
    assert identify_languages(text, ["de", "lv"]) == ("de",)
    assert [text[h.start : h.end] for h in AddressFinder().find(text)] == ["Brīvības iela 12"]


def test_no_text_is_kept_once_analysed(engine: DetectionEngine) -> None:
    text = "Ich wohne in der Hauptstraße 5, 10115 Berlin."
    assert engine.analyze(text).entities == {"STREET_ADDRESS": 1}
    assert languages._last_words == [None]
