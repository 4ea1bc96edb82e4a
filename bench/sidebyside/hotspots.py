"""Where the gateway spends its CPU under load: py-spy samples of the whole process tree, summarised.

Starts the simulator and the gateway (full pipeline, SQLite audit), drives it with the same locust
user as the side-by-side run, and records the gateway and its children (classifier pool, workers)
with ``py-spy record --subprocesses --format raw``. Only samples of busy threads are kept (py-spy
drops idle ones), so a share is a share of CPU time. Writes bench/results/<name>.json and .md with
the top functions by own time and by inclusive time, and the share of each component.

    python -m bench.sidebyside.hotspots [--concurrency 16] [--seconds 20] [--workers 1] [--revision REV]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench.sidebyside.run import Plan, drive
from bench.sidebyside.servers import ROOT, snapshot_code, start_gateway, start_simulator, wait_ready

# Frames every request passes through on its way to the pipeline: they would top every list.
_ENTRY_POINTS = ("sovgw/cli.py", "gateway/server.py")
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


class ProfilerMissing(Exception):
    """py-spy is not installed next to this Python (it is in the dev lock)."""


def frame_key(frame: str) -> str | None:
    """``function (file:line)`` as ``file:function`` with the file relative to the package root."""
    m = _FRAME.match(frame.strip())
    if not m:
        return None  # process and thread labels
    path = m["file"]
    for marker in ("site-packages/", "/lib/python3.11/", str(ROOT) + "/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{m['func']}"


def component(key: str) -> str:
    """A function's component: the project's module folder, else the third-party package or stdlib."""
    path = key.rsplit(":", 1)[0]
    parts = path.split("/")
    if parts[0] in ("gateway", "audit"):
        return "/".join(parts[:2]) if len(parts) > 2 else parts[0]
    if path.startswith("<"):
        return "interpreter"
    return parts[0].removesuffix(".py")


def process_label(stack: str) -> str:
    """Which process of the tree a stack came from. py-spy nests a child's stack under its parent's
    ``process PID:"cmdline"`` frame; the classifier's workers are multiprocessing spawns."""
    return "classifier pool" if "from multiprocessing.spawn import spawn_main" in stack else "gateway process"


def summarise(collapsed: list[str], top: int = 25) -> dict[str, Any]:
    """Own shares per function, component and process, and inclusive shares of the project's own
    functions (gateway/, audit/: the ones the fixes go into), from py-spy's raw lines."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    processes: Counter[str] = Counter()
    total = 0
    for line in collapsed:
        stack, _, count_text = line.rstrip().rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        keys = [k for k in (frame_key(f) for f in stack.split(";")) if k]
        if not keys:
            continue
        total += count
        own[keys[-1]] += count
        parts[component(keys[-1])] += count
        processes[process_label(stack)] += count
        for k in set(keys):
            if k.startswith(("gateway/", "audit/")) and not k.startswith(_ENTRY_POINTS):
                inclusive[k] += count
    if total == 0:
        return {"samples": 0, "own": [], "inclusive": [], "components": [], "processes": []}

    def share(counter: Counter[str], n: int) -> list[dict[str, Any]]:
        return [{"where": k, "share": c / total} for k, c in counter.most_common(n)]

    return {
        "samples": total,
        "own": share(own, top),
        "inclusive": share(inclusive, top),
        "components": share(parts, top),
        "processes": share(processes, top),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"# Gateway CPU profile under load: {result['when']}",
        "",
        f"{result['workload']} at concurrency {result['concurrency']}, gateway workers {result['workers']}, "
        f"{result['profile']['samples']} busy samples over {result['seconds']} s "
        f"({result['throughput_rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms while profiled). "
        "Shares are of busy samples across the gateway's process tree.",
    ]
    for title, key in (
        ("Processes", "processes"),
        ("Components (own time)", "components"),
        ("Functions by own time", "own"),
        ("Project functions by inclusive time", "inclusive"),
    ):
        lines += ["", f"## {title}", "", "| share | where |", "|---|---|"]
        lines += [f"| {r['share']:.1%} | `{r['where']}` |" for r in result["profile"][key]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sidebyside.hotspots", description=__doc__)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=20, help="how long to record")
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    parser.add_argument("--workload", default="prompt_1kb")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results")
    parser.add_argument("--name", default="profile_gateway")
    parser.add_argument("--revision", default="HEAD", help="the commit to profile (default HEAD)")
    parser.add_argument("--keep-raw", type=Path, help="also keep py-spy's collapsed stacks here (speedscope)")
    args = parser.parse_args(argv)
    pyspy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if pyspy is None:
        raise ProfilerMissing("py-spy is not installed (it is in requirements/dev.txt)")
    plan = Plan(("sovgw-sqlite",), (args.workload,), (args.concurrency,), 1, args.seconds, 2.0)
    with tempfile.TemporaryDirectory(prefix="sovgw-profile-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        env, code = snapshot_code(workdir, args.revision)
        sim = wait_ready(start_simulator(workdir, env))
        stack.callback(sim.stop)
        database = f"sqlite:///{workdir / 'audit.db'}"
        gateway = start_gateway("sovgw-sqlite", workdir, sim.url, database, args.workers, "process", env)
        stack.callback(gateway.stop)
        wait_ready(gateway)
        raw = workdir / "profile.txt"
        # Record from 3 s in (past locust's start and the warm-up) for the measured window.
        recorder = subprocess.Popen(
            [
                "sh",
                "-c",
                f"sleep 3 && exec {pyspy} record --pid {gateway.pid} --subprocesses --nonblocking "
                f"--rate 250 --format raw --duration {args.seconds} -o {raw}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started = time.monotonic()
        result = drive(gateway, sim, args.workload, args.concurrency, plan, workdir)
        _, err = recorder.communicate(timeout=args.seconds + 60)
        if not raw.exists():
            raise ProfilerMissing(f"py-spy wrote no profile: {err.decode()[-500:]}")
        profile = summarise(raw.read_text().splitlines())
        if args.keep_raw:
            shutil.copyfile(raw, args.keep_raw)
        elapsed = time.monotonic() - started
    from bench.sidebyside.stats import summarise as summarise_round

    row = summarise_round([result])
    report = {
        "benchmark": "profile_gateway",
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "workload": args.workload,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "gateway_code": code,
        "seconds": args.seconds,
        "elapsed_s": elapsed,
        "throughput_rps": row["throughput_rps"],
        "p50_ms": row["p50_ms"],
        "profile": profile,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / f"{args.name}.md").write_text(markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
