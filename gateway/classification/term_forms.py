"""Special-category terms in every inflected form of their lemmas, looked up word by word.

data/special_lemmas.json holds the terms as lemmas per category and language ("związek
zawodowy", "vote for", "member ~ party"); bench/make_special_forms.py expands each word into
every form the lemmatiser's dictionary knows for it and writes data/special_forms.json, so
"związkiem zawodowym", "syövän" or "profsąjungos" are whole-word matches with no lemmatiser at
run time. A text is split into words once (``TextWords``, shared with the other passes); the words
that are some term's first form are picked out by set operations, and a phrase's further words are
compared only where its first word matched; of the phrases matching at a word, the longest
counts. In a phrase, ``~`` stands for up to three other words ("member of the Labour party"),
``+`` for one to three ("of Turkish origin" but not "certificate of origin"), and ``!a|b`` last
for a next word that is neither ("likes men !s" is not "likes men's shoes"). In the languages
whose word order is free, a phrase's words count in another order too (``word_order``).

Where a language writes compounds as one word (German, Dutch, the Nordic languages, Finnish,
Estonian, Hungarian), a word that ends in a term's form of at least ``_TAIL`` letters is that term
too ("Altersdiabetes", "sympatistrejken", "Warnstreik"), in the languages the text was identified
as; it is looked for only in words ending like some such form.

Short forms are the ones most likely to be some other language's word ("rak" is Polish cancer,
"vähi" Estonian): a match shorter than ``_ANYWHERE`` letters counts only in the languages the
text was identified as, unless it is written as an acronym ("HDZ", "PSD": a party's name in any
language).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from gateway.classification.word_order import FreeOrder

_GAPS = {"~": 0, "+": 1}  # a gap's fewest words
_MAX_GAP = 3
_ANYWHERE = 6
_TAIL = 6  # letters of a term ending a compound, at least
_HEAD = 3  # letters before it
_END = _TAIL  # a compound is looked into only when it ends like some term form
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "is", "fi", "et", "hu"})


def words_of(phrase: str) -> list[str]:
    """A lemma phrase as the matcher compares it: lower-case words ("a|b" for either, "=a" for a
    word never inflected, "!a" for a next word that is not "a"), ``~`` or ``+`` for a gap; a word
    is what ``\\w+`` finds, so "d'Italia" is two."""
    return re.sub(r"[^\w|~+=!]+", " ", phrase.lower()).split()


def words_in(text: str, lowered: str) -> list[str]:
    """The lower-case words of ``text`` (``lowered`` is ``text.lower()``), one per ``\\w+`` run."""
    return TextWords(text, lowered).words


class TextWords:
    """A text's words, split once for every pass over them (the terms' forms, the stems, the
    partner words and first names), with their offsets worked out only when one is needed.

    A split by the separators is one pass in C, and the offsets are the running sum of the
    pieces' lengths, where a match object per word cost each pass as much again. Lowering keeps
    every offset unless a letter grows ("İ" is two code points lowered): then ``same`` is False
    and the words are the original's, each lowered.
    """

    __slots__ = ("_ends", "_letters", "_parts", "_starts", "lowered", "same", "text", "words")

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self.text = text
        self.lowered = lowered = text.lower() if lowered is None else lowered
        self.same = len(lowered) == len(text)
        self._parts = parts = _SEPARATORS.split(lowered if self.same else text)
        words = _pieces(parts)
        self.words = words if self.same else [w.lower() for w in words]
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._letters: tuple[list[str], list[int], list[int]] | None = None

    @property
    def starts(self) -> list[int]:
        """Where each word starts (in ``text``)."""
        if self._starts is None:
            self._starts, self._ends = _offsets(self._parts, len(self.words))
        return self._starts

    @property
    def ends(self) -> list[int]:
        """Where each word ends."""
        if self._starts is None:
            self._starts, self._ends = _offsets(self._parts, len(self.words))
        return self._ends

    def crosses(self, first: int, last: int, marks: str) -> bool:
        """Whether a separator between word ``first`` and word ``last`` holds one of ``marks``."""
        begin = (0 if self._parts[0] else 2) + 2 * first + 1
        return any(c in marks for sep in self._parts[begin : begin + 2 * (last - first) : 2] for c in sep)

    def letters(self) -> tuple[list[str], list[int], list[int]]:
        """The runs of letters (``[^\\W\\d_]+``) of ``lowered``, with their starts and ends. Where
        ``same`` holds they are the words but for the few holding a digit or "_", split."""
        if self._letters is None:
            found = _letters(self.words, self.starts, self.ends) if self.same else None
            if found is None:
                parts = _LETTER_SEPARATORS.split(self.lowered)
                runs = _pieces(parts)
                found = (runs, *_offsets(parts, len(runs)))
            self._letters = found
        return self._letters


_SEPARATORS = re.compile(r"(\W+)")
_LETTER_SEPARATORS = re.compile(r"([\W\d_]+)")
_LETTERS = re.compile(r"[^\W\d_]+")
_FEW_PHRASES = 8  # a word opening more phrases has them indexed by the word after it
_MIXED = 16  # words of letters and digits split and put in place, at most; past them one split


def _letters(
    words: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]] | None:
    """The runs of letters of words at ``starts`` and ``ends``: a word of letters only is one, a
    number none, and the few others ("covid19", "x²", "a_b") are split by ``_LETTERS``; None
    where those are many (each is put in its place in the lists)."""
    alpha = [w.isalpha() for w in words]
    if all(alpha):
        return words, starts, ends
    mixed = [i for i, w in enumerate(words) if not alpha[i] and not w.isdecimal()]
    if len(mixed) > _MIXED:
        return None
    # Numbers left out; the words holding letters and a digit or "_" split, merged back in order.
    runs = list(itertools.compress(words, alpha))
    run_starts = list(itertools.compress(starts, alpha))
    run_ends = list(itertools.compress(ends, alpha))
    for i in reversed(mixed):
        at = bisect.bisect_left(run_starts, starts[i])
        found = list(_LETTERS.finditer(words[i]))
        runs[at:at] = [m.group() for m in found]
        run_starts[at:at] = [starts[i] + m.start() for m in found]
        run_ends[at:at] = [starts[i] + m.end() for m in found]
    return runs, run_starts, run_ends


def _pieces(parts: list[str]) -> list[str]:
    """The words of a split by a captured separator: its even pieces, less an empty first or last."""
    words = parts[0 if parts[0] else 2 :: 2]
    if words and not words[-1]:
        words.pop()
    return words


def _offsets(parts: list[str], count: int) -> tuple[list[int], list[int]]:
    """The starts and ends of the first ``count`` words of a split's ``parts``."""
    ends = list(itertools.accumulate(map(len, parts)))
    first = 0 if parts[0] else 2
    return [0, *ends][first : first + 2 * count : 2], ends[first : first + 2 * count : 2]


