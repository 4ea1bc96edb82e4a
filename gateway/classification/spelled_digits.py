"""Digits spelled out as words ("zero six one two ..."), in the 26 languages, read back as digits.

Someone dictating a phone number to slip it past a filter writes it one digit a word, sometimes
mixed with digit groups ("zero six 12 34 56 78"). A run of such words and groups, joined only by
spaces and light punctuation, is handed to the phone finder as its digits; the numbering plans and
the words around it decide whether it is a phone number. Runs with fewer than seven digits, or
fewer than three words, are not read: "one to one", "tre o quattro" stay prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.classification.languages import lowered_words
from gateway.classification.patterns import trie_pattern

# Each digit's words, by digit, over the languages (a word names the same digit wherever it is one;
# English "oh" is a zero when numbers are read out). Irish counts with a particle ("a haon").
_WORDS = (
    "zero oh null nul nulla nula nulis nulle nolla noll núll nič náid żero cero zéro μηδέν нула",
    "one eins een één un uno um unu jeden jedna jedno jedan ena vienas viens üks yksi ett en einn eitt "
    "egy haon wieħed ένα едно един една",
    "two zwei zwo twee deux dos dois duas due doi dwa dva du divi kaks kaksi två to tveir tvö kettő "
    "két dó tnejn δύο две два dvě dve dvije două",
    "three drei drie trois tres três tre trei trzy tři tri trys trīs kolm kolme þrír þrjú három trí "
    "tlieta τρία три",
    "four vier quatre cuatro quatro quattro patru cztery čtyři štyri štiri četiri keturi četri neli "
    "neljä fyra fire fjórir fjögur négy ceathair erbgħa τέσσερα четири",
    "five fünf vijf cinq cinco cinque cinci pięć pět päť pet penki pieci viis viisi fem fimm öt cúig "
    "ħamsa πέντε пет",
    "six sechs zes seis sei șase sześć šest šesť šeši seši kuus kuusi sex seks hat sé sitta έξι шест",
    "seven sieben zeven sept siete sete sette șapte siedem sedm sedem sedam septyni septiņi seitse "
    "seitsemän sju syv sjö hét seacht sebgħa επτά εφτά седем",
    "eight acht huit ocho oito otto opt osiem osm osem osam aštuoni astoņi kaheksa kahdeksan åtta åtte "
    "otte átta nyolc hocht tmienja οκτώ οχτώ осем",
    "nine neun negen neuf nueve nove nouă dziewięć devět deväť devet devyni deviņi üheksa yhdeksän nio "
    "ni níu kilenc naoi disgħa εννέα εννιά девет",
)
DIGIT_OF = {word: str(digit) for digit, words in enumerate(_WORDS) for word in words.split()}
# A digit word or a group of digits; between two of them only spaces and light punctuation, or
# Irish's particle "a".
# A word's first letter (or a digit) is looked ahead for first: the scan skips other letters faster.
_FIRST = re.escape("".join(sorted({word[0] for word in DIGIT_OF})))
_TOKEN = re.compile(
    rf"(?=[{_FIRST}\d])(?:(?<!\w)(?:{trie_pattern(sorted(DIGIT_OF))})(?!\w)|\d+)", re.IGNORECASE
)
_BETWEEN = re.compile(r"[\s,;:./()\-–—]{1,4}(?:a\s+)?")
# A plus sign, said or written, before the run.
_PLUS = re.compile(r"(?:\+|(?<!\w)plus)\s*$", re.IGNORECASE)
MIN_DIGITS, MIN_WORDS = 7, 3
# Irish reads digits with a particle between them: "a náid a hocht".
_PREFILTER_WORDS = frozenset((*DIGIT_OF, "a"))
_PUNCTUATION = re.compile(r"[,;:./()\-–—]+")
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(",;:./()-–—", " "))
_THREE_IN_A_ROW = b"\x01" * MIN_WORDS


@dataclass(frozen=True, slots=True)
class SpelledRun:
    start: int
    end: int
    digits: str
    plus: bool  # said or written after a plus sign: its country code comes first


def spelled_runs(text: str, lowered: str | None = None) -> list[SpelledRun]:
    """Runs of digit words (and digit groups among them) holding seven digits or more
    (``lowered``: ``text.lower()``, when the caller has it)."""
    if not _three_words_in_a_row(lowered_words(text)[1]):
        return []  # then the gate below says no either
    if not _may_hold_run(text.lower() if lowered is None else lowered):
        return []
    runs: list[SpelledRun] = []
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and _BETWEEN.fullmatch(text, tokens[j].end(), tokens[j + 1].start()):
            j += 1
        run = tokens[i : j + 1]
        words = sum(not m.group(0).isdigit() for m in run)
        if words >= MIN_WORDS:
            digits = "".join(
                m.group(0) if m.group(0).isdigit() else DIGIT_OF[m.group(0).lower()] for m in run
            )
            if len(digits) >= MIN_DIGITS:
                start = run[0].start()
                plus = _PLUS.search(text, max(0, start - 6), start) is not None
                runs.append(SpelledRun(start, run[-1].end(), digits, plus))
        i = j + 1
    return runs


def _three_words_in_a_row(words: tuple[str, ...]) -> bool:
    """Three digit words in a row among the text's words (its runs of letters, kept for it by
    language identification): a looser test than ``_may_hold_run``'s, since a word that the
    gate's split leaves whole is all letters with no letter beside it, so three in a row there are
    three in a row here. It costs a set look-up per word, where the split reads every character."""
    return _THREE_IN_A_ROW in bytes(map(_PREFILTER_WORDS.__contains__, words))


def _may_hold_run(lowered: str) -> bool:
    """Three digit words in a row, by splitting on spaces and looking each word up (in C): a
    regular expression over every word of every language costs ten times more on text that
    holds none. Punctuation becomes a space by a translation table on ASCII text, where it is
    fastest, else by one substitution (the table is looked up character by character then, twice
    the cost)."""
    spaced = lowered.translate(_PUNCTUATION_TO_SPACE) if lowered.isascii() else _PUNCTUATION.sub(" ", lowered)
    return _THREE_IN_A_ROW in bytes(map(_PREFILTER_WORDS.__contains__, spaced.split()))
