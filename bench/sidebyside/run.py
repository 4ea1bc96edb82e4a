"""Run the side-by-side benchmark: bring every path up, drive them in interleaved rounds, report."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.sidebyside import report, wrk
from bench.sidebyside.paths import BASELINE, PATHS, baseline
from bench.sidebyside.procstat import cpu_between, machine_busy_seconds, sample_tree
from bench.sidebyside.servers import (
    GATEWAY_SERVER,
    KEY,
    ROOT,
    Server,
    ServerFailed,
    snapshot_code,
    start_simulator,
    wait_ready,
)
from bench.sidebyside.stats import (
    NoSamples,
    Round,
    Timings,
    added_over,
    measured,
    merged_failures,
    shed_in_window,
    summarise,
)
from bench.sidebyside.workloads import WORKLOADS

# Users stop themselves once the round is over (see locustfile); locust's own run time is only a cap.
LOCUST_CAP_S = 240
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
DEFAULT_PATHS = (
    "direct",
    "floor",
    "sovgw-sqlite",
    "sovgw-sqlite-2w",
    "sovgw-postgres",
    "litellm",
    "litellm-2w",
    "litellm-presidio",
)


class LoadGeneratorFailed(Exception):
    """Locust exited without writing its timings."""


@dataclass(frozen=True)
class Plan:
    paths: tuple[str, ...]
    workloads: tuple[str, ...]
    concurrency: tuple[int, ...]
    rounds: int
    duration_s: int
    warmup_s: float
    load_generator: str = "locust"  # or "wrk" (streams stay with locust: wrk cannot time a first token)
    honour_retry_after: bool = True  # a shed client waits what retry-after says before its next request


def generator_for(plan: Plan, workload: str) -> str:
    return "wrk" if plan.load_generator == "wrk" and wrk.supports(WORKLOADS[workload]) else "locust"


def drive(server: Server, sim: Server, workload: str, concurrency: int, plan: Plan, workdir: Path) -> Round:
    """One load generator process against one server: the round, with the CPU the server, the load
    generator and the node simulator each spent in it."""
    before, sim_before = sample_tree(server.pid), sample_tree(sim.pid)
    machine_before = machine_busy_seconds()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if generator_for(plan, workload) == "wrk":
        timings = wrk.drive(
            server.url,
            WORKLOADS[workload],
            concurrency,
            KEY,
            plan.warmup_s,
            plan.duration_s,
            workdir,
            plan.honour_retry_after,
        )
    else:
        timings = _locust(server, workload, concurrency, plan, workdir)
    after, sim_after = sample_tree(server.pid), sample_tree(sim.pid)
    machine = machine_busy_seconds() - machine_before
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    kept, completed, window = measured(timings.samples, plan.warmup_s, timings.until_s)
    used = children_after.ru_utime + children_after.ru_stime - children.ru_utime - children.ru_stime
    if timings.cpu_s is not None:
        used = timings.cpu_s
    shed = shed_in_window(timings.shed, timings.samples, plan.warmup_s, window)
    cpu, sim_cpu = cpu_between(before, after), cpu_between(sim_before, sim_after)
    count = len(timings.samples)
    return Round(
        kept,
        timings.failures,
        completed,
        window,
        count,
        cpu,
        after.peak_rss_mib,
        shed,
        used,
        sim_cpu,
        machine,
    )


def _locust(server: Server, workload: str, concurrency: int, plan: Plan, workdir: Path) -> Timings:
    out = workdir / f"round-{uuid.uuid4().hex}.json"
    argv = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary"]
    argv += ["-u", str(concurrency), "-r", str(concurrency), "-t", f"{LOCUST_CAP_S}s", "--host", server.url]
    argv += ["--stop-timeout", "30", "--loglevel", "ERROR", "--exit-code-on-error", "0"]
    env = {**os.environ, "BENCH_WORKLOAD": workload, "BENCH_OUT": str(out), "BENCH_KEY": KEY}
    env |= {"BENCH_WARMUP_S": str(plan.warmup_s), "BENCH_UNTIL_S": str(plan.warmup_s + plan.duration_s)}
    env["BENCH_HONOUR_RETRY_AFTER"] = "1" if plan.honour_retry_after else "0"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(argv, env=env, capture_output=True, timeout=LOCUST_CAP_S + 60)
    if not out.exists():
        raise LoadGeneratorFailed(f"locust exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    data = json.loads(out.read_text())
    out.unlink()
    samples = [(s[0], s[1], s[2]) for s in data["samples"]]
    return Timings(samples, data["shed"], data["failures"], data["first_stop_s"], data["cpu_s"])


def bring_up(
    plan: Plan, workdir: Path, env: dict[str, str], stack: ExitStack
) -> tuple[Server, dict[str, Server], dict[str, str]]:
    """Start the simulator and every path's server (start-ups overlap); paths that cannot run are skipped."""
    sim = start_simulator(workdir, env)
    stack.callback(sim.stop)
    wait_ready(sim)
    started: dict[str, Server] = {}
    skipped: dict[str, str] = {}
    for name in plan.paths:
        spec = PATHS[name]
        if spec.start is None:
            started[name] = sim
            continue
        try:
            started[name] = spec.start(workdir, sim.url, env, stack)
        except Exception as e:  # a path that cannot start is reported, the others still run
            skipped[name] = f"{type(e).__name__}: {e}"
    for name, server in list(started.items()):
        try:
            wait_ready(server)
        except ServerFailed as e:
            skipped[name] = str(e)
            del started[name]
    return sim, started, skipped


