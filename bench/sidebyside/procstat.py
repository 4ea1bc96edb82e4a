"""CPU time and peak memory of a server's whole process tree, read from /proc.

A server is its process and every descendant: uvicorn workers and the gateway's classifier pool
do the work in child processes, so counting the parent alone would understate it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


def process_tree(pid: int, proc: Path = PROC) -> list[int]:
    """``pid`` and its live descendants (those that exit between reads are skipped)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in (proc / str(p) / "task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return out


def cpu_seconds(pid: int, proc: Path = PROC) -> float:
    """User plus system CPU time of one process (fields 14 and 15 of /proc/<pid>/stat)."""
    stat = (proc / str(pid) / "stat").read_text()
    # The command name may hold spaces and parentheses: fields are counted after the last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def peak_rss_mib(pid: int, proc: Path = PROC) -> float:
    """The high-water mark of resident memory (VmHWM) of one process."""
    for line in (proc / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmHWM in /proc/{pid}/status")


@dataclass(frozen=True)
class TreeSample:
    cpu_s: dict[int, float]
    peak_rss_mib: float  # summed over the tree: what the server as a whole held at most


def sample_tree(pid: int, proc: Path = PROC) -> TreeSample:
    cpu: dict[int, float] = {}
    peak = 0.0
    for p in process_tree(pid, proc):
        try:
            cpu[p] = cpu_seconds(p, proc)
            peak += peak_rss_mib(p, proc)
        except FileNotFoundError:
            continue
    return TreeSample(cpu, peak)


def machine_busy_seconds(proc: Path = PROC) -> float:
    """CPU time every core of the machine has spent working since boot: user, nice, system, irq and
    softirq of /proc/stat's ``cpu`` line. It holds what no process is charged with (the kernel's
    loopback networking in softirq, other processes), which a bound from the processes misses."""
    fields = (proc / "stat").read_text().splitlines()[0].split()
    assert fields[0] == "cpu", "the first line of /proc/stat sums every core"
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[1:8])
    return (user + nice + system + irq + softirq) / _TICKS


def cpu_between(before: TreeSample, after: TreeSample) -> float:
    """CPU seconds the tree spent between two samples; a process born in between counts from zero."""
    return sum(t - before.cpu_s.get(p, 0.0) for p, t in after.cpu_s.items())
