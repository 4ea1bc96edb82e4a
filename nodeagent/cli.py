"""``sovgw node-agent``: serve a node's signed descriptor and evidence, and sign a receipt for every
request, in front of its inference server."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from domain.nodes import NodeIdentityError, load_private_key, parse_signed_descriptor, public_key_text
from nodeagent.app import AgentSettings
from nodeagent.evidence import EvidenceCommand
from nodeagent.server import run as serve

KEY_ENV = "SOVGW_NODE_KEY_FILE"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--upstream", required=True, help="the inference server's URL, e.g. http://tgi:80")
    parser.add_argument("--descriptor", type=Path, required=True, help="the node's signed descriptor (JSON)")
    parser.add_argument("--key", type=Path, help=f"the node's private key file (or ${KEY_ENV})")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8090, help="port to listen on (default 8090)")
    parser.add_argument(
        "--evidence-command",
        help="a command (split like a shell would, run without one) that prints the node's sev-snp "
        "quote for the report data in $SOVGW_REPORT_DATA, run once per nonce (see nodeagent/evidence.py); "
        "without it the agent serves simulated evidence signed by the node key",
    )
    parser.add_argument(
        "--evidence-timeout", type=float, default=10.0, help="seconds the command may run (default 10)"
    )


def settings_from(args: argparse.Namespace) -> AgentSettings:
    """Raises ``ValueError`` saying what cannot be used."""
    key_file = args.key or (Path(os.environ[KEY_ENV]) if KEY_ENV in os.environ else None)
    if key_file is None:
        raise ValueError(f"no node key: pass --key or set {KEY_ENV}")
    try:
        key = load_private_key(key_file)
        descriptor = parse_signed_descriptor(args.descriptor.read_bytes())
    except OSError as e:
        raise ValueError(f"{e.filename}: {e.strerror}") from None
    except NodeIdentityError as e:
        raise ValueError(str(e)) from None
    if not args.upstream.startswith("http://"):
        raise ValueError(
            "the upstream must be an http:// URL (TLS to the inference server is not spoken here)"
        )
    if descriptor.descriptor.node_key != public_key_text(key):
        raise ValueError("the key is not the node key the descriptor names")
    command = None
    if args.evidence_command is not None:
        argv = tuple(shlex.split(args.evidence_command))
        if not argv:
            raise ValueError("the evidence command is empty")
        if args.evidence_timeout <= 0:
            raise ValueError("the evidence timeout must be positive")
        command = EvidenceCommand(argv, timeout_s=args.evidence_timeout)
    return AgentSettings(args.upstream, descriptor, key, evidence_command=command)


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
    except ValueError as e:
        print(f"sovgw node-agent: {e}", file=sys.stderr)
        return 2
    try:
        serve(settings, args.host, args.port)
    except OSError as e:
        print(f"sovgw node-agent: cannot listen on {args.host}:{args.port} ({e.strerror})", file=sys.stderr)
        return 1
    return 0
