"""``sovgw policy explain`` and ``sovgw policy test``: the policy for people."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import ValidationError

from domain.policy import PolicyInput
from gateway.config import ConfigError, PolicyConfig, load_config
from gateway.policy.backend import Evaluation
from gateway.policy.errors import PolicyEngineError
from gateway.policy.factory import build_policy_engine
from gateway.policy.source import PolicySourceError, default_rego_dir, is_test_module

OPA_VERSION = "v1.22.4"
OPA_INSTALL = f"GOBIN=$PWD/.tools/bin go install github.com/open-policy-agent/opa@{OPA_VERSION}"
_RULE_HEAD = re.compile(r"^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)")


# --- explain ---


def add_explain_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input", required=True, type=Path, help="JSON file: a PolicyInput or {'input': ...}"
    )
    parser.add_argument("--config", type=Path, help="gateway config whose policy section picks the engine")
    parser.add_argument("--rego-dir", type=Path, help="policy directory (default: the shipped policies)")
    parser.add_argument("--opa-url", help="ask this OPA server instead of the embedded engine")
    parser.add_argument("--json", action="store_true", help="print the decision and findings as JSON")


def run_explain(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Decide one input (a PolicyInput as JSON, or ``{"input": ...}``) with the configured engine and
    print the decision, every reason and the rule that produced it (with the rule's METADATA title).

    Exit status: 0 allowed, 1 denied, 2 the input is invalid or the engine failed.
    """
    try:
        inp = _read_input(args.input)
        config = _policy_config(args)
    except (OSError, ValueError, ValidationError, ConfigError) as e:
        print(f"sovgw policy explain: {_short(e)}", file=err)
        return 2
    try:
        evaluation = asyncio.run(_evaluate(config, inp.model_dump(mode="json")))
    except (PolicyEngineError, PolicySourceError) as e:
        print(f"sovgw policy explain: no decision: {e}", file=err)
        return 2
    titles = rule_titles(config.rego_dir or default_rego_dir())
    if args.json:
        json.dump(_as_json(evaluation, titles), out, indent=2)
        out.write("\n")
    else:
        _print_explanation(evaluation, titles, out)
    return 0 if evaluation.result.allow else 1


def _short(e: Exception) -> str:
    if isinstance(e, ValidationError):
        problems = "; ".join(f"{'.'.join(map(str, x['loc'])) or '(top)'}: {x['msg']}" for x in e.errors()[:5])
        return f"not a valid policy input: {problems}"
    return str(e)


def _read_input(path: Path) -> PolicyInput:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON (line {e.lineno})") from None
    if isinstance(value, dict) and value.keys() == {"input"}:
        value = value["input"]
    return PolicyInput.model_validate(value)


def _policy_config(args: argparse.Namespace) -> PolicyConfig:
    base = load_config(args.config).policy if args.config else PolicyConfig()
    updates: dict[str, Any] = {"cache_size": 0}
    if args.rego_dir:
        updates["rego_dir"] = args.rego_dir
    config = base.model_copy(update=updates)
    if args.opa_url:
        config = PolicyConfig.model_validate({**config.model_dump(), "opa_url": args.opa_url})
    return config


async def _evaluate(config: PolicyConfig, inp: dict[str, Any]) -> Evaluation:
    engine = build_policy_engine(config)
    try:
        return await engine.evaluate(inp)
    finally:
        await engine.aclose()


def _print_explanation(evaluation: Evaluation, titles: dict[str, str], out: TextIO) -> None:
    r = evaluation.result
    print(f"decision:    {'ALLOW' if r.allow else 'DENY'}", file=out)
    print(f"engine:      {evaluation.engine}", file=out)
    print(f"revision:    {evaluation.revision}", file=out)
    print(f"legal basis: {r.legal_basis or '(none relied on)'}", file=out)
    print("allowed nodes:", file=out)
    for node_id, basis in sorted(r.allowed_nodes.items()):
        print(f"  {node_id}: {basis}", file=out)
    if not r.allowed_nodes:
        print("  (none)", file=out)
    print("obligations:", file=out)
    for key, value in sorted(r.obligations.items()):
        print(f"  {key}: {value}", file=out)
    print("reasons (rule: title):", file=out)
    for f in r.findings:
        print(f"  - {f.reason}", file=out)
        print(f"      by {f.rule}: {titles.get(f.rule, '(no title)')}", file=out)


