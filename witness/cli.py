"""`sovgw witness serve` and `sovgw witness key`: witness other operators' logs, or print the key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audit.checkpoint import NoteVerifier, SigningKeyError
from witness.state import StateError, WitnessState, load_or_create_key
from witness.witness import Witness


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    add_key_arguments(parser)
    parser.add_argument(
        "--log",
        action="append",
        default=[],
        metavar="VKEY",
        required=True,
        help="a log's verifier key (<origin>+<id>+<key>) to witness; repeat for more logs",
    )
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8470, help="listen port (default 8470)")


def add_key_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state-dir", type=Path, default=Path("sovgw-witness"), help="key and state directory"
    )
    parser.add_argument("--name", default="sovgw-witness", help="the witness's key name")


def _open(args: argparse.Namespace) -> Witness | None:
    try:
        logs = [NoteVerifier.from_vkey(v) for v in args.log]
        signer = load_or_create_key(args.state_dir, args.name)
        state = WitnessState(args.state_dir / "state.json")
    except (SigningKeyError, StateError, OSError) as e:
        print(f"sovgw witness: {e}", file=sys.stderr)
        return None
    return Witness(signer, logs, state)


def run_key(args: argparse.Namespace) -> int:
    args.log = []
    witness = _open(args)
    if witness is None:
        return 2
    print(witness.vkey())
    return 0


def run_serve(args: argparse.Namespace) -> int:
    witness = _open(args)
    if witness is None:
        return 2
    import uvicorn

    from witness.server import build_app

    print(f"witness key: {witness.vkey()}", file=sys.stderr)
    uvicorn.run(build_app(witness), host=args.host, port=args.port, log_level="warning")
    return 0
