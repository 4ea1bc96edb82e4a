"""Where a word scan's matches lie in one text, scanned a stretch at a time around the places asked about.

A finder that asks about the words near a few digit runs need not scan the whole text for them. A
scan started right after a character no word holds (a break: a digit, a comma, a line break) finds
what a scan of the whole text finds from there on, as no match of the whole text's scan runs
across it; so does a scan continued where the last stopped, past its last match. A stretch starts
at the last break shortly before the place asked about (else where the last stretch stopped) and
stops past the place; what lies between stretches is never scanned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_REACH = 64  # how far back a break is looked for before a stretch; past that, the scan resumes

Row = tuple[int, int, bool]  # a match's start, end and kind
# (from, until) -> the rows of every match starting in [from, until), sorted, and where the scan
# goes on from: ``until``, or the end of a match that runs past it.
Scan = Callable[[int, int], tuple[list[Row], int]]


class Stretches:
    """One scan's matches in one text, those of a place's surroundings found when first asked."""

    __slots__ = ("_breaks", "_from", "_resume", "_scan", "_text", "rows", "starts")

    def __init__(self, text: str, scan: Scan, breaks: str) -> None:
        """``breaks``: a class of the characters no match holds, as in ``text``."""
        self._text, self._scan = text, scan
        # The last break in a span: greedy to the span's end, then back to the first one found.
        self._breaks = _last_break(breaks)
        self.rows: list[Row] = []
        self.starts: list[int] = []  # each row's start, for bisection
        # Every match starting in [_from, _resume) is in ``rows``; those before, where scanned.
        self._from = self._resume = 0

    def cover(self, start: int, end: int) -> None:
        """Make sure every match starting in ``text[start:end]`` is in ``rows``."""
        if self._from <= start and end <= self._resume:
            return
        if start < self._from:  # behind the stretch (rare): the whole text, once
            self.rows, self._resume = self._scan(0, len(self._text) + 1)
            self.starts = [row[0] for row in self.rows]
            self._from = 0
            return
        if start > self._resume:
            found = self._breaks.match(self._text, max(self._resume, start - _REACH), start)
            if found is not None:
                self._from = self._resume = found.end()
        rows, self._resume = self._scan(self._resume, end)
        self.rows += rows
        self.starts += [row[0] for row in rows]


@functools.cache
def _last_break(breaks: str) -> re.Pattern[str]:
    return re.compile(rf"[\s\S]*{breaks}")
