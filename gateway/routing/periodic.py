"""Checks run on every node once at start, then every interval until closed (health, identity)."""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod

from gateway.routing.node import NodeState


class NodeChecks(ABC):
    task_name = "node-checks"

    def __init__(self, nodes: list[NodeState], interval_s: float) -> None:
        self._nodes = nodes
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    @abstractmethod
    async def check(self, node: NodeState) -> None:
        """One node's check; it records its own outcome and never raises."""

    async def start(self) -> None:
        if not self._nodes:
            return
        await self.check_all()
        self._task = asyncio.create_task(self._loop(), name=self.task_name)

    async def aclose(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def check_all(self) -> None:
        await asyncio.gather(*(self.check(n) for n in self._nodes))

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._interval_s)
            await self.check_all()
