"""The detection benchmark's unlisted-name measure: the product ships every name, the benchmark's
own engine forgets the corpus's unseen ones."""

from __future__ import annotations

from bench.detection import unseen_names
from bench.make_name_lists import held_out
from gateway.classification.names import NameFinder


def test_names_once_held_out_ship_in_the_product_lists() -> None:
    finder = NameFinder(["en", "pl"])
    for name in ("David", "Emma", "Sara", "Piotr"):
        assert held_out(name)
        assert finder.is_first_name(name), name
    text = "Please send the contract to David Brown and Emma Clarke."
    found = [text[s.start : s.end] for s in finder.find(text, "en")]
    assert found == ["David Brown", "Emma Clarke"]


def test_unlisting_leaves_only_what_context_finds() -> None:
    finder = NameFinder(["en"])
    finder.unlist({"David", "Brown"})
    assert not finder.is_first_name("David")
    text = "The report goes to David Brown today."
    assert [text[s.start : s.end] for s in finder.find(text, "en")] == ["David Brown"]  # two unlisted words
    assert finder.find("Ask David about it.", "en") == []  # a lone unlisted word has no context


def test_unseen_names_are_the_held_out_names_of_name_records() -> None:
    rows = [
        {"group": "name", "text": "Contact David Brown today.", "meta": {"held_out": True}},
        {"group": "name", "text": "Contact Emma Brown today.", "meta": {"held_out": False}},
        {"group": "negative_prose", "text": "David wrote code.", "meta": {}},
    ]
    unseen = unseen_names(rows)
    assert "David" in unseen
    assert "Emma" not in unseen  # held out by the hash, but its record is not
    assert "Brown" not in unseen and "today" not in unseen
    assert all(held_out(word) for word in unseen)