def run(plan: Plan, working_tree: bool = False, log: Any = print) -> dict[str, Any]:
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sovgw-bench-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        env, code = ({}, "working tree") if working_tree else snapshot_code(workdir)
        sim, up, skipped = bring_up(plan, workdir, env, stack)
        for name, why in skipped.items():
            log(f"skipping {name}: {why.splitlines()[0]}")
        names = [p for p in plan.paths if p in up]
        cells = []
        turn = -1
        for workload in plan.workloads:
            for concurrency in plan.concurrency:
                rounds: dict[str, list[Round]] = {p: [] for p in names}
                for _ in range(plan.rounds):
                    # Rotate the order every round so no path always runs first (or last) in a cell.
                    turn += 1
                    for name in names[turn % len(names) :] + names[: turn % len(names)]:
                        rounds[name].append(drive(up[name], sim, workload, concurrency, plan, workdir))
                cells.append(_cell(workload, concurrency, rounds))
                log(report.cell_line(cells[-1]))
        servers = {n: {"title": PATHS[n].title, **up[n].notes} for n in names}
    return {
        "benchmark": "sidebyside",
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "plan": plan.__dict__,
        "gateway_code": code,
        "load_generator": _described(plan),
        "gateway_server_settings": dict(GATEWAY_SERVER) or "defaults",
        "paths": servers,
        "skipped": skipped,
        "cells": cells,
        "saturation_rps": report.saturation(cells),
        "elapsed_s": time.monotonic() - began,
    }


def _described(plan: Plan) -> str:
    locust = "locust (FastHttpUser, closed loop, zero wait), one process per round"
    if plan.load_generator == "wrk":
        streams = [w for w in plan.workloads if generator_for(plan, w) == "locust"]
        what = "wrk 4.1 (one connection per thread, closed loop, zero wait, wrk.lua), one process per round"
        if streams:
            what += f"; {', '.join(streams)} by {locust} (wrk cannot time a first token)"
    else:
        what = locust
    if plan.honour_retry_after:
        return what + "; a shed client waits what retry-after says"
    return what + "; a shed client sends its next request at once"


def _cell(workload: str, concurrency: int, rounds: dict[str, list[Round]]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for name, rs in rounds.items():
        try:
            rows[name] = summarise(rs)
        except NoSamples:
            failures = merged_failures(rs)
            rows[name] = {"requests": 0, "failures": sum(failures.values()), "failure_reasons": failures}
    direct = rows.get("direct")
    for name, row in rows.items():
        if name != "direct" and direct and "p50_ms" in direct and "p50_ms" in row:
            row.update(added_over(row, direct))
    return {"workload": workload, "concurrency": concurrency, "paths": rows}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.sidebyside", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short run: concurrency 1 and 16, 2 s windows")
    parser.add_argument("--paths", default=",".join(DEFAULT_PATHS), help=f"from: {', '.join(PATHS)}")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help=f"from: {', '.join(WORKLOADS)}")
    parser.add_argument("--concurrency", default=None, help="comma-separated (default 1,16,64,256)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per path and cell (default 1)")
    parser.add_argument("--duration", type=int, default=None, help="measured seconds per round (default 3)")
    parser.add_argument("--warmup", type=float, default=None, help="seconds dropped per round (default 0.5)")
    parser.add_argument(
        "--load-generator",
        choices=("locust", "wrk"),
        default="locust",
        help="locust (default) or wrk, a C client that leaves the cores to the servers (not for streams)",
    )
    parser.add_argument(
        "--ignore-retry-after",
        action="store_true",
        help="a client answered 503 with retry-after sends its next request at once (default: it waits "
        "what retry-after says, as the OpenAI SDK does)",
    )
    parser.add_argument(
        "--max-in-flight",
        type=int,
        help="the gateway's server.max_in_flight (requests in flight per worker before it sheds)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results", help="results directory")
    parser.add_argument("--name", default="comparison", help="results file stem (default comparison)")
    parser.add_argument(
        "--working-tree",
        action="store_true",
        help="run the gateway from the working tree (default: the code committed at HEAD)",
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help=f"also run `{BASELINE}`: the gateway as committed at REV, interleaved with the rest",
    )
    args = parser.parse_args(argv)
    if args.load_generator == "wrk":
        try:
            wrk.binary()
        except wrk.WrkUnavailable as e:
            parser.error(str(e))
    if args.baseline:
        PATHS[BASELINE] = baseline(args.baseline)
        args.paths += f",{BASELINE}"
    for field, values, known in (("paths", args.paths, PATHS), ("workloads", args.workloads, WORKLOADS)):
        unknown = [v for v in values.split(",") if v not in known]
        if unknown:
            parser.error(f"unknown {field}: {', '.join(unknown)}")
    return args


def plan_from(args: argparse.Namespace) -> Plan:
    quick = args.quick
    concurrency = args.concurrency or ("1,16" if quick else "1,16,64,256")
    return Plan(
        paths=tuple(args.paths.split(",")),
        workloads=tuple(args.workloads.split(",")),
        concurrency=tuple(int(c) for c in concurrency.split(",")),
        rounds=args.rounds or 1,
        duration_s=args.duration or (2 if quick else 3),
        warmup_s=args.warmup if args.warmup is not None else 0.5,
        load_generator=args.load_generator,
        honour_retry_after=not args.ignore_retry_after,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.max_in_flight:
        GATEWAY_SERVER["max_in_flight"] = args.max_in_flight
    result = run(plan_from(args), working_tree=args.working_tree)
    written = report.write(result, args.out, args.name)
    print(report.markdown(result))
    for path in written:
        print(f"written to {path}")
    return 0