def _as_json(evaluation: Evaluation, titles: dict[str, str]) -> dict[str, Any]:
    result = evaluation.result.model_dump(mode="json")
    for f in result["findings"]:
        f["rule_title"] = titles.get(f["rule"])
    return {"engine": evaluation.engine, "revision": evaluation.revision, **result}


def rule_titles(rego_dir: Path) -> dict[str, str]:
    """Rule name -> the ``title`` of the ``# METADATA`` block just above it, over the policy files."""
    titles: dict[str, str] = {}
    for path in sorted(rego_dir.rglob("*.rego")):
        if not is_test_module(path):
            titles.update(_titles_in(path.read_text(encoding="utf-8")))
    return titles


def _titles_in(text: str) -> dict[str, str]:
    titles: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() != "# METADATA":
            i += 1
            continue
        block: list[str] = []
        i += 1
        while i < len(lines) and lines[i].startswith("#"):
            block.append(lines[i][2:] if lines[i].startswith("# ") else lines[i][1:])
            i += 1
        head = _RULE_HEAD.match(lines[i]) if i < len(lines) else None
        try:
            meta = yaml.safe_load("\n".join(block)) or {}
        except yaml.YAMLError:
            continue
        if head and head.group(1) != "package" and isinstance(meta, dict) and meta.get("title"):
            titles[head.group(1)] = str(meta["title"])
    return titles


# --- test ---


def add_test_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rego-dir", type=Path, help="policy directory (default: the shipped policies)")
    parser.add_argument(
        "--threshold", type=float, default=90.0, help="minimum coverage in percent (default 90)"
    )
    parser.add_argument(
        "--opa", type=Path, help="the OPA binary (default: $SOVGW_OPA_BIN, .tools/bin/opa, PATH)"
    )


def find_opa(explicit: Path | None = None) -> Path | None:
    root = Path(__file__).resolve().parents[2]
    for candidate in (
        explicit,
        os.environ.get("SOVGW_OPA_BIN"),
        root / ".tools/bin/opa",
        shutil.which("opa"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def run_test(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the Rego tests with OPA (``opa test -v``), then require coverage at or above the threshold
    (``opa test --coverage``), ``opa fmt --list`` to list nothing and ``opa check --strict`` to pass.

    Exit status: 0 all good, 1 something failed, 2 no OPA binary (it prints how to get one).
    """
    opa = find_opa(args.opa)
    if opa is None:
        print(
            f"sovgw policy test: the Rego tests need OPA {OPA_VERSION}. Build it with Go:\n  {OPA_INSTALL}\n"
            "or put an opa binary on PATH, or set SOVGW_OPA_BIN.",
            file=err,
        )
        return 2
    rego_dir = str(args.rego_dir or default_rego_dir())
    ok = True

    tests = _run([opa, "test", "-v", rego_dir])
    out.write(tests.stdout)
    ok &= _report(out, "opa test", tests.returncode == 0, tests.stderr)

    cover = _run([opa, "test", "--coverage", "--format=json", rego_dir])
    try:
        coverage = float(json.loads(cover.stdout)["coverage"])
    except (ValueError, KeyError, TypeError):
        coverage = 0.0
    ok &= _report(
        out, f"coverage {coverage:.1f}% (threshold {args.threshold:g}%)", coverage >= args.threshold, ""
    )

    fmt = _run([opa, "fmt", "--list", rego_dir])
    unformatted = fmt.stdout.strip()
    ok &= _report(out, "opa fmt", fmt.returncode == 0 and not unformatted, f"not formatted: {unformatted}")

    check = _run([opa, "check", "--strict", rego_dir])
    ok &= _report(out, "opa check --strict", check.returncode == 0, check.stderr or check.stdout)
    return 0 if ok else 1


def _run(command: list[Any]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, check=False, timeout=120)


def _report(out: TextIO, what: str, passed: bool, detail: str) -> bool:
    print(f"{'ok  ' if passed else 'FAIL'} {what}", file=out)
    if not passed and detail.strip():
        print(detail.strip(), file=out)
    return passed
