"""The interface the gateway writes the trail through, and the one failure it must handle."""

from __future__ import annotations

from typing import Protocol

from domain.events import AuditEvent


class AuditUnavailable(Exception):
    """The record could not be committed durably. The request must not be forwarded."""


class AuditLog(Protocol):
    async def append(self, event: AuditEvent) -> int:
        """Commit ``event`` durably and return its sequence number.

        Raises ``AuditUnavailable`` when the record is not durably committed; the caller must then
        forward nothing.
        """
        ...

    async def append_promised(self, event: AuditEvent) -> tuple[int, str]:
        """``append``, and the log's signed promise for the record (``audit.promise``): the value of
        the ``x-sovgw-promise`` header."""
        ...

    async def ready(self) -> bool:
        """True when a record could be committed now."""
        ...

    async def aclose(self) -> None:
        """Sign a final checkpoint and release the store."""
        ...
