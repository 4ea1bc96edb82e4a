"""``sovgw classify``: plain text and JSON Lines in, one summary per input out."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from gateway.classification import cli


def classify(
    args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = ""
) -> tuple[int, list[dict], str]:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    code = cli.run(parser.parse_args(args))
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_plain_text_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "prompt.txt"
    path.write_text("Minu isikukood on 38001085718.\nIch habe Diabetes.", encoding="utf-8")
    code, lines, _ = classify([str(path)], monkeypatch)
    assert code == 0 and len(lines) == 1
    assert lines[0]["category"] == "special"
    assert lines[0]["entities"] == {"EE_PERSONAL_CODE": 1, "SPECIAL_HEALTH": 1}
    assert lines[0]["degraded"] is False
    assert "38001085718" not in json.dumps(lines)


def test_json_lines_from_stdin_echo_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = '{"id": "a", "text": "mail me at x.y@example.com"}\n\n{"text": "plain words"}\n'
    code, lines, _ = classify(["--jsonl", "-"], monkeypatch, stdin)
    assert code == 0
    assert [line.get("id") for line in lines] == ["a", None]
    assert [line["category"] for line in lines] == ["personal", "none"]


def test_the_configuration_file_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gateway.yaml"
    config.write_text(
        "classification:\n  languages: [de]\n"
        "nodes: [{id: n1, base_url: 'http://127.0.0.1:1', jurisdiction: DE, operator: o, models: [m]}]\n"
        "tenants: [{id: t, home_jurisdiction: DE, allowed_jurisdictions: [DE], purposes: [p],\n"
        f"  api_keys: [{{id: k, sha256: '{'0' * 64}'}}]}}]\n",
        encoding="utf-8",
    )
    code, lines, _ = classify(["--config", str(config)], monkeypatch, "Hallo Welt")
    assert code == 0 and lines[0]["languages"] == ["de"]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [("not json\n", "line 1: not valid JSON"), ('{"text": 5}\n', "line 1: expected an object")],
)
def test_unusable_json_lines_are_refused(monkeypatch: pytest.MonkeyPatch, stdin: str, message: str) -> None:
    code, lines, err = classify(["--jsonl"], monkeypatch, stdin)
    assert code == 2 and lines == [] and message in err


def test_a_missing_file_or_config_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = classify([str(tmp_path / "missing.txt")], monkeypatch)
    assert code == 2 and "missing.txt" in err
    code, _, err = classify(["--config", str(tmp_path / "none.yaml")], monkeypatch, "x")
    assert code == 2 and "none.yaml" in err


def test_a_classification_failure_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, items: object) -> None:
        raise cli.ClassificationError("classification failed (ValueError)")

    monkeypatch.setattr("gateway.classification.classifier.Classifier.classify", broken)
    code, lines, err = classify([], monkeypatch, "text")
    assert code == 1 and lines == [] and "classification failed" in err
