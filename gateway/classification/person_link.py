"""Whether a special-category term speaks of a person: link words per language around the term.

"Jonas is a member of the union" reveals a person's membership; "an essay on the history of trade
unions" does not. A term counts as linked when, in its sentence, a person is named or referred to
(a third-person pronoun, a possessive, kin or a role: data/person_link.json; where subject
pronouns are dropped, an opening "is" or "has": "È iscritto al sindacato"), or when the writer
speaks of themselves ("I", "me") and no topic word (essay, history, explain...) frames the
sentence as a subject to write about. Plural roles ("patients", "employees who fast") name a
group, not a person, and count for nothing; where they or a topic word stand in the sentence,
neither do "our", "we" or "their", and under a topic word a possessive counts only on a
capitalised name ("Tom's", not "the ministry's"). A question with a word for no one in particular
("Can an employer ask whether she is pregnant?") is about anyone: its pronouns and roles count for
nothing.
Words of three letters or fewer ("my", "il", "ma", "mu") count only in the languages the text was
identified as, where they are unambiguous enough, and not when they are a function word of the
language it was identified as first (French "il" is "he", Italian "il" is "the").
"""

from __future__ import annotations

import json
import re
from importlib import resources

from gateway.classification.languages import function_words

_WINDOW = 80
_SHORT = 3
# Where a sentence ends; a term's link words are looked for inside its sentence only.
_SENTENCE_END = re.compile(r"[.!?;\n]\s|\n")
# "Tom's fingerprint", "Lars' fingeraftryk": a possessive names the person ("it's" does not), a
# capitalised word's only ("the ministry's campaign" is no one's).
_POSSESSIVE = re.compile(r"(?<!\w)([^\W\d_][^\W\d_A-Z]*)(?:['’]s|s['’])(?!\w)")
# Question marks, Greek's ";" among them.
_QUESTION = ("?", ";", "\u037e", "？")
_NOT_POSSESSIVE = frozenset({"it", "that", "let", "what", "there", "here", "where", "who", "how"})


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[^\W\d_]+['’]")


class _Words:
    """Whole words and prefixes ("patient*"), looked up per word of a window: sets, not a regex."""

    def __init__(self, words: list[str]) -> None:
        self.whole = frozenset(w.lower() for w in words if not w.endswith(("*", "'", "’")))
        self.prefixes = frozenset(w.rstrip("*").lower() for w in words if w.endswith(("*", "'", "’")))
        self._lengths = sorted({len(p) for p in self.prefixes})

    def any_in(self, words: set[str], besides: frozenset[str] = frozenset()) -> bool:
        if besides:
            words = words - besides
        if not self.whole.isdisjoint(words):
            return True
        prefixes = self.prefixes
        return bool(prefixes) and any(w[:n] in prefixes for n in self._lengths for w in words)


class PersonLink:
    def __init__(self, languages: list[str]) -> None:
        source = resources.files("gateway.classification") / "data" / "person_link.json"
        data = json.loads(source.read_text(encoding="utf-8"))

        def words(section: str, lang: str) -> list[str]:
            return str(data[section].get(lang, "")).split()

        def short(w: str) -> bool:
            return len(w.rstrip("*'’")) <= _SHORT

        def everywhere(section: str) -> _Words:
            return _Words([w for lang in languages for w in words(section, lang) if not short(w)])

        self._person = everywhere("person")
        self._requester = everywhere("requester")
        self._topic = everywhere("topic")
        self._generic = frozenset(w.lower() for lang in languages for w in words("generic", lang))
        self._plural = frozenset(w.lower() for lang in languages for w in words("plural", lang))
        self._own = {
            lang: (
                _Words([w for w in words("person", lang) if short(w)]),
                _Words([w for w in words("requester", lang) if short(w)]),
            )
            for lang in languages
        }
        self._empty = (_Words([]), _Words([]))
        self._opening = {lang: _Words(words("opening_verb", lang)) for lang in languages}
        self._hypothetical = frozenset(
            w.lower() for lang in languages for w in words("hypothetical", lang) if not short(w)
        )

    def sentence(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around ``text[start:end]``, at most ``_WINDOW`` either side."""
        left = max(0, start - _WINDOW)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
        left = ends[-1] if ends else left
        right = min(len(text), end + _WINDOW)
        found = _SENTENCE_END.search(text, end, right)
        return left, found.start() + 1 if found else right

    def linked(
        self, text: str, start: int, end: int, languages: tuple[str, ...], names: list[tuple[int, int]]
    ) -> bool:
        return self.linked_in(text, self.sentence(text, start, end), languages, names)

    def linked_in(
        self, text: str, sentence: tuple[int, int], languages: tuple[str, ...], names: list[tuple[int, int]]
    ) -> bool:
        """Whether the sentence ``text[left:right]`` speaks of a person."""
        left, right = sentence
        if any(a < right and left < b for a, b in names):
            return True
        window = text[left:right]
        ordered = _WORD.findall(window.lower())
        words = set(ordered)
        framed = self._topic.any_in(words)
        # Plural roles name a group, not a person; under a topic ("a leaflet for their patients")
        # or beside a group ("how can we support employees who fast?") no generic word says anything.
        grouped = framed or not self._plural.isdisjoint(words)
        generic = self._generic if grouped else self._plural
        own = [self._own.get(lang, self._empty) for lang in languages]
        # A secondary language's short word may be the main language's article or preposition.
        main = function_words(languages[0]) if languages else frozenset()
        others = [(lang == languages[0], pair) for lang, pair in zip(languages, own, strict=True)]
        # "Can an employer ask whether she is pregnant?": a question about no one in particular,
        # where pronouns and roles stand for anyone.
        hypothetical = window.rstrip().endswith(_QUESTION) and not self._hypothetical.isdisjoint(words)
        if not hypothetical and (
            self._person.any_in(words, generic)
            or any(
                person.any_in(words, generic if first else main | generic) for first, (person, _) in others
            )
        ):
            return True
        if any(
            m.group(1)[0].isupper() or (not framed and m.group(1).lower() not in _NOT_POSSESSIVE)
            for m in _POSSESSIVE.finditer(window)
        ):
            return True
        opens_sentence = left == 0 or _SENTENCE_END.search(text, max(0, left - 2), left + 1) is not None
        if (
            opens_sentence
            and ordered
            and any(self._opening.get(lang, self._empty[0]).any_in({ordered[0]}) for lang in languages)
        ):
            return True
        if not (
            self._requester.any_in(words, generic)
            or any(req.any_in(words, generic if first else main | generic) for first, (_, req) in others)
        ):
            return False
        return not framed
