"""`sovgw init`: a commented configuration, a checkpoint signing key kept apart from the database
(mode 0600), and a first API key shown once."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from audit.checkpoint import NoteSigner
from audit.config import AuditConfig
from gateway.config import ConfigError, hash_api_key, load_config

_TEMPLATES = Path(__file__).parent / "templates"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dir", type=Path, default=Path("."), help="where to write (default: here)")
    parser.add_argument("--database-url", help="the audit database (default: sqlite in DIR/data)")
    parser.add_argument("--key-dir", type=Path, help="where the signing key goes (default: DIR/keys)")
    parser.add_argument(
        "--key-beside-database",
        action="store_true",
        help="allow the signing key in the database's directory (whoever can rewrite one can then re-sign)",
    )
    parser.add_argument("--tenant", default="my-tenant", help="the first tenant's id (default my-tenant)")


def run(args: argparse.Namespace) -> int:
    base: Path = args.dir.resolve()
    config_path = base / "gateway.yaml"
    key_dir = (args.key_dir or base / "keys").resolve()
    database_dir = base / "data"
    database_url = args.database_url or f"sqlite:///{database_dir / 'audit.db'}"
    key_file = key_dir / "checkpoint-signing.key"
    if database_url.startswith("sqlite:///"):
        database_dir = Path(database_url.removeprefix("sqlite:///")).resolve().parent
        if key_dir == database_dir and not args.key_beside_database:
            return _refuse(
                f"the signing key would sit beside the database in {key_dir}; "
                "choose another --key-dir (or pass --key-beside-database)"
            )
    for existing in (config_path, key_file):
        if existing.exists():
            return _refuse(f"{existing} exists already; nothing was changed")

    api_key = f"sk-sovgw-{secrets.token_urlsafe(24)}"
    signer = NoteSigner(AuditConfig().log_origin, Ed25519PrivateKey.generate())
    key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _write_private(key_file, signer.private_text() + "\n")
    key_file.with_name(key_file.name + ".vkey").write_text(signer.vkey() + "\n")
    if database_url.startswith("sqlite:///"):
        database_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    # YAML, not HTML: nothing to escape, and every value is the gateway's own (paths, a hash, an id).
    templates = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        undefined=StrictUndefined,
        autoescape=False,  # noqa: S701
    )
    text = templates.get_template("gateway.yaml").render(
        database_url=database_url,
        key_file=key_file,
        pseudonym_dir=key_dir / "pseudonyms",
        tenant=args.tenant,
        key_sha256=hash_api_key(api_key),
    )
    base.mkdir(parents=True, exist_ok=True)
    config_path.write_text(text)
    try:
        load_config(config_path)  # what init writes must start
    except ConfigError as e:
        return _refuse(f"the written configuration does not load: {e}")
    print(
        f"configuration: {config_path}   (edit nodes and tenants, then: sovgw serve --config {config_path})"
    )
    print(f"signing key:   {key_file}   (0600; keep it off the database's host if you can)")
    print(f"verifier key:  {key_file}.vkey   (publish it: regulators verify the trail with it)")
    print(f"API key for {args.tenant}: {api_key}")
    print("The API key is shown only now; only its hash is in the configuration.", file=sys.stderr)
    return 0


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _refuse(message: str) -> int:
    print(f"sovgw init: {message}", file=sys.stderr)
    return 2
