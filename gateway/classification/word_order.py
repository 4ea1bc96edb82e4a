"""Special-category lemma phrases with their words in another order, where a language allows it.

Hungarian puts the focus before the verb ("a férfiakhoz vonzódik" for "vonzódik a férfiakhoz"),
the Slavic and Baltic languages, Finnish, Estonian and Greek move words for emphasis ("W Boga wierzy
mój wujek", "Jumalaan uskoo"), German and Dutch send the verb to a subordinate clause's end ("dass
er an Gott glaubt"), Romance clitics and fronted phrases move a verb's complement ("En Dios cree mi
abuela"). Here a phrase of such a language is matched as its chunks in any order, within a few
words of one another in one sentence.

A chunk is a content word with the prepositions and articles before it ("a férfiakhoz", "w Boga",
"an Gott"): those keep their place in every order. A reflexive or object clitic ("się", "go",
"sich") moves on its own and is a chunk by itself. A phrase is looked for only where its longest
content word (the anchor) stands and every other chunk's content word is somewhere in the text.
Phrases that keep their order stay with the ordered matcher only: those holding a gap of at least
one word (``+``, a guard: "of + origin"), a "not followed by" word (``!``), and names (every
content word written with a capital in the lemmas: "Partido Popular", "Zeuge Jehovas").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from gateway.classification.languages import function_words

# Words a phrase's chunks may have between them in all, per language: the room its grammar takes
# (Romance languages move a clitic or a fronted complement, the others whole phrases).
SPAN = {
    **dict.fromkeys(("hu", "fi", "et", "pl", "cs", "sk", "sl", "hr", "lt", "lv", "de", "nl"), 4),
    **dict.fromkeys(("bg", "el"), 3),
    **dict.fromkeys(("ro", "it", "es", "pt", "fr"), 2),
}
_GAP_SPAN = 3  # a phrase written with "~" takes its gap's three words at least
# Clitics that move apart from the word after them: a chunk of their own.
CLITICS = {
    "pl": "się go ją mu jej mi", "cs": "se si ho mu ji jí", "sk": "sa si ho mu ju jej",
    "sl": "se si ga mu jo ji", "hr": "se si ga mu je joj", "bg": "се си го му я ѝ й",
    "el": "του της τον την τη μου", "de": "sich", "nl": "zich", "fr": "se s lui leur y en",
    "es": "se le les", "it": "si gli ci ne", "pt": "se lhe lhes", "ro": "se își îi îl",
}  # fmt: skip
_SHORT = 2  # letters: a word this short is a preposition or an article in every language here
_SENTENCE_MARKS = ".!?;\n"

Slot = frozenset[str]
_Key = tuple[tuple[tuple[Slot, ...], ...], str]  # a phrase's chunks and its category


@dataclass(frozen=True, slots=True)
class FreePhrase:
    chunks: tuple[tuple[Slot, ...], ...]
    needed: tuple[Slot, ...]  # each chunk's content word: all must stand in the text
    offsets: tuple[int, ...]  # each content word's place in its chunk
    anchor: int  # the chunk indexed by its content word
    offset: int  # that word's place in its chunk
    category: str
    languages: frozenset[str]
    span: int


def chunks_of(lang: str, words: list[str], slots: list[Slot]) -> list[list[int]] | None:
    """The chunks of a phrase's words (indices), or None where it has fewer than two."""
    glue = function_words(lang)
    clitics = frozenset(CLITICS.get(lang, "").split())
    chunks: list[list[int]] = []
    pending: list[int] = []
    for i, word in enumerate(words):
        alternatives = word.split("|")
        if all(a in clitics for a in alternatives):
            chunks.append([i])
        elif all(a in glue or len(a) <= _SHORT for a in alternatives):
            pending.append(i)
        else:
            chunks.append([*pending, i])
            pending = []
    if pending:  # a preposition last ("Fetisch für") stays with the word before it
        if not chunks:
            return None
        chunks[-1] += pending
    contentful = [c for c in chunks if any(not _is_clitic(words[i], clitics) for i in c)]
    if len(chunks) < 2 or len(contentful) < 2 or any(not slots[i] for c in chunks for i in c):
        return None
    return chunks


def _is_clitic(word: str, clitics: frozenset[str]) -> bool:
    return all(a in clitics for a in word.split("|"))


