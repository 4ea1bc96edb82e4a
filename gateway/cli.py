"""``sovgw``: serve the gateway, run a simulated node, the demo, and the tools for policy and audit."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from gateway.config import ConfigError, hash_api_key, load_config

CONFIG_ENV = "SOVGW_CONFIG"


def _serve(args: argparse.Namespace) -> int:
    path = args.config or os.environ.get(CONFIG_ENV)
    if not path:
        print(
            "sovgw serve: no configuration given. Pass --config PATH (or set SOVGW_CONFIG); "
            "see config/example.yaml. To try the gateway without one, run `sovgw demo`.",
            file=sys.stderr,
        )
        return 2
    try:
        config = load_config(Path(path))
    except ConfigError as e:
        print(f"sovgw serve: configuration error: {e}", file=sys.stderr)
        return 2
    from gateway.server import serve

    host = args.host or config.listen.host
    port = args.port if args.port is not None else config.listen.port
    return serve(Path(path).resolve(), host, port, args.workers)


def _hash_key(args: argparse.Namespace) -> int:
    key = args.key or f"sk-sovgw-{secrets.token_urlsafe(24)}"
    if not args.key:
        print(f"key:    {key}")
    print(f"sha256: {hash_api_key(key)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sovgw", description="Sovereign Gateway")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the gateway")
    serve.add_argument("--config", help=f"the YAML configuration (or ${CONFIG_ENV})")
    serve.add_argument("--host", help="listen address (overrides listen.host)")
    serve.add_argument("--port", type=int, help="listen port (overrides listen.port)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(run=_serve)

    key = commands.add_parser("hash-key", help="make an API key and the hash to put in the config")
    key.add_argument("key", nargs="?", help="hash this key instead of making one")
    key.set_defaults(run=_hash_key)

    from gateway.nodesim import cli as nodesim

    sim = commands.add_parser("node-sim", help="run a simulated TGI node (tests, benchmarks, demo)")
    nodesim.add_arguments(sim)
    sim.set_defaults(run=nodesim.run)

    from gateway.classification import cli as classify

    classify_parser = commands.add_parser(
        "classify", help="print what the classifier finds in text or JSON Lines"
    )
    classify.add_arguments(classify_parser)
    classify_parser.set_defaults(run=classify.run)

    from gateway.policy import cli as policy

    policy_commands = commands.add_parser(
        "policy", help="explain and test the residency policy"
    ).add_subparsers(dest="policy_command", required=True, metavar="COMMAND")
    explain = policy_commands.add_parser("explain", help="print the decision, reasons and rules for an input")
    policy.add_explain_arguments(explain)
    explain.set_defaults(run=policy.run_explain)
    rego_tests = policy_commands.add_parser("test", help="run the Rego tests with coverage (needs OPA)")
    policy.add_test_arguments(rego_tests)
    rego_tests.set_defaults(run=policy.run_test)

    from audit import cli as audit

    audit_commands = commands.add_parser(
        "audit", help="verify, migrate and erase in the audit trail"
    ).add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    for name, add, run, text in (
        (
            "verify",
            audit.add_verify_arguments,
            audit.run_verify,
            "recompute the tree, check every checkpoint",
        ),
        ("migrate", audit.add_migrate_arguments, audit.run_migrate, "create or upgrade the audit schema"),
        ("erase-key", audit.add_erase_arguments, audit.run_erase, "erase a tenant's pseudonym key"),
    ):
        sub = audit_commands.add_parser(name, help=text)
        add(sub)
        sub.set_defaults(run=run)

    from gateway import demo

    demo_parser = commands.add_parser("demo", help="simulated nodes + a gateway, and requests through them")
    demo.add_arguments(demo_parser)
    demo_parser.set_defaults(run=demo.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
