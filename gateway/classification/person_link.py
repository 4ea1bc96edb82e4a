"""Whether a special-category term speaks of a person: link words per language around the term.

"Jonas is a member of the union" reveals a person's membership; "an essay on the history of trade
unions" does not. A term counts as linked when, in its sentence, a person is named or referred to
(a third-person pronoun, a possessive, kin or a role: data/person_link.json; where subject
pronouns are dropped, an opening "is" or "has": "È iscritto al sindacato"), or when the writer
speaks of themselves ("I", "me", a first-person verb where subjects are dropped: writer.py) and no
topic word (essay, history, explain...) frames the sentence as a subject to write about, or frames
only what lies outside the writer's own clause ("Explain to HR that I will be fasting"). Plural
roles ("patients", "employees who fast") name a group, not a person, and count for nothing;
where they or a topic word stand in the sentence, neither do "our", "we" or "their", and under a
topic word a possessive counts only on a capitalised name ("Tom's", not "the ministry's"). A topic
word in a name (capitalised words inside a sentence) frames nothing ("član Gibanja Svoboda": the
party, not a movement's history), and a role beside a word for a service names a department
("customer service"): framing.py. A role with its owner's ending is one person under a topic word
too ("Tiivistä: Naapurini on ..."). A question with a word for no one in particular ("Can an
employer ask whether she is pregnant?") is about anyone: its pronouns and roles count for nothing.
Words of three letters or fewer ("my", "il", "ma", "mu") count only in the languages the text was
identified as, where they are unambiguous enough, and not when they are a function word of the
language it was identified as first (French "il" is "he", Italian "il" is "the").
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from gateway.classification.framing import frames, serving
from gateway.classification.languages import function_words
from gateway.classification.sentences import SENTENCE_END as _SENTENCE_END
from gateway.classification.sentences import WINDOW as _WINDOW
from gateway.classification.sentences import WORD as _WORD
from gateway.classification.sentences import People, Sentences
from gateway.classification.sentences import ends as _ends
from gateway.classification.writer import Writer

_SHORT = 3
_ENDING = 4  # letters of a case ending
_COMPOUND = 7  # letters a prefix may take: an ending, not a compound's further part
_FOREIGN_TOPIC = 6  # letters another language's topic word needs to count
_ORDERS = 1024  # orders of a text's languages whose lists are kept
_REMEMBERED = 4096  # words whose prefix test a word list keeps (about as many as its own)
# "Tom's fingerprint", "Lars' fingeraftryk": a possessive names the person ("it's" does not), a
# capitalised word's only ("the ministry's campaign" is no one's).
_POSSESSIVE = re.compile(r"(?<!\w)([^\W\d_][^\W\d_A-Z]*)(?:['’]s|s['’])(?!\w)")
# Question marks, Greek's ";" among them.
_QUESTION = ("?", ";", "\u037e", "？")
_NOT_POSSESSIVE = frozenset({"it", "that", "let", "what", "there", "here", "where", "who", "how"})


_PREFIX = ("*", "'", "’")


def _words(data: dict, section: str, lang: str) -> list[str]:
    return str(data.get(section, {}).get(lang, "")).split()


def _short(word: str) -> bool:
    return len(word.rstrip("*'’")) <= _SHORT


class _Words:
    """Whole words and prefixes ("patient*"), looked up per word of a window: sets, not a regex.
    A prefix takes up to ``_COMPOUND`` more letters, which leaves out compounds (Latvian
    "partnerattiecību" is a partnership, no partner), and a ``foreign`` prefix (another language's)
    only an ending of up to ``_ENDING``: Slovak "zamestnan*" in "zamestnanca"."""

    def __init__(
        self, whole: frozenset[str], prefixes: frozenset[str], foreign: frozenset[str] = frozenset()
    ) -> None:
        self.whole = whole
        self.prefixes = prefixes
        self.foreign = foreign - prefixes
        self._lengths = sorted({len(p) for p in self.prefixes})
        self._foreign_lengths = sorted({len(p) for p in self.foreign})
        # Whether a word starts with a prefix, remembered: a text's words recur in every sentence
        # looked at, and a language's everyday words in every text.
        self._started: dict[str, bool] = {}

    def bare_in(self, words: set[str]) -> bool:
        """Whether one of ``words`` is a listed word or a prefix as it stands, with no ending."""
        return any(w in self.whole or w in self.prefixes or w in self.foreign for w in words)

    def any_in(self, words: set[str], besides: frozenset[str] = frozenset(), whole: bool = False) -> bool:
        if besides:
            words = words - besides
        if not self.whole.isdisjoint(words):
            return True
        if whole or not (self.prefixes or self.foreign):
            return False
        started = self._started
        for w in words:
            hit = started.get(w)
            if hit is None:
                if len(started) >= _REMEMBERED:
                    started.clear()  # bounded: an endless stream of new words costs no memory
                hit = started[w] = self._starts(w)
            if hit:
                return True
        return False

    @classmethod
    def of(cls, words: Sequence[str], foreign: Sequence[str] = ()) -> _Words:
        """The list of ``words`` as written in data/person_link.json ("patient*" a prefix)."""
        whole, prefixes = _split(words)
        return cls(whole, prefixes, _split(foreign)[1])

    def _starts(self, w: str) -> bool:
        """Whether ``w`` is a prefix with at most ``_COMPOUND`` letters more, or a foreign prefix
        with at most ``_ENDING``."""
        prefixes, foreign = self.prefixes, self.foreign
        return any(w[:n] in prefixes for n in self._lengths if len(w) - n <= _COMPOUND) or any(
            w[:n] in foreign for n in self._foreign_lengths if len(w) - n <= _ENDING
        )


def _split(words: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Whole words and prefixes of a list, lower case."""
    return (
        frozenset(w.lower() for w in words if not w.endswith(_PREFIX)),
        frozenset(w.rstrip("*").lower() for w in words if w.endswith(_PREFIX)),
    )


@dataclass(frozen=True, slots=True)
class _Lists:
    """The words that count for a text identified as some languages."""

    person: _Words
    requester: _Words
    topic: _Words  # the identified languages' topic words and other languages' long ones
    generic: frozenset[str]
    plural: frozenset[str]
    own_topic: _Words  # the identified languages' topic words only


class PersonLink:
    def __init__(self, languages: list[str]) -> None:
        source = resources.files("gateway.classification") / "data" / "person_link.json"
        self._data = data = json.loads(source.read_text(encoding="utf-8"))
        self._languages = tuple(languages)
        self._lists: dict[tuple[str, ...], _Lists] = {}
        self._joined: dict[tuple[str, frozenset[str]], frozenset[str]] = {}
        self._own = {
            lang: (
                _Words.of([w for w in _words(data, "person", lang) if _short(w)]),
                _Words.of([w for w in _words(data, "requester", lang) if _short(w)]),
            )
            for lang in languages
        }
        self._empty = (_Words.of([]), _Words.of([]))
        self._opening = {lang: _Words.of(_words(data, "opening_verb", lang)) for lang in languages}
        self._writer = Writer(data, languages)
        self._service = frozenset(w.lower() for lang in languages for w in _words(data, "service", lang))
        self._owner = {lang: tuple(_words(data, "owner_suffix", lang)) for lang in languages}
        self._owner_endings = tuple(sorted({e for endings in self._owner.values() for e in endings}))
        self._hypothetical = frozenset(
            w.lower() for lang in languages for w in _words(data, "hypothetical", lang) if not _short(w)
        )
        # Each language's longer words, split once: the lists of a text's languages are unions of
        # these (a text's languages are one of hundreds of orders, each built on first sight).
        self._long = {
            section: {
                lang: _split([w for w in _words(data, section, lang) if not _short(w)]) for lang in languages
            }
            for section in ("person", "requester", "topic")
        }
        self._whole = {
            section: frozenset().union(*(whole for whole, _ in split.values()))
            for section, split in self._long.items()
        }
        self._long_topic = {
            lang: frozenset(
                w.lower()
                for w in _words(data, "topic", lang)
                if len(w) >= _FOREIGN_TOPIC and not w.endswith(_PREFIX)
            )
            for lang in languages
        }

    def _for(self, identified: tuple[str, ...]) -> _Lists:
        """The lists for a text identified as ``identified``: a person or requester word of any
        language counts, its prefixes ("partner*") with a case ending only unless the language is
        identified, and topic, generic and plural words only in the identified languages
        ("patienten" is a German plural and a Danish "the patient", "vita" a Hungarian debate and
        Icelandic "to know")."""
        found = self._lists.get(identified)
        if found is None:
            data = self._data
            spoken = [lang for lang in identified if lang in self._own] or list(self._languages)

            def lists(section: str) -> _Words:
                split = self._long[section]
                return _Words(
                    self._whole[section],
                    frozenset().union(*(split[lang][1] for lang in self._languages if lang in spoken)),
                    frozenset().union(*(split[lang][1] for lang in self._languages if lang not in spoken)),
                )

            # Where the identified languages disagree, the first decides: Danish "patienten" is
            # one patient in a Danish text, though German has it as a plural.
            main = {w.lower() for w in _words(data, "person", spoken[0]) if not w.endswith(_PREFIX)}

            def own(section: str) -> frozenset[str]:
                return frozenset(
                    w.lower()
                    for lang in spoken
                    for w in _words(data, section, lang)
                    if lang == spoken[0] or w.lower() not in main
                )

            if len(self._lists) >= _ORDERS:
                self._lists.clear()  # bounded: 26 languages make more orders than memory should hold
            found = self._lists[identified] = _Lists(
                lists("person"),
                lists("requester"),
                # Another language's topic word counts when long and whole ("summary" in a short
                # English text taken for Portuguese), not when short ("vita"); it keeps a sentence
                # beside it from lending its person, but frames no sentence in the text's own
                # language ("Summarise: Pracownik jest członkiem związku" is about an employee).
                _Words(
                    frozenset().union(
                        *(
                            self._long["topic"][lang][0] if lang in spoken else self._long_topic[lang]
                            for lang in self._languages
                        )
                    ),
                    frozenset().union(*(self._long["topic"][lang][1] for lang in spoken)),
                ),
                own("generic"),
                own("plural"),
                _Words(
                    frozenset().union(*(self._long["topic"][lang][0] for lang in spoken)),
                    frozenset().union(*(self._long["topic"][lang][1] for lang in spoken)),
                ),
            )
        return found

    def _besides(self, languages: tuple[str, ...], generic: frozenset[str]) -> frozenset[str]:
        """The words a secondary language's short word may not be: the first language's function
        words and ``generic``; joined once per first language and list, not per sentence."""
        if len(languages) < 2:
            return generic  # no secondary language: not looked at
        key = (languages[0], generic)
        found = self._joined.get(key)
        if found is None:
            if len(self._joined) >= _ORDERS:
                self._joined.clear()  # bounded, as the lists of the orders are
            found = self._joined[key] = function_words(languages[0]) | generic
        return found

    def _unowned(self, words: set[str], languages: tuple[str, ...]) -> set[str]:
        """The words that carry an owner's ending in ``languages``, without it ("naapurini" →
        "naapuri"): a role someone calls theirs is one person."""
        return {
            w[: -len(suffix)]
            for lang in languages
            for suffix in self._owner.get(lang, ())
            for w in words
            if w.endswith(suffix) and len(w) > len(suffix) + _SHORT
        }

    def owned(self, term: str, languages: tuple[str, ...]) -> bool:
        """Whether the term's last word carries its owner in an ending ("ääniprofiilini")."""
        last = term.rsplit(None, 1)[-1].lower() if term.strip() else ""
        if not last.endswith(self._owner_endings):  # the endings of all languages, tested in C
            return False
        return any(
            last.endswith(suffix) and len(last) > len(suffix) + _SHORT
            for lang in languages
            for suffix in self._owner.get(lang, ())
        )

    def sentence(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around ``text[start:end]``, at most ``_WINDOW`` either side.
        A full stop before a lower-case word ends none: "je od 2. listopadu", "z. B. bei". For one
        term; a text's many terms bisect its ``Sentences``, found once."""
        left = max(0, start - _WINDOW)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start) if _ends(text, m)]
        left = ends[-1] if ends else left
        right = min(len(text), end + _WINDOW)
        found = next((m for m in _SENTENCE_END.finditer(text, end, right) if _ends(text, m)), None)
        return left, found.start() + 1 if found else right

    def linked(
        self, text: str, start: int, end: int, languages: tuple[str, ...], names: list[tuple[int, int]]
    ) -> bool:
        return self.linked_in(text, self.sentence(text, start, end), languages, names)

    def linked_in(
        self,
        text: str,
        sentence: tuple[int, int],
        languages: tuple[str, ...],
        names: list[tuple[int, int]] | People,
        sentences: Sentences | None = None,
    ) -> bool:
        """Whether the sentence ``text[left:right]`` speaks of a person (``sentences``, when
        given, the text's sentences, whose words are split once)."""
        left, right = sentence
        if (names if isinstance(names, People) else People(names)).within(left, right):
            return True
        window, ordered, words = (sentences or Sentences(text)).words(sentence)
        lists = self._for(languages)
        framed = frames(lists.own_topic.any_in, window, words)
        # Plural roles name a group, not a person; under a topic ("a leaflet for their patients")
        # or beside a group ("how can we support employees who fast?") no generic word says anything.
        grouped = framed or not lists.plural.isdisjoint(words)
        generic = lists.generic if grouped else lists.plural
        own = [self._own.get(lang, self._empty) for lang in languages]
        # A secondary language's short word may be the main language's article or preposition.
        main = self._besides(languages, generic)
        others = [(lang == languages[0], pair) for lang, pair in zip(languages, own, strict=True)]
        # "Can an employer ask whether she is pregnant?": a question about no one in particular,
        # where pronouns and roles stand for anyone.
        hypothetical = window.rstrip().endswith(_QUESTION) and not self._hypothetical.isdisjoint(words)
        roles = serving(ordered, words, self._service)  # "customer service" is no customer
        # Under a topic word a role counts only whole: its prefix also takes the plural's endings
        # ("obyvateľov", "residentes": the census counted a group).
        if not hypothetical and (
            lists.person.any_in(roles, generic, whole=framed)
            or (framed and lists.person.bare_in(self._unowned(roles, languages)))
            or any(person.any_in(roles, generic if first else main) for first, (person, _) in others)
        ):
            return True
        if ("'" in window or "’" in window) and any(  # no apostrophe, no possessive: no scan
            m.group(1)[0].isupper() or (not framed and m.group(1).lower() not in _NOT_POSSESSIVE)
            for m in _POSSESSIVE.finditer(window)
        ):
            return True
        opens_sentence = left == 0 or _SENTENCE_END.search(text, max(0, left - 2), left + 1) is not None
        if (
            opens_sentence
            and ordered
            and any(self._opening.get(lang, self._empty[0]).any_in({ordered[0]}) for lang in languages)
            # "Estoy preparando una presentación": the writer's opening verb is framed as "I" is.
            and not (framed and self._writer.speaks({ordered[0]}, languages))
        ):
            return True
        if not (
            lists.requester.any_in(words, generic)
            or any(req.any_in(words, generic if first else main) for first, (_, req) in others)
            or self._writer.speaks(words, languages)
        ):
            return False
        return not framed

    def continues(
        self,
        text: str,
        sentence: tuple[int, int],
        languages: tuple[str, ...],
        names: list[tuple[int, int]] | People,
        term: int,
        sentences: Sentences | None = None,
    ) -> bool:
        """Whether a statement naming no one goes on about the person of the sentence beside it:
        "Har nettopp fått diagnosen MS. Hjelp meg å skrive til sjefen", "Rytoj nebūsiu darbe –
        gydytoja išrašė nedarbingumą. Perduok, kad perimtų mano skambučius" (the subject dropped).
        A question, a topic word, a group, a word for no one in particular, or the term (at
        ``term``) as the sentence's first word ("Cancer is a terrible disease") keeps it a topic.
        ``sentences``, when given, are the text's sentence ends, found once."""
        left, right = sentence
        sentences = sentences or Sentences(text)
        window, _, words = sentences.words(sentence)
        lists = self._for(languages)
        writer = self._writer
        if writer.speaks(words, languages) and writer.own_clause(
            text, sentence, term, languages, lists.own_topic.any_in
        ):
            return True  # "Explain to HR that I will be fasting for Ramadan": the writer's own clause
        if window.rstrip().endswith(_QUESTION) or not _WORD.search(text, left, term):
            return False
        if (
            frames(lists.topic.any_in, window, words)
            or not lists.generic.isdisjoint(words)
            or not lists.plural.isdisjoint(words)
            or not self._hypothetical.isdisjoint(words)
        ):
            return False
        beside = [sentences.around(at, at) for at in (left - 1, right + 1) if 0 < at < len(text)]
        for near in beside:
            if near == sentence or not text[near[0] : near[1]].strip():
                continue
            near_window, _, near_words = sentences.words(near)
            framed = frames(lists.topic.any_in, near_window, near_words)
            if not framed and self.linked_in(text, near, languages, names, sentences):
                return True
        return False