class FreeOrder:
    """The free-order phrases of the languages configured, indexed by their anchors' forms."""

    def __init__(self) -> None:
        # (chunks, category) → the languages whose lists hold it, its span, its anchor (chunk, word)
        self._groups: dict[_Key, tuple[set[str], int, tuple[int, int]]] = {}
        self._by_anchor: dict[str, list[FreePhrase]] = {}

    def add(self, lang: str, phrase: str, category: str, slots: list[Slot], fixed: bool) -> None:
        """Take one lemma phrase of ``lang`` (its words' forms in ``slots``, "~" gaps included)."""
        span = SPAN.get(lang)
        words = phrase.split()
        if span is None or fixed or "+" in words or any(w.startswith("!") for w in words):
            return
        if "~" in words:
            span = max(span, _GAP_SPAN)
            kept = [i for i, w in enumerate(words) if w != "~"]
            words, slots = [words[i] for i in kept], [slots[i] for i in kept]
        found = chunks_of(lang, words, slots)
        if found is None:
            return
        chunks = tuple(tuple(slots[i] for i in c) for c in found)
        # The anchor: the chunk with the longest content word (its shortest form), least often met.
        clitics = frozenset(CLITICS.get(lang, "").split())
        glue = function_words(lang)
        best = max(
            (min(map(len, slots[i])), k, p)
            for k, c in enumerate(found)
            for p, i in enumerate(c)
            if not _is_clitic(words[i], clitics) and not all(a in glue for a in words[i].split("|"))
        )
        key = (chunks, category)
        langs, old_span, _ = self._groups.get(key, (set(), 0, (0, 0)))
        langs.add(lang)
        self._groups[key] = (langs, max(span, old_span), best[1:])

    def build(self) -> None:
        """Index the phrases taken by their anchors' forms (once every language was added)."""
        shared: dict[frozenset[str], frozenset[str]] = {}
        for (chunks, category), (langs, span, (anchor, offset)) in self._groups.items():
            offsets = tuple(_content(c) for c in chunks)
            needed = tuple(c[k] for c, k in zip(chunks, offsets, strict=True))
            spoken = shared.setdefault(frozenset(langs), frozenset(langs))
            phrase = FreePhrase(chunks, needed, offsets, anchor, offset, category, spoken, span)
            for form in chunks[anchor][offset]:
                self._by_anchor.setdefault(form, []).append(phrase)
        self._groups.clear()

    def find(
        self,
        words: list[str],
        crosses: Callable[[int, int, str], bool],
        identified: tuple[str, ...],
        distinct: set[str],
    ) -> list[tuple[str, list[tuple[int, int]]]]:
        """Each phrase found out of order in ``words`` (``distinct`` their set; ``crosses(i, j,
        marks)`` whether a separator between words i and j holds one of ``marks``): its category
        and its chunks' first and last words."""
        if not self._by_anchor or not identified or not any(lang in SPAN for lang in identified):
            return []
        # Per anchor standing in the text, once: its phrases of these languages whose every
        # chunk's content word stands somewhere in the text too (most have none).
        viable = {
            word: tried
            for word in self._by_anchor.keys() & distinct
            if (
                tried := [
                    p
                    for p in self._by_anchor[word]
                    if not p.languages.isdisjoint(identified)
                    and not any(slot.isdisjoint(distinct) for slot in p.needed)
                ]
            )
        }
        if not viable:
            return []
        found: list[tuple[str, list[tuple[int, int]]]] = []
        for i in [i for i, w in enumerate(words) if w in viable]:
            for phrase in viable[words[i]]:
                placed = _place(words, i, phrase)
                if placed is None:
                    continue
                last = max(s + len(c) - 1 for s, c in zip(placed, phrase.chunks, strict=True))
                if crosses(min(placed), last, _SENTENCE_MARKS):
                    continue
                spans = [(s, s + len(c) - 1) for s, c in zip(placed, phrase.chunks, strict=True)]
                found.append((phrase.category, sorted(spans)))
        return found


def _content(chunk: tuple[Slot, ...]) -> int:
    """The place of a chunk's word that is not a preposition or an article: its longest."""
    return max(range(len(chunk)), key=lambda k: min(map(len, chunk[k])))


def _at(words: list[str], start: int, chunk: tuple[Slot, ...]) -> bool:
    return (
        start >= 0
        and start + len(chunk) <= len(words)
        and all(words[start + k] in slot for k, slot in enumerate(chunk))
    )


def _place(words: list[str], i: int, phrase: FreePhrase) -> tuple[int, ...] | None:
    """Where each chunk starts when the anchor's content word is ``words[i]``: the tightest
    arrangement of chunks that do not overlap within the phrase's span, or None."""
    anchor_start = i - phrase.offset
    if not _at(words, anchor_start, phrase.chunks[phrase.anchor]):
        return None
    size = sum(len(c) for c in phrase.chunks)
    reach = size + phrase.span
    options: list[list[int]] = []
    for k, chunk in enumerate(phrase.chunks):
        if k == phrase.anchor:
            options.append([anchor_start])
            continue
        # Where its content word stands first (a set look-up a word), then the whole chunk there.
        content, at = phrase.needed[k], phrase.offsets[k]
        near = range(max(0, anchor_start - reach + at), min(len(words), anchor_start + reach + at))
        starts = [p - at for p in near if words[p] in content and _at(words, p - at, chunk)]
        if not starts:
            return None
        options.append(starts)
    best: tuple[int, ...] | None = None
    best_extent = reach + 1
    for placed in itertools.product(*options):
        taken = sorted((s, s + len(phrase.chunks[k])) for k, s in enumerate(placed))
        if any(a[1] > b[0] for a, b in itertools.pairwise(taken)):
            continue
        extent = taken[-1][1] - taken[0][0]
        if extent <= reach and extent < best_extent:
            best, best_extent = tuple(placed), extent
    return best
