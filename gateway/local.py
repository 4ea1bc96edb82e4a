"""Serving an ASGI app on a loopback port from a background thread (demo, tests, benchmarks)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

from gateway.config import ServerConfig
from gateway.server import uvicorn_config, uvicorn_options


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThreadedServer:
    """With ``settings``, served as ``sovgw serve`` serves (read deadlines, connection cap)."""

    def __init__(
        self, app: Any, port: int | None = None, host: str = "127.0.0.1", settings: ServerConfig | None = None
    ):
        self.host = host
        self.port = port or free_port()
        if settings is not None:
            config = uvicorn_config(app, settings, host=host, port=self.port)
        else:
            loop, http = uvicorn_options()
            config = uvicorn.Config(
                app, host=host, port=self.port, log_level="warning", access_log=False, loop=loop, http=http
            )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True, name=f"server:{self.port}")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 60.0) -> ThreadedServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"server on port {self.port} failed to start")
            if time.monotonic() > deadline:
                raise TimeoutError(f"server on port {self.port} did not start in {timeout:.0f} s")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)

    def kill(self) -> None:
        """Drop every connection at once, as a crashed node would."""
        self._server.force_exit = True
        self._server.should_exit = True
        for server in getattr(self._server, "servers", []):
            for conn in list(getattr(server, "_connections", []) or []):
                conn.close()
        self._thread.join(timeout=30)

    def __enter__(self) -> ThreadedServer:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()
