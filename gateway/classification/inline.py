"""How much new text the gateway process analyses on its event loop rather than in a worker.

Handing a 1 KB prompt to the pool cost about 1.4 ms of CPU across the gateway's processes
(pickling, pipe writes, the pool's manager thread): more than analysing 1.5 KB of prose here.
Measured on one core of the benchmark machine: 1536 characters of prose take 0.95 ms, of text
packed with names and special-category terms 2.9 ms; digits and '@' start the identifier and
e-mail recognizers, up to 23 us each (2 KB of ID numbers: 44 ms), so each weighs as 40
characters of prose and such texts too keep the loop blocked about a millisecond at most.
"""

from __future__ import annotations

import regex

from gateway.config import ClassificationConfig

INLINE_MAX_CHARS = 1536
COSTLY_WEIGHT = 40
_COSTLY = regex.compile(r"[\p{N}@\uFF20\uFE6B]")  # any script: normalisation maps them to ASCII


def inline_limit(config: ClassificationConfig) -> int:
    """Characters of new text per request analysed on the event loop; 0 for none."""
    if config.executor != "process":
        return 0  # without a pool every text is analysed in this process, in a thread
    if config.inline_max_chars is not None:
        return config.inline_max_chars
    # An NER model costs milliseconds per sentence: no size is small enough for the event loop.
    return 0 if config.ner_model_path is not None else INLINE_MAX_CHARS


def fits_inline(texts: list[str], total: int, limit: int) -> bool:
    """Whether analysing ``texts`` (``total`` characters) costs at most ``limit`` of prose."""
    if total > limit:
        return False
    return total + COSTLY_WEIGHT * sum(len(_COSTLY.findall(t)) for t in texts) <= limit
