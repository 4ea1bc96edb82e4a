"""The one-file verifier reads records in several processes when asked (--jobs): the report is
the one a single process gives, word for word, for an untouched bundle and for each tamper."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from audit import bundle_verify
from audit.export.bundle import Bundle
from tests.compliance.test_bundle import bundle_for
from tests.compliance.trail import SIGNER, build_trail
from tests.support.bags import rebag

KEY = bundle_verify.PublicKey.parse(SIGNER.vkey())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return bundle_for(build_trail(tmp_path_factory.mktemp("trail")))


def _with_lines(files: dict[str, bytes], edit) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    lines = files["data/records.jsonl"].split(b"\n")[:-1]
    return rebag({**files, "data/records.jsonl": b"".join(line + b"\n" for line in edit(lines))})


def _edited(line: bytes, **changes: object) -> bytes:
    doc = json.loads(line)
    doc.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del doc[key]
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def _variants(files: dict[str, bytes]) -> dict[str, dict[str, bytes]]:
    m = files["data/records.jsonl"].count(b"\n") // 2  # a line in the middle: where runs are cut
    return {
        "untouched": files,
        "swapped": _with_lines(files, lambda ls: [*ls[:m], ls[m + 1], ls[m], *ls[m + 2 :]]),
        "unreadable": _with_lines(files, lambda ls: [*ls[:m], b"{not json", *ls[m + 1 :]]),
        "two unreadable": _with_lines(files, lambda ls: [*ls[:3], b"x", *ls[4:-3], b"[]", *ls[-2:]]),
        "lacking a kind": _with_lines(files, lambda ls: [*ls[:m], _edited(ls[m], kind=None), *ls[m + 1 :]]),
        "out of the period": _with_lines(
            files, lambda ls: [*ls[:5], _edited(ls[5], recorded_at="2030-01-01T00:00:00.000000Z"), *ls[6:]]
        ),
        "dropped": _with_lines(files, lambda ls: ls[:m] + ls[m + 1 :]),
        "repeated": _with_lines(files, lambda ls: ls[: m + 1] + ls[m:]),
        "no final newline": rebag({**files, "data/records.jsonl": files["data/records.jsonl"][:-1]}),
    }


def test_the_report_is_the_same_whatever_the_number_of_processes(bundle: Bundle) -> None:
    for name, files in _variants(bundle.files).items():
        single = bundle_verify.verify_bundle(files, KEY).render()
        assert ("result: PASS" in single) is (name == "untouched"), f"{name}: {single}"
        for jobs in (2, 3, 8):
            assert bundle_verify.verify_bundle(files, KEY, jobs=jobs).render() == single, (name, jobs)


def test_without_fork_the_runs_are_sent_to_the_processes(
    bundle: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where processes cannot be forked (Windows, and macOS by default), each gets its run of lines."""
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    files = _variants(bundle.files)["lacking a kind"]
    assert (
        bundle_verify.verify_bundle(files, KEY, jobs=2).render()
        == bundle_verify.verify_bundle(files, KEY).render()
    )


def test_the_command_takes_jobs(bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bag = bundle.write(tmp_path / "bag")
    assert bundle_verify.main([str(bag), "--key", SIGNER.vkey(), "--jobs", "2"]) == 0
    assert "result: PASS" in capsys.readouterr().out
