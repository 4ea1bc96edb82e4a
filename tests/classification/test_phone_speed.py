"""The phone finder's work grows with a text's length, not its square: counted, not timed."""

from __future__ import annotations

from gateway.classification.evasion import EvadedNumberFinder


class _Counted(str):
    """A text that counts the characters its searches and slices may pass over."""

    touched = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        _Counted.touched += _span(self, start, end)
        return super().find(sub, start, end)

    def rfind(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        _Counted.touched += _span(self, start, end)
        return super().rfind(sub, start, end)

    def __getitem__(self, key):  # type: ignore[no-untyped-def, override]
        if isinstance(key, slice):
            _Counted.touched += len(range(*key.indices(len(self))))
        return super().__getitem__(key)


def _span(text: str, start: int | None, end: int | None) -> int:
    return len(range(*slice(start, end).indices(len(text))))


def test_each_number_on_a_long_line_is_looked_at_within_its_reach() -> None:
    # A line break first, then 100 KB on one line: 5,000 numbers after a phone word each.
    text = _Counted("Kontakt\n" + "Tel. 0612 345 678, " * 5_000)
    _Counted.touched = 0
    hits = EvadedNumberFinder().find(text, ("de",))
    assert len(hits) == 5_000
    # Each number's surroundings (50 characters before it, 30 after) are searched a few times;
    # before, each search went back to the line's start: about 7,500 times the text's length.
    assert _Counted.touched < 20 * len(text)


def test_numbers_with_no_word_on_a_long_line_are_looked_at_within_their_reach() -> None:
    # No phone word: each number is tried as a table's cell, beside a name, in a signature. Twice
    # the numbers on one line cost twice the looking, not four times.
    touched = []
    for count in (2_000, 4_000):
        text = _Counted("Name;Mobile\n" + "Anna Nowak 0612 345 678; " * count)
        _Counted.touched = 0
        EvadedNumberFinder().find(text, ("nl",))
        touched.append(_Counted.touched)
    assert touched[1] < 2.2 * touched[0]
