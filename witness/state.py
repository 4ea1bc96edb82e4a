"""What a witness remembers: its key, the logs it witnesses and, per log, the last size and root it cosigned.

State lives in one directory: ``witness.key`` (the Ed25519 seed, base64, mode 0600), ``witness.vkey``
(its public verifier key) and ``state.json`` (origin → size and root), replaced atomically and
fsynced before a cosignature leaves, so a witness never cosigns two inconsistent checkpoints.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from audit.cosignature import CosignatureSigner


class StateError(Exception):
    """The witness state cannot be read or written."""


@dataclass(frozen=True)
class TreeHead:
    size: int
    root: bytes


def load_or_create_key(directory: Path, name: str) -> CosignatureSigner:
    """The witness key in ``directory`` (created, 0600, with its ``.vkey``, if missing)."""
    path = directory / "witness.key"
    try:
        seed = base64.b64decode(path.read_text().strip(), validate=True)
        return CosignatureSigner.from_seed(name, seed)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as e:
        raise StateError(f"cannot read the witness key {path}: {e}") from None
    signer = CosignatureSigner(name, Ed25519PrivateKey.generate())
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, base64.b64encode(signer.seed()) + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    (directory / "witness.vkey").write_text(signer.vkey() + "\n")
    return signer


class WitnessState:
    """The latest cosigned tree head per log origin, persisted before each cosignature."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self._heads = self._load()

    def _load(self) -> dict[str, TreeHead]:
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            raise StateError(f"cannot read the witness state {self.path}: {e}") from None
        return {o: TreeHead(h["size"], base64.b64decode(h["root"])) for o, h in data["logs"].items()}

    def head(self, origin: str) -> TreeHead:
        return self._heads.get(origin, TreeHead(0, b""))

    def advance(self, origin: str, head: TreeHead) -> None:
        """Record ``head`` durably (callers hold ``lock`` and have checked consistency)."""
        heads = {**self._heads, origin: head}
        data = {
            "logs": {o: {"size": h.size, "root": base64.b64encode(h.root).decode()} for o, h in heads.items()}
        }
        tmp = self.path.with_name(f"{self.path.name}.tmp{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(fd, json.dumps(data, indent=1).encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
        except OSError as e:
            raise StateError(f"cannot write the witness state {self.path}: {e.strerror}") from None
        self._heads = heads
