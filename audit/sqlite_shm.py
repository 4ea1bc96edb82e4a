"""A SQLite log's shared-memory file (``-shm``) lost while in use: refused in time, or one clear line.

In WAL mode every process using the database maps ``<db>-shm`` into memory. If that file is
truncated, replaced or made unwritable (``chattr +i``) while mapped, the next access to the mapping
kills the process with SIGBUS, without a word. (SQLite keeps the index in heap memory instead only
with ``locking_mode=EXCLUSIVE``, which locks every other process out: several gateway workers, the
console's readers and ``sovgw audit verify`` share the file, so that is no option.) Two defences:

- ``check`` runs before every connection and transaction: the file gone, replaced, shorter than
  this process has seen it, or not writable raises ``SharedMemoryLost`` (an ``OSError``: the append
  fails, the request gets 503, ``/ready`` reports the store not ready) before SQLite touches the
  mapping. A connection that mapped a lost file is never closed, since closing writes to the mapping.
  Once writable again the store resumes; after truncation or replacement it needs a restart.
- For the instant between that check and SQLite's access, a SIGBUS handler writes one log line
  naming the file mapped at the faulting address and the fix, and exits with status 74 (EX_IOERR).
  A handler set with ``signal.signal`` never runs (the faulting access repeats for ever: the process
  hangs), so this one is set with libc's ``sigaction`` and runs on the faulting thread.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("sovgw.audit")

EXIT_IOERR = 74


class SharedMemoryLost(OSError):
    """The database's -shm file, mapped by this process, is gone, replaced, shorter or unwritable."""


@dataclass
class _Mapped:
    dev: int
    ino: int
    size: int  # the largest size seen: SQLite only grows the file while a connection has it open
    writable: bool  # mapped for writing (else SQLite reads it only, and may not write it)
    connections: int = 0
    lost: str | None = None  # why, once truncated, replaced or gone: until the process restarts


_lock = threading.Lock()
_mapped: dict[Path, _Mapped] = {}
_kept_open: list[sqlite3.Connection] = []


def shm_file(db: Path) -> Path:
    return db.with_name(db.name + "-shm")


def check(db: Path) -> None:
    """Raise ``SharedMemoryLost`` unless ``db``'s -shm is still the writable file this process mapped."""
    shm = shm_file(db)
    with _lock:
        mapped = _mapped.get(shm)
        if mapped is None:
            return  # not mapped by this process (yet): SQLite opens or creates it itself
        if mapped.lost is None:
            try:
                st = os.stat(shm)
            except FileNotFoundError:
                mapped.lost = "was removed"
            else:
                if (st.st_dev, st.st_ino) != (mapped.dev, mapped.ino):
                    mapped.lost = "was replaced by another file"
                elif st.st_size < mapped.size:
                    mapped.lost = f"was truncated from {mapped.size} to {st.st_size} bytes"
                else:
                    mapped.size = st.st_size
            if mapped.lost is not None:
                log.critical(
                    "the SQLite shared-memory file %s %s while this process had it mapped: every append "
                    "fails (503) and the gateway reports not ready until it is restarted (stop every "
                    "process using %s first; SQLite rebuilds the file from the WAL)",
                    shm,
                    mapped.lost,
                    db.name,
                )
        if mapped.lost is not None:
            raise SharedMemoryLost(f"{shm.name} {mapped.lost} while in use; restart the gateway")
        writable = mapped.writable
    if writable and not os.access(shm, os.W_OK):
        raise SharedMemoryLost(f"{shm.name} is not writable (read-only or immutable); make it writable again")


def opened(conn: Connection, db: Path) -> None:
    """``conn`` has mapped ``db``'s -shm (it has read the database): remember the file."""
    shm = shm_file(db)
    try:
        st = os.stat(shm)
    except FileNotFoundError:
        return  # not in WAL mode: nothing mapped
    with _lock:
        mapped = _mapped.get(shm)
        if mapped is None:
            mapped = _mapped[shm] = _Mapped(st.st_dev, st.st_ino, st.st_size, os.access(shm, os.W_OK))
        mapped.connections += 1
    conn.db_path = db


class Connection(sqlite3.Connection):
    """A connection that is not closed once its database's -shm is lost: closing writes to it."""

    db_path: Path | None = None  # set once it has mapped the database's -shm

    def close(self) -> None:
        db = self.db_path
        if db is None:
            super().close()
            return
        try:
            check(db)
        except SharedMemoryLost:
            _kept_open.append(self)  # held for the life of the process: never closed, never freed
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(self))
            return
        with _lock:
            mapped = _mapped.get(shm_file(db))
            if mapped is not None:
                mapped.connections -= 1
                if mapped.connections <= 0:  # SQLite unmaps the file: it may be recreated now
                    del _mapped[shm_file(db)]
        self.db_path = None
        super().close()

    def __del__(self) -> None:
        if self.db_path is not None:  # counted: forgotten, or kept open (revived), as by close()
            self.close()


class _SigAction(ctypes.Structure):
    """Linux's ``struct sigaction`` as glibc lays it out on 64-bit machines."""

    _fields_ = [
        ("sa_sigaction", ctypes.c_void_p),
        ("sa_mask", ctypes.c_ulong * 16),
        ("sa_flags", ctypes.c_int),
        ("sa_restorer", ctypes.c_void_p),
    ]


_SA_SIGINFO = 4
_SI_ADDR_OFFSET = 16  # siginfo_t: signo, errno, code, padding, then the faulting address
_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_installed: Any = None  # the handler, kept alive: libc holds only its address


def exit_clearly_on_sigbus() -> None:
    """Exit with one log line naming the file behind the fault instead of dying silently of SIGBUS."""
    global _installed
    if _installed is not None or ctypes.sizeof(ctypes.c_void_p) != 8 or not Path("/proc/self/maps").exists():
        return
    handler = _HANDLER(_on_sigbus)
    action = _SigAction()
    action.sa_sigaction = ctypes.cast(handler, ctypes.c_void_p).value
    action.sa_flags = _SA_SIGINFO
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.sigaction(signal.SIGBUS, ctypes.byref(action), None) != 0:
        log.warning("cannot install the SIGBUS handler: a lost -shm file would end the process silently")
        return
    _installed = handler


def _on_sigbus(_signum: int, info: int | None, _context: int | None) -> None:
    # Runs on the faulting thread; the process ends here, so nothing below has to be async-signal-safe.
    address = ctypes.c_void_p.from_address(info + _SI_ADDR_OFFSET).value if info else None
    path = _mapped_file(address or 0) or "a memory-mapped file"
    now = time.time()
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)) + f",{int(now % 1 * 1000):03d}"
    if path.endswith("-shm"):
        what = (
            f"the SQLite shared-memory file {path} was truncated, replaced or made unwritable while in use; "
            "exiting. Make it writable again (chattr -i, chmod u+w) or, with every gateway process "
            "stopped, remove it; then restart. Acknowledged records are in the database and its -wal file."
        )
    else:
        what = f"{path} was truncated or made unwritable while mapped; exiting. Restore it, then restart."
    os.write(2, f"{stamp} {os.getpid()} CRITICAL sovgw.audit: SIGBUS: {what}\n".encode())
    os._exit(EXIT_IOERR)


def _mapped_file(address: int) -> str | None:
    """The file mapped at ``address`` in this process, from /proc/self/maps."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                start, end = (int(x, 16) for x in fields[0].split("-"))
                if start <= address < end and len(fields) == 6:
                    return fields[5].strip().removesuffix(" (deleted)")
    except (OSError, ValueError):
        pass
    return None
