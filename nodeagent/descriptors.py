"""``sovgw node key`` and ``sovgw node descriptor sign|verify``: operator keys and node descriptors."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import ValidationError

from domain.nodes import (
    NodeDescriptor,
    NodeIdentityError,
    descriptor_digest,
    load_private_key,
    new_private_key,
    parse_signed_descriptor,
    public_key_text,
    sign_descriptor,
    verify_descriptor,
)


def add_key_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="the private key file (PKCS#8 PEM; made when missing)")


def run_key(args: argparse.Namespace) -> int:
    """Print the public key of an operator's or a node's key file, making the key first if missing."""
    path: Path = args.path
    try:
        key = load_private_key(path) if path.exists() else new_private_key(path)
    except (OSError, ValueError, NodeIdentityError) as e:
        print(f"sovgw node key: {path}: {e}", file=sys.stderr)
        return 2
    print(public_key_text(key))
    return 0


def add_descriptor_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="descriptor_command", required=True, metavar="COMMAND")
    sign = actions.add_parser("sign", help="sign a node's descriptor (YAML or JSON) with the operator's key")
    sign.add_argument("descriptor", type=Path, help="the descriptor's fields, YAML or JSON")
    sign.add_argument("--key", type=Path, required=True, help="the operator's private key file")
    sign.add_argument("--out", type=Path, help="where to write the signed descriptor (default: stdout)")
    verify = actions.add_parser("verify", help="check a signed descriptor against an operator's keys")
    verify.add_argument("signed", type=Path, help="the signed descriptor (JSON)")
    verify.add_argument(
        "--operator-key", action="append", required=True, help="the operator's public key (repeatable)"
    )
    verify.add_argument("--at", help="check the validity window at this RFC 3339 time (default: now)")


def run_descriptor(args: argparse.Namespace) -> int:
    return _sign(args) if args.descriptor_command == "sign" else _verify(args)


def _sign(args: argparse.Namespace) -> int:
    try:
        fields = yaml.safe_load(args.descriptor.read_text(encoding="utf-8"))
        descriptor = NodeDescriptor.model_validate(fields)
        signed = sign_descriptor(descriptor, load_private_key(args.key))
    except (OSError, yaml.YAMLError, ValidationError, ValueError, NodeIdentityError) as e:
        print(f"sovgw node descriptor sign: {_problem(e)}", file=sys.stderr)
        return 2
    text = json.dumps(signed.model_dump(mode="json"), indent=2) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"descriptor sha256: {descriptor_digest(descriptor)}", file=sys.stderr)
    return 0


def _verify(args: argparse.Namespace) -> int:
    try:
        at = datetime.fromisoformat(args.at) if args.at else datetime.now(UTC)
        signed = parse_signed_descriptor(args.signed.read_bytes())
        digest = verify_descriptor(signed, args.operator_key, at)
    except (OSError, ValueError, NodeIdentityError) as e:
        print(f"sovgw node descriptor verify: {_problem(e)}", file=sys.stderr)
        return 1
    d = signed.descriptor
    print(f"valid: node {d.node_id} of {d.operator.legal_name} in {d.country} ({d.site})")
    print(f"descriptor sha256: {digest}")
    return 0


def _problem(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    if isinstance(error, OSError):
        return f"{error.filename}: {error.strerror}"
    return str(error)
