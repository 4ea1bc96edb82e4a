"""The policy's files on disk, and the revision that names what a backend evaluated."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rfc8785

REVISION_SCHEME = "sovgw-policy-revision/1"
REFERENCE_PATH = ("sovgw", "reference")
_PACKAGE = re.compile(r"^package\s+sovgw(\.|\s|$)", re.MULTILINE)

Stamp = tuple[tuple[str, int, int], ...]


class PolicySourceError(Exception):
    """The policy directory cannot be loaded; the message names the file, never any input."""


@dataclass(frozen=True)
class PolicySource:
    modules: dict[str, str]  # path relative to the policy directory -> Rego text
    data: dict[str, Any]  # the merged base document, rooted at ``data``
    revision: str
    stamp: Stamp


def default_rego_dir() -> Path:
    """The policies shipped with the gateway (policies/rego at the project root)."""
    return Path(__file__).resolve().parents[2] / "policies" / "rego"


def is_test_module(path: Path | str) -> bool:
    return str(path).endswith("_test.rego")


def declares_sovgw_package(text: str) -> bool:
    return _PACKAGE.search(text) is not None


def _policy_files(rego_dir: Path) -> list[Path]:
    files = [
        p
        for p in rego_dir.rglob("*")
        if p.is_file() and ((p.suffix == ".rego" and not is_test_module(p)) or p.suffix == ".json")
    ]
    return sorted(files)


def source_stamp(rego_dir: Path) -> Stamp:
    """A cheap fingerprint (path, mtime, size) for noticing that files changed."""
    stamp = []
    for p in _policy_files(rego_dir):
        try:
            st = p.stat()
        except OSError:
            continue  # vanished between listing and stat: the next look sees the new state
        stamp.append((str(p.relative_to(rego_dir)), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


def compute_revision(rego_texts: Iterable[str], reference: Any) -> str:
    """The revision: defined over content, not paths, so that it comes out the same from the files
    (embedded backend) and from what an OPA server reports it has loaded (policy texts from
    ``/v1/policies``, data from ``/v1/data/sovgw/reference``), whatever the server's mount path::

        sha256("sovgw-policy-revision/1\\n"
               + "rego <sha256(text)>\\n" for each module, sorted by digest
               + "data <sha256(RFC 8785 JSON of data.sovgw.reference)>\\n")
    """
    h = hashlib.sha256(f"{REVISION_SCHEME}\n".encode())
    for digest in sorted(hashlib.sha256(t.encode()).hexdigest() for t in rego_texts):
        h.update(f"rego {digest}\n".encode())
    h.update(f"data {hashlib.sha256(rfc8785.dumps(reference)).hexdigest()}\n".encode())
    return h.hexdigest()


def reference_of(data: dict[str, Any]) -> Any:
    node: Any = data
    for key in REFERENCE_PATH:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node


def load_policy_source(rego_dir: Path) -> PolicySource:
    """Read a policy directory: Rego modules (``*_test.rego`` are tests, never loaded for decisions)
    and JSON data files.

    As OPA does when it loads a directory, a data file's folder path relative to the directory is
    its place in ``data``: ``sovgw/reference/eea/data.json`` becomes ``data.sovgw.reference.eea``.
    All data must live under ``sovgw/reference``.
    """
    if not rego_dir.is_dir():
        raise PolicySourceError(f"{rego_dir}: not a directory")
    stamp = source_stamp(rego_dir)
    modules: dict[str, str] = {}
    data: dict[str, Any] = {}
    for path in _policy_files(rego_dir):
        rel = path.relative_to(rego_dir)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise PolicySourceError(f"{rel}: cannot read ({e.__class__.__name__})") from None
        if path.suffix == ".rego":
            if not declares_sovgw_package(text):
                raise PolicySourceError(f"{rel}: policy modules must be in a package under sovgw")
            modules[str(rel)] = text
        else:
            _merge_data(data, rel, text)
    if not modules:
        raise PolicySourceError(f"{rego_dir}: no Rego modules")
    revision = compute_revision(modules.values(), reference_of(data))
    return PolicySource(modules=modules, data=data, revision=revision, stamp=stamp)


def _merge_data(data: dict[str, Any], rel: Path, text: str) -> None:
    prefix = rel.parent.parts
    if prefix[: len(REFERENCE_PATH)] != REFERENCE_PATH:
        raise PolicySourceError(f"{rel}: data files must live under {'/'.join(REFERENCE_PATH)}")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise PolicySourceError(f"{rel}: not valid JSON (line {e.lineno})") from None
    node = data
    for part in prefix[:-1]:
        node = node.setdefault(part, {})
    leaf = prefix[-1]
    if leaf in node:
        # Two files at the same place: merge objects as OPA does, refuse anything else.
        if not (isinstance(node[leaf], dict) and isinstance(value, dict)) or node[leaf].keys() & value.keys():
            raise PolicySourceError(f"{rel}: conflicts with another data file at the same path")
        node[leaf].update(value)
    else:
        node[leaf] = value
