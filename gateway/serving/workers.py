"""Several worker processes behind one port, each handed an even share of the connections.

When workers accept from a shared socket, whichever is awake first takes a burst of connections
(12 and 4 of 16 were seen), so one worker queues while the other idles. Here, as in Node's cluster
module, the supervisor accepts every connection and passes it (``SCM_RIGHTS``) to the ready worker
holding the fewest; each worker says when one of its connections closes. The cost is one hand-off
per connection, none per request: kept-alive connections stay with their worker. A worker that dies
takes its connections with it (and one handed over in the instant it died); the supervisor starts
another in its place.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import selectors
import signal
import socket
import time
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

import uvicorn

from gateway.config import ServerConfig
from gateway.serving.uvicorn_setup import uvicorn_config

log = logging.getLogger(__name__)

READY, CLOSED = b"r", b"c"  # what a worker tells the supervisor, one byte each
STARTUP_FAILURE = 3  # uvicorn's exit code for a worker whose app failed to start: restarting won't help
_MAX_FDS = 64


@dataclass
class _Worker:
    process: BaseProcess
    channel: socket.socket  # the supervisor's end
    ready: bool = False
    open: int = 0  # connections handed over and not yet closed


@dataclass
class Supervisor:
    """Runs ``workers`` processes serving ``app`` (an import string of an app factory)."""

    app: str
    settings: ServerConfig
    workers: int
    _slots: list[_Worker] = field(default_factory=list)
    _stopping: bool = False

    def run(self, host: str, port: int) -> int:
        listener = socket.create_server((host, port), backlog=2048)
        listener.setblocking(False)
        selector = selectors.DefaultSelector()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._stop)
        self._slots = [self._start(selector) for _ in range(self.workers)]
        accepting = False
        try:
            while not self._stopping:
                for key, _ in selector.select(timeout=0.5):
                    if key.fileobj is listener:
                        self._hand_out(listener)
                    else:
                        self._hear(key.data, selector)
                if not accepting and any(w.ready for w in self._slots):
                    # As soon as one worker can serve: the others take their share once ready.
                    selector.register(listener, selectors.EVENT_READ)
                    accepting = True
                    log.info("serving on %s:%d", host, port)
                if any(w.process.exitcode == STARTUP_FAILURE for w in self._slots):
                    log.error("a worker could not start; stopping")
                    return STARTUP_FAILURE
        finally:
            listener.close()
            self._stop_workers()
        return 0

    def _start(self, selector: selectors.BaseSelector) -> _Worker:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        process = multiprocessing.get_context("spawn").Process(
            target=serve_worker, args=(self.app, self.settings, theirs), name="sovgw-worker"
        )
        process.start()
        theirs.close()
        ours.setblocking(False)
        worker = _Worker(process, ours)
        selector.register(ours, selectors.EVENT_READ, worker)
        return worker

    def _hand_out(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as e:  # out of file descriptors, for one: the client retries
                log.warning("accept failed: %s", e.strerror)
                return
            with conn:
                for worker in sorted((w for w in self._slots if w.ready), key=lambda w: w.open):
                    try:
                        socket.send_fds(worker.channel, [b"\0"], [conn.fileno()])
                    except OSError:
                        continue  # that worker is going: the next one takes it
                    worker.open += 1
                    break

    def _hear(self, worker: _Worker, selector: selectors.BaseSelector) -> None:
        try:
            news = worker.channel.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            news = b""
        if news:
            if not worker.ready and READY in news:
                worker.ready = True
                ready = sum(w.ready for w in self._slots)
                log.info("worker %s ready (%d of %d)", worker.process.pid, ready, self.workers)
            worker.open = max(0, worker.open - news.count(CLOSED))
            return
        # The worker is gone (its end closed): start another in its place.
        selector.unregister(worker.channel)
        worker.channel.close()
        worker.process.join(timeout=5)
        if self._stopping or worker.process.exitcode == STARTUP_FAILURE:
            return
        code = worker.process.exitcode
        log.warning("worker %s exited (code %s); starting another", worker.process.pid, code)
        time.sleep(0.5)  # a worker dying at once must not spin
        self._slots[self._slots.index(worker)] = self._start(selector)

    def _stop(self, signum: int, _: Any) -> None:
        self._stopping = True

    def _stop_workers(self) -> None:
        for worker in self._slots:
            if worker.process.is_alive() and worker.process.pid is not None:
                os.kill(worker.process.pid, signal.SIGTERM)  # uvicorn's graceful shutdown
        deadline = time.monotonic() + 30
        for worker in self._slots:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.channel.close()


def serve_worker(app: str, settings: ServerConfig, channel: socket.socket) -> None:
    """A worker process: serve the connections the supervisor hands over on ``channel``."""

    def closed() -> None:
        with contextlib.suppress(OSError):  # the supervisor is gone; the worker leaves with it
            channel.send(CLOSED)

    config = uvicorn_config(app, settings, closed, factory=True)
    _ChannelServer(config, channel).run()


class _ChannelServer(uvicorn.Server):
    """uvicorn's server with no listening socket: its connections arrive over ``channel``."""

    def __init__(self, config: uvicorn.Config, channel: socket.socket) -> None:
        super().__init__(config)
        self._channel = channel
        self._arriving: set[asyncio.Task[Any]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])  # the app's lifespan; no listener
        if self.should_exit or not self.started:
            return
        self._channel.setblocking(False)
        asyncio.get_running_loop().add_reader(self._channel.fileno(), self._receive)
        self._channel.send(READY)

    def _receive(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            # One byte comes with each connection: never more descriptors than fit.
            message, fds, _, _ = socket.recv_fds(self._channel, _MAX_FDS, _MAX_FDS)
        except BlockingIOError:
            return
        if not message:  # the supervisor is gone
            loop.remove_reader(self._channel.fileno())
            self.should_exit = True
            return
        config = self.config
        for fd in fds:
            conn = socket.socket(fileno=fd)

            def protocol() -> asyncio.Protocol:
                return config.http_protocol_class(  # type: ignore[call-arg]
                    config=config, server_state=self.server_state, app_state=self.lifespan.state
                )

            task = loop.create_task(loop.connect_accepted_socket(protocol, conn))
            self._arriving.add(task)
            task.add_done_callback(self._arriving.discard)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(self._channel.fileno())
        await super().shutdown(sockets=None)
