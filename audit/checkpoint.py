"""Signed checkpoints: the C2SP tlog-checkpoint body in a C2SP signed note, signed with Ed25519.

A checkpoint body is ``<origin>\\n<size>\\n<base64 root>\\n``. The note appends a blank line and one
signature line per signer: ``— <key name> <base64(key id || signature)>``, where the key id is the
first four bytes of SHA-256(key name || "\\n" || 0x01 || public key). Verifier keys are published as
``<name>+<hex key id>+<base64(0x01 || public key)>``; signing keys may be given as a base64 seed or
as ``PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>``.

>>> signer = NoteSigner.from_seed("example.org/log", bytes(32))
>>> note = signer.sign(Checkpoint("example.org/log", 0, bytes(32)))
>>> NoteVerifier.from_vkey(signer.vkey()).verify(note).size
0
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = b"\x01"
SIGNATURE_PREFIX = "\u2014 "  # an em dash and a space
SEED_BYTES = 32


class CheckpointError(Exception):
    """A checkpoint or note is malformed, or its signature does not verify."""


class SigningKeyError(CheckpointError):
    """A signing or verifier key cannot be read."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def parse_body(cls, body: str) -> Checkpoint:
        lines = body.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise CheckpointError("a checkpoint body needs origin, size and root hash lines")
        origin, size_text, root_text = lines[0], lines[1], lines[2]
        if not origin:
            raise CheckpointError("the checkpoint origin line is empty")
        if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
            raise CheckpointError(f"the checkpoint size {size_text!r} is not a decimal number")
        try:
            root = base64.b64decode(root_text, validate=True)
        except binascii.Error:
            raise CheckpointError("the checkpoint root hash is not base64") from None
        if len(root) != 32:
            raise CheckpointError(f"the checkpoint root hash has {len(root)} bytes, not 32")
        return cls(origin, int(size_text), root)


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4]


def _check_name(name: str) -> None:
    if not name or any(c.isspace() for c in name) or "+" in name:
        raise SigningKeyError(f"key name {name!r} must be non-empty, without spaces or '+'")


