"""Special categories found faster: the same answers from remembered word tests in bounded memory,
and from the stems' scan that skips its patterns where no letter can start them."""

from __future__ import annotations

import itertools

import pytest

from gateway.classification import person_link, special
from gateway.classification.person_link import PersonLink
from gateway.classification.special import SpecialCategoryFinder
from tests.support.steps import lines_run


def _linked(link: PersonLink, text: str) -> bool:
    start = text.index("diabetes")
    return link.linked(text, start, start + len("diabetes"), ("en",), [])


def test_a_role_by_its_prefix_links_before_and_after_the_words_are_forgotten() -> None:
    link = PersonLink(["en", "de"])
    assert _linked(link, "The trainee has diabetes.")
    assert not _linked(link, "The guideline covers diabetes.")
    # Far more distinct words than a list remembers: the memory is cleared, the answers stay.
    for i in range(person_link._REMEMBERED + 100):
        _linked(link, f"The word{i}x covers diabetes.")
    remembered = link._for(("en",)).person._started
    assert len(remembered) <= person_link._REMEMBERED
    assert _linked(link, "The trainee has diabetes.")
    assert not _linked(link, "The guideline covers diabetes.")


def test_the_lists_of_many_language_orders_stay_bounded() -> None:
    languages = ["en", "de", "fr", "it", "es", "pl", "nl", "sv"]
    link = PersonLink(languages)
    orders = list(itertools.permutations(languages, 4))
    assert len(orders) > person_link._ORDERS
    for order in orders:
        link._for(order)
    assert len(link._lists) <= person_link._ORDERS
    assert _linked(link, "The trainee has diabetes.")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Last spring my father had a stroke.", "health"),  # a stem opening with a group
        ("Applicant form. Race: white. Please check it.", "racial_or_ethnic_origin"),  # "\brace:"
        ("She converted to Islam in 2019.", "religious_or_philosophical_beliefs"),
        ("My brother is a member of the Green party.", "political_opinions"),
    ],
)
def test_stems_written_as_patterns_are_found_behind_the_first_letter_check(text: str, category: str) -> None:
    hits = SpecialCategoryFinder(["en"]).find(text, ("en",))
    assert category in {h.category for h in hits}


def test_a_stem_that_may_open_with_anything_turns_the_first_letter_check_off() -> None:
    assert special._first_letters(["(?:had|suffered) a stroke", r"\brace:"]) == "hrs"
    assert special._first_letters(["(?:had )?a stroke"]) is None
    assert special._first_letters(["x?ray"]) is None
    assert special._first_letters([".{0,30}party"]) is None


def _steps(finder: SpecialCategoryFinder, repeats: int) -> int:
    """Lines run in special.py to analyse ``repeats`` sentences, each with a name and a term."""
    sentence = "Ask Anna Berg whether diabetes runs in the family. "
    text = sentence * repeats
    names = [(i * len(sentence) + 4, i * len(sentence) + 13) for i in range(repeats)]
    hits, steps = lines_run({special.__file__}, lambda: finder.find(text, ("en",), names))
    assert len(hits) == repeats
    return steps


def test_names_and_terms_are_matched_in_steps_that_grow_with_the_text_not_its_square() -> None:
    finder = SpecialCategoryFinder(["en"])
    small, large = _steps(finder, 50), _steps(finder, 400)
    assert large < 10 * small  # eight times the text; comparing every name with every term: 64 times
