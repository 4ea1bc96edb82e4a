"""GDPR Art. 9 special categories from per-language term lists and a rule linking them to a person.

The term lists (data/special_terms.json) hold word stems per category and language (a stem takes
any ending, which covers the case endings of inflected languages); all configured languages are
compiled into one pattern, so a text is scanned once. A hit is dropped when a word of the
category's technical sense stands within 40 characters ("SSH key fingerprint", "genetic
algorithm", "race condition", "UNION SELECT"). A hit is ``linked`` when its sentence ties it to a
person (``person_link``): only then is it special-category data; otherwise it is a topic ("the
history of trade unions"), which the engine reports as a risk signal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

import regex

from gateway.classification.languages import function_words
from gateway.classification.partners import SameSexPartners
from gateway.classification.patterns import trie_pattern
from gateway.classification.person_link import PersonLink
from gateway.classification.sentences import People, Sentences
from gateway.classification.stems import StemsByWord
from gateway.classification.stems import first_letters as _first_letters
from gateway.classification.term_forms import TermForms, TextWords

CATEGORIES: tuple[str, ...] = (
    "health",
    "genetic",
    "biometric",
    "racial_or_ethnic_origin",
    "political_opinions",
    "religious_or_philosophical_beliefs",
    "trade_union_membership",
    "sex_life_or_sexual_orientation",
)

_WINDOW = 40
_SHORT_STEM = 4  # letters
_SHARED_STEM = 5  # languages
_SEX_LIFE = "sex_life_or_sexual_orientation"
SCORE_PERSONAL_CONTEXT = 0.85
SCORE_TERM = 0.65


def entity_for(category: str) -> str:
    return f"SPECIAL_{category.upper()}"


SPECIAL_ENTITIES = tuple(entity_for(c) for c in CATEGORIES)


@dataclass(frozen=True, slots=True)
class SpecialHit:
    category: str
    start: int
    end: int
    score: float
    linked: bool = True  # tied to a person; False: the category is only the text's topic


_LITERAL = regex.compile(r"[\w '’:.-]+")


class SpecialCategoryFinder:
    def __init__(self, languages: list[str]) -> None:
        data = resources.files("gateway.classification") / "data" / "special_terms.json"
        terms = json.loads(data.read_text(encoding="utf-8"))
        # Literal stems go into one prefix tree; the few stems that are patterns get named groups.
        self._literal_category: dict[str, str] = {}
        # A short stem of a few languages counts only in them ("vih" is Spanish HIV and the start
        # of Finnish "vihreiden", Irish "sei" of German "sein"); "hiv", "dna", "brca" are everyone's.
        spoken: dict[str, set[str]] = {}
        for category in CATEGORIES:
            for lang in languages:
                for stem in terms[category].get(lang, ()):
                    spoken.setdefault(stem.lower(), set()).add(lang)
        self._local = {
            stem: frozenset(langs)
            for stem, langs in spoken.items()
            if len(stem.strip()) <= _SHORT_STEM and len(langs) < _SHARED_STEM
        }
        groups, patterns = [], []
        ordered: list[tuple[str, str]] = []  # (category, pattern) in the scan's order
        for category in CATEGORIES:
            stems = {stem.lower() for lang in languages for stem in terms[category].get(lang, ())}
            literal = {st for st in stems if _LITERAL.fullmatch(st)}
            for st in literal:
                self._literal_category.setdefault(st, category)
            patterned = sorted(stems - literal, key=len, reverse=True)
            if patterned:
                groups.append(f"(?P<{category}>{'|'.join(patterned)})")
                patterns += patterned
                ordered += [(category, pattern) for pattern in patterned]
        self._longest = max((len(s) for s in self._literal_category), default=0)
        alternatives = []
        if self._literal_category:
            alternatives.append(f"(?P<literal>{trie_pattern(list(self._literal_category))})")
        if groups:
            # Where no patterned stem can start, a scan skips them all at one letter's test.
            letters = _first_letters(patterns)
            guard = f"(?=[{letters}])" if letters else ""
            alternatives.append(f"{guard}(?:{'|'.join(groups)})")
        # The standard library's engine runs this large alternation faster than ``regex``, and
        # three times faster on lowered text than with IGNORECASE (stems are lower case).
        source = rf"(?<!\w)(?:{'|'.join(alternatives)})\w*"
        self._pattern = re.compile(source) if alternatives else None
        self._folding = re.compile(source, re.IGNORECASE) if alternatives else None
        # On lowered text, the same matches from a look-up per word (None where it cannot be built).
        self._by_word = StemsByWord.build(
            self._literal_category, ordered, _first_letters(patterns) if patterns else None, self._literal
        )
        self._forms = TermForms(languages)
        self._link = PersonLink(languages)
        self._partners = SameSexPartners(languages)
        self._exclude = {
            # At a word's start: "api" excludes "API endpoint", not "chemioterapia"; a short one
            # only as a whole word ("sha" is no "Sharma", "key" no "keynote").
            category: regex.compile(
                r"(?<!\w)(?:{})".format("|".join(_excluding(w) for w in words)), regex.IGNORECASE
            )
            for category, words in terms["exclude"].items()
            if words
        }
        # Their words case-folded: where none stands in the folded text, no window can hold one, and
        # the category's terms skip the search. A character the search takes for a word's letter
        # folds as that letter does (the Kelvin sign as "k"; a test holds it), but for "İ", which
        # it takes for "i": ``_folded`` reads that as "i".
        self._folded_exclude = {
            category: tuple(sorted({w.casefold() for w in words}))
            for category, words in terms["exclude"].items()
            if words
        }

    def find(
        self,
        text: str,
        languages: str | tuple[str, ...] = (),
        names: list[tuple[int, int]] | None = None,
    ) -> list[SpecialHit]:
        """Hits in ``text`` (identified as ``languages``), ``names`` the spans of persons found in it."""
        identified = (languages,) if isinstance(languages, str) else languages
        hits: list[SpecialHit] = []
        # Terms of one sentence share its link: it is looked for once per sentence.
        links: dict[tuple[int, int], bool] = {}
        sentences: Sentences | None = None  # found on the first term that needs its sentence
        index = TextWords(text)  # the text's words, split once for every pass below
        candidates = self._candidates(text, index, identified)
        # "Mark and his husband", "seeing another man": a person's partner of the same sex. A
        # relationship phrase's words are no other category's term ("w związku z kobietą").
        relations = self._partners.find(text, index, identified) if index.same else None
        if relations is not None and relations.phrases:
            candidates = [
                c for c in candidates if c[0] == _SEX_LIFE or not _overlaps(c[1], c[2], relations.phrases)
            ]
        # A known first name is a person even where the name finder was unsure ("A Joana é ...");
        # a capitalised term read as a name ("Shia", "Caitliceachas") is the term, not a person.
        # A "name" that is a function word of the text's language ("Can a company ask ...") is none.
        common = function_words(identified[0]) if identified else frozenset()
        found = [
            *((a, b) for a, b in names or () if (text[a:b].split(None, 1) or [""])[0].lower() not in common),
            *(self._partners.first_names(text, index) if candidates else ()),
        ]
        # A capitalised one-word term after a first name is a surname ("Henrique Baptista"); after
        # another capitalised word it is the term ("Stemte Fremskrittspartiet ved forrige valg").
        within = People(found)
        candidates = [
            (category, s, e)
            for category, s, e in candidates
            if not (
                text[s : s + 1].isupper()
                and " " not in text[s:e]
                and within.reaches(s, e)
                and self._partners.is_first_name(_word_before(text, s))
            )
        ]
        overlapped = People([(s, e) for _, s, e in candidates])
        people = People([(a, b) for a, b in found if not overlapped.reaches(b, a + 1)])
        folded: str | None = None  # the text case-folded, once a category's exclusions are looked for
        excludable: dict[str, bool] = {}  # per category: whether one of its exclusion words stands
        for category, start, end in candidates:
            exclude = self._exclude.get(category)
            if exclude is not None:
                near = excludable.get(category)
                if near is None:
                    folded = _folded(text) if folded is None else folded
                    near = excludable[category] = any(w in folded for w in self._folded_exclude[category])
                if near and exclude.search(text[max(0, start - _WINDOW) : end + _WINDOW]):
                    continue
            previous = hits[-1] if hits else None
            # "diagnosed with diabetes" is one mention of health data, not two; a term inside
            # another category's term adds nothing.
            joins = previous is not None and previous.category == category and start - previous.end < _WINDOW
            if previous is not None and not joins and start < previous.end:
                continue
            if joins and previous is not None and previous.linked:
                linked = True  # the mention is tied to a person already: no need to look again
            elif self._link.owned(text[start:end], identified):
                linked = True  # "ääniprofiilini": the word's ending is its owner
            else:
                if sentences is None:
                    sentences = Sentences(text)
                sentence = sentences.around(start, end)
                if sentence not in links:
                    links[sentence] = self._link.linked_in(
                        text, sentence, identified, people, sentences
                    ) or self._link.continues(text, sentence, identified, people, start, sentences)
                linked = links[sentence]
            score = SCORE_PERSONAL_CONTEXT if linked else SCORE_TERM
            if joins and previous is not None:
                hits[-1] = SpecialHit(
                    category, previous.start, max(end, previous.end), max(score, previous.score),
                    linked or previous.linked,
                )  # fmt: skip
            else:
                hits.append(SpecialHit(category, start, end, score, linked))
        # A same-sex partner is always tied to its person.
        if relations is not None and relations.partners:
            hits += [SpecialHit(_SEX_LIFE, a, b, SCORE_PERSONAL_CONTEXT) for a, b in relations.partners]
            hits.sort(key=lambda h: h.start)
        return hits

    def _candidates(
        self, text: str, index: TextWords, identified: tuple[str, ...]
    ) -> list[tuple[str, int, int]]:
        """Term spans from the stems and from the lemmas' forms, in text order."""
        found = [(m.category, m.start, m.end) for m in self._forms.find(text, identified, index)]
        if index.same and self._by_word is not None:
            found += self._by_word.find(index, identified)
        elif self._pattern is not None and self._folding is not None:
            # Lowering keeps every offset unless a letter grows ("İ" is two code points lowered).
            matches = self._pattern.finditer(index.lowered) if index.same else self._folding.finditer(text)
            for m in matches:
                category = self._category(m, identified)
                if category is not None:
                    found.append((category, m.start(), m.end()))
        found.sort(key=lambda c: (c[1], -c[2]))
        return found

    def _literal(self, stem: str, identified: tuple[str, ...]) -> str | None:
        """The category of a literal stem found, unless it is a short stem of other languages."""
        local = self._local.get(stem)
        if local is not None and identified and local.isdisjoint(identified):
            return None
        return self._literal_category[stem]

    def _category(self, m: re.Match[str], identified: tuple[str, ...]) -> str | None:
        if m.lastgroup != "literal":
            return m.lastgroup
        found = m.group("literal").lower()
        for n in range(min(len(found), self._longest), 0, -1):
            category = self._literal_category.get(found[:n])
            if category is not None:
                local = self._local.get(found[:n])
                if local is not None and identified and local.isdisjoint(identified):
                    return None
                return category
        return None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _folded(text: str) -> str:
    """``text`` case-folded as the exclusion search compares letters: "İ" is an "i"."""
    return (text.replace("İ", "i") if "İ" in text else text).casefold()


def _word_before(text: str, start: int) -> str:
    """The word before ``text[start]``, across spaces or a double name's hyphen ("Hans" before
    "Christian" in "Hans-Christian"), the last part of a double name ("Jean-Pierre" → "Pierre")."""
    before = text[max(0, start - 40) : start].rstrip(" -").rsplit(None, 1)
    return before[-1].rsplit("-", 1)[-1] if before else ""


def _excluding(word: str) -> str:
    """An exclusion word as a pattern: a short one whole (or with a plural ending)."""
    escaped = regex.escape(word)
    return rf"{escaped}(?:e?s)?(?!\w)" if len(word) <= _SHORT_STEM and word.isalnum() else escaped
