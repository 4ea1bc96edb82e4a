"""Witness cosignatures (C2SP tlog-cosignature) and the k-of-n quorum a checkpoint needs to count.

A cosignature is a signature line on the log's checkpoint note, by a witness's own Ed25519 key. Its
key id is the first four bytes of SHA-256(name || "\\n" || 0x04 || public key); the signature bytes
are key id || timestamp (8 bytes, big-endian Unix seconds) || Ed25519 signature over
``cosignature/v1\\ntime <timestamp>\\n<checkpoint body>``. Witness verifier keys are published as
``<name>+<hex key id>+<base64(0x04 || public key)>``.

>>> w = CosignatureSigner.from_seed("witness.example", bytes(32))
>>> line = w.cosign(Checkpoint("example.org/log", 1, bytes(32)), timestamp=1700000000)
>>> line.startswith("\u2014 witness.example ")
True
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from audit.checkpoint import (
    SEED_BYTES,
    SIGNATURE_PREFIX,
    Checkpoint,
    CheckpointError,
    SigningKeyError,
    split_note,
)

COSIGNATURE_V1 = b"\x04"


def cosignature_key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + COSIGNATURE_V1 + public_key).digest()[:4]


def signed_message(checkpoint: Checkpoint, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{checkpoint.body()}".encode()


class CosignatureSigner:
    """A witness's key: cosigns checkpoint bodies it has checked."""

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        if not name or any(c.isspace() for c in name) or "+" in name:
            raise SigningKeyError(f"key name {name!r} must be non-empty, without spaces or '+'")
        self.name = name
        self._key = private_key
        self.public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = cosignature_key_id(name, self.public_key)

    @classmethod
    def from_seed(cls, name: str, seed: bytes) -> CosignatureSigner:
        if len(seed) != SEED_BYTES:
            raise SigningKeyError(f"an Ed25519 seed has {SEED_BYTES} bytes, not {len(seed)}")
        return cls(name, Ed25519PrivateKey.from_private_bytes(seed))

    def seed(self) -> bytes:
        return self._key.private_bytes_raw()

    def vkey(self) -> str:
        return (
            f"{self.name}+{self.key_id.hex()}+{base64.b64encode(COSIGNATURE_V1 + self.public_key).decode()}"
        )

    def verifier(self) -> CosignatureVerifier:
        return CosignatureVerifier(self.name, self.key_id, self.public_key)

    def cosign(self, checkpoint: Checkpoint, timestamp: int | None = None) -> str:
        """One signature line (ending in a newline) cosigning ``checkpoint`` at ``timestamp``."""
        t = int(time.time()) if timestamp is None else timestamp
        sig = self._key.sign(signed_message(checkpoint, t))
        raw = self.key_id + t.to_bytes(8, "big") + sig
        return f"{SIGNATURE_PREFIX}{self.name} {base64.b64encode(raw).decode()}\n"


@dataclass(frozen=True)
class CosignatureVerifier:
    name: str
    key_id: bytes
    public_key: bytes

    @classmethod
    def from_vkey(cls, vkey: str) -> CosignatureVerifier:
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise SigningKeyError("a witness key has the form <name>+<hex key id>+<base64 key>")
        name, id_hex, key_text = parts
        try:
            raw = base64.b64decode(key_text, validate=True)
        except (binascii.Error, ValueError):
            raise SigningKeyError(f"witness key {name!r} is not valid base64") from None
        if raw[:1] != COSIGNATURE_V1 or len(raw) != 33:
            raise SigningKeyError(f"witness key {name!r} is not a cosignature/v1 (type 0x04) key")
        if cosignature_key_id(name, raw[1:]).hex() != id_hex:
            raise SigningKeyError(f"witness key {name!r}: its key id does not match the key")
        return cls(name, bytes.fromhex(id_hex), raw[1:])

    def vkey(self) -> str:
        return (
            f"{self.name}+{self.key_id.hex()}+{base64.b64encode(COSIGNATURE_V1 + self.public_key).decode()}"
        )

    def timestamp(self, note: str) -> int:
        """When this witness cosigned ``note``; ``CheckpointError`` if it did not (validly)."""
        text, signatures = split_note(note)
        checkpoint = Checkpoint.parse_body(text)
        for name, kid, sig in signatures:
            if name != self.name or kid != self.key_id:
                continue
            if len(sig) != 8 + 64:
                raise CheckpointError(f"the cosignature by {self.name} has {len(sig)} bytes, not 72")
            t = int.from_bytes(sig[:8], "big")
            try:
                Ed25519PublicKey.from_public_bytes(self.public_key).verify(
                    sig[8:], signed_message(checkpoint, t)
                )
            except InvalidSignature:
                raise CheckpointError(f"the cosignature by {self.name} does not verify") from None
            return t
        raise CheckpointError(f"no cosignature by witness {self.name} on this checkpoint")


def cosigners(note: str, witnesses: Iterable[CosignatureVerifier]) -> list[str]:
    """The names of ``witnesses`` that validly cosigned ``note`` (invalid ones do not count)."""
    names = []
    for w in witnesses:
        try:
            w.timestamp(note)
        except CheckpointError:
            continue
        names.append(w.name)
    return names


def add_signature_lines(note: str, lines: Iterable[str]) -> str:
    """``note`` with the signature ``lines`` appended, each at most once."""
    present = set(note.split("\n"))
    extra = "".join(line for line in lines if line.rstrip("\n") not in present)
    return note + extra


def check_quorum(note: str, witnesses: list[CosignatureVerifier], quorum: int) -> list[str]:
    """The cosigners of ``note``; ``CheckpointError`` naming who is missing if fewer than ``quorum``."""
    names = cosigners(note, witnesses)
    if len(names) < quorum:
        missing = sorted({w.name for w in witnesses} - set(names))
        raise CheckpointError(
            f"{len(names)} of the required {quorum} witness cosignatures"
            f" (missing: {', '.join(missing) or 'none configured'})"
        )
    return names
