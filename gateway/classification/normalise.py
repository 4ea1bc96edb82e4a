"""Text normalisation before detection, with a map back to the original offsets.

Evasion in the wild hides identifiers behind invisible or look-alike characters: zero-width
spaces and soft hyphens inside a PESEL, fullwidth digits or ``＠`` in an e-mail, Cyrillic ``о`` in
a Latin word. We apply NFKC per character, drop Unicode categories Cf (format), Co (private use)
and Cn (unassigned), map every decimal digit to ASCII, and fold confusable letters inside tokens
that mix scripts (TR39-style skeletons), so genuinely Cyrillic or Greek words stay untouched.
Circled dingbat digits (❶, ➀), which NFKC keeps, are read as the digits they show.

>>> n = normalise("PESEL 4405\u200b1401\u00ad359")
>>> n.text
'PESEL 44051401359'
>>> n.risk_signals
('invisible_characters',)
>>> n.original_span(6, 17)
(6, 19)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

INVISIBLE = "invisible_characters"
CONFUSABLES = "confusable_characters"

_DROPPED_CATEGORIES = frozenset({"Cf", "Co", "Cn"})

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
# Digits in circles that NFKC leaves alone (❶, ➀, ➊): read as the digits they show.
_DINGBAT_DIGITS = {
    chr(c): str(unicodedata.digit(chr(c)))
    for block in (range(0x2776, 0x2780), range(0x2780, 0x278A), range(0x278A, 0x2794))
    for c in block
    if unicodedata.digit(chr(c), None) is not None
}
# Characters the slow path must handle: format, private-use, unassigned, non-ASCII digits.
_NEEDS_WORK = regex.compile(r"[\p{Cf}\p{Co}\p{Cn}]|[^\P{Nd}0-9]|[❶-➓]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9@]")


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
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not _NEEDS_WORK.search(text)):
        # Nothing to drop or map (ASCII control characters are Cc, which NFKC keeps and which
        # carry nothing a recognizer would miss); only mixed-script tokens may need folding.
        folded, confused = _fold_mixed_script_tokens(text)
        return Normalised(folded, tuple(range(len(text) + 1)), (CONFUSABLES,) if confused else ())

    out: list[str] = []
    offsets: list[int] = []
    invisible = False
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            offsets.append(i)
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
        for piece in folded:
            out.append(piece)
            offsets.append(i)

    normalised = "".join(out)
    normalised, confused = _fold_mixed_script_tokens(normalised)
    offsets.append(len(text))
    signals = tuple(s for s, present in ((INVISIBLE, invisible), (CONFUSABLES, confused)) if present)
    return Normalised(normalised, tuple(offsets), signals)


def _fold_mixed_script_tokens(text: str) -> tuple[str, bool]:
    """Fold look-alike letters only in tokens that also hold Latin letters, digits or '@'.

    Folding maps one character to one character, so the offset map stays valid.
    """
    if not _ANY_CONFUSABLE.search(text):
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
