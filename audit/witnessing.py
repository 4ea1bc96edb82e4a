"""Sending each new checkpoint to the log's witnesses (C2SP tlog-witness) and keeping the quorum-cosigned one.

Runs beside the request path, never on it: a request's record is committed and answered whether
the witnesses answer or not. Each witness is sent ``old <size it knows>``, the consistency proof from
that size, and the signed checkpoint; a 409 teaches the size it knows and the request is repeated
once. A checkpoint counts as published when ``quorum`` witnesses cosigned it: that note is kept in a
file beside the last signed checkpoint, and it is what verifiers check the database extends.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from audit.checkpoint import Checkpoint, CheckpointError, split_note
from audit.cosignature import CosignatureVerifier, add_signature_lines, cosigners
from audit.log import AuditUnavailable

log = logging.getLogger("sovgw.audit.witnessing")

# (old size, new size) → the consistency proof between them, read from the stored tree.
ProofSource = Callable[[int, int], Awaitable[list[bytes]]]


@dataclass(frozen=True)
class Witnessed:
    note: str
    size: int
    cosigners: list[str]


class Witnessing:
    def __init__(
        self,
        witnesses: list[tuple[str, CosignatureVerifier]],
        quorum: int,
        timeout_s: float,
        proofs: ProofSource,
        path: Path,
    ) -> None:
        self.witnesses = witnesses
        self.quorum = quorum
        self.path = path
        self._proofs = proofs
        self._known = {v.name: 0 for _, v in witnesses}  # the size each witness last told us
        self._client = httpx.AsyncClient(timeout=timeout_s)
        self._lock = asyncio.Lock()  # checkpoints go out in the order they were signed
        self.latest: Witnessed | None = load_witnessed(path)

    async def submit(self, note: str) -> Witnessed | None:
        """Ask every witness to cosign ``note``; the kept note if the quorum cosigned, else None."""
        checkpoint = Checkpoint.parse_body(split_note(note)[0])
        async with self._lock:
            lines = await asyncio.gather(*(self._one(url, v, note, checkpoint) for url, v in self.witnesses))
            cosigned = add_signature_lines(note, [line for line in lines if line])
            names = cosigners(cosigned, [v for _, v in self.witnesses])
            if len(names) < self.quorum:
                log.warning(
                    "checkpoint of size %d cosigned by %d of the %d witnesses required",
                    checkpoint.size,
                    len(names),
                    self.quorum,
                )
                return None
            if self.latest is not None and self.latest.size >= checkpoint.size:
                return self.latest
            save_witnessed(self.path, cosigned)
            self.latest = Witnessed(cosigned, checkpoint.size, names)
            return self.latest

    async def _one(self, url: str, witness: CosignatureVerifier, note: str, cp: Checkpoint) -> str | None:
        for _ in range(2):  # the second time with the size a 409 taught
            old = self._known[witness.name]
            if old > cp.size:
                log.error("witness %s knows size %d, beyond this checkpoint's %d", witness.name, old, cp.size)
                return None
            try:
                proof = await self._proofs(old, cp.size) if old else []
                body = "".join(
                    [f"old {old}\n", *(base64.b64encode(h).decode() + "\n" for h in proof), "\n", note]
                )
                response = await self._client.post(url.rstrip("/") + "/add-checkpoint", content=body.encode())
            except (httpx.HTTPError, CheckpointError, LookupError, AuditUnavailable) as e:
                log.warning("witness %s not reached: %s", witness.name, type(e).__name__)
                return None
            if response.status_code == 409 and response.text.strip().isdigit():
                self._known[witness.name] = int(response.text.strip())
                continue
            if response.status_code != 200:
                log.warning(
                    "witness %s refused size %d: HTTP %d", witness.name, cp.size, response.status_code
                )
                return None
            line = response.text if response.text.endswith("\n") else response.text + "\n"
            try:
                witness.timestamp(add_signature_lines(note, [line]))
            except CheckpointError as e:
                log.error("witness %s answered with an invalid cosignature: %s", witness.name, e)
                return None
            self._known[witness.name] = cp.size
            return line
        return None

    async def aclose(self) -> None:
        await self._client.aclose()


def witnessed_file(remembered: Path) -> Path:
    """Where the latest quorum-cosigned checkpoint is kept: beside the last signed one."""
    return remembered.with_name(remembered.name.removesuffix(".last-checkpoint") + ".witnessed-checkpoint")


def load_witnessed(path: Path) -> Witnessed | None:
    try:
        note = path.read_text()
    except FileNotFoundError:
        return None
    try:
        return Witnessed(note, Checkpoint.parse_body(split_note(note)[0]).size, [])
    except CheckpointError as e:
        log.error("the kept witnessed checkpoint %s is unreadable: %s", path, e)
        return None


def save_witnessed(path: Path, note: str) -> None:
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, note.encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as e:
        log.error("cannot keep the witnessed checkpoint in %s: %s", path, e.strerror)
