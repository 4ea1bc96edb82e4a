"""Access tokens for compliance officers, regulators and admins; never inference API keys.

A token is ``sgc_<id>_<secret>``: random, shown once at creation, stored only as its SHA-256 (a
random 256-bit secret needs no slow hash). Tokens live in ``compliance_tokens`` in the audit
database, beside the Merkle log but not in it: revoking one is an UPDATE, which the log's tables
refuse. Every use of a token is recorded in the log itself (an ``access`` event naming the token
id, never the token).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from audit.database import Database
from audit.query.scope import AccessScope, Role
from domain.events import AdminEvent

TOKEN_RE = re.compile(r"^sgc_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$")
_metadata = MetaData()
TOKENS = Table(
    "compliance_tokens",
    _metadata,
    Column("token_id", String(12), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("tenants", Text, nullable=False, default=""),
    Column("jurisdictions", Text, nullable=False, default=""),
    Column("records_from", DateTime(timezone=True)),
    Column("records_to", DateTime(timezone=True)),
    Column("label", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)


def access_event(token_id: str, action: str, **detail: str) -> AdminEvent:
    """The log's record of a token's use or change: its id, never the token."""
    return AdminEvent(kind="access", detail={"token_id": token_id, "action": action, **detail})


class TokenError(Exception):
    """A token cannot be created, found or revoked; the message says why."""


class TokenRejected(Exception):
    """The presented token grants nothing: unknown, malformed, revoked or expired."""

    def __init__(self, reason: str, token_id: str | None = None) -> None:
        super().__init__(reason)
        self.token_id = token_id


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    role: Role
    scope: AccessScope
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > datetime.now(UTC))


def _utc(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def _split(text: str) -> tuple[str, ...]:
    return tuple(x for x in text.split(",") if x)


def _info(row: object) -> TokenInfo:
    r = row._mapping  # type: ignore[attr-defined]
    role = Role(r["role"])
    scope = AccessScope(
        role,
        tenants=_split(r["tenants"]),
        jurisdictions=_split(r["jurisdictions"]),
        since=_utc(r["records_from"]),
        until=_utc(r["records_to"]),
    )
    return TokenInfo(
        r["token_id"],
        role,
        scope,
        r["label"],
        _utc(r["created_at"]),  # type: ignore[arg-type]
        _utc(r["expires_at"]),
        _utc(r["revoked_at"]),
    )


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def validate_scope(scope: AccessScope) -> None:
    if scope.role is Role.OFFICER and (not scope.tenants or scope.jurisdictions):
        raise TokenError("an officer token names one or more tenants and no jurisdictions")
    if scope.role is Role.REGULATOR:
        if not scope.jurisdictions or scope.tenants:
            raise TokenError("a regulator token names one or more jurisdictions and no tenants")
        if scope.since is None or scope.until is None or scope.since >= scope.until:
            raise TokenError("a regulator token needs a time range: records from a date to a later date")
    if scope.role is Role.ADMIN and (scope.tenants or scope.jurisdictions):
        raise TokenError("an admin token has no tenant or jurisdiction scope")
    for value in (*scope.tenants, *scope.jurisdictions):
        if "," in value or not value.strip():
            raise TokenError(f"{value!r} is not a tenant or jurisdiction name")


class TokenStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure_schema(self) -> None:
        try:
            with self.db.engine.begin() as conn:
                TOKENS.create(conn, checkfirst=True)
        except SQLAlchemyError as e:
            raise TokenError(f"cannot create the token table: {type(e).__name__}") from None

    def create(
        self, scope: AccessScope, label: str = "", expires_at: datetime | None = None
    ) -> tuple[str, TokenInfo]:
        """A new token (shown only now) and what it grants."""
        validate_scope(scope)
        token_id = secrets.token_hex(6)
        token = f"sgc_{token_id}_{secrets.token_urlsafe(32)}"
        values = {
            "token_id": token_id,
            "sha256": digest(token),
            "role": scope.role.value,
            "tenants": ",".join(scope.tenants),
            "jurisdictions": ",".join(scope.jurisdictions),
            "records_from": _utc(scope.since),
            "records_to": _utc(scope.until),
            "label": label,
            "created_at": datetime.now(UTC),
            "expires_at": _utc(expires_at),
        }
        with self.db.engine.begin() as conn:
            conn.execute(insert(TOKENS).values(**values))
            return token, _info(conn.execute(select(TOKENS).where(TOKENS.c.token_id == token_id)).one())

    def revoke(self, token_id: str) -> TokenInfo:
        with self.db.engine.begin() as conn:
            row = conn.execute(select(TOKENS).where(TOKENS.c.token_id == token_id)).first()
            if row is None:
                raise TokenError(f"no token with id {token_id!r}")
            if row.revoked_at is None:
                conn.execute(
                    update(TOKENS).where(TOKENS.c.token_id == token_id).values(revoked_at=datetime.now(UTC))
                )
            return _info(conn.execute(select(TOKENS).where(TOKENS.c.token_id == token_id)).one())

    def list(self) -> list[TokenInfo]:
        with self.db.engine.connect() as conn:
            return [_info(r) for r in conn.execute(select(TOKENS).order_by(TOKENS.c.created_at))]

    def authenticate(self, token: str) -> TokenInfo:
        """What ``token`` grants, or ``TokenRejected``."""
        m = TOKEN_RE.match(token)
        if m is None:
            raise TokenRejected("not a compliance access token")
        with self.db.engine.connect() as conn:
            row = conn.execute(select(TOKENS).where(TOKENS.c.token_id == m.group(1))).first()
        if row is None or not hmac.compare_digest(row.sha256, digest(token)):
            raise TokenRejected("unknown token")
        info = _info(row)
        if info.revoked_at is not None:
            raise TokenRejected("the token was revoked", info.token_id)
        if info.expires_at is not None and info.expires_at <= datetime.now(UTC):
            raise TokenRejected("the token has expired", info.token_id)
        return info
