"""Where the log keeps files outside its database: a generated signing key, the last signed checkpoint."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.engine import make_url

from audit.config import AuditConfig
from audit.database import sqlalchemy_url


def remembered_checkpoint_file(config: AuditConfig) -> Path:
    """Where the last signed checkpoint is kept outside the database.

    Beside a SQLite file; for PostgreSQL beside the pseudonym key directory, named after the
    database (host, port, name; not the credentials), so pointing the gateway at a new, empty
    database starts a new log instead of being refused as a rolled-back one.
    """
    if config.database_url.startswith("sqlite:///"):
        path = Path(config.database_url.removeprefix("sqlite:///"))
        return path.with_name(path.name + ".last-checkpoint")
    url = make_url(sqlalchemy_url(config.database_url))
    where = f"{url.host}:{url.port or 5432}/{url.database}"
    tag = hashlib.sha256(where.encode()).hexdigest()[:12]
    return config.pseudonym_key_dir.parent / f"sovgw-audit-{tag}.last-checkpoint"


def default_signing_key_file(config: AuditConfig) -> Path:
    """Where a generated signing key lives (its public ``.vkey`` beside it)."""
    if config.database_url.startswith("sqlite:///"):
        path = Path(config.database_url.removeprefix("sqlite:///"))
        return path.with_name(path.name + ".signing-key")
    return config.pseudonym_key_dir.parent / "sovgw-audit.signing-key"
