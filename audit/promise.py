"""Signed promises: the log's word that a record is committed and will be in a checkpoint in time.

Certificate Transparency's signed certificate timestamp (RFC 6962, section 3.2), for records. The
gateway answers every request it recorded with an ``x-sovgw-promise`` header; the client keeps it,
and holds proof that its request was recorded before any checkpoint covers it. The log promises to
include the record in a signed checkpoint within its maximum merge delay
(``audit.max_merge_delay_seconds``); ``sovgw audit verify --promise`` checks that it did.

Format, version 1 (integers big-endian; 145 bytes, sent as standard base64, 196 characters)::

    version     1 byte    0x01
    log_id     32 bytes   SHA-256(key name || "\\n" || 0x01 || Ed25519 public key); its first four
                          bytes are the key id on the log's checkpoint signature lines
    timestamp   8 bytes   milliseconds since the Unix epoch, taken after the record's commit
    seq         8 bytes   the record's sequence number
    leaf_hash  32 bytes   SHA-256(0x00 || the record's entry): its RFC 6962 leaf hash; the entry
                          is the record's scope and digest (``audit.entries``, format 2)
    signature  64 bytes   Ed25519, by the log's key, over "sovgw-promise/v1" || 0x00 || the 81 bytes above

The signed message starts with a context string holding a NUL byte, which no signed note may hold:
a promise's signature can never pass for a signature on a checkpoint, nor the reverse.

>>> signer = PromiseSigner.from_seed("example.org/log", bytes(32))
>>> promise = decode(signer.sign(7, bytes(32), timestamp_ms=1700000000000))
>>> promise.seq, len(promise.to_bytes())
(7, 145)
>>> verify(promise, [signer.verifier()]).name
'example.org/log'
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import time
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from audit.checkpoint import ED25519, SEED_BYTES, NoteSigner, NoteVerifier, SigningKeyError

HEADER = "x-sovgw-promise"
VERSION = 1
CONTEXT = b"sovgw-promise/v1\x00"
_FIELDS = struct.Struct(">B32sQQ32s")  # version, log id, timestamp (ms), seq, leaf hash
SIGNATURE_BYTES = 64
SIZE = _FIELDS.size + SIGNATURE_BYTES


class PromiseError(Exception):
    """A promise is malformed, or not validly signed by a trusted log key."""


def log_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()


@dataclass(frozen=True)
class Promise:
    log_id: bytes
    timestamp_ms: int
    seq: int
    leaf_hash: bytes
    signature: bytes
    version: int = VERSION

    def signed_bytes(self) -> bytes:
        return CONTEXT + _FIELDS.pack(self.version, self.log_id, self.timestamp_ms, self.seq, self.leaf_hash)

    def to_bytes(self) -> bytes:
        return self.signed_bytes()[len(CONTEXT) :] + self.signature

    def encode(self) -> str:
        return base64.b64encode(self.to_bytes()).decode()

    @property
    def timestamp_s(self) -> float:
        return self.timestamp_ms / 1000


def decode(text: str) -> Promise:
    """The promise in a header value (base64 of the 145 bytes); ``PromiseError`` if malformed."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise PromiseError("the promise is not valid base64") from None
    if raw[:1] != bytes([VERSION]):
        raise PromiseError(f"unknown promise version {raw[0] if raw else 'none'} (this reads version 1)")
    if len(raw) != SIZE:
        raise PromiseError(f"a version 1 promise has {SIZE} bytes, not {len(raw)}")
    version, lid, timestamp_ms, seq, leaf = _FIELDS.unpack(raw[: _FIELDS.size])
    return Promise(lid, timestamp_ms, seq, leaf, raw[_FIELDS.size :], version)


def verify(promise: Promise, keys: Iterable[NoteVerifier]) -> NoteVerifier:
    """The trusted log key that signed ``promise``; ``PromiseError`` if none did."""
    for key in keys:
        if log_id(key.name, key.public_key) != promise.log_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(key.public_key).verify(
                promise.signature, promise.signed_bytes()
            )
        except InvalidSignature:
            raise PromiseError(f"the promise's signature by {key.name} does not verify") from None
        return key
    raise PromiseError(f"the promise names log {promise.log_id[:4].hex()}…, not a trusted log key")


class PromiseSigner:
    """The log's key, signing promises. Built once per key: signing is then one Ed25519 signature."""

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        self._note = NoteSigner(name, private_key)  # checks the name as the checkpoint key does
        self._key = private_key
        self.log_id = log_id(name, self._note.public_key)
        self.key_id = self._note.key_id

    @classmethod
    def from_seed(cls, name: str, seed: bytes) -> PromiseSigner:
        if len(seed) != SEED_BYTES:
            raise SigningKeyError(f"an Ed25519 seed has {SEED_BYTES} bytes, not {len(seed)}")
        return cls(name, Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def for_log(cls, signer: NoteSigner) -> PromiseSigner:
        """The promise signer of the log whose checkpoints ``signer`` signs (the same key)."""
        # PRIVATE+KEY+<name>+<id>+<base64(0x01 || seed)>: names hold no "+", base64 may
        seed = base64.b64decode(signer.private_text().split("+", 4)[4])[1:]
        return cls.from_seed(signer.name, seed)

    def verifier(self) -> NoteVerifier:
        return NoteVerifier.from_vkey(self._note.vkey())

    def sign(self, seq: int, leaf_hash: bytes, timestamp_ms: int | None = None) -> str:
        """The header value promising record ``seq`` with ``leaf_hash``, made now (or at ``timestamp_ms``)."""
        t = time.time_ns() // 1_000_000 if timestamp_ms is None else timestamp_ms
        unsigned = Promise(self.log_id, t, seq, leaf_hash, b"")
        signed = unsigned.signed_bytes()
        return base64.b64encode(signed[len(CONTEXT) :] + self._key.sign(signed)).decode()
