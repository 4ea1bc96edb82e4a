"""``sovgw audit verify|migrate|erase-key``: the parts of the command line that touch the trail.

Each command runs on the ``AuditConfig`` its caller gives it (``sovgw`` takes it from ``--database``
or the gateway's configuration). ``verify`` trusts only the verifier keys it is given (``--key``, a
vkey string or a file holding one per line) and checks the log against any checkpoints the verifier
brings (``--checkpoint``); ``--trust-log-keys`` instead takes the keys the log itself announced in
its key_rotation records, which proves integrity only against someone who could not rewrite those.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from audit import canonical, tree_store
from audit.checkpoint import CheckpointError, NoteVerifier
from audit.config import AuditConfig
from audit.database import DatabaseUrlError, open_database
from audit.log import AuditUnavailable
from audit.migrations import LATEST, MigrationError, current_version, migrate
from audit.pseudonyms import PseudonymKeyError
from audit.store import AuditStartupError, open_audit_log
from audit.verify import verify_log


class _UsageError(Exception):
    pass


def add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key",
        action="append",
        default=[],
        help="trusted verifier key (name+id+key) or a file of them; repeatable",
    )
    parser.add_argument(
        "--trust-log-keys", action="store_true", help="trust the keys the log announced itself"
    )
    parser.add_argument("--from", dest="from_seq", type=int, help="first sequence number to check")
    parser.add_argument("--to", dest="to_seq", type=int, help="last sequence number to check (inclusive)")
    parser.add_argument(
        "--checkpoint",
        action="append",
        default=[],
        type=Path,
        help="a signed checkpoint obtained elsewhere (file); the log must still hold its tree; repeatable",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run_verify(args: argparse.Namespace, config: AuditConfig) -> int:
    """0 when the log verifies, 1 when it does not, 2 when it could not be checked."""
    try:
        if (args.from_seq is not None and args.from_seq < 0) or (
            args.to_seq is not None and args.to_seq < (args.from_seq or 0)
        ):
            raise _UsageError("--from must be >= 0 and --to >= --from")
        keys = _read_keys(args.key)
        if args.trust_log_keys:
            keys += _log_keys(config.database_url)
        if not keys:
            raise _UsageError("give at least one --key (or --trust-log-keys)")
        known = [path.read_text() for path in args.checkpoint]
        report = verify_log(config.database_url, keys, args.from_seq, args.to_seq, known)
    except (_UsageError, CheckpointError, DatabaseUrlError, OSError) as e:
        print(f"sovgw audit verify: {e}", file=sys.stderr)
        return 2
    except SQLAlchemyError as e:
        print(f"sovgw audit verify: cannot read the log: {type(e).__name__}", file=sys.stderr)
        return 2
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "tree_size": report.tree_size,
                    "records_checked": report.records_checked,
                    "checkpoints_verified": report.checkpoints_verified,
                    "problems": [
                        {"seqs": list(p.seqs) if p.seqs else None, "message": p.message}
                        for p in report.problems
                    ],
                    "notes": report.notes,
                },
                indent=2,
            )
        )
    else:
        print(report.render())
    return 0 if report.ok else 1


def _read_keys(values: list[str]) -> list[NoteVerifier]:
    keys = []
    for value in values:
        path = Path(value)
        lines = path.read_text().split() if path.is_file() else [value]
        keys += [NoteVerifier.from_vkey(line) for line in lines]
    return keys


def _log_keys(url: str) -> list[NoteVerifier]:
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            found = conn.execute(
                select(tree_store.RECORDS.c.canonical).where(tree_store.RECORDS.c.kind == "key_rotation")
            )
            return [
                NoteVerifier.from_vkey(canonical.parse_document(data)["detail"]["vkey"]) for (data,) in found
            ]
    finally:
        db.dispose()


def add_migrate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="only report whether migrations are pending")


def run_migrate(args: argparse.Namespace, config: AuditConfig) -> int:
    try:
        db = open_database(config.database_url)
    except DatabaseUrlError as e:
        print(f"sovgw audit migrate: {e}", file=sys.stderr)
        return 2
    try:
        if args.check:
            version = current_version(db)
            print(f"schema version {version}, latest {LATEST}")
            return 0 if version >= LATEST else 1
        applied = migrate(db)
    except (MigrationError, SQLAlchemyError) as e:
        print(f"sovgw audit migrate: {e}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"applied migrations {applied}" if applied else f"schema is up to date (version {LATEST})")
    return 0


def add_erase_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tenant", help="the tenant whose pseudonym key to delete")


def run_erase(args: argparse.Namespace, config: AuditConfig) -> int:
    """Crypto-shred a tenant's pseudonym key and record the erasure in the log."""

    async def erase() -> int:
        store = await open_audit_log(config)
        try:
            return await store.erase_tenant_key(args.tenant)
        finally:
            await store.aclose()

    try:
        seq = asyncio.run(erase())
    except (AuditStartupError, AuditUnavailable, PseudonymKeyError) as e:
        print(f"sovgw audit erase-key: {e}", file=sys.stderr)
        return 2
    print(f"pseudonym key of tenant {args.tenant} erased; recorded as seq {seq}")
    return 0
