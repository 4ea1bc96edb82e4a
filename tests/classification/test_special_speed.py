"""The person link's remembered word tests: the same answers, in bounded memory."""

from __future__ import annotations

import itertools

from gateway.classification import person_link
from gateway.classification.person_link import PersonLink


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
