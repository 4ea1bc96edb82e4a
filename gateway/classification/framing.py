"""Which words of a sentence frame it or name someone: topic words outside names, roles beside a service.

A topic word frames a sentence as a subject to write about ("an essay on trade unions"), except
inside a name ("the Labour History Society"). A role beside a word for a service names a
department, not a person ("customer service", "obsługa klienta", "klientų aptarnavimas").
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LETTERS = re.compile(r"[^\W\d_]+")
_SHORT = 3  # letters of a pronoun or possessive, which a service word leaves as they are
_NEAR = 2  # words either side of a service word that it takes for its own


def framing(window: str, words: set[str]) -> set[str]:
    """``words`` less those of a name inside the sentence: two or more capitalised words after
    another word ("član Gibanja Svoboda", "the Labour History Society") are a name, whose topic
    word frames nothing. The sentence's first word ("Summarise", "Zhrnutie") and a German noun
    on its own ("über die Geschichte") still frame."""
    found = [(m.group(), m.start(), m.end()) for m in _LETTERS.finditer(window)]
    named: set[str] = set()
    for i in range(1, len(found) - 1):
        (_, _, before), (word, start, end), (after, next_start, _) = found[i - 1 : i + 2]
        if (
            word[0].isupper()
            and after[0].isupper()
            and window[before:start] == " "
            and window[end:next_start] == " "
        ):
            named |= {word.lower(), after.lower()}
    return words - named if named else words


def frames(topic: Callable[[set[str]], bool], window: str, words: set[str]) -> bool:
    """Whether a topic word (``topic`` tells a set holding one) frames the sentence ``window`` of
    ``words``: looked for among all its words first, most sentences holding none, before the words
    of names are set aside."""
    return topic(words) and topic(framing(window, words))


def serving(ordered: list[str], words: set[str], service: frozenset[str]) -> set[str]:
    """``words`` less the longer words next to a word for a service ("customer service"): a
    department, not a person. The sentence's words in ``ordered``; most hold no service word."""
    if service.isdisjoint(words):
        return words
    near: set[str] = set()
    for i, word in enumerate(ordered):
        if word in service:
            near.update(w for w in ordered[max(0, i - _NEAR) : i + _NEAR + 1] if len(w) > _SHORT)
    return words - (near - service)
