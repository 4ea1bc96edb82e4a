"""Text normalisation before detection, with a map back to the original offsets.

Evasion in the wild hides identifiers behind invisible or look-alike characters: zero-width
spaces and soft hyphens inside a PESEL, fullwidth digits or ``＠`` in an e-mail, Cyrillic ``о`` in
a Latin word. We apply NFKC per character, drop Unicode categories Cf (format), Co (private use)
and Cn (unassigned), map every decimal digit to ASCII, and fold confusable letters inside tokens
that mix scripts (TR39-style skeletons), so genuinely Cyrillic or Greek words stay untouched.
Circled dingbat digits (❶, ➀), which NFKC keeps, are read as the digits they show. Inside runs
of digit groups (six digits or more), the letters O and l or I written for 0 and 1 are read as
digits: "+358 4l2 lO5 38O" is a number; "lO" alone is not.

>>> n = normalise("PESEL 4405\u200b1401\u00ad359")
>>> n.text
'PESEL 44051401359'
>>> n.risk_signals
('invisible_characters',)
>>> n.original_span(6, 17)
(6, 19)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from gateway.classification.patterns import has_digit

INVISIBLE = "invisible_characters"
CONFUSABLES = "confusable_characters"

_DROPPED_CATEGORIES = frozenset({"Cf", "Co", "Cn"})
_CHANGED_CATEGORIES = _DROPPED_CATEGORIES | {"Nd"}

# Latin look-alikes from Cyrillic and Greek that appear in homoglyph attacks (Unicode TR39
# confusables.txt, restricted to letters whose skeleton is a single ASCII letter).
_CONFUSABLE = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D",
        "α": "a", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
_CONFUSABLE_CHARS = frozenset(chr(c) for c in _CONFUSABLE)
_ANY_CONFUSABLE = re.compile("[" + re.escape("".join(sorted(_CONFUSABLE_CHARS))) + "]")
_TOKEN = re.compile(r"\S+")
# A look-alike and a Latin letter, digit or '@' in one token: only then is anything folded (Greek
# and Bulgarian texts are full of look-alikes in tokens of their own script).
_CONFUSABLE_CLASS = "[" + re.escape("".join(sorted(_CONFUSABLE_CHARS))) + "]"
# Digits in circles that NFKC leaves alone (❶, ➀, ➊): read as the digits they show.
_DINGBAT_DIGITS = {
    chr(c): str(unicodedata.digit(chr(c)))
    for block in (range(0x2776, 0x2780), range(0x2780, 0x278A), range(0x278A, 0x2794))
    for c in block
    if unicodedata.digit(chr(c), None) is not None
}
# Emoji presentation selectors and the keycap mark: "6️⃣1️⃣2️⃣" is 612. Dropped without a risk signal,
# as every emoji in a chat carries them.
_EMOJI_MARKS = frozenset("\ufe0e\ufe0f\u20e3")
_ASCII = frozenset(map(chr, range(128)))
_LATIN_OR_DIGIT_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9@]")
# O, o, l and I standing for 0 and 1 in groups of digits: each group holds a real digit, and the
# run of groups (joined by a space, dot, dash or slash) at least six.
# Looked for from the letter, with the digit on either side tested there: one scan that skips to
# the four letters in C, where trying both orders at every character cost three times as much.
_LOOKALIKE_NEXT_TO_DIGIT = re.compile(r"[OolI](?:(?<=\d[OolI])|(?=\d))")
_LOOKALIKE_GROUP = r"[OolI]*\d[0-9OolI]*"
_LOOKALIKE_RUN = re.compile(rf"(?<![^\W_]){_LOOKALIKE_GROUP}(?:[ .\-/]{{1,2}}{_LOOKALIKE_GROUP})*(?![^\W_])")
_AS_DIGITS = str.maketrans("OolI", "0011")
# Right after an IBAN's country and check digits, a letter may be the account's own ("IT44 I072 ...").
_IBAN_HEAD_BEFORE = re.compile(r"[A-Z]{2}\d\d[ .\-]?$")
_MIN_RUN_DIGITS = 6
_MIN_PLUS_DIGITS, _MIN_PLUS_RUN = 3, 7


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    # offsets[i] is the index in the original text of the character that produced text[i];
    # one extra entry at the end maps the end of the text.
    offsets: tuple[int, ...]
    risk_signals: tuple[str, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(text: str) -> Normalised:
    # Each different character is judged once (a Greek or Bulgarian text is mostly non-ASCII).
    # Only characters are ever changed: a sequence NFKC would compose ("e" and a combining acute)
    # whose characters it keeps stays as written, so the text as a whole is not tested.
    changing: list[str] = [] if text.isascii() else [ch for ch in set(text) - _ASCII if _changes(ch)]
    if not changing:
        # Nothing to drop or map (ASCII control characters are Cc, which NFKC keeps and which
        # carry nothing a recognizer would miss); only mixed-script tokens may need folding.
        folded, confused = _fold_mixed_script_tokens(text)
        folded, lookalike = _fold_digit_lookalikes(folded)
        confused = confused or lookalike
        return Normalised(folded, tuple(range(len(text) + 1)), (CONFUSABLES,) if confused else ())

    out: list[str] = []
    offsets: list[int] = []
    invisible = False
    last = 0
    # Only the characters that change are handled one by one, found by their own searches; the
    # stretches between them are copied whole (a Lithuanian or Greek text is mostly letters NFKC
    # keeps as they are).
    for i in sorted(_places(text, changing)):
        if i > last:
            out.append(text[last:i])
            offsets.extend(range(last, i))
        last = i + 1
        ch = text[i]
        if ch in _EMOJI_MARKS:
            continue
        category = unicodedata.category(ch)
        if category in _DROPPED_CATEGORIES:
            invisible = True
            continue
        if category == "Nd" or ch in _DINGBAT_DIGITS:
            out.append(_DINGBAT_DIGITS.get(ch) or str(unicodedata.decimal(ch)))
            offsets.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded)
        offsets.extend([i] * len(folded))
    if last < len(text):
        out.append(text[last:])
        offsets.extend(range(last, len(text)))

    normalised = "".join(out)
    normalised, confused = _fold_mixed_script_tokens(normalised)
    normalised, lookalike = _fold_digit_lookalikes(normalised)
    confused = confused or lookalike
    offsets.append(len(text))
    signals = tuple(s for s, present in ((INVISIBLE, invisible), (CONFUSABLES, confused)) if present)
    return Normalised(normalised, tuple(offsets), signals)


def _places(text: str, chars: list[str]) -> list[int]:
    """Where each of ``chars`` stands in ``text``."""
    places = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            places.append(i)
            i = text.find(ch, i + 1)
    return places


@functools.lru_cache(maxsize=4096)
def _changes(ch: str) -> bool:
    """Whether the slow path changes a non-ASCII character: drops it (format, private-use,
    unassigned, emoji marks), reads it as a digit, or NFKC maps it to something else."""
    return (
        ch in _EMOJI_MARKS
        or ch in _DINGBAT_DIGITS
        or unicodedata.category(ch) in _CHANGED_CATEGORIES
        or not unicodedata.is_normalized("NFKC", ch)
    )


def _fold_mixed_script_tokens(text: str) -> tuple[str, bool]:
    """Fold look-alike letters only in tokens that also hold Latin letters, digits or '@'.

    Folding maps one character to one character, so the offset map stays valid.
    """
    if not _ANY_CONFUSABLE.search(text) or not any(
        not _LATIN_OR_DIGIT_CHARS.isdisjoint(token)
        for token in text.split()
        if not _CONFUSABLE_CHARS.isdisjoint(token)
    ):
        return text, False
    confused = False

    def fold(match: re.Match[str]) -> str:
        nonlocal confused
        token = match.group(0)
        if any(ch in _CONFUSABLE_CHARS for ch in token) and _LATIN_OR_DIGIT.search(token):
            confused = True
            return token.translate(_CONFUSABLE)
        return token

    return _TOKEN.sub(fold, text), confused


def _fold_digit_lookalikes(text: str) -> tuple[str, bool]:
    """Read O/o as 0 and l/I as 1 inside runs of digit groups; one character for one, so the
    offset map stays valid."""
    if not has_digit(text) or not _LOOKALIKE_NEXT_TO_DIGIT.search(text):
        return text, False
    folded = False

    def fold(match: re.Match[str]) -> str:
        nonlocal folded
        run = match.group(0)
        if not ("O" in run or "o" in run or "l" in run or "I" in run):
            return run  # most runs: digits only
        digits = sum(ch.isdigit() for ch in run)
        letters = sum(ch in "OolI" for ch in run)
        # After a '+' it is a phone number's country code and groups ("+37O 6l2 l4OOO"): the
        # numbering plans judge the rest.
        plus = match.start() > 0 and text[match.start() - 1] == "+"
        if not letters or (
            (digits < _MIN_RUN_DIGITS or letters > digits)
            and not (plus and digits >= _MIN_PLUS_DIGITS and digits + letters >= _MIN_PLUS_RUN)
        ):
            return run
        folded = True
        if run[0] in "OolI" and _IBAN_HEAD_BEFORE.search(text, max(0, match.start() - 5), match.start()):
            return run[0] + run[1:].translate(_AS_DIGITS)
        return run.translate(_AS_DIGITS)

    return _LOOKALIKE_RUN.sub(fold, text), folded
