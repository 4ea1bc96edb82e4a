"""What a number's surroundings in its text say: a log line, a word naming another reading of it
before it, a count or an amount after it. Worked out once per place, however many windows ask."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gateway.classification.patterns import DOCUMENT_CONTEXT, OTHER_READING, PHONE_CONTEXT

_CONTEXT_BEFORE = 60
# The word may be followed by up to two more ("Tracking number: ", "Rechnung Nr. ").
_OTHER_READING_BEFORE = re.compile(
    rf"(?:{PHONE_CONTEXT}|(?<!\w)(?:{OTHER_READING}))\w*(?:\W+\w+){{0,2}}\W*$", re.IGNORECASE
)
_NAMED_OTHER = re.compile(rf"(?<!\w)(?:{OTHER_READING})\w*(?:\W+\w+){{0,2}}\W*$", re.IGNORECASE)
# A count or an amount: "processed 61460942979 records", "482913004 bytes", "1200000 EUR".
_OTHER_READING_AFTER = re.compile(
    r"\s*(?:records?|rows?|items?|entries|bytes?|[kmgt]i?b|tokens?|requests?|users?|times|events?|"
    r"messages?|files?|lines?|units?|pieces?|points?|steps?|eur|euros?|usd|dollars?|€|\$|%|ms|ns|s\b|"
    r"sekund|stück|einträge|zeilen|kartų|įraš|ierakst|kirjet|rivi|tietue|righe|record|"
    r"[kmg]?wh|kw\b|km\b|kg\b|litr|liter|l\b|m[23²³]|°|бро|szt|kpl|stk|pcs|kappale|vienet)",
    re.IGNORECASE,
)
# A log line, a key-value pair, markup or code: numbers there are data, not someone's number. The
# marks are looked for by substring search; the quoted key and the timestamp ("2025-06-03T09:11:")
# by expressions that start with a literal, which the scan skips to.
_MACHINE_MARKS = "=<>{}[]|`"
_QUOTED_KEY = re.compile(r"\"\s*:")
_TIMESTAMP = re.compile(r"T\d\d:(?<=\d{4}-\d\d-\d\dT\d\d:)")


@dataclass(frozen=True, slots=True)
class NumberContext:
    """One text and what is worked out about its places once, however many windows ask."""

    text: str
    country: str | None  # of the text's language
    machine_lines: dict[int, bool] = field(default_factory=dict)  # by the line's start
    named_other: dict[int, bool] = field(default_factory=dict)  # by a window's start
    bare_before: dict[int, bool] = field(default_factory=dict)

    def other_named_before(self, start: int) -> bool:
        """A word before the number says what else it is ("Serial 4711-0815-2342-1234")."""
        other = self.named_other.get(start)
        if other is None:
            line_start = self.text.rfind("\n", 0, start) + 1
            found = _NAMED_OTHER.search(self.text, max(line_start, start - 40), start)
            other = self.named_other[start] = found is not None
        return other

    def bare_in_prose(self, start: int, end: int) -> bool:
        """The number sits in a sentence and no nearby word says it is an order, a count, a
        document's number or the like (a run never spans lines: its start names its line)."""
        before = self.bare_before.get(start)
        if before is None:
            text = self.text
            line_start = text.rfind("\n", 0, start) + 1
            before = self.bare_before[start] = (
                not self._machine_line(line_start)
                and not _OTHER_READING_BEFORE.search(text, max(line_start, start - 40), start)
                # "passport number 533401234": a document's number, not a bare tax number.
                and not _after_document_word(text, start)
            )
        return before and not _OTHER_READING_AFTER.match(self.text, end, min(len(self.text), end + 16))

    def _machine_line(self, line_start: int) -> bool:
        machine = self.machine_lines.get(line_start)
        if machine is None:
            text = self.text
            line_end = text.find("\n", line_start)
            end = len(text) if line_end < 0 else line_end
            machine = self.machine_lines[line_start] = (
                any(text.find(mark, line_start, end) >= 0 for mark in _MACHINE_MARKS)
                or _QUOTED_KEY.search(text, line_start, end) is not None
                or _TIMESTAMP.search(text, line_start, end) is not None
            )
        return machine


def _after_document_word(text: str, start: int) -> bool:
    left = max(0, start - _CONTEXT_BEFORE)
    return any(word.search(text, left, start) for word in DOCUMENT_CONTEXT.values())
