"""A number in a table's column whose heading is a phone word: "Name;Mobile\\nAnna;0612345678".

Contact lists pasted from a spreadsheet or written as a table name the phone once, in the heading,
and hold bare numbers in the rows below it. A number read so must fill its cell, and the heading
of its column (the same field of a line above, split by the same mark: ";", "|", a tab or ",")
must hold a phone word; the numbering plans still decide whether the number is one.
"""

from __future__ import annotations

import re

from gateway.classification.phone_words import names_a_phone

_MARKS = (";", "|", "\t", ",")
_MAX_ROWS_ABOVE = 40  # how many rows above a number its heading is looked for in
_MAX_ROW = 400  # the longest row read
_RULE = frozenset("|-:+= ")
_CELL = re.compile(r"[\s+()\d./\-]*")


def in_phone_column(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` fills a cell under a phone heading."""
    heading = heading_of(text, start, end)
    return heading is not None and names_a_phone(heading)


def heading_of(text: str, start: int, end: int) -> str | None:
    """The heading of the column whose cell the number at ``text[start:end]`` fills, if any.

    Rows are lines of at most ``_MAX_ROW`` characters: line breaks are looked for within that
    reach only, so a long line is not searched again for each number on it.
    """
    line_start = text.rfind("\n", max(0, start - _MAX_ROW), start) + 1
    if not line_start:  # the first line, or a line too long to be a table's row
        return None
    line_end = text.find("\n", end, end + _MAX_ROW)
    if line_end < 0:
        if end + _MAX_ROW < len(text):
            return None
        line_end = len(text)
    for mark in _MARKS:
        before = text.rfind(mark, line_start, start)
        after = text.find(mark, end, line_end)
        if before < 0 and after < 0:
            continue
        cell_start = line_start if before < 0 else before + 1
        cell_end = line_end if after < 0 else after
        # The cell holds the number and nothing else ("0612 345 678", " +31 6 ...").
        if not (_CELL.fullmatch(text, cell_start, start) and _CELL.fullmatch(text, end, cell_end)):
            continue
        column = text.count(mark, line_start, start)
        fields = text.count(mark, line_start, line_end)
        return _heading(text, line_start, mark, column, fields)
    return None


def _heading(text: str, line_start: int, mark: str, column: int, fields: int) -> str | None:
    """The cell ``column`` of the nearest line above that a mark splits into as many fields and
    whose cell there holds no digit: a heading, not another row."""
    end = line_start - 1
    for _ in range(_MAX_ROWS_ABOVE):
        if end < 0:
            return None
        start = text.rfind("\n", max(0, end - _MAX_ROW), end) + 1
        if not start and end > _MAX_ROW:
            return None
        line = text[start:end]
        if line.count(mark) != fields:
            # A Markdown rule between heading and rows ("|---|---|") is passed over; any other
            # line ends the table.
            if line.strip() and not set(line.strip()) <= _RULE:
                return None
        else:
            cell = line.split(mark)[column]
            if any(ch.isdigit() for ch in cell):
                pass  # another row
            elif any(ch.isalpha() for ch in cell):
                return cell
            elif cell.strip() and not set(cell.strip()) <= _RULE:
                return None
        end = start - 1
    return None
