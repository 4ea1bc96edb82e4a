"""Person names without an NER model: name lists per language plus context rules.

A run of capitalised words is a name when it holds a listed first name followed by another
capitalised word, or a listed surname after a capitalised word, or when a title, greeting or
introduction ("Herr", "ponas", "my name is", "Bērziņa kundze") stands next to it. A listed first
name alone counts, also as a sentence's first word ("Emma is pregnant."), unless the text's language
uses it as a common word too ("Róża", "Stella"; "Will" and "May" are stop words). In the inflecting
languages a name is also matched in the case forms its list holds ("Annę", "Jiřího", "Virtasen",
"Petrának", "Γιώργου", "Jonui"), one set look-up each. A run holding a word of an institution's
name ("Parlamento Europeu", "Ministerstwo Zdrowia", "Banco de Portugal") is no person.
Words that look like code (``Foo.bar``, ``Client(``, ``_Name``) and a stop list of technology,
place and function words are never names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

import regex

from gateway.classification.organisations import has_organisation_word, is_organisation

# Only capitalised words: scanning for them alone keeps plain lower-case prose cheap.
_WORD = regex.compile(r"(?<![\p{L}\p{N}_])\p{Lu}\p{L}*(?:['’-]\p{L}+)*")
_CODE_BEFORE = frozenset("._/\\@#$<`=:*&%[{")
_CODE_AFTER = frozenset("(_/=[{<`@\\*")
# "the Cloud Storage", "die Datenbank Replikation", "Google Cloud Storage": not a person.
_DETERMINER_BEFORE = regex.compile(
    r"\b(?:the|a|an|this|that|our|your|their|its|der|die|das|den|dem|des|ein|eine|einer|eines|einem|"
    r"einen|zur|zum|im|am|vom|beim|il|lo|la|gli|le|un|una|del|della|al|alla) $",
    regex.IGNORECASE,
)
_CAPITALISED_BEFORE = regex.compile(r"\p{Lu}[\p{L}\d]* $")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n]\s*|[\"'„«(]\s*)$")

_ROLE_WORDS = frozenset(
    [
        "patient",
        "patientin",
        "employee",
        "customer",
        "contact",
        "mitarbeiter",
        "mitarbeiterin",
        "kunde",
        "kundin",
        "kollege",
        "kollegin",
        "pacientas",
        "pacientė",
        "darbuotojas",
        "darbuotoja",
        "klientas",
        "klientė",
        "kolega",
        "pacients",
        "paciente",
        "darbinieks",
        "darbiniece",
        "klients",
        "kliente",
        "patsient",
        "töötaja",
        "klient",
        "kolleeg",
        "potilas",
        "työntekijä",
        "asiakas",
        "kollega",
        "paziente",
        "dipendente",
        "cliente",
        "collega",
        "name:",
        "nome:",
        "vardas:",
        "pavardė:",
        "vārds:",
        "uzvārds:",
        "nimi:",
        "name",
        "nome",
        "vardas",
        "pavardė",
        "vārds",
        "uzvārds",
        "nimi",
    ]
)
_CAPITALISING_LANGUAGES = frozenset({"en", "de", None})  # titles or every noun capitalised
# A capitalised run ending in one of these names a place or a building: "Canada Square", "Harbour
# View", "Victoria Station", "Trinity College".
_PLACE_WORDS = frozenset(
    (
        "square", "street", "road", "avenue", "lane", "view", "park", "place", "court", "gardens",
        "terrace", "drive", "way", "close", "crescent", "hill", "bridge", "house", "hall", "centre",
        "center", "tower", "station", "airport", "river", "lake", "bay", "harbour", "harbor", "market",
        "quay", "row", "walk", "building", "university", "college", "school", "hospital", "church",
        "cathedral", "castle", "island", "valley", "mountain", "forest", "beach", "port", "city",
        "county", "district", "parade", "mews", "wharf", "green", "grove", "rise", "boulevard", "plaza",
    )
)  # fmt: skip

SCORE_FULL_NAME = 0.85
SCORE_CONTEXT = 0.8
SCORE_PARTLY_LISTED = 0.7
SCORE_FIRST_NAME = 0.6
SCORE_UNSURE = 0.45  # kept below the reporting threshold


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


_PHRASE_WORDS = re.compile(r"[^\W\d]+\.?|[:]")


@dataclass(frozen=True, slots=True)
class _Phrases:
    """Phrases as we compare them (lower case, words joined by one space, no dots), and the words
    they end and start with: most capitalised words have neither next to them, and that is one
    set lookup."""

    phrases: frozenset[str]
    last_words: frozenset[str]
    first_words: frozenset[str]

    def ended_by(self, before: str) -> bool:
        words = _PHRASE_WORDS.findall(before.lower())[-5:]
        if not words or words[-1].replace(".", "") not in self.last_words:
            return False
        return any(" ".join(words[-k:]).replace(".", "") in self.phrases for k in range(1, len(words) + 1))

    def started_by(self, after: str) -> bool:
        words = _PHRASE_WORDS.findall(after.lower())[:3]
        if not words or words[0].replace(".", "") not in self.first_words:
            return False
        return any(" ".join(words[:k]).replace(".", "") in self.phrases for k in range(1, len(words) + 1))


def _phrase_set(phrases: set[str] | frozenset[str]) -> _Phrases:
    compared = frozenset(" ".join(_PHRASE_WORDS.findall(p.lower())).replace(".", "") for p in phrases)
    words = [p.split() for p in compared if p]
    return _Phrases(compared, frozenset(w[-1] for w in words), frozenset(w[0] for w in words))


def _ends_with_phrase(before: str, phrases: _Phrases) -> bool:
    return phrases.ended_by(before)


def _starts_with_phrase(after: str, phrases: _Phrases) -> bool:
    return phrases.started_by(after)


class NameFinder:
    def __init__(self, languages: list[str]) -> None:
        rules = json.loads(
            (resources.files("gateway.classification") / "data" / "name_rules.json").read_text(
                encoding="utf-8"
            )
        )
        self.first: set[str] = set()
        self.last: set[str] = set()
        # Case forms apart from the nominatives: a form alone opening a sentence stays unsure.
        self.first_forms: set[str] = set()
        self.last_forms: set[str] = set()
        # Per language, the first names it also uses as common words.
        self._words: dict[str, frozenset[str]] = {}
        function_names: set[str] = set()
        strong: set[str] = set()
        weak: set[str] = set()
        after: set[str] = set()
        title_after: set[str] = set()
        self.languages: list[str] = []
        for lang in languages:
            names = _name_list(lang)
            if names is None:
                continue
            self.languages.append(lang)
            self.first.update(n.lower() for n in names["first"])
            self.last.update(n.lower() for n in names["last"])
            self.first_forms.update(f for forms in names["first_forms"].values() for f in forms)
            self.last_forms.update(f for forms in names["last_forms"].values() for f in forms)
            self._words[lang] = frozenset(n.lower() for n in names["words"])
            # Function words of any configured language ("Hans gentest viste...", "Kaj pomeni?"):
            # a short text's language guess often misses the language it is in.
            function_names.update(n.lower() for n in names["function_words"])
            strong.update(rules["before"].get(lang, ()))
            weak.update(rules["weak_before"].get(lang, ()))
            after.update(rules["after"].get(lang, ()))
            title_after.update(rules["title_after"].get(lang, ()))
        self._function_names = frozenset(function_names)
        institutions = rules["institutions"]
        self._institution_words = frozenset(institutions["words"])
        # Stems by their first three letters: a word is compared with the few sharing its start.
        stems: dict[str, list[str]] = {}
        for stem in institutions["stems"]:
            stems.setdefault(stem[:3], []).append(stem)
        self._institution_stems = {k: tuple(v) for k, v in stems.items()}
        self.stop = {w.lower() for w in rules["stop"]}
        self._strong_before = _phrase_set(strong)
        # Titles and greetings may name someone called "Rust" or "Hugo"; role words ("customer",
        # "patient") before a stop-listed word are more likely code or prose.
        self._title_before = _phrase_set(
            frozenset(p for p in self._strong_before.phrases if not set(p.split()) & _ROLE_WORDS)
        )
        self._weak_before = _phrase_set(weak)
        self._after = _phrase_set(after)
        self._title_after = _phrase_set(title_after)

    def find(self, text: str, language: str | None = None) -> list[NameSpan]:
        # Where nouns are not capitalised, two capitalised words opening a sentence are a name.
        pairs_open_sentences = language not in _CAPITALISING_LANGUAGES
        spans: list[NameSpan] = []
        for run in self._capitalised_runs(text):
            spans.extend(self._judge(text, run, language, pairs_open_sentences))
        return spans

    def _capitalised_runs(self, text: str) -> list[list[_Token]]:
        runs: list[list[_Token]] = []
        current: list[_Token] = []
        for m in _WORD.finditer(text):
            word = m.group(0)
            start, end = m.span()
            if (
                not _name_shaped(word)
                # "Herr Rust", "Ciao Hugo": a title outranks the stop list (looked for only after
                # the shape, since most stop words are written in lower case).
                or (
                    word.lower() in self.stop
                    and not _ends_with_phrase(text[max(0, start - 40) : start], self._title_before)
                )
                or _looks_like_code(text, start, end)
            ):
                if current:
                    runs.append(current)
                    current = []
                continue
            if current and text[current[-1].end : start] not in (" ", "\u00a0"):
                runs.append(current)
                current = []
            current.append(_Token(word, start, end))
        if current:
            runs.append(current)
        return runs

    def _judge(
        self, text: str, run: list[_Token], language: str | None, pairs_open_sentences: bool = False
    ) -> list[NameSpan]:
        first = [self._is_first(t.text) for t in run]
        last = [self._is_last(t.text) for t in run]
        # "Hyvä Matti Virtanen", "Perdaviau Jonui": a sentence's first word joined the run.
        if (
            len(run) >= 2
            and not (first[0] or last[0])
            and (any(first[1:]) or any(last[1:]))
            and _sentence_start(text, run[0].start)
            # A pair opening a sentence is a name where nouns are not capitalised ("Matti
            # Virtanen"), unless its second word is a first name's case form ("Soitin Annalle").
            and (len(run) > 2 or not pairs_open_sentences or self._case_form_only(run[1].text))
        ):
            return self._judge(text, run[1:], language, pairs_open_sentences)
        before = text[max(0, run[0].start - 40) : run[0].start]
        after = text[run[-1].end : run[-1].end + 30]
        # A verb after a lone unknown word ("Ataskaitą parašė") says too little: word order is free.
        strong_context = (
            _ends_with_phrase(before, self._strong_before)
            or _starts_with_phrase(after, self._title_after)
            or ((len(run) > 1 or first[0] or last[0]) and _starts_with_phrase(after, self._after))
        )
        if len(run) == 1 and not (first[0] or last[0] or strong_context):
            return []  # a lone unlisted word with nothing around it ("Explain", "Europe")
        words = [t.text for t in run]
        if is_organisation(words, before, after) or (
            not strong_context and (has_organisation_word(words) or self._institution_in(words))
        ):
            return []
        # Long runs are titles or organisation names; only a listed first name + next word inside
        # one counts, and at most three words make up a name.
        if len(run) > 3 and not strong_context:
            return [
                NameSpan(run[i].start, run[i + 1].end, SCORE_FULL_NAME)
                for i in range(len(run) - 1)
                if first[i] and (last[i + 1] or first[i + 1])
            ]
        span = (run[0].start, run[min(len(run), 3) - 1].end)
        # Unless the last word is also a listed surname ("John Hill").
        if len(run) >= 2 and not strong_context and not last[-1] and run[-1].text.lower() in _PLACE_WORDS:
            return []
        if len(run) >= 2:
            if (first[0] and (last[1] or first[1])) or (first[0] and last[-1]):
                return [NameSpan(*span, SCORE_FULL_NAME)]
            if strong_context:
                return [NameSpan(*span, SCORE_CONTEXT)]
            if first[0] or (last[1] and (pairs_open_sentences or not _sentence_start(text, run[0].start))):
                return [NameSpan(*span, SCORE_PARTLY_LISTED)]
            if any(first) or any(last):
                return [NameSpan(*span, SCORE_UNSURE)]
            # Two unlisted capitalised words: a name inside a sentence ("written by Joel Bryant");
            # at a sentence's start only where nouns are not capitalised.
            if (
                len(run) == 2
                and all(len(t.text) > 2 for t in run)
                and (pairs_open_sentences or not _sentence_start(text, run[0].start))
                and not _DETERMINER_BEFORE.search(text, max(0, run[0].start - 20), run[0].start)
                and not _CAPITALISED_BEFORE.search(text, max(0, run[0].start - 30), run[0].start)
            ):
                return [NameSpan(*span, SCORE_FIRST_NAME)]
            return []
        token = run[0]
        if strong_context:
            return [NameSpan(token.start, token.end, SCORE_CONTEXT)]
        if first[0] or last[0]:
            if _ends_with_phrase(before, self._weak_before):
                return [NameSpan(token.start, token.end, SCORE_PARTLY_LISTED)]
            if first[0] and (
                not _sentence_start(text, token.start) or self._opens_as_name(token.text, language)
            ):
                return [NameSpan(token.start, token.end, SCORE_FIRST_NAME)]
            return [NameSpan(token.start, token.end, SCORE_UNSURE)]
        return []

    def _case_form_only(self, word: str) -> bool:
        """A first name's case form that is no nominative: the word before it is no first name of
        the pair (a surname's form may follow an unlisted first name: "Laimas Eglītes")."""
        w = word.lower()
        return w in self.first_forms and w not in self.first and w not in self.last

    def _institution_in(self, words: list[str]) -> bool:
        """A word of an institution's name that is no listed name: "Parlamento Europeu", "Caixa
        Geral", "Ministerstwo Zdrowia" name no one; "Charlotte Church" does."""
        for word in words:
            w = word.lower()
            if (
                w in self._institution_words or w.startswith(self._institution_stems.get(w[:3], ()))
            ) and not (w in self.first or w in self.last):
                return True
        return False

    def _opens_as_name(self, word: str, language: str | None) -> bool:
        """A listed first name (not a case form) opening a sentence is someone, unless the text's
        language also has it as a common word ("Róża" in Polish, "Stella" in Italian) or it is a
        function word of any language."""
        w = word.lower()
        return (
            language in self._words
            and w in self.first
            and w not in self._words[language]
            and w not in self._function_names
        )

    def unlist(self, names: set[str]) -> None:
        """Take ``names`` and their case forms out of the lists: the benchmark measures what
        context alone finds on names no list holds, with the lists the product ships."""
        lowered = {n.lower() for n in names}
        self.first -= lowered
        self.last -= lowered
        for lang in self.languages:
            lists = _name_list(lang) or {}
            for key, forms in (("first_forms", self.first_forms), ("last_forms", self.last_forms)):
                kept = {f for n, fs in lists[key].items() if n.lower() not in lowered for f in fs}
                forms -= {f for n, fs in lists[key].items() if n.lower() in lowered for f in fs} - kept

    def is_first_name(self, word: str) -> bool:
        """Whether ``word`` is a listed first name (in any case form the lists know)."""
        return self._is_first(word)

    def _is_first(self, word: str) -> bool:
        w = word.lower()
        return w in self.first or w in self.first_forms

    def _is_last(self, word: str) -> bool:
        w = word.lower()
        return w in self.last or w in self.last_forms


def _name_list(lang: str) -> dict | None:
    """A language's lists: first names, surnames, their case forms, and the first names that are
    also common words (bench/make_name_lists.py writes them)."""
    path = resources.files("gateway.classification") / "data" / "names" / f"{lang}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _name_shaped(word: str) -> bool:
    """'Anna', 'Müller-Lüdenscheidt', "O'Brien": each part capitalised, the rest lower case."""
    if word.isalpha():  # one part: most words, without splitting
        return word[0].isupper() and word[1:].islower()
    parts = re.split(r"['’-]", word)
    return all(p[:1].isupper() and (p[1:].islower() or (len(p) == 1 and len(parts) > 1)) for p in parts)


def _looks_like_code(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in _CODE_BEFORE:
        return True
    if end < len(text):
        nxt = text[end]
        if nxt in _CODE_AFTER:
            return True
        if nxt == "." and end + 1 < len(text) and (text[end + 1].isalpha() or text[end + 1] == "_"):
            return True
    return False


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 4) : start]))