class NoteSigner:
    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        _check_name(name)
        self.name = name
        self._key = private_key
        self.public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = key_id(name, self.public_key)

    @classmethod
    def from_seed(cls, name: str, seed: bytes) -> NoteSigner:
        if len(seed) != SEED_BYTES:
            raise SigningKeyError(f"an Ed25519 seed has {SEED_BYTES} bytes, not {len(seed)}")
        return cls(name, Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def from_text(cls, name: str, text: str) -> NoteSigner:
        """A base64 seed (signed with ``name``) or a ``PRIVATE+KEY+...`` string (its own name)."""
        text = text.strip()
        if text.startswith("PRIVATE+KEY+"):
            parts = text.split("+", 4)
            if len(parts) != 5:
                raise SigningKeyError("a PRIVATE+KEY string has the form PRIVATE+KEY+<name>+<id>+<key>")
            raw = _b64(parts[4], "private key")
            if raw[:1] != ED25519:
                raise SigningKeyError("only Ed25519 signing keys are supported")
            signer = cls.from_seed(parts[2], raw[1:])
            if signer.key_id.hex() != parts[3]:
                raise SigningKeyError("the key id in the PRIVATE+KEY string does not match its key")
            return signer
        return cls.from_seed(name, _b64(text, "signing key seed"))

    def private_text(self) -> str:
        seed = self._key.private_bytes_raw()
        return f"PRIVATE+KEY+{self.name}+{self.key_id.hex()}+{base64.b64encode(ED25519 + seed).decode()}"

    def vkey(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(ED25519 + self.public_key).decode()}"

    def sign(self, checkpoint: Checkpoint) -> str:
        return self.sign_note(checkpoint.body())

    def sign_note(self, text: str) -> str:
        """``text`` (non-empty, ending in a newline) as a signed note with this key's signature."""
        if not text.endswith("\n") or "\n\n" in text:
            raise CheckpointError("note text must end in a newline and contain no blank line")
        sig = self._key.sign(text.encode())
        return f"{text}\n{SIGNATURE_PREFIX}{self.name} {base64.b64encode(self.key_id + sig).decode()}\n"


@dataclass(frozen=True)
class NoteVerifier:
    name: str
    key_id: bytes
    public_key: bytes

    @classmethod
    def from_vkey(cls, vkey: str) -> NoteVerifier:
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise SigningKeyError("a verifier key has the form <name>+<hex key id>+<base64 key>")
        name, id_hex, key_text = parts
        _check_name(name)
        raw = _b64(key_text, "verifier key")
        if raw[:1] != ED25519 or len(raw) != 33:
            raise SigningKeyError(f"verifier key {name!r} is not an Ed25519 key")
        public_key = raw[1:]
        if key_id(name, public_key).hex() != id_hex:
            raise SigningKeyError(f"verifier key {name!r}: its key id does not match the key")
        return cls(name, bytes.fromhex(id_hex), public_key)

    def vkey(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(ED25519 + self.public_key).decode()}"

    def verify(self, note: str) -> Checkpoint:
        """The checkpoint in ``note`` if this key validly signed it; else ``CheckpointError``."""
        return Checkpoint.parse_body(self.open(note))

    def open(self, note: str) -> str:
        """The text of ``note`` if it carries a valid signature by this key (others are ignored)."""
        text, signatures = split_note(note)
        for name, kid, sig in signatures:
            if name != self.name or kid != self.key_id:
                continue
            try:
                Ed25519PublicKey.from_public_bytes(self.public_key).verify(sig, text.encode())
            except InvalidSignature:
                raise CheckpointError(f"the signature by {self.name} ({kid.hex()}) does not verify") from None
            return text
        raise CheckpointError(f"no signature by {self.name} ({self.key_id.hex()}) on this note")


def verify_by_any(note: str, verifiers: Iterable[NoteVerifier]) -> Checkpoint | None:
    """The checkpoint in ``note`` if one of ``verifiers`` validly signed it; None otherwise."""
    for verifier in verifiers:
        try:
            return verifier.verify(note)
        except CheckpointError:
            continue
    return None


def split_note(note: str) -> tuple[str, list[tuple[str, bytes, bytes]]]:
    """(body, [(key name, key id, signature)]) of a signed note."""
    body, sep, sig_block = note.rpartition("\n\n")
    if not sep:
        raise CheckpointError("a signed note needs a blank line between body and signatures")
    body += "\n"
    if not sig_block.endswith("\n"):
        raise CheckpointError("the signature block must end with a newline")
    signatures = []
    for line in sig_block[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise CheckpointError("a signature line must start with an em dash and a space")
        name, _, sig_text = line[len(SIGNATURE_PREFIX) :].partition(" ")
        raw = _b64(sig_text, "signature")
        if len(raw) < 5:
            raise CheckpointError(f"the signature by {name} is too short")
        signatures.append((name, raw[:4], raw[4:]))
    if not signatures:
        raise CheckpointError("the note carries no signature")
    return body, signatures


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SigningKeyError(f"the {what} is not valid base64") from None


def load_or_create_signer(
    name: str, seed_text: str | None, key_file: Path | None, default_file: Path
) -> tuple[NoteSigner, bool]:
    """The signer from ``seed_text``, else ``key_file``, else ``default_file`` (created if missing).

    Returns (signer, created). A created key is written 0600 beside its public ``.vkey``.
    """
    if seed_text:
        return NoteSigner.from_text(name, seed_text), False
    path = key_file or default_file
    try:
        return NoteSigner.from_text(name, path.read_text()), False
    except FileNotFoundError:
        if key_file is not None:
            raise SigningKeyError(f"signing key file {path} does not exist") from None
    except OSError as e:
        raise SigningKeyError(f"cannot read signing key file {path}: {e.strerror}") from None
    signer = NoteSigner(name, Ed25519PrivateKey.generate())
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, (signer.private_text() + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic: a key file is never seen half-written
        except FileExistsError:  # another process created it first: everyone uses theirs
            return NoteSigner.from_text(name, path.read_text()), False
        finally:
            tmp.unlink()
        path.with_name(path.name + ".vkey").write_text(signer.vkey() + "\n")
    except OSError as e:
        raise SigningKeyError(f"cannot create signing key file {path}: {e.strerror}") from None
    return signer, True


class RememberedCheckpoint:
    """The last checkpoint this signer signed, kept in a file outside the database.

    The database is not the only memory of what was signed: a database restored from an old backup,
    or stripped of its checkpoint rows, would otherwise let the log sign a history that contradicts
    one it already published.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Checkpoint | None:
        try:
            note = self.path.read_text()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise CheckpointError(
                f"cannot read the last signed checkpoint {self.path}: {e.strerror}"
            ) from None
        return Checkpoint.parse_body(split_note(note)[0])

    def save(self, note: str) -> None:
        tmp = self.path.with_name(f"{self.path.name}.tmp{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, note.encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
