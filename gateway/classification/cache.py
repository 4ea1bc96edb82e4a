"""The per-message findings cache: least recently used out, keyed so no text can be looked up.

It lives in the event-loop process and holds each message's findings under a keyed BLAKE2b hash
(a key drawn at start) of the field kind and the text, so an unchanged conversation costs only
its new message and the cache never holds a text or a plain hash of one.
"""

from __future__ import annotations

import hashlib
import secrets

from cachetools import LRUCache

from domain.texts import TextItem
from gateway.classification.findings import MessageFindings


class FindingsCache:
    def __init__(self, size: int) -> None:
        self._key = secrets.token_bytes(32)
        self._entries: LRUCache[bytes, MessageFindings] = LRUCache(maxsize=size)

    def key(self, item: TextItem) -> bytes:
        # Keyed, so an entry cannot be matched to a guessed text without the key.
        data = f"{item.kind.value}\0{item.join}\0".encode() + item.text.encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, key=self._key, digest_size=16).digest()

    def get(self, key: bytes) -> MessageFindings | None:
        return self._entries.get(key)

    def put(self, key: bytes, found: MessageFindings) -> None:
        if self._entries.maxsize > 0:  # a size of 0 turns the cache off
            self._entries[key] = found

    def __len__(self) -> int:
        return len(self._entries)
