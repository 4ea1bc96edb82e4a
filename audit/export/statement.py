"""The bundle's signed statement: one signed note that authenticates every file and states the export's scope.

It names the log, the anchor checkpoint, the period, filter and access scope, the record counts, the
SHA-256 of ``tagmanifest-sha256.txt`` (which covers ``manifest-sha256.txt``, which covers every
payload file, derived ones included) and of the bundled verifier. It is signed with the log's key
and kept as the tag file ``bundle-signature.txt``. ``bundle_verify.py`` rebuilds the same text from
the bundle and names the line that differs, so an edited report, a widened period in export.json or
a replaced verifier cannot pass even when the manifests were recomputed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from audit.checkpoint import NoteSigner

HEADER = "sovgw-audit-bundle/v1"
FILE = "bundle-signature.txt"


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def statement_text(files: dict[str, bytes]) -> str:
    manifest = json.loads(files["data/export.json"])
    lines = [
        HEADER,
        f"origin {manifest['origin']}",
        f"anchor {manifest['anchor']}",
        f"period {manifest['from']} {manifest['to']}",
        f"filter {_compact(manifest['filter'])}",
        f"scope {_compact(manifest['scope'])}",
        f"records {manifest['records']} withheld {manifest['withheld']}",
        f"tagmanifest-sha256 {hashlib.sha256(files['tagmanifest-sha256.txt']).hexdigest()}",
        f"verifier-sha256 {hashlib.sha256(files['data/verifier/bundle_verify.py']).hexdigest()}",
    ]
    return "\n".join(lines) + "\n"


def sign_bundle(files: dict[str, bytes], signer: NoteSigner) -> dict[str, bytes]:
    """``files`` with the signed statement added."""
    return {**files, FILE: signer.sign_note(statement_text(files)).encode()}
