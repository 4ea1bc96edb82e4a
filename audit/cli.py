"""``sovgw audit ...``: verify, migrate, erase-key, export, processing-report, rotate-key, and the
bundle verifier's own commands (verify-bundle, verifier-hash).

Each command runs on the ``AuditConfig`` its caller gives it (``sovgw`` takes it from ``--database``
or the gateway's configuration) and answers with an exit status: 0 done, 2 could not be done; 1 when
``verify`` finds problems or ``migrate --check`` finds migrations pending.

``verify`` trusts only the verifier keys it is given (``--key``, a vkey string or a file holding one
per line) and checks the log against any checkpoints the verifier brings (``--checkpoint``);
``--trust-log-keys`` instead takes the keys the log itself announced in its key_rotation records,
which proves integrity only against someone who could not rewrite those. ``--promise`` checks the
promises clients were given (``x-sovgw-promise``) instead: each record is there, unchanged, and
in a checkpoint once the maximum merge delay has passed (``audit.promise_check``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from audit import bundle_verify, canonical, tree_store
from audit.checkpoint import CheckpointError, NoteVerifier, load_or_create_signer
from audit.config import AuditConfig
from audit.cosignature import CosignatureVerifier
from audit.database import DatabaseUrlError, open_database
from audit.export.bundle import Bundle, export
from audit.export.request import ExportError, ExportRequest
from audit.log import AuditUnavailable
from audit.migrations import LATEST, MigrationError, current_version, migrate
from audit.processing_report import processing_report, render_html
from audit.promise import HEADER as PROMISE_HEADER
from audit.promise import Promise, PromiseError, decode
from audit.promise_check import PromiseCheck, check_promise
from audit.pseudonyms import PseudonymKeyError
from audit.query.scope import ADMIN_SCOPE
from audit.rotation import RotationError, rotate_key
from audit.store import AuditStartupError, open_audit_log, remembered_checkpoint_file
from audit.times import TimeFormatError, parse_when
from audit.verify import verify_log
from audit.witnessing import witnessed_file


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
    parser.add_argument(
        "--witness",
        action="append",
        default=[],
        help="a trusted witness's cosignature key (name+id+key) or a file of them; repeatable"
        " (default: the witnesses in the configuration)",
    )
    parser.add_argument("--quorum", type=int, help="cosignatures a checkpoint needs (default: all witnesses)")
    parser.add_argument(
        "--witnessed",
        action="append",
        default=[],
        type=Path,
        help="a witnessed checkpoint (file) the log must extend; repeatable"
        " (default: the one the gateway kept beside the database)",
    )
    parser.add_argument(
        "--promise",
        action="append",
        default=[],
        help=f"check a promise a client was given (the {PROMISE_HEADER} header's value, or a file"
        " of them, one per line) against the log instead of the whole log; repeatable",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _witnessing(
    args: argparse.Namespace, config: AuditConfig
) -> tuple[list[CosignatureVerifier], int, list[str]]:
    """The witnesses to require, their quorum and the witnessed checkpoints to check against."""
    values = args.witness or [w.vkey for w in config.witnesses]
    witnesses = []
    for value in values:
        path = Path(value)
        lines = path.read_text().split() if path.is_file() else [value]
        witnesses += [CosignatureVerifier.from_vkey(line) for line in lines]
    quorum = args.quorum or (config.witness_quorum if not args.witness else None) or len(witnesses)
    if witnesses and not 1 <= quorum <= len(witnesses):
        raise _UsageError(f"--quorum must be between 1 and the {len(witnesses)} witnesses")
    paths = args.witnessed
    if not paths and witnesses:
        kept = witnessed_file(remembered_checkpoint_file(config))
        paths = [kept] if kept.exists() else []
    return witnesses, quorum, [p.read_text() for p in paths]


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
        witnesses, quorum, witnessed = _witnessing(args, config)
        if args.promise:
            return _verify_promises(args, config, keys, known + witnessed)
        report = verify_log(
            config.database_url, keys, args.from_seq, args.to_seq, known, witnesses, quorum, witnessed
        )
    except (_UsageError, CheckpointError, PromiseError, DatabaseUrlError, OSError) as e:
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


def _verify_promises(
    args: argparse.Namespace, config: AuditConfig, keys: list[NoteVerifier], checkpoints: list[str]
) -> int:
    """Each promise against the log: 0 all kept (or pending within the delay), 1 any broken or invalid."""
    promises = [p for value in args.promise for p in _read_promises(value)]
    db = open_database(config.database_url, writer=False)
    try:
        with db.engine.connect() as conn:
            checks = [
                check_promise(conn, p, keys, config.max_merge_delay_seconds, checkpoints) for p in promises
            ]
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([_promise_json(c) for c in checks], indent=2))
    else:
        print("\n".join(c.render() for c in checks))
        broken = sum(not c.ok for c in checks)
        print("result: " + (f"FAIL ({broken} of {len(checks)} promises)" if broken else "PASS"))
    return 0 if all(c.ok for c in checks) else 1


def _read_promises(value: str) -> list[Promise]:
    """A header value, or a file of them (one per line, optionally as ``x-sovgw-promise: ...``)."""
    path = Path(value)
    lines = path.read_text().splitlines() if path.is_file() else [value]
    found = []
    for line in lines:
        name, sep, rest = line.partition(":")
        text = rest if sep and name.strip().lower() == PROMISE_HEADER else line
        if text.strip():
            found.append(decode(text))
    if not found:
        raise _UsageError(f"no promise in {value}")
    return found


def _promise_json(check: PromiseCheck) -> dict[str, object]:
    return {"seq": check.seq, "ok": check.ok, "problems": check.problems, "notes": check.notes}


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


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="since", required=True, help="first day (YYYY-MM-DD) or time")
    parser.add_argument("--to", dest="until", required=True, help="last day, inclusive, or an exclusive time")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tenant", help="only this tenant's records")
    which.add_argument("--jurisdiction", help="only records of requests served in this jurisdiction")
    parser.add_argument("--out", required=True, type=Path, help="a directory, or a file ending in .zip")


def run_export(args: argparse.Namespace, config: AuditConfig) -> int:
    """0 when the bundle is written, 2 when it could not be made."""

    async def go() -> Bundle:
        request = ExportRequest(
            parse_when(args.since), parse_when(args.until, end=True), args.tenant, args.jurisdiction
        )
        request.check(ADMIN_SCOPE)
        store = await open_audit_log(config)
        reader = open_database(config.database_url, writer=False)
        try:
            return await export(store, reader, ADMIN_SCOPE, request, "command line")
        finally:
            reader.dispose()
            await store.aclose()

    try:
        bundle = asyncio.run(go())
        where = bundle.write(args.out)
    except (
        TimeFormatError,
        ExportError,
        AuditStartupError,
        AuditUnavailable,
        DatabaseUrlError,
        CheckpointError,
        OSError,
    ) as e:
        print(f"sovgw audit export: {e}", file=sys.stderr)
        return 2
    print(f"{bundle.record_count} records ({bundle.withheld_count} other entries as leaf hashes) in {where}")
    return 0


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tenant", required=True, help="the tenant (controller) to report on")
    parser.add_argument("--from", dest="since", help="first day (YYYY-MM-DD) or time")
    parser.add_argument("--to", dest="until", help="last day, inclusive, or an exclusive time")
    parser.add_argument("--format", choices=("json", "html"), default="json")
    parser.add_argument("--out", type=Path, help="write here instead of standard output")


def run_report(args: argparse.Namespace, config: AuditConfig) -> int:
    """``sovgw audit processing-report``: 0 written, 2 could not be made."""
    try:
        since = parse_when(args.since) if args.since else None
        until = parse_when(args.until, end=True) if args.until else None
        db = open_database(config.database_url, writer=False)
        try:
            with db.engine.connect() as conn:
                report = processing_report(conn, ADMIN_SCOPE, args.tenant, since, until)
        finally:
            db.dispose()
        text = (
            json.dumps(report.model_dump(mode="json"), indent=2) + "\n"
            if args.format == "json"
            else render_html(report)
        )
        if args.out:
            args.out.write_text(text)
        else:
            sys.stdout.write(text)
    except (TimeFormatError, DatabaseUrlError, OSError) as e:
        print(f"sovgw audit processing-report: {e}", file=sys.stderr)
        return 2
    except SQLAlchemyError as e:
        print(f"sovgw audit processing-report: cannot read the log: {type(e).__name__}", file=sys.stderr)
        return 2
    return 0


def add_rotate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-key-file",
        required=True,
        type=Path,
        help="the new signing key (created 0600 with its .vkey if missing), kept apart from the database",
    )


def run_rotate(args: argparse.Namespace, config: AuditConfig) -> int:
    """Announce a new signing key in the log, signed by the current one: 0 done, 2 not done."""
    try:
        new_key, created = load_or_create_signer(config.log_origin, None, None, args.new_key_file)
        seq, row = asyncio.run(rotate_key(config, new_key))
    except (RotationError, CheckpointError, AuditStartupError, AuditUnavailable) as e:
        print(f"sovgw audit rotate-key: {e}", file=sys.stderr)
        return 2
    made = "created and " if created else ""
    print(f"new key {new_key.key_id.hex()} {made}announced at seq {seq}")
    print(f"the current key signed the checkpoint of size {row.size} covering the announcement")
    print(f"publish {new_key.vkey()}")
    print(f"give the log's witnesses the new key too (sovgw witness serve --log {new_key.vkey()})")
    print(f"then set audit.signing_key_file to {args.new_key_file} and restart the gateway")
    return 0


def add_verifier_hash_arguments(parser: argparse.ArgumentParser) -> None:
    """None: it describes the verifier installed with this release."""


def run_verifier_hash(args: argparse.Namespace) -> int:
    """Print the installed verifier's SHA-256 as ``sha256sum`` does: what regulators compare theirs with."""
    print(f"{bundle_verify.own_sha256()}  bundle_verify.py")
    return 0


def add_verify_bundle_arguments(parser: argparse.ArgumentParser) -> None:
    bundle_verify.add_arguments(parser)


def run_verify_bundle(args: argparse.Namespace) -> int:
    """This release's verifier (not the bundle's copy) on a bundle: 0 pass, 1 fail, 2 unreadable."""
    return bundle_verify.run(args)
