"""The run's figures as JSON, a Markdown table and a plot of added latency against concurrency."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.sidebyside.workloads import WORKLOADS

# The targets, checked on every run (2-core machine, zero think time in the simulator).
TARGET_ADDED_P50_MS = 5.0
TARGET_ADDED_P99_MS = 20.0
TARGET_TTFT_MS = 5.0


def saturation(cells: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per workload and path, the highest throughput reached at any concurrency."""
    out: dict[str, dict[str, float]] = {}
    for cell in cells:
        for name, row in cell["paths"].items():
            if "throughput_rps" in row:
                best = out.setdefault(cell["workload"], {})
                best[name] = max(best.get(name, 0.0), row["throughput_rps"])
    return out


def _f(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def cell_line(cell: dict[str, Any]) -> str:
    parts = [f"{cell['workload']} c={cell['concurrency']}:"]
    for name, row in cell["paths"].items():
        added = (
            f" (+{_f(row.get('added_p50_ms'))}/+{_f(row.get('added_p99_ms'))})"
            if "added_p50_ms" in row
            else ""
        )
        parts.append(f"{name} p50/p99 {_f(row.get('p50_ms'))}/{_f(row.get('p99_ms'))} ms{added}")
    return "  ".join(parts)


# Each gateway setup measured against the targets, and the LiteLLM setup with as many workers.
SETUPS = (("sovgw-sqlite", "litellm", "1 worker"), ("sovgw-sqlite-2w", "litellm-2w", "2 workers"))


def targets(
    result: dict[str, Any], path: str = "sovgw-sqlite", litellm: str = "litellm"
) -> list[tuple[str, bool | None, str]]:
    """(target, met or None when not measured, what was measured) for the issue's targets."""
    rows = {(c["workload"], c["concurrency"]): c["paths"] for c in result["cells"]}
    out: list[tuple[str, bool | None, str]] = []
    one_kb = rows.get(("prompt_1kb", 16), {}).get(path, {})
    for key, limit in (("added_p50_ms", TARGET_ADDED_P50_MS), ("added_p99_ms", TARGET_ADDED_P99_MS)):
        value = one_kb.get(key)
        out.append(
            (
                f"1 KB prompt, c=16: {key.replace('_ms', '')} <= {limit:g} ms",
                None if value is None else value <= limit,
                f"{_f(value)} ms",
            )
        )
    for c in (1, 16):
        value = rows.get(("stream_200", c), {}).get(path, {}).get("added_ttft_p50_ms")
        out.append(
            (
                f"stream, c={c}: TTFT overhead p50 <= {TARGET_TTFT_MS:g} ms",
                None if value is None else value <= TARGET_TTFT_MS,
                f"{_f(value)} ms",
            )
        )
    sat = result["saturation_rps"].get("prompt_1kb", {})
    ours, theirs = sat.get(path), sat.get(litellm)
    met = None if ours is None or theirs is None else ours >= theirs
    out.append((f"1 KB prompt: saturation >= {litellm}", met, f"{_f(ours, 0)} vs {_f(theirs, 0)} req/s"))
    return out


TARGET_SCALING = 1.8  # 2 workers' throughput over 1 worker's at c=16
TARGET_CPU_RISE = 0.05  # 2 workers' CPU per request over 1 worker's
TARGET_TAIL = 3.0  # p99 over p50 at c=64
# (1 worker, 2 workers) compared for scaling; each path whose c=64 tail is held to TARGET_TAIL.
SCALING = ("sovgw-sqlite", "sovgw-sqlite-2w")
OVERLOAD = ("sovgw-sqlite-bound16", "sovgw-sqlite-2w-bound16", "sovgw-sqlite", "sovgw-sqlite-2w")


def scaling_targets(result: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """The issue's must-show for workers and overload, for the paths of this run that bear on it."""
    rows = {(c["workload"], c["concurrency"]): c["paths"] for c in result["cells"]}
    out: list[tuple[str, bool | None, str]] = []
    one, two = (rows.get(("prompt_1kb", 16), {}).get(p, {}) for p in SCALING)
    if "throughput_rps" in one and "throughput_rps" in two:
        ratio = two["throughput_rps"] / one["throughput_rps"]
        out.append(
            (
                f"c=16: {SCALING[1]} >= {TARGET_SCALING:g}x the throughput of {SCALING[0]}",
                ratio >= TARGET_SCALING,
                f"{ratio:.2f}x ({two['throughput_rps']:.0f} vs {one['throughput_rps']:.0f} req/s)",
            )
        )
        rise = two["cpu_ms_per_request"] / one["cpu_ms_per_request"] - 1
        out.append(
            (
                f"c=16: CPU per request of {SCALING[1]} within {TARGET_CPU_RISE:.0%} of {SCALING[0]}",
                rise <= TARGET_CPU_RISE,
                f"{rise:+.1%} ({two['cpu_ms_per_request']:.2f} vs {one['cpu_ms_per_request']:.2f} ms)",
            )
        )
    for path in OVERLOAD:
        row = rows.get(("prompt_1kb", 64), {}).get(path, {})
        if "p50_ms" in row:
            tail = row["p99_ms"] / row["p50_ms"]
            out.append(
                (
                    f"c=64: {path} p99 <= {TARGET_TAIL:g}x p50 (answered requests)",
                    tail <= TARGET_TAIL,
                    f"{tail:.1f}x ({row['p99_ms']:.0f} / {row['p50_ms']:.0f} ms), {row.get('shed', 0)} shed, "
                    f"{row['throughput_rps']:.0f} req/s",
                )
            )
    return out


def floor_line(result: dict[str, Any]) -> str | None:
    """What the server and client alone add at the c=16 target, when the floor path ran."""
    row = next(
        (
            c["paths"].get("floor")
            for c in result["cells"]
            if (c["workload"], c["concurrency"]) == ("prompt_1kb", 16)
        ),
        None,
    )
    if not row:
        return None
    return (
        "For scale, `floor` (the same server and upstream client, no pipeline) adds "
        f"{_f(row.get('added_p50_ms'))} / {_f(row.get('added_p99_ms'))} ms (p50 / p99) "
        "to 1 KB prompts at c=16."
    )


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"# Side by side: {result['when']}",
        "",
        f"Machine: {result['machine']['cpus']} CPUs, Python {result['machine']['python']}. "
        f"Load generator: {result['load_generator']}. Plan: {json.dumps(result['plan'])}. "
        f"Run took {result['elapsed_s']:.0f} s.",
        "",
        "Added latency is the path's percentile minus the direct path's in the same cell; CPU is the "
        "server's whole process tree (workers and classifier pool included) per completed request; "
        "memory is the tree's summed peak resident set (VmHWM).",
        "",
        "Paths: " + "; ".join(f"`{n}` {p['title']}" for n, p in result["paths"].items()) + ".",
    ]
    for name, why in result["skipped"].items():
        lines.append(f"Skipped `{name}`: {why.splitlines()[0]}")
    for path, litellm, setup in SETUPS:
        if path not in result["paths"]:
            continue
        lines += ["", f"## Targets (Sovereign Gateway on SQLite, {setup})", ""]
        for what, met, value in targets(result, path, litellm):
            verdict = "not measured" if met is None else ("met" if met else "MISSED")
            lines.append(f"- {what}: {value}, {verdict}")
    if scaling := scaling_targets(result):
        lines += ["", "## Targets (workers and overload, 1 KB prompt)", ""]
        for what, met, value in scaling:
            verdict = "not measured" if met is None else ("met" if met else "MISSED")
            lines.append(f"- {what}: {value}, {verdict}")
    if floor := floor_line(result):
        lines += ["", floor]
    lines += ["", "## Saturation throughput (req/s, best over concurrency)", ""]
    paths = list(result["paths"])
    lines += ["| workload | " + " | ".join(paths) + " |", "|---" * (len(paths) + 1) + "|"]
    for workload, best in result["saturation_rps"].items():
        lines.append(f"| {workload} | " + " | ".join(_f(best.get(p), 0) for p in paths) + " |")
    head = (
        "| conc. | path | p50 ms | p99 ms | added p50 | added p99 | TTFT p50 | added TTFT p50 | "
        "req/s | CPU ms/req | peak MiB | failed | shed |"
    )
    for workload in result["plan"]["workloads"]:
        lines += ["", f"## {WORKLOADS[workload].title} (`{workload}`)", "", head, "|---" * 13 + "|"]
        for cell in (c for c in result["cells"] if c["workload"] == workload):
            for name, row in cell["paths"].items():
                values = [
                    _f(row.get(k))
                    for k in (
                        "p50_ms",
                        "p99_ms",
                        "added_p50_ms",
                        "added_p99_ms",
                        "ttft_p50_ms",
                        "added_ttft_p50_ms",
                    )
                ]
                values += [_f(row.get("throughput_rps"), 0), _f(row.get("cpu_ms_per_request"), 2)]
                values += [_f(row.get("peak_rss_mib"), 0), str(row.get("failures", 0))]
                values.append(str(row.get("shed", 0)))
                lines.append(f"| {cell['concurrency']} | {name} | " + " | ".join(values) + " |")
        failed = [
            f"c={cell['concurrency']} {name}: "
            + ", ".join(f"{why} x{n}" for why, n in row.get("failure_reasons", {}).items())
            for cell in result["cells"]
            if cell["workload"] == workload
            for name, row in cell["paths"].items()
            if row.get("failure_reasons")
        ]
        if failed:
            lines += ["", "Failures: " + "; ".join(failed) + "."]
    lines += beside(result)
    return "\n".join(lines) + "\n"


def scaling_bound(server_ms: float, others_ms: float) -> float:
    """What 2 workers on 2 cores can reach at most, as a multiple of one worker's throughput: one
    worker has a core to itself (1/g requests a second), two share both cores with the rest of the
    bench (2/(g+o))."""
    return 2 * server_ms / (server_ms + others_ms)


def beside(result: dict[str, Any]) -> list[str]:
    """The CPU the rest of the bench spends per answered request, and the bound it puts on 2 workers."""
    rows = [
        (cell, name, row)
        for cell in result["cells"]
        for name, row in cell["paths"].items()
        if name != "direct" and row.get("cpu_ms_per_request") and "sim_cpu_ms_per_request" in row
    ]
    if not rows:
        return []
    lines = [
        "",
        "## CPU beside the server (ms per answered request)",
        "",
        "g is the server's process tree, o the load generator's and the node simulator's together. On "
        "2 cores, 2 workers can reach at most 2g/(g+o) of one worker's throughput. The whole machine's "
        "busy time per request, T, also holds what no process is charged with (the kernel's loopback "
        "networking, everything else running): 2g/T bounds 2 workers tighter.",
        "",
        "| workload | conc. | path | g | load generator | simulator | 2-worker bound "
        "| whole machine T | 2g/T |",
        "|---" * 9 + "|",
    ]
    for cell, name, row in rows:
        g, gen, sim = (
            row["cpu_ms_per_request"],
            row["loadgen_cpu_ms_per_request"],
            row["sim_cpu_ms_per_request"],
        )
        machine = row.get("machine_cpu_ms_per_request")
        whole = f"{_f(machine, 2)} | {2 * g / machine:.2f}x" if machine else "- | -"
        lines.append(
            f"| {cell['workload']} | {cell['concurrency']} | {name} | {_f(g, 2)} | {_f(gen, 2)} "
            f"| {_f(sim, 2)} | {scaling_bound(g, gen + sim):.2f}x | {whole} |"
        )
    return lines


def _panels(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(title, workload, p50 key, p99 key) per panel: added latency per workload, then TTFT overhead."""
    panels = [(WORKLOADS[w].title, w, "added_p50_ms", "added_p99_ms") for w in result["plan"]["workloads"]]
    panels += [
        (f"{WORKLOADS[w].title}: time to first token", w, "added_ttft_p50_ms", "added_ttft_p99_ms")
        for w in result["plan"]["workloads"]
        if WORKLOADS[w].stream
    ]
    return panels


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = _panels(result)
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 4.2), squeeze=False)
    floor = 0.1  # log scale: an overhead at or below 0.1 ms (or a negative one, noise) sits on the floor
    for ax, (title, workload, p50, p99) in zip(axes[0], panels, strict=True):
        cells = [c for c in result["cells"] if c["workload"] == workload]
        for i, name in enumerate(p for p in result["paths"] if p != "direct"):
            points = [(c["concurrency"], c["paths"].get(name, {})) for c in cells]
            points = [(x, row) for x, row in points if p50 in row]
            if not points:
                continue
            xs = [x for x, _ in points]
            colour = f"C{i}"
            ax.plot(xs, [max(floor, r[p50]) for _, r in points], "o-", color=colour, label=f"{name} p50")
            ax.plot(xs, [max(floor, r[p99]) for _, r in points], "s--", color=colour, label=f"{name} p99")
        ax.set_xscale("log", base=2)
        ax.set_xticks(result["plan"]["concurrency"], [str(c) for c in result["plan"]["concurrency"]])
        ax.set_yscale("log")
        ax.set_ylim(bottom=floor)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("concurrency")
        ax.grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("added over direct (ms)")
    axes[0][-1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write(result: dict[str, Any], out: Path, name: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.json", out / f"{name}.md"]
    paths[0].write_text(json.dumps(result, indent=2) + "\n")
    paths[1].write_text(markdown(result))
    png = out / ("added_latency.png" if name == "comparison" else f"{name}_added_latency.png")
    plot(result, png)
    return [*paths, png]
