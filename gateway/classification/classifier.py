"""The classifier the gateway calls: one summary per request, never the values it found.

Detection is CPU-bound, so large texts go to a pool of worker processes (one per core by
default), each building its engine once at start. A request whose new text is small (at most
``inline_max_chars``, 1.5 KB of prose by default) is analysed on the event loop by its own engine:
handing it to a worker would cost the gateway process more CPU (pickling, pipe writes, the pool's
manager thread) than the analysis, and the bound keeps the loop blocked about a millisecond. The
event-loop process keeps a bounded LRU cache of each message's findings, keyed by a keyed BLAKE2b
hash (a key drawn at start) of the field kind and the text, so a multi-turn conversation pays only
for its new message and the cache never holds a text or a plain hash of one.

Failure is closed: any error or timeout raises ``ClassificationError`` (whose message never
carries input text); the pipeline then denies or uses ``degraded_summary``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import hashlib
import logging
import multiprocessing
import os
import secrets
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import regex

from domain.classification import Category, ClassificationSummary
from domain.texts import TextItem
from gateway.classification.engine import DetectionEngine
from gateway.classification.errors import EngineError
from gateway.classification.findings import MessageFindings, combine, merge, split_long
from gateway.classification.version import DETECTOR_VERSION, recognizer_hash
from gateway.config import ClassificationConfig
from gateway.parent_watch import exit_with_parent

log = logging.getLogger(__name__)

PIECE_CHARS = 16_384  # texts longer than about 24 KB are analysed in pieces of this size
# On the event loop: at most this many characters of new text per request, a digit or '@' counting
# COSTLY_WEIGHT characters. Measured on one core of the benchmark machine: 1536 characters of prose
# take 0.95 ms, of text packed with names and special-category terms 2.9 ms; digits and '@' start
# the identifier and e-mail recognizers, up to 23 us each (2 KB of ID numbers: 44 ms), so they
# weigh as 40 characters of prose and such texts stay under 1 ms. Handing a 1 KB prompt to the
# pool cost about 1.4 ms of CPU across the gateway's processes (pickling, pipe writes, the pool's
# manager thread): more than analysing 1.5 KB here.
INLINE_MAX_CHARS = 1536
COSTLY_WEIGHT = 40
_COSTLY = regex.compile(r"[\p{N}@\uFF20\uFE6B]")  # any script: normalisation maps them to ASCII
# A request's texts are spread over several workers only when each gets this much: below it the
# extra hand-off costs more than the parallel analysis saves.
LANE_CHARS = 4096


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


# --- worker side -------------------------------------------------------------------------------

_ENGINE: DetectionEngine | None = None


def _init_worker(languages: list[str], ner_model_path: Path | None, parent_pid: int) -> None:
    global _ENGINE
    exit_with_parent(parent_pid)  # a gateway killed with SIGKILL cannot stop its pool
    _ENGINE = DetectionEngine(languages, ner_model_path)
    gc.freeze()  # the engine lives as long as the worker: full collections need not scan it


def _analyze(texts: list[str]) -> list[MessageFindings]:
    if _ENGINE is None:  # the initializer failed; the pool reports that as broken
        raise EngineError("the worker has no engine")
    return [_ENGINE.analyze(t) for t in texts]


def _ping() -> bool:
    return _ENGINE is not None


# --- event-loop side ---------------------------------------------------------------------------


class _FindingsCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._key = secrets.token_bytes(32)
        self._entries: OrderedDict[bytes, MessageFindings] = OrderedDict()

    def key(self, item: TextItem) -> bytes:
        # Keyed, so an entry cannot be matched to a guessed text without the key.
        data = item.kind.value.encode() + b"\0" + item.text.encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, key=self._key, digest_size=16).digest()

    def get(self, key: bytes) -> MessageFindings | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: bytes, found: MessageFindings) -> None:
        if self._size == 0:
            return
        self._entries[key] = found
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class Classifier:
    def __init__(self, config: ClassificationConfig) -> None:
        self._config = config
        self._languages = list(config.languages)
        self._cache = _FindingsCache(config.cache_size)
        self.recognizer_hash = recognizer_hash(self._languages, config.ner_model_path)
        self.analysed_texts = 0  # texts sent to an engine (the cache spares the rest)
        self._workers = config.workers or os.cpu_count() or 1
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._warm_up: list[concurrent.futures.Future[bool]] = []
        # This process's own engine: all the work without a pool (in a thread), small requests
        # with one (on the event loop).
        self._engine: DetectionEngine | None = None
        self._local_max_chars = _local_max_chars(config)
        self._closed = False
        if config.executor == "process":
            self._pool = self._start_pool()  # first, so the workers build theirs meanwhile
        if self._pool is None or self._local_max_chars > 0:
            self._engine = DetectionEngine(self._languages, config.ner_model_path)

    def _start_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        # spawn: workers start clean (never forked from the threaded event-loop process) and are
        # our own children; a fork server would outlive a gateway killed with SIGKILL.
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self._languages, self._config.ner_model_path, os.getpid()),
        )
        # Start every worker now so engines are built before the first request.
        self._warm_up = [pool.submit(_ping) for _ in range(self._workers)]
        return pool

    async def ready(self) -> bool:
        """True once the engines are built and a worker answers; waits at most ``timeout_s``."""
        if self._closed:
            return False
        if self._pool is None:
            return True
        try:
            async with asyncio.timeout(self._config.timeout_s):
                await asyncio.gather(*(asyncio.wrap_future(f) for f in self._warm_up))
                return bool(await self._submit(_ping))
        except (TimeoutError, BrokenProcessPool, EngineError, RuntimeError):
            return False

    async def classify(self, items: Sequence[TextItem]) -> ClassificationSummary:
        if self._closed:
            raise ClassificationError("the classifier is closed")
        keys = [self._cache.key(item) for item in items]
        found: dict[bytes, MessageFindings] = {}
        missing: dict[bytes, str] = {}
        for key, item in zip(keys, items, strict=True):
            cached = self._cache.get(key)
            if cached is not None:
                found[key] = cached
            elif not item.text.strip():
                found[key] = MessageFindings()
            else:
                missing.setdefault(key, item.text)
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

    async def _analyse(self, texts: list[str]) -> list[MessageFindings]:
        self.analysed_texts += len(texts)
        total = sum(len(t) for t in texts)
        engine, pooled = self._engine, self._pool is not None
        if engine is not None and pooled and _fits_inline(texts, total, self._local_max_chars):
            try:  # small texts, on the event loop: the size bound keeps this short, no timeout applies
                return [engine.analyze(t) for t in texts]
            except Exception as e:
                raise _failed(e) from None
        # Long texts go out in pieces so that one large prompt uses every worker.
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            for piece in split_long(text, PIECE_CHARS):
                pieces.append(piece)
                owners.append(i)
        try:
            async with asyncio.timeout(self._config.timeout_s):
                if engine is not None and not pooled:
                    results = await asyncio.to_thread(lambda: [engine.analyze(p) for p in pieces])
                else:
                    # Spread the pieces over the workers, round robin.
                    lanes = max(1, min(self._workers, len(pieces), total // LANE_CHARS))
                    parts = await asyncio.gather(
                        *(self._submit(_analyze, pieces[i::lanes]) for i in range(lanes))
                    )
                    results = [MessageFindings()] * len(pieces)
                    for i, part in enumerate(parts):
                        results[i::lanes] = part
        except TimeoutError:
            # Not a reason to restart the pool: under a burst the work is queued, not stuck (each
            # recognizer's regex is bounded), and a restart would fail everything queued behind
            # it while new engines build.
            log.warning("classification timed out after %.1f s", self._config.timeout_s)
            raise ClassificationError("classification timed out") from None
        except BrokenProcessPool:
            log.error("a classification worker died; restarting the pool")
            self._restart_pool()
            raise ClassificationError("a classification worker died") from None
        except Exception as e:
            raise _failed(e) from None
        grouped: list[list[MessageFindings]] = [[] for _ in texts]
        for owner, result in zip(owners, results, strict=True):
            grouped[owner].append(result)
        return [combine(g) for g in grouped]

    async def _submit(self, fn, *args):  # type: ignore[no-untyped-def]
        if self._pool is None:
            raise RuntimeError("no worker pool")
        return await asyncio.wrap_future(self._pool.submit(fn, *args))

    def _restart_pool(self) -> None:
        """A worker died and broke the pool: start a fresh one (engines rebuild in the background)."""
        if self._pool is None or self._closed:
            return
        old = self._pool
        self._pool = self._start_pool()
        # Stop any survivor of the broken pool rather than wait for it.
        for process in list(getattr(old, "_processes", {}).values()):
            process.terminate()
        old.shutdown(wait=False, cancel_futures=True)

    async def aclose(self) -> None:
        self._closed = True
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)


def _failed(e: Exception) -> ClassificationError:
    # Never chain or format the original: its message may quote the text analysed.
    log.error("classification failed: %s", type(e).__name__)
    return ClassificationError(f"classification failed ({type(e).__name__})")


def _fits_inline(texts: list[str], total: int, limit: int) -> bool:
    """Whether analysing ``texts`` (``total`` characters) costs at most ``limit`` of prose."""
    if total > limit:
        return False
    return total + COSTLY_WEIGHT * sum(len(_COSTLY.findall(t)) for t in texts) <= limit


def _local_max_chars(config: ClassificationConfig) -> int:
    if config.executor != "process":
        return 0
    if config.inline_max_chars is not None:
        return config.inline_max_chars
    # An NER model costs milliseconds per sentence: no size is small enough for the event loop.
    return 0 if config.ner_model_path is not None else INLINE_MAX_CHARS


def build_classifier(config: ClassificationConfig) -> Classifier:
    """Build engines once: in the worker processes (started now) or inline."""
    try:
        return Classifier(config)
    except EngineError as e:
        raise ClassificationError(str(e)) from None
