"""The Rego itself: tests pass with at least 90% coverage, formatted, and clean under strict checks."""

from __future__ import annotations

import json
import subprocess

import pytest

from gateway.policy.source import default_rego_dir
from tests.support.system import opa_binary

pytestmark = pytest.mark.opa


def opa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(opa_binary()), *args, str(default_rego_dir())], capture_output=True, text=True, timeout=120
    )


def test_rego_tests_pass_with_coverage_of_at_least_90_percent() -> None:
    result = opa("test", "--coverage", "--format=json")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    report = json.loads(result.stdout)
    assert report["coverage"] >= 90, report["coverage"]
    uncovered = report["files"][
        "residency.rego" if "residency.rego" in report["files"] else next(iter(report["files"]))
    ]
    assert uncovered.get("coverage", 0) >= 90


def test_every_rego_test_passes() -> None:
    result = opa("test", "-v")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "FAIL" not in result.stdout
    assert "PASS:" in result.stdout


def test_rego_is_formatted() -> None:
    result = opa("fmt", "--list")
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout


def test_rego_passes_strict_checks() -> None:
    result = opa("check", "--strict")
    assert result.returncode == 0, result.stderr
