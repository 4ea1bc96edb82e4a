"""Loading the policy directory, and the revision that names its content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.policy.source import PolicySourceError, compute_revision, load_policy_source, reference_of


def test_data_files_land_where_opa_puts_them(policy_dir: Path) -> None:
    source = load_policy_source(policy_dir)
    reference = reference_of(source.data)
    assert set(reference) == {"eea", "adequacy", "jurisdictions", "attestation"}
    assert reference["eea"]["as_of"] == "2026-01-15" and "DE" in reference["eea"]["members"]
    assert all(not name.endswith("_test.rego") for name in source.modules)


def test_revision_changes_with_policy_or_data_and_not_with_tests_or_json_layout(policy_dir: Path) -> None:
    base = load_policy_source(policy_dir).revision

    test = policy_dir / "residency_test.rego"
    test.write_text(test.read_text() + "\n")
    assert load_policy_source(policy_dir).revision == base

    eea = policy_dir / "sovgw/reference/eea/data.json"
    eea.write_text(json.dumps(json.loads(eea.read_text()), indent=None, sort_keys=True))
    assert load_policy_source(policy_dir).revision == base  # same data, other formatting

    data = json.loads(eea.read_text())
    data["members"].remove("NO")
    eea.write_text(json.dumps(data))
    changed = load_policy_source(policy_dir).revision
    assert changed != base

    policy = policy_dir / "residency.rego"
    policy.write_text(policy.read_text() + "\n# a comment is a change too\n")
    assert load_policy_source(policy_dir).revision not in (base, changed)


def test_revision_does_not_depend_on_module_order() -> None:
    assert compute_revision(["a", "b"], {"x": 1}) == compute_revision(["b", "a"], {"x": 1})
    assert compute_revision(["a"], {"x": 1}) != compute_revision(["a"], {"x": 2})


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        ("elsewhere/data.json", "{}", "must live under sovgw/reference"),
        ("sovgw/reference/eea/data.json", "{oops", "not valid JSON"),
        ("other.rego", "package other\n", "package under sovgw"),
    ],
)
def test_invalid_policy_directories_are_refused(
    policy_dir: Path, path: str, content: str, message: str
) -> None:
    target = policy_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content)
    with pytest.raises(PolicySourceError, match=message):
        load_policy_source(policy_dir)


def test_a_directory_without_modules_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicySourceError, match="no Rego modules"):
        load_policy_source(tmp_path)
