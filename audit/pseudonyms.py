"""Pseudonymous actors: a keyed MAC of the API key id, one key per tenant, kept apart from the log.

The log stores ``actor = HMAC-SHA256(tenant key, api key id)``. The keys live in their own directory,
one file per tenant, never in the database. Deleting a tenant's key (crypto-shredding) leaves its
actors as random-looking strings nobody can link back to a key, while every leaf, and so the Merkle
tree, stays exactly as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
from pathlib import Path

_TENANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
KEY_BYTES = 32


class PseudonymKeyError(Exception):
    """A pseudonym key cannot be read or created; nothing may be recorded without one."""


class PseudonymKeyStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._cache: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def actor(self, tenant: str, api_key_id: str) -> str:
        return hmac.new(self.key(tenant), api_key_id.encode(), hashlib.sha256).hexdigest()

    def key(self, tenant: str) -> bytes:
        with self._lock:
            key = self._cache.get(tenant)
            if key is None:
                key = self._load_or_create(tenant)
                self._cache[tenant] = key
            return key

    def has_key(self, tenant: str) -> bool:
        return self._path(tenant).exists()

    def erase(self, tenant: str) -> bool:
        """Delete the tenant's key. True if there was one. Its records become unlinkable."""
        path = self._path(tenant)
        with self._lock:
            self._cache.pop(tenant, None)
            try:
                path.unlink()
            except FileNotFoundError:
                return False
            except OSError as e:
                raise PseudonymKeyError(
                    f"cannot delete the pseudonym key of tenant {tenant!r}: {e.strerror}"
                ) from None
            _fsync_dir(self.directory)
            return True

    def _path(self, tenant: str) -> Path:
        if not _TENANT.match(tenant):
            raise PseudonymKeyError(f"tenant id {tenant!r} is not a valid identifier")
        return self.directory / f"{tenant}.key"

    def _load_or_create(self, tenant: str) -> bytes:
        path = self._path(tenant)
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            return _read_key(path)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise PseudonymKeyError(
                f"cannot read the pseudonym key of tenant {tenant!r}: {e.strerror}"
            ) from None
        key = secrets.token_bytes(KEY_BYTES)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, key.hex().encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            # link() fails if another process created the key first: then theirs wins, for everyone.
            try:
                os.link(tmp, path)
            except FileExistsError:
                return _read_key(path)
            finally:
                tmp.unlink()
            _fsync_dir(self.directory)
        except OSError as e:
            raise PseudonymKeyError(
                f"cannot create the pseudonym key of tenant {tenant!r}: {e.strerror}"
            ) from None
        return key


def _read_key(path: Path) -> bytes:
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError:
        raise PseudonymKeyError(f"pseudonym key file {path.name} is not hex") from None
    if len(key) != KEY_BYTES:
        raise PseudonymKeyError(f"pseudonym key file {path.name} does not hold {KEY_BYTES} bytes")
    return key


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
