"""Same-sex partners named through kinship: "Mark and his husband", "ma sœur et sa femme".

A partner word (husband, wife, boyfriend, girlfriend, in the forms each language uses) says
something about a person's orientation only with its owner: when a man's partner is a husband or
a woman's a wife. The owner is read from a gendered possessive right after the word ("o marido
dele", "τον σύζυγό του") or, failing that, from the nearest word before it in its sentence that
marks a man or a woman: a gendered possessive ("his", "seinem", "jej"), a pronoun, kin or a title
("mon frère ... son mari"), or a first name whose sex the name lists know. A partner word counts
only when it is possessed: a possessive right before or after it, or an ending that carries its
owner (Finnish "miehensä", Hungarian "férjével"), so "Anna met a man" says nothing. A word for
either sex (spouse, partner) tells the partner's sex by the first name after it ("oma abikaasa
Jaaniga"). Some forms say it by themselves (Irish "a fhear céile": his husband; Maltese "żewġu").
Each language's words count only in the languages the text was identified as: Irish "í" (she) is
Icelandic "in". A partner word's owner may follow it after "of" ("o marido do João", "la moglie
di Marco"): the first name or kin word there.

A relationship said with a verb or a phrase is one too: a man or a woman (a word for either,
"another man", "z innym mężczyzną", "με άντρες") within two words after a phrase of dating,
seeing, being with, married to or engaged to someone ("seeing", "spotyka się z", "βγαίνει με"),
or around it where the language puts words there ("seurustelee miehen kanssa", "mit einem Mann
verheiratet"), and where the language's order is free, right before it ("egy férfival jár"). Its
subject is read as a partner word's owner is, from the words before it, or from the phrase itself
where its ending marks the sex ("casada con", "spotykała się z"). The phrase also says which sense
a word of two senses has there: "w związku z kobietą" is a relationship, no trade union.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources

from gateway.classification.term_forms import TextWords

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?;\n]")
MAN, WOMAN, EITHER = "m", "f", "n"
_ENDING = 4  # letters a case ending may add to a first name ("Jaaniga", "Péternek")
_REACH = 50  # words back from a partner word its owner may stand, within its sentence
_FILLERS = 2  # words between a relationship phrase and the partner ("another", "a young")
_OF_REACH = 3  # words after "of" in which the owner's name or kin stands ("of my sister")
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\n]")
# Languages that may put a relationship's verb after its partner ("egy férfival jár").
_VERB_AFTER = frozenset({"hu", "fi", "et", "pl", "cs", "sk", "sl", "hr", "bg", "lt", "lv", "el"})

Phrase = tuple[tuple[str, ...], str | None, bool]  # words, the partner's sex (None: same-sex as said), owned
# A relationship phrase: its words before the partner, those after it, the subject's sex it marks.
Dating = tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...], str | None]


@dataclass
class Found:
    partners: list[tuple[int, int]]  # same-sex partners and relationships
    phrases: list[tuple[int, int]]  # the relationship phrases read, whoever their partners are


@dataclass
class _Language:
    markers: dict[str, str] = field(default_factory=dict)  # word → the sex it marks its person as
    own: frozenset[str] = frozenset()  # possessives before a partner word
    after: frozenset[str] = frozenset()  # possessives after it
    partners: dict[str, list[Phrase]] = field(default_factory=dict)  # by first word
    of: frozenset[str] = frozenset()  # words after a partner word before its owner
    people: dict[str, str] = field(default_factory=dict)  # a man or a woman → its sex
    dating: dict[str, list[Dating]] = field(default_factory=dict)  # by the word before the partner
    dating_first: dict[str, list[Dating]] = field(default_factory=dict)  # by first word, after it
    verb_after: bool = False


def _phrases(value: str) -> list[tuple[str, ...]]:
    return [tuple(p for p in re.split(r"[_-]", entry) if p) for entry in value.split()]


def _dating(entry: str) -> Dating:
    """ "spotykała_się_z|ze:f" → its words before the partner, after it ("+"), the sex it marks."""
    words, _, sex = entry.partition(":")
    before, _, after = words.partition("_+")
    return (
        tuple(frozenset(w.split("|")) for w in before.split("_") if w),
        tuple(frozenset(w.split("|")) for w in after.split("_") if w),
        {"m": MAN, "f": WOMAN}.get(sex),
    )


def _language(entry: dict[str, str], lang: str) -> _Language:
    found = _Language(
        own=frozenset(entry["own"].split()),
        after=frozenset(entry["after"].split()),
        of=frozenset(entry.get("of", "").split()),
        verb_after=lang in _VERB_AFTER,
    )
    for marked, key in ((MAN, "men"), (WOMAN, "women")):
        found.people.update(dict.fromkeys(entry.get(key, "").split(), marked))
    for written in entry.get("dating", "").split():
        dating = _dating(written)
        for word in dating[0][-1]:
            found.dating.setdefault(word, []).append(dating)
        if not dating[1]:
            for word in dating[0][0]:
                found.dating_first.setdefault(word, []).append(dating)
    for marked, key in ((MAN, "male"), (WOMAN, "female")):
        for word in entry[key].split():
            found.markers.setdefault(word, marked)
    kinds: tuple[tuple[str, str | None, bool], ...] = (
        ("man", MAN, False),
        ("woman", WOMAN, False),
        ("either", EITHER, False),
        ("owned_man", MAN, True),
        ("owned_woman", WOMAN, True),
        ("owned_either", EITHER, True),
        ("same", None, True),
    )
    for key, sex, owned in kinds:
        for phrase in _phrases(entry.get(key, "")):
            found.partners.setdefault(phrase[0], []).append((phrase, sex, owned))
    return found


class SameSexPartners:
    def __init__(self, languages: list[str]) -> None:
        root = resources.files("gateway.classification") / "data"
        data = json.loads((root / "partners.json").read_text(encoding="utf-8"))
        names = json.loads((root / "gendered_names.json").read_text(encoding="utf-8"))
        self._languages = {lang: _language(data[lang], lang) for lang in languages if lang in data}
        self._first = frozenset(w for spoken in self._languages.values() for w in spoken.partners)
        # A relationship needs a man or a woman and a word of a phrase beside them.
        self._people = frozenset(w for spoken in self._languages.values() for w in spoken.people)
        self._dating = frozenset(
            w for spoken in self._languages.values() for w in (*spoken.dating, *spoken.dating_first)
        )
        men, women = set(names["male"]), set(names["female"])
        self._names = {**{n: MAN for n in men - women}, **{n: WOMAN for n in women - men}}
        self._any_name = frozenset(men | women)
        self._lowered_names = frozenset(form for n in self._names for form in _lowered(n))

    def is_first_name(self, word: str) -> bool:
        """Whether ``word`` is a first name the lists know, of either sex ("Andrea" too)."""
        return word in self._any_name

    def find(self, text: str, index: TextWords, identified: tuple[str, ...]) -> Found:
        """Spans naming a same-sex partner in ``text`` (identified as ``identified``, lowered
        keeping its length), and those of the relationship phrases read; ``index`` holds its
        words: whether one is a partner word or a man or a woman of any language is a cheap
        first check before any word is placed."""
        written = index.words
        related = not (self._people.isdisjoint(written) or self._dating.isdisjoint(written))
        related = related and self._near(written)
        if not related and self._first.isdisjoint(written):
            return Found([], [])
        runs, starts, stops = index.letters()
        # Only the identified languages with a partner word among the text's runs of letters.
        spoken = [
            words
            for lang in identified
            if (words := self._languages.get(lang)) is not None
            and not (
                words.partners.keys().isdisjoint(runs)
                and (words.people.keys().isdisjoint(runs) or words.dating.keys().isdisjoint(runs))
            )
        ]
        if not spoken:
            return Found([], [])
        tokens = list(zip(starts, stops, runs, strict=True))
        # Where each sentence ends, found once: a text's every partner word looks back to its own.
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        found = Found([], [])
        for language in spoken:
            found.partners += self._find(text, tokens, ends, language)
            if related and language.people:
                self._relationships(text, tokens, ends, language, found)
        found.partners = sorted(set(found.partners))
        return found

    def _find(
        self, text: str, tokens: list[tuple[int, int, str]], ends: list[int], spoken: _Language
    ) -> list[tuple[int, int]]:
        found = []
        partners = spoken.partners
        for i in [i for i, (_, _, word) in enumerate(tokens) if word in partners]:
            start, _, word = tokens[i]
            for phrase, sex, owned in partners[word]:
                last = i + len(phrase) - 1
                if last >= len(tokens) or any(tokens[i + k][2] != p for k, p in enumerate(phrase)):
                    continue
                if sex is None:
                    found.append((start, tokens[last][1]))
                    break
                after = tokens[last + 1][2] if last + 1 < len(tokens) else ""
                before = tokens[i - 1][2] if i > 0 else ""
                of = self._of(text, tokens, last, spoken) if after in spoken.of else None
                if not (owned or of or before in spoken.own or after in spoken.after):
                    continue
                if sex == EITHER:
                    sex = self._named_after(text, tokens, last + (after in spoken.after))
                    if sex is None:
                        continue
                owner = of or self._owner(text, tokens, ends, i, after, spoken)
                if sex is not None and owner == sex:
                    found.append((start, tokens[last][1]))
                    break
        return found

    def _owner(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        ends: list[int],
        i: int,
        after: str,
        spoken: _Language,
    ) -> str | None:
        """The sex of the partner word's owner: a gendered possessive after it, else the nearest
        marker or first name before it in its sentence (at most ``_REACH`` words back)."""
        if after in spoken.after and after in spoken.markers:
            return spoken.markers[after]
        before = bisect_right(ends, tokens[i][0])
        left = ends[before - 1] if before else 0
        for k in range(i - 1, max(-1, i - 1 - _REACH), -1):
            start, end, word = tokens[k]
            if start < left:
                return None
            if word in spoken.partners and word not in spoken.markers:
                continue
            sex = spoken.markers.get(word)
            if sex is not None:
                return sex
            sex = self._name(text[start:end])
            if sex is not None:
                # "Liisa Heikkinen": a surname made of a first name ("Heikki") follows the person's own.
                if k > 0 and tokens[k - 1][0] >= left:
                    first = self._name(text[tokens[k - 1][0] : tokens[k - 1][1]])
                    if first is not None:
                        return first
                return sex
        return None

    def _near(self, words: list[str]) -> bool:
        """Whether a word of a relationship phrase stands near a man or a woman (a few words
        more than a phrase may take: numbers and mixed words count as words here)."""
        people, dating = self._people, self._dating
        return any(
            not dating.isdisjoint(words[max(0, j - _FILLERS - 2) : j + 2])
            for j, word in enumerate(words)
            if word in people
        )

    def _of(self, text: str, tokens: list[tuple[int, int, str]], last: int, spoken: _Language) -> str | None:
        """The sex of the owner named after "of" following a partner word ("do João", "of my
        sister"): the first first name or kin word, not a possessive, within a few words."""
        for start, end, word in tokens[last + 2 : last + 2 + _OF_REACH]:
            if word in spoken.own:
                continue
            sex = spoken.markers.get(word) or self._name(text[start:end])
            if sex is not None:
                return sex
        return None

    def _relationships(
        self, text: str, tokens: list[tuple[int, int, str]], ends: list[int], spoken: _Language, found: Found
    ) -> None:
        """A man or a woman after (or before) a relationship phrase: the phrase's span goes to
        ``found.phrases``, and the whole to ``found.partners`` where its subject is of that sex."""
        people = spoken.people
        for j in [j for j, (_, _, word) in enumerate(tokens) if word in people]:
            read = self._dating_before(text, tokens, j, spoken)
            if read is None and spoken.verb_after:
                read = _dating_after(text, tokens, j, spoken)
            if read is None:
                continue
            first, last, sex, through = read
            found.phrases.append((tokens[first][0], tokens[last][1]))
            owner = sex or self._owner(text, tokens, ends, min(first, j), "", spoken)
            if owner == people[tokens[j][2]]:
                found.partners.append((tokens[min(first, j)][0], tokens[through][1]))

    @staticmethod
    def _dating_before(
        text: str, tokens: list[tuple[int, int, str]], j: int, spoken: _Language
    ) -> tuple[int, int, str | None, int] | None:
        """The phrase ending at most ``_FILLERS`` words before ``tokens[j]`` in its clause, with
        its words after the partner where it has some: (first, last, sex marked, end of all)."""
        for e in range(j - 1, max(-1, j - 2 - _FILLERS), -1):
            if _CLAUSE_BREAK.search(text, tokens[e][1], tokens[j][0]):
                return None
            for before, after, sex in spoken.dating.get(tokens[e][2], ()):
                first = e - len(before) + 1
                if first < 0 or any(tokens[first + k][2] not in w for k, w in enumerate(before)):
                    continue
                if j + len(after) >= len(tokens) or any(
                    tokens[j + 1 + k][2] not in w for k, w in enumerate(after)
                ):
                    continue
                return first, e, sex, j + len(after)
        return None

    def first_names(self, text: str, index: TextWords | None = None) -> list[tuple[int, int]]:
        """Spans of the first names whose sex the lists know: each is a person ("A Joana é ..."),
        unless it opens a sentence, where a capital says nothing ("Rose gardens and diabetes").
        ``index``, when given, holds the text's words: its lowered runs of letters are looked up
        among the lowered names at once, and only those found are read as written."""
        names = self._names
        if index is not None and index.same:
            runs, starts, stops = index.letters()
            lowered = self._lowered_names.intersection(runs)
            if not lowered:
                return []
            return [
                (start, stop)
                for i, run in enumerate(runs)
                if run in lowered
                and (word := text[(start := starts[i]) : (stop := stops[i])]) in names
                and word[:1].isupper()
                and not _opens_sentence(text, start)
            ]
        return [
            m.span()
            for m in _WORD.finditer(text)
            if (word := m.group()) in names and word[:1].isupper() and not _opens_sentence(text, m.start())
        ]

    def _named_after(self, text: str, tokens: list[tuple[int, int, str]], last: int) -> str | None:
        """The sex of a first name right after a partner word for either sex ("abikaasa Jaaniga")."""
        if last + 1 >= len(tokens):
            return None
        start, end, _ = tokens[last + 1]
        return self._name(text[start:end])

    def _name(self, written: str) -> str | None:
        if not written[:1].isupper():
            return None
        for cut in range(len(written), max(2, len(written) - _ENDING) - 1, -1):
            sex = self._names.get(written[:cut])
            if sex is not None:
                return sex
        return None


def _dating_after(
    text: str, tokens: list[tuple[int, int, str]], j: int, spoken: _Language
) -> tuple[int, int, str | None, int] | None:
    """A phrase of no words after its partner standing right after ``tokens[j]`` ("férfival jár")."""
    if j + 1 >= len(tokens) or _CLAUSE_BREAK.search(text, tokens[j][1], tokens[j + 1][0]):
        return None
    for before, after, sex in spoken.dating_first.get(tokens[j + 1][2], ()):
        last = j + len(before)
        if last < len(tokens) and not after and all(tokens[j + 1 + k][2] in w for k, w in enumerate(before)):
            return j + 1, last, sex, last
    return None


def _lowered(name: str) -> set[str]:
    """How ``name`` reads in a lowered text: a capital sigma lowers to "σ" or, ending a word, to
    "ς", as the letters around it in the text decide."""
    forms = {name.lower()}
    if len(name.lower()) != len(name):
        return forms  # its text lowers to another length: the original's words are read there
    for i, letter in enumerate(name):
        if letter == "Σ":
            forms |= {f[:i] + sigma + f[i + 1 :] for f in forms for sigma in "σς"}
    return forms


def _opens_sentence(text: str, start: int) -> bool:
    """Whether only white space lies between ``start`` and a sentence's end or the text's start;
    read backwards without copying the text before it (a long text holds many names)."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in ".!?:"
