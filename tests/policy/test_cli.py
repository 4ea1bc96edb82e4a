"""``sovgw policy explain`` and ``sovgw policy test`` as a person at a terminal uses them."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from domain.classification import Category
from gateway.policy import cli
from tests.policy.conftest import OpaServer
from tests.policy.inputs import policy_input
from tests.support.system import opa_binary


def parse(add, *argv: str) -> argparse.Namespace:  # type: ignore[no-untyped-def]
    parser = argparse.ArgumentParser()
    add(parser)
    return parser.parse_args(list(argv))


def explain(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run_explain(parse(cli.add_explain_arguments, *argv), out, err)
    return code, out.getvalue(), err.getvalue()


def write_input(tmp_path: Path, value: object) -> Path:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(value))
    return path


def test_explain_prints_decision_reasons_and_the_rules_behind_them(tmp_path: Path) -> None:
    path = write_input(tmp_path, policy_input(Category.PERSONAL).model_dump(mode="json"))
    code, out, _ = explain("--input", str(path))
    assert code == 0
    assert "decision:    ALLOW" in out
    assert "  de-1: intra-EEA" in out
    assert "node ch-1 (CH): outside the EEA and the tenant does not allow adequacy transfers" in out
    assert "by no_transfer_basis: Personal data leaves the EEA only on an adequacy decision" in out


def test_explain_accepts_an_opa_style_input_document_and_exits_1_on_denial(tmp_path: Path) -> None:
    denied = policy_input(Category.SPECIAL, home="CH").model_dump(mode="json")
    code, out, _ = explain("--input", str(write_input(tmp_path, {"input": denied})), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["allow"] is False and result["engine"] == "embedded"
    rules = {f["rule"]: f["rule_title"] for f in result["findings"]}
    assert rules["special_category_scope"] == "Special-category data stays in the home jurisdiction"


def test_explain_refuses_an_invalid_input_with_exit_2(tmp_path: Path) -> None:
    code, _, err = explain("--input", str(write_input(tmp_path, {"tenant": {}})))
    assert code == 2 and "not a valid policy input" in err
    (tmp_path / "broken.json").write_text("{")
    code, _, err = explain("--input", str(tmp_path / "broken.json"))
    assert code == 2 and "not valid JSON" in err


def test_explain_reports_an_unreachable_engine_with_exit_2(tmp_path: Path) -> None:
    path = write_input(tmp_path, policy_input(Category.PERSONAL).model_dump(mode="json"))
    code, _, err = explain("--input", str(path), "--opa-url", "http://127.0.0.1:9")
    assert code == 2 and "unreachable" in err


@pytest.mark.opa
def test_explain_asks_an_opa_server_when_given_one(tmp_path: Path, opa: OpaServer, policy_dir: Path) -> None:
    path = write_input(tmp_path, policy_input(Category.PERSONAL).model_dump(mode="json"))
    code, out, _ = explain("--input", str(path), "--opa-url", opa.url, "--rego-dir", str(policy_dir))
    assert code == 0 and "engine:      opa" in out


@pytest.mark.opa
def test_policy_test_runs_the_rego_tests_and_checks(tmp_path: Path, policy_dir: Path) -> None:
    opa_binary()  # the command finds OPA itself; without one this skips like the other OPA tests
    out = io.StringIO()
    assert cli.run_test(parse(cli.add_test_arguments, "--rego-dir", str(policy_dir)), out, io.StringIO()) == 0
    assert "ok   coverage 100.0% (threshold 90%)" in out.getvalue()
    assert "ok   opa check --strict" in out.getvalue()

    # A policy edit that breaks a test and the formatting fails the run.
    policy = policy_dir / "residency.rego"
    policy.write_text(policy.read_text().replace('"intra-EEA" if {', '"intra-EEA"   if {'))
    policy.write_text(policy.read_text().replace('"retention_class": object.get', '"retention": object.get'))
    out = io.StringIO()
    assert cli.run_test(parse(cli.add_test_arguments, "--rego-dir", str(policy_dir)), out, io.StringIO()) == 1
    assert "FAIL opa test" in out.getvalue()
    assert "FAIL opa fmt" in out.getvalue()


def test_policy_test_says_how_to_get_opa_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "find_opa", lambda explicit=None: None)
    err = io.StringIO()
    assert cli.run_test(parse(cli.add_test_arguments), io.StringIO(), err) == 2
    assert "go install github.com/open-policy-agent/opa@v1.22.4" in err.getvalue()


def test_rule_titles_come_from_metadata_blocks(tmp_path: Path) -> None:
    (tmp_path / "p.rego").write_text(
        "# METADATA\n# title: Package\npackage sovgw.x\n\n"
        "# METADATA\n# title: Nodes that may serve\n# description: >-\n#   long\n"
        "allowed contains x if x := 1\n\n"
        "# METADATA\n# title: Default\ndefault allow := false\n"
    )
    (tmp_path / "p_test.rego").write_text("# METADATA\n# title: ignored\ntest_x if true\n")
    assert cli.rule_titles(tmp_path) == {"allowed": "Nodes that may serve", "allow": "Default"}
