"""Whether a sentence speaks of its writer: first-person words and endings, and a term's own clause.

"Имам диабет", "Cukorbeteg vagyok", "BRCA1-mutációt hordozok": where subjects are dropped, the
verb alone says who is meant. data/person_link.json lists each language's first-person singular
pronouns and verb forms ("writer") and the endings that make any word a first-person verb
("writer_ending": Greek -ω and -ομαι, Hungarian conditional -nék, Polish past -yłem), less the
words that only end so ("not_writer": Greek "λόγω", "μέσω").

A topic word frames a sentence as a subject to write about ("an essay on trade unions"), but not
the writer's own statement inside it: the clause holding the term is the writer's when it holds a
first-person word and no topic word, and a topic word before it stands before a word opening a
content clause or a colon ("Explain to HR that I will be fasting for Ramadan", "Summarise: I have
...") or only after the clause ("Sou militante do PCP e não quero falar disso no trabalho").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gateway.classification.languages import function_words

_SHORT = 3
_STEM = 2  # letters an ending needs before it
# Words as the link words are written ("j'ai", "qu'il") and the marks that end a clause.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[^\W\d_]+['’]|[,:;–—]")
_MARKS = frozenset(",;–—")
_COLON = ":"


def _section(data: dict, section: str, lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in str(data.get(section, {}).get(lang, "")).split())


class Writer:
    """The writer's words of each language and the clause words that bound their statements."""

    def __init__(self, data: dict, languages: list[str]) -> None:
        self._short = {
            lang: frozenset(w for w in _section(data, "writer", lang) if len(w) <= _SHORT)
            for lang in languages
        }
        # A longer word counts in a text of any language, as the other link words do.
        self._long = frozenset(
            w for lang in languages for w in _section(data, "writer", lang) if len(w) > _SHORT
        )
        self._endings = {
            lang: tuple(sorted(_section(data, "writer_ending", lang), key=len))
            for lang in languages
            if _section(data, "writer_ending", lang)
        }
        self._not = frozenset(w for lang in languages for w in _section(data, "not_writer", lang))
        self._that = {lang: _section(data, "clause_that", lang) for lang in languages}
        self._and = {lang: _section(data, "clause_and", lang) for lang in languages}

    def speaks(self, words: set[str], languages: tuple[str, ...]) -> bool:
        """Whether one of ``words`` is the writer's: a longer listed word of any language, a short one
        of the identified languages (a secondary language's only if no function word of the first),
        or a word with a first-person ending of an identified language."""
        if not self._long.isdisjoint(words):
            return True
        main = function_words(languages[0]) if len(languages) > 1 else frozenset()
        for i, lang in enumerate(languages):
            short = self._short.get(lang)
            if short and not short.isdisjoint(words if i == 0 else words - main):
                return True
            endings = self._endings.get(lang)
            if endings and any(
                w.endswith(endings) and w not in self._not and _stemmed(w, endings) for w in words
            ):
                return True
        return False

    def own_clause(
        self,
        text: str,
        sentence: tuple[int, int],
        term: int,
        languages: tuple[str, ...],
        topic: Callable[[set[str]], bool],
    ) -> bool:
        """Whether the clause of the term at ``term`` in ``text[left:right]`` is the writer's own
        statement although a topic word (``topic`` tells a set of words holding one) stands in the
        sentence."""
        left, right = sentence
        tokens = [m.group().lower() for m in _TOKEN.finditer(text, left, right)]
        before = sum(1 for m in _TOKEN.finditer(text, left, term))
        that = frozenset().union(*(self._that.get(lang, frozenset()) for lang in languages))
        joins = frozenset().union(*(self._and.get(lang, frozenset()) for lang in languages))

        def opens(token: str) -> bool:
            return token == _COLON or token in that or token.split("'")[0] + "'" in that

        bounds = [i for i, t in enumerate(tokens) if t in _MARKS or t in joins or opens(t)]
        start = max((i for i in bounds if i < before), default=-1)
        end = min((i for i in bounds if i >= before), default=len(tokens))
        earlier = set(tokens[: start + 1])
        if topic(earlier):
            # Under a topic word only a content clause opened after the last topic word is the writer's.
            content = max((i for i in range(start + 1) if opens(tokens[i])), default=-1)
            if content < 0 or topic(set(tokens[content + 1 : start + 1])):
                return False
            start = content
        clause = set(tokens[start + 1 : end])
        return not topic(clause) and self.speaks(clause, languages)


def _stemmed(word: str, endings: tuple[str, ...]) -> bool:
    """Whether ``word`` has letters enough before the ending it carries to be a verb's stem."""
    return any(word.endswith(e) and len(word) >= len(e) + _STEM for e in endings)
