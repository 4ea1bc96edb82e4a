"""A text's sentences and persons, found once for all its special-category terms.

A term's link to a person is looked for inside its sentence: from the last sentence end before it
to the first after it, at most ``WINDOW`` characters either side. ``Sentences`` finds a text's
ends in one scan, each term bisects them, and a sentence's words are split once however many
terms and neighbours look at it. ``People`` answers whether a person's span lies in a sentence by
bisection.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right

WINDOW = 80
# Where a sentence ends; a term's link words are looked for inside its sentence only. A semicolon
# joins clauses of one sentence ("patient, 35; the genetic test shows ..."), except after a Greek
# word, where it is the question mark.
# Each alternative opens with its mark, so a scan skips in C to where one stands.
SENTENCE_END = re.compile(r"\.\s|!\s|\?\s|;(?<=[\u0370-\u03ff];)\s|\n")
# Titles written with a full stop before a name, which ends no sentence.
_TITLE = re.compile(r"(?<!\w)[^\W\d_]+$")
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "sr", "sra", "srta", "hr", "fr", "frk", "pan", "ing", "mgr"}
    | {"bc", "dipl", "kpt", "sig", "dott", "mme", "mlle"}
)

# A word as the link words are written: "Tom's", "l'ami", "Lars'".
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[^\W\d_]+['’]")


def ends(text: str, m: re.Match[str]) -> bool:
    """Whether a sentence end found by ``SENTENCE_END`` is one: a full stop before a lower-case
    word or after a title ("o Sr. Henrique", "Kunden hr. Nowak") is not."""
    if not m.group().startswith("."):
        return True
    after = m.end()
    while after < len(text) and text[after] == " ":
        after += 1
    if after < len(text) and text[after].islower():
        return False
    title = _TITLE.search(text, max(0, m.start() - 6), m.start())
    return title is None or title.group().lower() not in _TITLES


class Sentences:
    """The sentence ends of one text, found once: every term of the text bisects them, where each
    term scanned the ``WINDOW`` characters either side of it again.

    A scan of a window from ``pos`` meets what one scan of the whole text meets, but for a line
    break right after a sentence's final mark ("." + "\\n"): the whole text's scan takes both as
    one end, a window opening at the break sees the break alone. ``around`` adds that case.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._found = found = list(SENTENCE_END.finditer(text))
        self._starts = [m.start() for m in found]
        self._ends = [m.end() for m in found]
        # Whether each end found is one (``_ends``), worked out when a term's window reaches it.
        self._kept: list[bool | None] = [None] * len(found)
        self._words: dict[tuple[int, int], tuple[str, list[str], set[str]]] = {}

    def _keeps(self, k: int) -> bool:
        kept = self._kept[k]
        if kept is None:
            kept = self._kept[k] = ends(self._text, self._found[k])
        return kept

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around ``text[start:end]`` (``PersonLink.sentence``)."""
        text, starts, ends = self._text, self._starts, self._ends
        left = window = max(0, start - WINDOW)
        k = bisect_right(ends, start) - 1
        while k >= 0 and starts[k] >= window and not self._keeps(k):
            k -= 1
        if k >= 0 and starts[k] >= window:
            left = ends[k]
        elif left < start and self._broken(left):
            left += 1
        right = min(len(text), end + WINDOW)
        if end < right and self._broken(end):
            return left, end + 1
        k = bisect_left(starts, end)
        while k < len(starts) and ends[k] <= right:
            if self._keeps(k):
                return left, starts[k] + 1
            k += 1
        return left, right

    def words(self, sentence: tuple[int, int]) -> tuple[str, list[str], set[str]]:
        """The sentence at ``sentence``'s bounds, its lower-case words in order and as a set, split
        once: the sentence of a term is looked at again beside its neighbours'."""
        found = self._words.get(sentence)
        if found is None:
            window = self._text[sentence[0] : sentence[1]]
            ordered = WORD.findall(window.lower())
            found = self._words[sentence] = (window, ordered, set(ordered))
        return found

    def _broken(self, at: int) -> bool:
        """Whether ``text[at]`` is a line break the whole text's scan took into the end before it."""
        if self._text[at : at + 1] != "\n" or not at:
            return False
        k = bisect_left(self._starts, at - 1)
        return k < len(self._starts) and self._starts[k] == at - 1 and self._ends[k] == at + 1


class People:
    """Spans in a text (persons, terms), sorted by start with the furthest end reached so far: whether
    one lies in a sentence is a bisection, where each sentence looked at went through them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(itertools.accumulate((b for _, b in ordered), max))

    def within(self, left: int, right: int) -> bool:
        """Whether a span overlaps ``left`` to ``right``: starts before ``right``, ends after ``left``."""
        return self.reaches(right, left + 1)

    def reaches(self, before: int, end: int) -> bool:
        """Whether a span starting before ``before`` ends at ``end`` or later."""
        k = bisect_left(self._starts, before)
        return k > 0 and self._reach[k - 1] >= end
