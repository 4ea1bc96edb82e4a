"""uvicorn's settings for a gateway worker: event loop, the guarded protocol, no access log."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any, Literal

import uvicorn

from gateway.config import ServerConfig
from gateway.serving.protocol import guarded_protocol


def uvicorn_options() -> tuple[Literal["uvloop", "asyncio"], Literal["httptools", "h11"]]:
    """The event loop and HTTP parser: uvloop and httptools where installed (they are locked)."""
    if importlib.util.find_spec("uvloop") and importlib.util.find_spec("httptools"):
        return "uvloop", "httptools"
    return "asyncio", "h11"


def uvicorn_config(
    app: Any, settings: ServerConfig, closed: Callable[[], None] | None = None, **options: Any
) -> uvicorn.Config:
    """One worker's configuration: the guarded protocol (read deadlines, connection cap; ``closed``
    hears of each connection's end), the keep-alive bound, and no access log (it would carry client
    addresses)."""
    loop, _ = uvicorn_options()
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        loop=loop,
        http=guarded_protocol(settings, closed),
        timeout_keep_alive=settings.keep_alive_s,
        **options,
    )
