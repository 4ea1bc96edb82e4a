"""Counting the lines a call runs in given modules: how tests hold work to the text's length."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


def lines_run(files: set[str], call: Callable[[], T]) -> tuple[T, int]:
    """What ``call`` returns, and how many lines of the modules at ``files`` it ran."""
    steps = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        nonlocal steps
        if frame.f_code.co_filename not in files:
            return None
        steps += event == "line"
        return trace

    sys.settrace(trace)
    try:
        result = call()
    finally:
        sys.settrace(None)
    return result, steps
