"""The classifier the gateway calls: one summary per request, never the values it found.

A message seen before takes its findings from the per-message cache, so a multi-turn
conversation pays only for its new message. New text is analysed on the event loop when small
(see ``inline``), otherwise by the worker processes (one per core by default), or in a thread
when the configuration runs no pool; a long text goes out in pieces so that one large prompt
uses every worker.

Failure is closed: any error or timeout raises ``ClassificationError`` (whose message never
carries input text); the pipeline then denies or uses ``degraded_summary``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool

from domain.classification import Category, ClassificationSummary
from domain.texts import TextItem
from gateway.classification.cache import FindingsCache
from gateway.classification.engine import DetectionEngine
from gateway.classification.errors import EngineError
from gateway.classification.findings import MessageFindings, combine, merge, split_long
from gateway.classification.inline import fits_inline, inline_limit
from gateway.classification.seams import Seam, analyse
from gateway.classification.version import DETECTOR_VERSION, recognizer_hash
from gateway.classification.workers import WorkerPool
from gateway.config import ClassificationConfig

log = logging.getLogger(__name__)

PIECE_CHARS = 16_384  # texts longer than about 24 KB are analysed in pieces of this size


class ClassificationError(Exception):
    """Classification did not complete; the request must not count as free of personal data."""


def degraded_summary(reason: str) -> ClassificationSummary:
    """What the pipeline uses when classification failed and ``on_failure`` is "special"."""
    code = "".join(ch if ch.isalnum() else "_" for ch in reason.lower())[:40] or "unknown"
    return ClassificationSummary(
        category=Category.SPECIAL,
        detector_version=DETECTOR_VERSION,
        recognizer_hash="",
        degraded=True,
        risk_signals=[f"classification_failed_{code}"],
    )


class Classifier:
    def __init__(self, config: ClassificationConfig) -> None:
        self._config = config
        self._languages = list(config.languages)
        self._cache = FindingsCache(config.cache_size)
        self.recognizer_hash = recognizer_hash(self._languages, config.ner_model_path)
        self.analysed_texts = 0  # texts sent to an engine (the cache spares the rest)
        self._pool: WorkerPool | None = None
        # This process's own engine: all the work without a pool (in a thread), small requests
        # with one (on the event loop).
        self._engine: DetectionEngine | None = None
        self._inline_limit = inline_limit(config)
        self._closed = False
        if config.executor == "process":
            # First, so the workers build their engines meanwhile.
            workers = config.workers or os.cpu_count() or 1
            self._pool = WorkerPool(self._languages, config.ner_model_path, workers)
        if self._pool is None or self._inline_limit > 0:
            self._engine = DetectionEngine(self._languages, config.ner_model_path)

    async def ready(self) -> bool:
        """True once the engines are built and a worker answers; waits at most ``timeout_s``."""
        if self._closed:
            return False
        if self._pool is None:
            return True
        return await self._pool.ready(self._config.timeout_s)

    async def classify(self, items: Sequence[TextItem]) -> ClassificationSummary:
        if self._closed:
            raise ClassificationError("the classifier is closed")
        keys = [self._cache.key(item) for item in items]
        found: dict[bytes, MessageFindings] = {}
        missing: dict[bytes, str | Seam] = {}
        for key, item in zip(keys, items, strict=True):
            cached = self._cache.get(key)
            if cached is not None:
                found[key] = cached
            elif not item.text.strip():
                found[key] = MessageFindings()
            else:
                missing.setdefault(key, Seam(item.text, item.join) if item.join >= 0 else item.text)
        if missing:
            fresh = await self._analyse(list(missing.values()))
            for key, result in zip(missing, fresh, strict=True):
                if not result.degraded:  # a partial result is retried next time, not remembered
                    self._cache.put(key, result)
                found[key] = result
        return merge(
            ((item.kind, found[key]) for key, item in zip(keys, items, strict=True)),
            DETECTOR_VERSION,
            self.recognizer_hash,
        )

    async def _analyse(self, work: list[str | Seam]) -> list[MessageFindings]:
        self.analysed_texts += len(work)
        texts = [w if isinstance(w, str) else w.text for w in work]
        total = sum(len(t) for t in texts)
        pool = self._pool
        if pool is not None and self._engine is not None and fits_inline(texts, total, self._inline_limit):
            try:  # small texts, on the event loop: the size bound keeps this short, no timeout applies
                return self._analyse_here(work)
            except Exception as e:
                raise _failed(e) from None
        pieces: list[str | Seam] = []
        owners: list[int] = []
        for i, unit in enumerate(work):
            for piece in split_long(unit, PIECE_CHARS) if isinstance(unit, str) else [unit]:
                pieces.append(piece)
                owners.append(i)
        try:
            async with asyncio.timeout(self._config.timeout_s):
                if pool is None:
                    results = await asyncio.to_thread(self._analyse_here, pieces)
                else:
                    results = await pool.analyse(pieces, total)
        except TimeoutError:
            # Not a reason to restart the pool: under a burst the work is queued, not stuck (each
            # recognizer's regex is bounded), and a restart would fail everything queued behind
            # it while new engines build.
            log.warning("classification timed out after %.1f s", self._config.timeout_s)
            raise ClassificationError("classification timed out") from None
        except BrokenProcessPool:
            log.error("a classification worker died; restarting the pool")
            if self._pool is not None and not self._closed:
                self._pool.restart()
            raise ClassificationError("a classification worker died") from None
        except Exception as e:
            raise _failed(e) from None
        grouped: list[list[MessageFindings]] = [[] for _ in work]
        for owner, result in zip(owners, results, strict=True):
            grouped[owner].append(result)
        return [combine(g) for g in grouped]

    def _analyse_here(self, work: list[str | Seam]) -> list[MessageFindings]:
        engine = self._engine
        if engine is None:
            raise RuntimeError("this process has no engine")
        return [analyse(engine, w) for w in work]

    async def aclose(self) -> None:
        self._closed = True
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.aclose()


def _failed(e: Exception) -> ClassificationError:
    # Never chain or format the original: its message may quote the text analysed.
    log.error("classification failed: %s", type(e).__name__)
    return ClassificationError(f"classification failed ({type(e).__name__})")


def build_classifier(config: ClassificationConfig) -> Classifier:
    """Build engines once: in the worker processes (started now) or inline."""
    try:
        return Classifier(config)
    except EngineError as e:
        raise ClassificationError(str(e)) from None