@dataclass(frozen=True, slots=True)
class TermMatch:
    category: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Not:
    words: frozenset[str]  # the next word is none of these (or there is none)


_Part = frozenset[str] | int | _Not


@dataclass(frozen=True, slots=True)
class _Phrase:
    rest: tuple[_Part, ...]  # an int: a gap of that many to _MAX_GAP words
    category: str
    languages: frozenset[str]  # the languages whose lists hold it ("Face ID" is in all)


class TermForms:
    def __init__(self, languages: list[str]) -> None:
        source = resources.files("gateway.classification") / "data" / "special_forms.json"
        data = json.loads(source.read_text(encoding="utf-8"))
        # (first word's forms, the rest, category) → languages: a phrase many languages share
        # ("Face ID", "LGBT") is one object, tried once; a word's forms are one set per language.
        groups: dict[tuple[frozenset[str], tuple[_Part, ...], str], set[str]] = {}
        self._free = FreeOrder()
        tails: dict[str, list[tuple[str, str]]] = {}  # a compound's last part → (category, language)
        for lang in languages:
            entry = data.get(lang)
            if entry is None:
                continue
            forms: dict[str, list[str]] = entry["forms"]
            fixed = frozenset(entry.get("fixed", ()))
            slots: dict[str, frozenset[str]] = {}

            def slot(
                word: str, forms: dict[str, list[str]] = forms, slots: dict[str, frozenset[str]] = slots
            ) -> frozenset[str]:
                found = slots.get(word)
                if found is None:
                    found = slots[word] = frozenset(
                        f for alt in word.split("|") for f in forms.get(alt, [alt])
                    )
                return found

            def part(word: str, slot: Callable[[str], frozenset[str]] = slot) -> _Part:
                if word in _GAPS:
                    return _GAPS[word]
                return _Not(slot(word[1:])) if word.startswith("!") else slot(word)

            for category, phrases in entry["terms"].items():
                for phrase in phrases:
                    first, *rest = phrase.split()
                    key = (slot(first), tuple(part(w) for w in rest), category)
                    groups.setdefault(key, set()).add(lang)
                    if rest:
                        words = [first, *rest]
                        taken = [frozenset() if w in _GAPS or w[0] == "!" else slot(w) for w in words]
                        self._free.add(lang, phrase, category, taken, phrase in fixed)
                    if not rest and lang in COMPOUNDING:
                        pair = (category, lang)
                        for form in key[0]:
                            if len(form) >= _TAIL:
                                tails.setdefault(form, []).append(pair)
        self._free.build()
        self._tails = tails
        self._tail_ends = frozenset(form[-_END:] for form in self._tails)
        self._first: dict[str, list[_Phrase]] = {}
        shared: dict[frozenset[str], frozenset[str]] = {}
        for (firsts, rest, category), langs in groups.items():
            spoken = shared.setdefault(frozenset(langs), frozenset(langs))
            phrase = _Phrase(rest, category, spoken)
            for form in firsts:
                self._first.setdefault(form, []).append(phrase)
        # For a word opening many phrases ("de", "na": hundreds), its phrases by their next word
        # where that is a word ("związek" → "zawodowy"), the others (one word, a gap next) apart,
        # each with its place in the list: it tries only those its next word continues. Only for
        # those words: indexing every form's phrases doubled the engine's memory.
        self._next: dict[str, tuple[list[tuple[int, _Phrase]], dict[str, list[tuple[int, _Phrase]]]]] = {}
        for form, phrases in self._first.items():
            if len(phrases) <= _FEW_PHRASES:
                continue
            others: list[tuple[int, _Phrase]] = []
            following: dict[str, list[tuple[int, _Phrase]]] = {}
            for place, phrase in enumerate(phrases):
                head = phrase.rest[0] if phrase.rest else None
                if isinstance(head, frozenset):
                    for word in head:
                        following.setdefault(word, []).append((place, phrase))
                else:
                    others.append((place, phrase))
            self._next[form] = (others, following)

    def find(self, text: str, identified: tuple[str, ...], index: TextWords | None = None) -> list[TermMatch]:
        """Matches in ``text`` (identified as ``identified``), in text order; ``index``, when given,
        holds the text's words, split once."""
        if not self._first:
            return []
        if index is None:
            index = TextWords(text)
        words = index.words
        first = self._first
        found: list[TermMatch] = []
        # The words worth a look, found by set operations in C: most words are no term's first.
        distinct = set(words)
        wanted = first.keys() & distinct
        if not COMPOUNDING.isdisjoint(identified):
            ends = self._tail_ends
            wanted |= {w for w in distinct if len(w) >= _TAIL + _HEAD and w[-_END:] in ends}
        if wanted:
            self._ordered(text, identified, index, wanted, found)
        free = self._free.find(words, index.crosses, identified, distinct)
        if free:
            found += self._unordered(index, free, found)
            found.sort(key=lambda m: m.start)
        return found

    def _ordered(
        self,
        text: str,
        identified: tuple[str, ...],
        index: TextWords,
        wanted: set[str],
        found: list[TermMatch],
    ) -> None:
        """The phrases found in their written order at the ``wanted`` words, added to ``found``."""
        words = index.words
        first = self._first
        following = self._next
        for i in [i for i, w in enumerate(words) if w in wanted]:
            word = words[i]
            if word not in first:  # wanted as a compound's head and a term's form
                category = self._compound(word, identified)
                if category is not None:
                    found.append(TermMatch(category, index.starts[i], index.ends[i]))
                continue
            split = following.get(word)
            if split is None:
                tried: list[_Phrase] = first[word]
            else:
                # The phrases whose next word follows, with those of one word or a gap, in list order.
                others, by_next = split
                continued = by_next.get(words[i + 1]) if i + 1 < len(words) else None
                tried = [p for _, p in (sorted(others + continued, key=_place) if continued else others)]
            best: tuple[int, _Phrase] | None = None
            for phrase in tried:
                rest = phrase.rest
                # Most tries fail on the next word: looked at here, before a call.
                if (
                    split is None
                    and rest
                    and isinstance(rest[0], frozenset)
                    and (i + 1 == len(words) or words[i + 1] not in rest[0])
                ):
                    continue
                last = _match(words, i + 1, rest)
                if last is None or (best is not None and last <= best[0]):
                    continue
                start, end = index.starts[i], index.ends[last]
                short = end - start < _ANYWHERE and not _acronym(text[start:end])
                if short and identified and phrase.languages.isdisjoint(identified):
                    continue
                best = (last, phrase)  # the longest phrase matching here, the first of equals
            if best is not None:
                found.append(TermMatch(best[1].category, index.starts[i], index.ends[best[0]]))

    @staticmethod
    def _unordered(
        index: TextWords, free: list[tuple[str, list[tuple[int, int]]]], ordered: list[TermMatch]
    ) -> list[TermMatch]:
        """A match per chunk of the phrases found out of order, but those an ordered match of
        their category holds already (the written order is one of every order)."""
        starts, ends = index.starts, index.ends
        held: dict[str, list[tuple[int, int]]] = {}
        for m in ordered:
            held.setdefault(m.category, []).append((m.start, m.end))
        found: list[TermMatch] = []
        for category, spans in free:
            start, end = starts[spans[0][0]], ends[spans[-1][1]]
            if any(a <= start and end <= b for a, b in held.get(category, ())):
                continue
            found += [TermMatch(category, starts[a], ends[b]) for a, b in spans]
        return found

    def _compound(self, word: str, identified: tuple[str, ...]) -> str | None:
        """The category of the longest term ending ``word`` after a head of a few letters."""
        for cut in range(_HEAD, len(word) - _TAIL + 1):
            for category, lang in self._tails.get(word[cut:], ()):
                if lang in identified:
                    return category
        return None


def _place(entry: tuple[int, _Phrase]) -> int:
    return entry[0]


def _acronym(written: str) -> bool:
    letters = [c for c in written if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _match(words: list[str], i: int, rest: tuple[_Part, ...]) -> int | None:
    """The index of the last word matching ``rest`` from ``words[i]``, or None."""
    if not rest:
        return i - 1 if i <= len(words) else None
    head, tail = rest[0], rest[1:]
    if isinstance(head, _Not):
        return None if i < len(words) and words[i] in head.words else _match(words, i, tail)
    if isinstance(head, int):
        for skip in range(head, _MAX_GAP + 1):
            last = _match(words, i + skip, tail)
            if last is not None:
                return last
        return None
    if i < len(words) and words[i] in head:
        return _match(words, i + 1, tail)
    return None
