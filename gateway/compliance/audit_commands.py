"""``sovgw audit ...`` as the gateway runs it: each command's audit settings from --database or the config.

The trail's commands (``audit.cli``) run on an ``AuditConfig`` they are handed; where it comes from is
the gateway's business: ``--database URL`` alone, or the ``audit`` section of the gateway's YAML
(``--config PATH`` or $SOVGW_CONFIG), with ``--database`` overriding its database URL and
``--signing-key-file`` its signing key (commands that write to the log need one).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from audit import cli
from audit.config import AuditConfig
from gateway.config import ConfigError, load_config

CONFIG_ENV = "SOVGW_CONFIG"

AddArguments = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


class SourceError(Exception):
    """The command was given neither a database nor a configuration."""


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", help=f"gateway configuration to take the audit settings from (or ${CONFIG_ENV})"
    )
    parser.add_argument("--database", help="audit database URL: sqlite:///path.db or postgresql://...")
    parser.add_argument(
        "--signing-key-file",
        type=Path,
        help="the log's signing key, for commands that write to the log (overrides the configuration's)",
    )


def audit_config(args: argparse.Namespace) -> AuditConfig:
    """The audit settings ``args`` name; ``SourceError`` or ``ConfigError`` when they name none."""
    path = args.config or os.environ.get(CONFIG_ENV)
    config = load_config(Path(path)).audit if path else AuditConfig()
    if args.database:
        config = config.model_copy(update={"database_url": args.database})
    elif not path:
        raise SourceError("give --database URL or --config PATH")
    if getattr(args, "signing_key_file", None):
        config = config.model_copy(update={"signing_key_file": args.signing_key_file, "signing_key": None})
    return config


def _with_settings(
    name: str, add: AddArguments, run: Callable[[argparse.Namespace, AuditConfig], int]
) -> tuple[AddArguments, Run]:
    """The command ``sovgw <name>``: the source arguments first, exit 2 when they name no settings."""

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        add_source_arguments(parser)
        add(parser)

    def run_command(args: argparse.Namespace) -> int:
        try:
            config = audit_config(args)
        except (SourceError, ConfigError) as e:
            print(f"sovgw {name}: {e}", file=sys.stderr)
            return 2
        return run(args, config)

    return add_arguments, run_command


add_verify_arguments, run_verify = _with_settings("audit verify", cli.add_verify_arguments, cli.run_verify)
add_migrate_arguments, run_migrate = _with_settings(
    "audit migrate", cli.add_migrate_arguments, cli.run_migrate
)
add_erase_arguments, run_erase = _with_settings("audit erase-key", cli.add_erase_arguments, cli.run_erase)
add_export_arguments, run_export = _with_settings("audit export", cli.add_export_arguments, cli.run_export)
add_report_arguments, run_report = _with_settings(
    "audit processing-report", cli.add_report_arguments, cli.run_report
)
add_rotate_arguments, run_rotate = _with_settings(
    "audit rotate-key", cli.add_rotate_arguments, cli.run_rotate
)
