"""The paths a request can take to the simulator, and how to bring each one up."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench.sidebyside import servers
from bench.sidebyside.postgres import fresh_database


@dataclass(frozen=True)
class PathUnderTest:
    name: str
    title: str
    # (work directory, simulator URL, environment, cleanups) -> the unready server; None: direct
    start: Callable[[Path, str, dict[str, str], ExitStack], servers.Server] | None


# The admission bound of the `-bound16` paths: per worker, the concurrency of the c=16 cell, 2-4x the
# concurrency at which one worker's throughput levels off against the zero-latency simulator. Not
# the gateway's default: behind a real node a request waits seconds for its answer, so a worker
# holds far more requests in flight than its CPU is busy with.
BOUND = 16


def _sovgw(
    workers: int, postgres: bool, classifier: str = "process", max_in_flight: int | None = None
) -> Callable[[Path, str, dict[str, str], ExitStack], servers.Server]:
    def start(workdir: Path, sim_url: str, env: dict[str, str], stack: ExitStack) -> servers.Server:
        name = f"sovgw-{'postgres' if postgres else 'sqlite'}"
        name += ("-inline" if classifier == "inline" else "") + ("-2w" if workers == 2 else "")
        name += f"-bound{max_in_flight}" if max_in_flight else ""
        url = stack.enter_context(fresh_database()) if postgres else f"sqlite:///{workdir / name}.db"
        bound = {"max_in_flight": max_in_flight} if max_in_flight else None
        server = servers.start_gateway(name, workdir, sim_url, url, workers, classifier, env, bound)
        stack.callback(server.stop)  # stopped before its database is dropped
        return server

    return start


def _floor(workdir: Path, sim_url: str, env: dict[str, str], stack: ExitStack) -> servers.Server:
    server = servers.start_floor(workdir, sim_url, env)
    stack.callback(server.stop)
    return server


def _litellm(
    workers: int, presidio: bool
) -> Callable[[Path, str, dict[str, str], ExitStack], servers.Server]:
    def start(workdir: Path, sim_url: str, env: dict[str, str], stack: ExitStack) -> servers.Server:
        name = f"litellm{'-presidio' if presidio else ''}{'-2w' if workers == 2 else ''}"
        presidio_url = None
        if presidio:
            shim = servers.start_presidio(workdir)
            stack.callback(shim.stop)
            presidio_url = servers.wait_ready(shim).url
        server = servers.start_litellm(name, workdir, sim_url, workers, presidio_url)
        stack.callback(server.stop)
        return server

    return start


BASELINE = "sovgw-sqlite-baseline"


def baseline(revision: str) -> PathUnderTest:
    """``sovgw-sqlite`` with the gateway's code as committed at ``revision``: a change measured
    interleaved against the code before it, in one run."""

    def start(workdir: Path, sim_url: str, env: dict[str, str], stack: ExitStack) -> servers.Server:
        home = workdir / BASELINE
        home.mkdir()
        code, commit = servers.snapshot_code(home, revision)
        url = f"sqlite:///{home / 'audit'}.db"
        server = servers.start_gateway(BASELINE, workdir, sim_url, url, env={**env, **code})
        server.notes["code"] = commit
        stack.callback(server.stop)
        return server

    return PathUnderTest(BASELINE, f"Sovereign Gateway at {revision}, full pipeline, SQLite audit", start)


PATHS: dict[str, PathUnderTest] = {
    p.name: p
    for p in (
        PathUnderTest("direct", "straight to the simulator", None),
        PathUnderTest(
            "sovgw-sqlite", "Sovereign Gateway, full pipeline, SQLite audit", _sovgw(1, postgres=False)
        ),
        PathUnderTest(
            "sovgw-postgres", "Sovereign Gateway, full pipeline, PostgreSQL audit", _sovgw(1, postgres=True)
        ),
        PathUnderTest("litellm", "LiteLLM proxy, no guardrails", _litellm(1, presidio=False)),
        PathUnderTest(
            "litellm-presidio", "LiteLLM proxy, Presidio guardrail (mask)", _litellm(1, presidio=True)
        ),
        PathUnderTest(
            "sovgw-sqlite-2w", "Sovereign Gateway, SQLite audit, 2 workers", _sovgw(2, postgres=False)
        ),
        PathUnderTest(
            "sovgw-postgres-2w", "Sovereign Gateway, PostgreSQL audit, 2 workers", _sovgw(2, postgres=True)
        ),
        PathUnderTest(
            "sovgw-sqlite-inline",
            "Sovereign Gateway, SQLite audit, classifier inline (no process pool)",
            _sovgw(1, postgres=False, classifier="inline"),
        ),
        PathUnderTest(
            "sovgw-sqlite-inline-2w",
            "Sovereign Gateway, SQLite audit, classifier inline, 2 workers",
            _sovgw(2, postgres=False, classifier="inline"),
        ),
        PathUnderTest(
            f"sovgw-sqlite-bound{BOUND}",
            f"Sovereign Gateway, SQLite audit, at most {BOUND} requests in flight (more: 503 at once)",
            _sovgw(1, postgres=False, max_in_flight=BOUND),
        ),
        PathUnderTest(
            f"sovgw-sqlite-2w-bound{BOUND}",
            f"Sovereign Gateway, SQLite audit, 2 workers, at most {BOUND} requests in flight per worker",
            _sovgw(2, postgres=False, max_in_flight=BOUND),
        ),
        PathUnderTest("floor", "the gateway's server and upstream client, no pipeline", _floor),
        PathUnderTest("litellm-2w", "LiteLLM proxy, no guardrails, 2 workers", _litellm(2, presidio=False)),
    )
}
