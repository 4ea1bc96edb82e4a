"""``sovgw classify [FILE|-] [--jsonl] [--config PATH]``: the gateway's classifier from a shell.

Plain text input is one text; with ``--jsonl`` every line is a JSON object whose ``text`` field is
classified (an ``id`` field, if present, is echoed). Each summary is printed as one JSON line:
category, entity types with counts, special categories, degraded flag, detector version. The
classification section of ``--config`` is used (defaults without one), analysed in this process.
Exit status: 0 on success, 1 if classification failed, 2 for unusable input or configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from domain.texts import FieldKind, TextItem
from gateway.classification.classifier import ClassificationError, build_classifier
from gateway.config import ClassificationConfig, ConfigError, load_config


class InputError(Exception):
    """The input cannot be read as the chosen format; the message names the line, not its text."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", help="text to classify; '-' (default) reads stdin")
    parser.add_argument("--jsonl", action="store_true", help="one JSON object per line, with a 'text' field")
    parser.add_argument("--config", type=Path, help="gateway configuration file (its classification section)")


def run(args: argparse.Namespace) -> int:
    try:
        settings = _settings(args.config)
    except ConfigError as e:
        print(f"sovgw classify: {e}", file=sys.stderr)
        return 2
    try:
        inputs = _read_inputs(args.file, args.jsonl)
    except (OSError, InputError) as e:
        print(f"sovgw classify: {e}", file=sys.stderr)
        return 2
    try:
        asyncio.run(_classify_all(settings, inputs, sys.stdout))
    except ClassificationError as e:
        print(f"sovgw classify: {e}", file=sys.stderr)
        return 1
    return 0


def _settings(config_path: Path | None) -> ClassificationConfig:
    base = load_config(config_path).classification if config_path is not None else ClassificationConfig()
    # Same languages, model and limits as the gateway, analysed here rather than in a worker pool.
    return base.model_copy(update={"executor": "inline"})


def _read_inputs(file: str, jsonl: bool) -> list[tuple[Any, str]]:
    if file == "-":
        raw = sys.stdin.read()
    else:
        try:
            raw = Path(file).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{file}: not UTF-8 text") from None
    if not jsonl:
        return [(None, raw)]
    inputs = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"line {number}: not valid JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"line {number}: expected an object with a string 'text' field")
        inputs.append((record.get("id"), record["text"]))
    return inputs


async def _classify_all(settings: ClassificationConfig, inputs: list[tuple[Any, str]], out: TextIO) -> None:
    classifier = build_classifier(settings)
    try:
        for ident, text in inputs:
            summary = await classifier.classify([TextItem(FieldKind.OTHER, text)])
            line: dict[str, Any] = {} if ident is None else {"id": ident}
            line.update(summary.model_dump(mode="json", exclude={"field_kinds"}))
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        await classifier.aclose()
