"""Serving the node-agent: on a port until stopped (``sovgw node-agent``), or from a background
thread (the demo and tests)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from types import TracebackType

from nodeagent.app import AgentSettings, NodeAgent
from nodeagent.wire import Downstream


async def serve(
    agent: NodeAgent, host: str, port: int, stop: asyncio.Event, started: threading.Event | None = None
) -> None:
    """Serves until ``stop`` is set, then closes every connection. Raises ``OSError`` if the port
    cannot be bound."""
    connections: set[Downstream] = set()

    def accept() -> Downstream:
        conn = Downstream(agent.handle)
        connections.add(conn)
        return conn

    server = await asyncio.get_running_loop().create_server(accept, host, port, reuse_address=True)
    if started is not None:
        started.set()
    try:
        await stop.wait()
    finally:
        server.close()
        for conn in connections:
            conn.close()
        agent.close()
        await server.wait_closed()


def run(settings: AgentSettings, host: str, port: int) -> None:
    """Until SIGINT or SIGTERM; on uvloop when installed."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(NodeAgent(settings), host, port, stop)

    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())


class ThreadedAgent:
    """A node-agent on a loopback port, served from a background thread."""

    def __init__(self, agent: NodeAgent | AgentSettings, port: int = 0, host: str = "127.0.0.1") -> None:
        self.agent = agent if isinstance(agent, NodeAgent) else NodeAgent(agent)
        self.host, self.port = host, port or _free_port(host)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"node-agent:{self.port}")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 30.0) -> ThreadedAgent:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._started.wait(0.02):
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError(f"node-agent on port {self.port} failed to start") from self._error
            if time.monotonic() > deadline:
                raise TimeoutError(f"node-agent on port {self.port} did not start in {timeout:.0f} s")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):  # already stopped: its loop is closed
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        async def main() -> None:
            self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
            await serve(self.agent, self.host, self.port, self._stop, self._started)

        try:
            asyncio.run(main())
        except BaseException as e:  # reported by start()
            self._error = e

    def __enter__(self) -> ThreadedAgent:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()


def _free_port(host: str) -> int:
    import socket

    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
