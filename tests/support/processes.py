"""The processes a test started, read from /proc: children, whole trees, whether one still runs."""

from __future__ import annotations

from pathlib import Path

_PROC = Path("/proc")


def _parent(stat: Path) -> int | None:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None  # gone while we read


def children(pid: int) -> set[int]:
    return {int(stat.parent.name) for stat in _PROC.glob("[0-9]*/stat") if _parent(stat) == pid}


def tree(pid: int) -> set[int]:
    """Every descendant of ``pid``."""
    found, todo = set(), [pid]
    while todo:
        below = children(todo.pop())
        found |= below
        todo.extend(below)
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie."""
    try:
        return (_PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def cmdline(pid: int) -> str:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"
