"""Dates of birth: a birth word of one of the 26 languages and a full date close to it.

A date alone is no one's birthday ("the release of 12.03.2024"); next to "born", "geboren",
"né le", "urodzony", "dzimusi", "született", "γεννήθηκε" or a "date of birth" label it is. The
date may be numeric in the common orders and separators (14.03.1952, 14/03/1952, 1952-03-14,
"6. 4. 1956", "5.10.78") or written with a month name in any language ("14 March 1952", "5 de
mayo de 1990", "1977. gada 3. martā", "1965. május 8.", "1985 m. kovo 12 d.", "5η Οκτωβρίου
2012"): then a day number and a four-digit year must stand within a few words of each other.
"Birth rates" and "births" are statistics, not anyone's birth.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from gateway.classification.languages import lowered
from gateway.classification.patterns import trie_pattern

ENTITY = "DATE_OF_BIRTH"
SCORE = 0.85

# Stems: a word starting with one of these is a birth word ("geboren", "geb.", "urodzon"); "_" joins
# the words of one ("kam ... zur Welt").
_STEMS_TEXT = (
    "born birth dob d.o.b geboren geb. geburt né née naissance naiss. nacid nació naci nací "
    "nacimiento nac. nato nata nati nascita geboorte urodz ur. nasceu nasci nascid nascimento nasc. "
    "född födelse födds født fødsel fødd fædd fæðing syntyn syntymä synny synt. sündi sünni sünd. "
    "gimė gimus gimę gimim gimiau gim. dzim piedzim narodil narozen narození nar. narodenia naroden "
    "rojen rojstv rodil rođen rođenja rođ. роден родена роди раждане рождена γεννήθ γέννησ γεννημέν "
    "γεν. született születés szül. szül zur_welt născu nașter naşter nasteri nascut rugadh breithe "
    "twieled twelidt twelid twield"
)
_STEMS = [s.replace("_", " ") for s in _STEMS_TEXT.split()]  # "zur_welt": a stem of two words
# A prefix tree tries the longest stem first, as an alternation sorted by length would, and fails
# fast at most positions of a text.
_BIRTH = regex.compile(
    rf"(?i:(?<![\p{{L}}])(?:{trie_pattern(sorted(set(_STEMS)))})(?!\s+rates?\b|(?<=birth)s\b))"
)
# The same scan over the lower-cased text, without case folding at each place (a quarter cheaper).
# Either sigma stands for both, as case-insensitive matching takes them; a text holding a letter
# that such matching takes for a stem's letter but lower-casing does not turn into it ("µ", "ſ",
# "ϑ", old Cyrillic forms: a test checks the list) is scanned as written.
_BIRTH_LOWER = regex.compile(
    rf"(?<![\p{{L}}])(?:{trie_pattern(sorted(set(_STEMS))).replace('σ', '[σς]')})"
    r"(?!\s+rates?\b|(?<=birth)s\b)"
)
FOLDED_APART = "\u00b5\u017f\u03d1\u03f5\u1c81\u1c82"
_FOLDED_APART = regex.compile(f"[{FOLDED_APART}]")
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
# An ordinal's ending after the day: 1st, 1er, 5η, 5º, 5-én is left to what follows.
_ORDINAL = r"(?:st|nd|rd|th|er|re|η|ης|º|ª|o|ú)?"
_DATE = regex.compile(
    rf"""(?<![\p{{L}}\d])(?:
        {_DAY}\s?([./-])\s?{_MONTH}\s?\1\s?(?:{_YEAR}|\d\d)
      | {_YEAR}\s?[./-]\s?{_MONTH}\s?[./-]\s?{_DAY}
      | {_MONTH}/{_DAY}/{_YEAR}
      | {_DAY}{_ORDINAL}\.?\s+(?:\p{{L}}+['’]?\s+){{1,3}}{_YEAR}
      | \p{{L}}{{3,}}\.?\s+{_DAY}{_ORDINAL},?\s+{_YEAR}
      | {_YEAR}\.\s+(?:\p{{L}}+\s+)?{_DAY}\.(?:\s+\p{{L}}+)?
      | {_YEAR}\.\s+\p{{L}}+\s+{_DAY}\.?
      | {_YEAR}\s?m\.\s+\p{{L}}+\s+{_DAY}\s?d\.?
    )(?![\d])""",
    regex.VERBOSE,
)
_DIGIT = regex.compile(r"\d")
_NEAR = 45  # characters between the birth word and the date


@dataclass(frozen=True, slots=True)
class BirthHit:
    start: int
    end: int
    score: float


class BirthDateFinder:
    def find(self, text: str) -> list[BirthHit]:
        if _DIGIT.search(text) is None:
            return []
        hits: list[BirthHit] = []
        folded = lowered(text)
        aligned = len(folded) == len(text) and _FOLDED_APART.search(text) is None
        for word in _BIRTH_LOWER.finditer(folded) if aligned else _BIRTH.finditer(text):
            # The date follows the word ("born on ...", "Geburtsdatum: ...") or, less often, precedes it.
            after = _DATE.search(text, word.end(), min(len(text), word.end() + _NEAR + 30))
            if after is not None and after.start() - word.end() <= _NEAR:
                span = after.span()
            else:
                before = [m for m in _DATE.finditer(text, max(0, word.start() - _NEAR), word.start())]
                if not before:
                    continue
                span = before[-1].span()
            if not hits or span[0] >= hits[-1].end:
                hits.append(BirthHit(span[0], span[1], SCORE))
        return hits
