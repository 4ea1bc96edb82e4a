"""The embedded backend: rego-cpp (regopy) evaluating the same Rego files and data as OPA."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regopy import Bundle, Interpreter, RegoError

from gateway.policy import metrics
from gateway.policy.backend import ENTRYPOINT, Evaluation, parse_result
from gateway.policy.errors import engine_failure
from gateway.policy.source import PolicySource, PolicySourceError, Stamp, load_policy_source, source_stamp

log = logging.getLogger(__name__)

NAME = "embedded"


class PolicyCompileError(PolicySourceError):
    """The Rego modules or data do not compile; the message names the problem, not any input."""


@dataclass(frozen=True)
class _Compiled:
    interpreter: Interpreter
    bundle: Bundle
    revision: str
    stamp: Stamp


def compile_source(source: PolicySource) -> _Compiled:
    interpreter = Interpreter()
    try:
        for name, text in sorted(source.modules.items()):
            interpreter.add_module(name, text)
        interpreter.add_data(source.data)
        bundle = interpreter.build(ENTRYPOINT)
    except RegoError as e:
        raise PolicyCompileError(f"does not compile: {_first_line(str(e))}") from None
    if not bundle.ok():
        raise PolicyCompileError("does not compile: the entry point could not be built")
    return _Compiled(interpreter, bundle, source.revision, source.stamp)


def _first_line(message: str) -> str:
    return next((line.strip() for line in message.splitlines() if line.strip()), "unknown error")[:300]


class EmbeddedBackend:
    """The default when no OPA server is configured.

    The policy is compiled once into a bundle for the entry point; each evaluation sets the input
    and runs the bundle (about 1-4 ms for a handful of candidates on one core, so it runs on one
    dedicated worker thread, off the event loop; regopy calls into C through ctypes, which releases
    the GIL while it evaluates).

    Reload: at most every ``reload_interval_s`` the worker looks at the files' (path, mtime, size);
    on a change it compiles the new files and switches over only if they compile. A change that
    does not compile keeps the last good policy, logs an error and counts
    ``sovgw_policy_reload_failures_total`` (once per broken state, not on every look).
    """

    name = NAME

    def __init__(self, rego_dir: Path, *, timeout_s: float = 1.0, reload_interval_s: float = 1.0) -> None:
        self._dir = rego_dir
        self._timeout_s = timeout_s
        self._reload_interval_s = reload_interval_s
        # Start-up with a broken policy is a configuration error: raise, do not serve.
        self._compiled = compile_source(load_policy_source(rego_dir))
        self._failed_stamp: Stamp | None = None
        self._last_look = time.monotonic()
        self._closed = False
        # One worker: the interpreter holds the input between set_input and query.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sovgw-rego")
        metrics.set_active_revision(NAME, self._compiled.revision)

    @property
    def revision(self) -> str:
        return self._compiled.revision

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        if self._closed:
            raise engine_failure(NAME, "closed", "the engine was closed")
        text = json.dumps(inp)
        loop = asyncio.get_running_loop()
        try:
            value, revision = await asyncio.wait_for(
                loop.run_in_executor(self._worker, self._evaluate_sync, text), self._timeout_s
            )
        except TimeoutError:
            raise engine_failure(NAME, "timeout", f"no decision within {self._timeout_s} s") from None
        except RuntimeError:  # the worker was shut down under us
            raise engine_failure(NAME, "closed", "the engine was closed") from None
        return Evaluation(parse_result(NAME, value, inp), revision, NAME)

    def _evaluate_sync(self, input_json: str) -> tuple[Any, str]:
        self._look_for_changes()
        compiled = self._compiled
        try:
            compiled.interpreter.set_input_term(input_json)
            output = compiled.interpreter.query_bundle(compiled.bundle)
        except RegoError:
            raise engine_failure(NAME, "evaluation_error", "the input could not be evaluated") from None
        except ValueError:  # regopy could not read the engine's own output as JSON
            raise engine_failure(NAME, "malformed", "the engine's output is not valid JSON") from None
        if not output.ok():
            # The error text may quote input values: only its class goes into the exception.
            raise engine_failure(NAME, "evaluation_error", "evaluation failed")
        if len(output) == 0 or not output[0].expressions:
            raise engine_failure(NAME, "undefined", f"{ENTRYPOINT} is undefined")
        return output[0].expressions[0], compiled.revision

    async def check_for_changes(self) -> None:
        if not self._closed and time.monotonic() - self._last_look >= self._reload_interval_s:
            await asyncio.get_running_loop().run_in_executor(self._worker, self._look_for_changes)

    async def refresh(self) -> bool:
        """Look for changed files now; True when a new revision became active."""
        before = self.revision
        await asyncio.get_running_loop().run_in_executor(self._worker, self._look_for_changes, True)
        return self.revision != before

    def _look_for_changes(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_look < self._reload_interval_s:
            return
        self._last_look = now
        stamp = source_stamp(self._dir)
        if stamp in (self._compiled.stamp, self._failed_stamp):
            return
        try:
            compiled = compile_source(load_policy_source(self._dir))
        except PolicySourceError as e:
            self._failed_stamp = stamp
            metrics.RELOAD_FAILURES.labels(NAME).inc()
            log.error("policy change not loaded, keeping revision %s: %s", self._compiled.revision[:12], e)
            return
        previous, self._compiled, self._failed_stamp = self._compiled.revision, compiled, None
        if compiled.revision != previous:
            metrics.RELOADS.labels(NAME).inc()
            metrics.set_active_revision(NAME, compiled.revision)
            log.info("policy revision %s active (was %s)", compiled.revision[:12], previous[:12])

    async def ready(self) -> bool:
        return not self._closed

    async def aclose(self) -> None:
        self._closed = True
        self._worker.shutdown(wait=False, cancel_futures=True)
