"""The worker processes that analyse what the event loop does not, each with its own engine.

Workers are spawned, not forked: they start clean (never a copy of the threaded event-loop
process) and are the gateway's own children; a fork server would outlive a gateway killed with
SIGKILL. Each builds its engine once, at start.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from gateway.classification.engine import DetectionEngine
from gateway.classification.errors import EngineError
from gateway.classification.findings import MessageFindings
from gateway.classification.seams import Seam, analyse
from gateway.parent_watch import exit_with_parent

# A request's texts are spread over several workers only when each gets this much: below it the
# extra hand-off costs more than the parallel analysis saves.
LANE_CHARS = 4096

# --- in the worker process ---------------------------------------------------------------------

_ENGINE: DetectionEngine | None = None


def _init_worker(languages: list[str], ner_model_path: Path | None, parent_pid: int) -> None:
    global _ENGINE
    exit_with_parent(parent_pid)  # a gateway killed with SIGKILL cannot stop its pool
    _ENGINE = DetectionEngine(languages, ner_model_path)
    gc.freeze()  # the engine lives as long as the worker: full collections need not scan it


def _analyze(work: list[str | Seam]) -> list[MessageFindings]:
    if _ENGINE is None:  # the initializer failed; the pool reports that as broken
        raise EngineError("the worker has no engine")
    engine = _ENGINE
    return [analyse(engine, w) for w in work]


def _ping() -> bool:
    return _ENGINE is not None


# --- in the event-loop process -----------------------------------------------------------------


class WorkerPool:
    def __init__(self, languages: list[str], ner_model_path: Path | None, workers: int) -> None:
        self._languages = languages
        self._ner_model_path = ner_model_path
        self.workers = workers
        self.warm_up: list[concurrent.futures.Future[bool]] = []
        self._executor = self._start()

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self._languages, self._ner_model_path, os.getpid()),
        )
        # Start every worker now so engines are built before the first request.
        self.warm_up = [executor.submit(_ping) for _ in range(self.workers)]
        return executor

    def submit(self, fn: Callable[..., Any], *args: Any) -> concurrent.futures.Future[Any]:
        return self._executor.submit(fn, *args)

    async def ready(self, timeout_s: float) -> bool:
        """True once every worker has built its engine and one answers; waits at most ``timeout_s``."""
        try:
            async with asyncio.timeout(timeout_s):
                await asyncio.gather(*(asyncio.wrap_future(f) for f in self.warm_up))
                return bool(await asyncio.wrap_future(self.submit(_ping)))
        except (TimeoutError, BrokenProcessPool, EngineError, RuntimeError):
            return False

    async def analyse(self, pieces: list[str | Seam], total_chars: int) -> list[MessageFindings]:
        """Findings per piece, the pieces spread round robin over as many workers as pay off."""
        lanes = max(1, min(self.workers, len(pieces), total_chars // LANE_CHARS))
        parts = await asyncio.gather(
            *(asyncio.wrap_future(self.submit(_analyze, pieces[i::lanes])) for i in range(lanes))
        )
        results = [MessageFindings()] * len(pieces)
        for i, part in enumerate(parts):
            results[i::lanes] = part
        return results

    def restart(self) -> None:
        """A worker died and broke the pool: start a fresh one (engines rebuild in the background)."""
        old = self._executor
        self._executor = self._start()
        # Stop any survivor of the broken pool rather than wait for it.
        for process in list(getattr(old, "_processes", {}).values()):
            process.terminate()
        old.shutdown(wait=False, cancel_futures=True)

    async def aclose(self) -> None:
        await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)
