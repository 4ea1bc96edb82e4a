"""``sovgw access create|revoke|list``: compliance tokens for officers, regulators and admins.

Creating and revoking a token are recorded in the audit log (``access`` events naming the token id
and its scope); the token itself is printed once and stored only as its hash.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from audit.config import AuditConfig
from audit.database import DatabaseUrlError, open_database
from audit.log import AuditUnavailable
from audit.query.scope import AccessScope, Role
from audit.store import AuditStartupError, open_audit_log
from audit.times import TimeFormatError, parse_when
from gateway.compliance.audit_commands import SourceError, add_source_arguments, audit_config
from gateway.compliance.tokens import TokenError, TokenInfo, TokenStore, access_event
from gateway.config import ConfigError


def add_access_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="access_command", required=True, metavar="COMMAND")
    create = commands.add_parser("create", help="make a token and print it (once)")
    add_source_arguments(create)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument(
        "--tenant", action="append", default=[], help="officer: a tenant it may read; repeatable"
    )
    create.add_argument(
        "--jurisdiction",
        action="append",
        default=[],
        help="regulator: a jurisdiction it may read; repeatable",
    )
    create.add_argument("--from", dest="since", help="regulator: first day of records it may read")
    create.add_argument("--to", dest="until", help="regulator: last day of records it may read (inclusive)")
    create.add_argument("--expires", help="the token stops working at the end of this day")
    create.add_argument("--label", default="", help="who holds it, for the list")
    revoke = commands.add_parser("revoke", help="revoke a token by its id")
    add_source_arguments(revoke)
    revoke.add_argument("token_id")
    listing = commands.add_parser("list", help="list tokens (ids and scopes, never the tokens)")
    add_source_arguments(listing)
    listing.add_argument("--json", action="store_true")


def run_access(args: argparse.Namespace) -> int:
    try:
        config = audit_config(args)
        db = open_database(config.database_url)
        try:
            store = TokenStore(db)
            store.ensure_schema()
            if args.access_command == "list":
                _print_list(store.list(), args.json)
                return 0
            if args.access_command == "create":
                scope = AccessScope(
                    Role(args.role),
                    tenants=tuple(args.tenant),
                    jurisdictions=tuple(args.jurisdiction),
                    since=parse_when(args.since) if args.since else None,
                    until=parse_when(args.until, end=True) if args.until else None,
                )
                expires = parse_when(args.expires, end=True) if args.expires else None
                token, info = issue_token(config, store, scope, args.label, expires)
                print(f"token id: {info.token_id}\nscope:    {scope.describe()}\ntoken:    {token}")
                print("The token is shown only now; store it like a password.", file=sys.stderr)
                return 0
            info = store.revoke(args.token_id)
            _record(config, info, "token_revoked")
            print(f"token {info.token_id} revoked")
            return 0
        finally:
            db.dispose()
    except (SourceError, ConfigError, DatabaseUrlError, TokenError, TimeFormatError) as e:
        print(f"sovgw access: {e}", file=sys.stderr)
        return 2
    except (AuditStartupError, AuditUnavailable) as e:
        print(f"sovgw access: the change is made but could not be recorded in the log: {e}", file=sys.stderr)
        return 1
    except SQLAlchemyError as e:
        print(f"sovgw access: cannot use the audit database: {type(e).__name__}", file=sys.stderr)
        return 2


def issue_token(
    config: AuditConfig, store: TokenStore, scope: AccessScope, label: str, expires: datetime | None = None
) -> tuple[str, TokenInfo]:
    """A new token (shown only now) and what it grants; its creation is recorded in the trail."""
    token, info = store.create(scope, label, expires)
    _record(config, info, "token_created")
    return token, info


def _record(config: AuditConfig, info: TokenInfo, action: str) -> None:
    async def append() -> None:
        store = await open_audit_log(config)
        try:
            await store.append(
                access_event(info.token_id, action, role=info.role.value, scope=info.scope.describe())
            )
        finally:
            await store.aclose()

    asyncio.run(append())


def _print_list(tokens: list[TokenInfo], as_json: bool) -> None:
    rows = [
        {
            "token_id": t.token_id,
            "role": t.role.value,
            "scope": t.scope.describe(),
            "label": t.label,
            "created_at": t.created_at.isoformat(),
            "expires_at": t.expires_at.isoformat() if t.expires_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            "active": t.active,
        }
        for t in tokens
    ]
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    for r in rows:
        state = "active" if r["active"] else ("revoked" if r["revoked_at"] else "expired")
        print(f"{r['token_id']}  {r['role']:<9}  {state:<7}  {r['scope']}  {r['label']}")
