"""The special-category stems of a lowered text, looked up word by word instead of scanned for.

``SpecialCategoryFinder`` compiles its stems into one alternation: at each place not inside a word,
the longest literal stem (a prefix tree), else the first patterned stem in its order, each with
the rest of its last word; a scan goes on from where a match ended. That scan runs its tests at
every character. Every stem opens a word, though, so here a word's first three letters (the whole
word, if shorter) pick the stems it may open: most words open none and cost one set look-up. The
matches are the scan's own, in its order (a test compares them on the tuning set); where a
pattern's opening letters cannot be read (``_keys``), ``StemsByWord.build`` declines and the
scan stays.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from gateway.classification.term_forms import TextWords

_KEY = 3  # letters of a word that pick its stems
_REMEMBERED = 4096  # words whose longest one-word stem is remembered
_LITERAL_RUN = re.compile(r"\w+")
_QUANTIFIERS = ("?", "*", "{")


class StemsByWord:
    def __init__(
        self,
        literal: dict[str, str],
        patterns: list[tuple[str, str]],
        letters: str | None,
        category: Callable[[str, tuple[str, ...]], str | None],
    ) -> None:
        """``literal``: stem → category; ``patterns``: (category, pattern) in the scan's order;
        ``letters``: those patterns may open with (None: any); ``category``: a literal stem's
        category for a text's languages, or None where it does not count."""
        self._category = category
        self._letters = frozenset(letters) if letters else None
        # A stem of several words opens with a whole word ("trade union"): by that word, compared
        # with the text. A one-word stem is a prefix of the word, by its first letters, and a
        # word's longest one is remembered (the same words recur in every text).
        self._spread: dict[str, list[str]] = {}
        self._single: dict[str, list[str]] = {}
        for stem in sorted(literal, key=len, reverse=True):
            run = _LITERAL_RUN.match(stem)
            assert run is not None  # ``build`` checked it
            if run.end() == len(stem):
                self._single.setdefault(stem[:_KEY], []).append(stem)
            else:
                self._spread.setdefault(run.group(), []).append(stem)
        self._patterned: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for name, pattern in patterns:
            compiled = re.compile(rf"(?:{pattern})\w*")
            for key in sorted(_keys(pattern) or ()):
                self._patterned.setdefault(key, []).append((name, compiled))
        self._keys = (
            frozenset(w[:_KEY] for w in self._spread) | frozenset(self._single) | frozenset(self._patterned)
        )
        self._longest: dict[str, str | None] = {}

    @classmethod
    def build(
        cls,
        literal: dict[str, str],
        patterns: list[tuple[str, str]],
        letters: str | None,
        category: Callable[[str, tuple[str, ...]], str | None],
    ) -> StemsByWord | None:
        """The look-up, or None where a stem may open otherwise than with a word's letters."""
        for stem in literal:
            run = _LITERAL_RUN.match(stem)
            if run is None or (run.end() == len(stem) and len(stem) < _KEY):
                return None  # opening with a mark, or a one-word stem shorter than a key
        if any(_keys(pattern) is None for _, pattern in patterns):
            return None
        return cls(literal, patterns, letters, category)

    def find(self, index: TextWords, identified: tuple[str, ...]) -> list[tuple[str, int, int]]:
        """(category, start, end) of each stem in ``index.lowered``, as the one scan finds them."""
        lowered, words, keys = index.lowered, index.words, self._keys
        tried = [i for i, w in enumerate(words) if w[:_KEY] in keys]
        if not tried:
            return []
        starts, ends = index.starts, index.ends
        found: list[tuple[str, int, int]] = []
        pos = 0  # where the scan goes on: matches do not overlap
        for i in tried:
            at = starts[i]
            if at < pos:
                continue
            word = words[i]
            key = word[:_KEY]
            spread = self._spread.get(word)
            stem = next((st for st in spread if lowered.startswith(st, at)), None) if spread else None
            if stem is None and key in self._single:
                stem = self._single_stem(word, key)
            if stem is not None:
                end = at + len(stem)
                if end <= ends[i]:
                    end = ends[i]
                else:  # a stem of several words takes the rest of its last word
                    k = bisect_right(starts, end) - 1
                    end = ends[k] if end < ends[k] else end
                category = self._category(stem, identified)
                if category is not None:
                    found.append((category, at, end))
                pos = end
                continue
            if self._letters is not None and lowered[at] not in self._letters:
                continue
            for category, pattern in self._patterned.get(key, ()):
                m = pattern.match(lowered, at)
                if m is not None:
                    found.append((category, at, m.end()))
                    pos = m.end()
                    break
        return found

    def _single_stem(self, word: str, key: str) -> str | None:
        """The longest one-word stem ``word`` opens with."""
        try:
            return self._longest[word]
        except KeyError:
            pass
        if len(self._longest) >= _REMEMBERED:
            self._longest.clear()  # bounded: an endless stream of new words costs no memory
        found = self._longest[word] = next((st for st in self._single[key] if word.startswith(st)), None)
        return found


def _keys(pattern: str) -> set[str] | None:
    """The first ``_KEY`` letters of every word a match of ``pattern`` may open with (the whole
    word where it is shorter); None where they cannot be read from the pattern."""
    keys: set[str] = set()
    for branch in scan(pattern)[0]:
        branch = branch.removeprefix(r"\b")
        if branch.startswith("(?:"):
            # "(?:had|suffered) a stroke": each alternative with what follows the group.
            inner, end = scan(branch, 3)
            rest = branch[end + 1 :]
            if rest[:1] in (*_QUANTIFIERS, "+"):
                return None
            found = _keys("|".join(alternative + rest for alternative in inner))
            if found is None:
                return None
            keys |= found
            continue
        run = _LITERAL_RUN.match(branch)
        if run is None:
            return None
        opening, after = run.group(), branch[run.end() : run.end() + 1]
        if after in _QUANTIFIERS:
            opening = opening[:-1]  # its last letter may be left out
        if len(opening) >= _KEY:
            keys.add(opening[:_KEY])
        elif opening and after and after not in r"\.[(|)+?*{^$":
            keys.add(opening)  # a short word before a space or a mark: the whole word
        else:
            return None
    return keys


def first_letters(patterns: list[str]) -> str | None:
    """The letters any match of ``patterns`` starts with; None if one may start with something else."""
    letters: set[str] = set()
    for pattern in patterns:
        found = _starts(pattern)
        if found is None:
            return None
        letters |= found
    return "".join(sorted(letters))


def _starts(pattern: str) -> set[str] | None:
    letters: set[str] = set()
    for branch in scan(pattern)[0]:
        branch = branch.removeprefix(r"\b")  # zero-width: the letter after it starts the match
        if branch.startswith("(?:"):
            # "(?:had|suffered) a stroke": the group's own alternatives, unless it may be skipped.
            inner, end = scan(branch, 3)
            if branch[end + 1 : end + 2] in ("?", "*", "{"):
                return None
            found = _starts("|".join(inner))
        elif branch[:1].isalpha() and branch[1:2] not in ("?", "*", "{"):
            found = {branch[0]}
        else:
            return None
        if found is None:
            return None
        letters |= found
    return letters


def scan(pattern: str, start: int = 0) -> tuple[list[str], int]:
    """The alternatives at the top level of ``pattern`` from ``start`` ("a|b(?:c|d)" is "a" and
    "b(?:c|d)"), up to the ``)`` closing a group opened before ``start`` (its index) or the end."""
    branches, depth, i = [], 0, start
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*branches, pattern[start:i]], i
