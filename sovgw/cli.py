"""`sovgw`: every subcommand, each imported only when it runs (serve, node-sim, node-agent, demo, ...)."""

from __future__ import annotations

import argparse
import importlib
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from audit.config import NO_KEY, AuditConfig
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
    from gateway.quotas.quotas import workers_problem

    problem = workers_problem(config, args.workers) or _signing_key_problem(config.audit)
    if problem:
        print(f"sovgw serve: {problem}", file=sys.stderr)
        return 2
    from gateway.server import serve

    host = args.host or config.listen.host
    port = args.port if args.port is not None else config.listen.port
    return serve(Path(path).resolve(), host, port, args.workers)


def _signing_key_problem(audit: AuditConfig) -> str | None:
    """Why the configured signing key cannot be used, in one line with the fix; None if it can."""
    path = audit.signing_key_file
    if path is None:
        return None if audit.signing_key or audit.allow_key_beside_database else NO_KEY
    if not path.is_file():
        return (
            f"the signing key file {path} does not exist: "
            "run `sovgw init` to make one, or fix audit.signing_key_file"
        )
    if not os.access(path, os.R_OK):
        return f"the signing key file {path} cannot be read by this user: fix its owner or mode (0600)"
    return None


def _hash_key(args: argparse.Namespace) -> int:
    key = args.key or f"sk-sovgw-{secrets.token_urlsafe(24)}"
    if not args.key:
        print(f"key:    {key}")
    print(f"sha256: {hash_api_key(key)}")
    return 0


def _add_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help=f"the YAML configuration (or ${CONFIG_ENV})")
    parser.add_argument("--host", help="listen address (overrides listen.host)")
    parser.add_argument("--port", type=int, help="listen port (overrides listen.port)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")


def _add_hash_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", help="hash this key instead of making one")


@dataclass(frozen=True)
class Command:
    """A subcommand whose module is imported only when it runs (some import spaCy and Presidio)."""

    help: str
    module: str
    add: str = "add_arguments"
    run: str = "run"


COMMANDS: dict[str, Command | tuple[str, dict[str, Command]]] = {
    "serve": Command("run the gateway", __name__, "_add_serve", "_serve"),
    "init": Command(
        "write a configuration, a signing key apart from the database, a first API key", "sovgw.init"
    ),
    "hash-key": Command(
        "make an API key and the hash to put in the config", __name__, "_add_hash_key", "_hash_key"
    ),
    "node-sim": Command("run a simulated TGI node (tests, benchmarks, demo)", "nodesim.cli"),
    "classify": Command(
        "print what the classifier finds in text or JSON Lines", "gateway.classification.cli"
    ),
    "policy": (
        "explain and test the residency policy",
        {
            "explain": Command(
                "print the decision, reasons and rules for an input",
                "gateway.policy.cli",
                "add_explain_arguments",
                "run_explain",
            ),
            "test": Command(
                "run the Rego tests with coverage (needs OPA)",
                "gateway.policy.cli",
                "add_test_arguments",
                "run_test",
            ),
            "bundle": Command(
                "build a signed OPA bundle of the policies (needs OPA)",
                "gateway.policy.bundle",
                "add_bundle_arguments",
                "run_bundle",
            ),
            "bundle-key": Command(
                "make the key pair that signs and verifies policy bundles",
                "gateway.policy.bundle",
                "add_key_arguments",
                "run_key",
            ),
        },
    ),
    "audit": (
        "verify, export, report, migrate and erase in the audit trail",
        {
            "verify": Command(
                "recompute the tree, check every checkpoint",
                "gateway.compliance.audit_commands",
                "add_verify_arguments",
                "run_verify",
            ),
            "migrate": Command(
                "create or upgrade the audit schema",
                "gateway.compliance.audit_commands",
                "add_migrate_arguments",
                "run_migrate",
            ),
            "erase-key": Command(
                "erase a tenant's pseudonym key",
                "gateway.compliance.audit_commands",
                "add_erase_arguments",
                "run_erase",
            ),
            "export": Command(
                "a signed BagIt bundle a regulator verifies offline",
                "gateway.compliance.audit_commands",
                "add_export_arguments",
                "run_export",
            ),
            "verify-bundle": Command(
                "verify an export bundle with this release's verifier (not the bundle's copy)",
                "audit.cli",
                "add_verify_bundle_arguments",
                "run_verify_bundle",
            ),
            "verifier-hash": Command(
                "print the SHA-256 of this release's bundle verifier, to compare a copy with",
                "audit.cli",
                "add_verifier_hash_arguments",
                "run_verifier_hash",
            ),
            "rotate-key": Command(
                "announce a new signing key in the log, signed by the current one",
                "gateway.compliance.audit_commands",
                "add_rotate_arguments",
                "run_rotate",
            ),
            "processing-report": Command(
                "a GDPR Art. 30 record of processing per tenant, from the trail",
                "gateway.compliance.audit_commands",
                "add_report_arguments",
                "run_report",
            ),
        },
    ),
    "access": Command(
        "create, list and revoke compliance officer, regulator and admin tokens",
        "gateway.compliance.cli",
        "add_access_arguments",
        "run_access",
    ),
    "witness": (
        "witness other operators' logs (C2SP tlog-witness)",
        {
            "serve": Command(
                "cosign checkpoints that extend what this witness saw",
                "witness.cli",
                "add_serve_arguments",
                "run_serve",
            ),
            "key": Command(
                "print the witness's verifier key (created if missing)",
                "witness.cli",
                "add_key_arguments",
                "run_key",
            ),
        },
    ),
    "node": (
        "an operator's keys and its nodes' signed descriptors",
        {
            "key": Command(
                "print a key file's public key (made when missing)",
                "nodeagent.descriptors",
                "add_key_arguments",
                "run_key",
            ),
            "descriptor": Command(
                "sign a node's descriptor, or verify one (sign | verify)",
                "nodeagent.descriptors",
                "add_descriptor_arguments",
                "run_descriptor",
            ),
        },
    ),
    "node-agent": Command(
        "serve a node's descriptor and evidence, and sign a receipt per request, in front of TGI",
        "nodeagent.cli",
    ),
    "demo": Command("simulated nodes + a gateway, and requests through them", "sovgw.demo"),
}


def _attach(parser: argparse.ArgumentParser, command: Command, selected: bool) -> None:
    if not selected:
        return  # never parsed: its arguments (and its imports) are not needed
    module = importlib.import_module(command.module)
    getattr(module, command.add)(parser)
    parser.set_defaults(run=getattr(module, command.run))


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    words = [a for a in argv if not a.startswith("-")]
    parser = argparse.ArgumentParser(prog="sovgw", description="Sovereign Gateway")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, entry in COMMANDS.items():
        chosen = words[:1] == [name]
        if isinstance(entry, Command):
            _attach(commands.add_parser(name, help=entry.help), entry, chosen)
            continue
        text, group = entry
        subcommands = commands.add_parser(name, help=text).add_subparsers(
            dest=f"{name}_command", required=True, metavar="COMMAND"
        )
        for sub, command in group.items():
            _attach(subcommands.add_parser(sub, help=command.help), command, chosen and words[1:2] == [sub])
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
