"""Record bytes pinned: the same events at the same time give the same records, leaves and fields.

A trail's hashes and signatures rest on these bytes, so a faster writer must not change a single
one. The expected digests were taken from the writer before its append path was reworked; any
change to how records are encoded, numbered, hashed or stored on either backend fails here.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import UTC, datetime

import audit.store
from audit import merkle
from audit.checkpoint import NoteSigner
from tests.audit.conftest import API_KEY_ID, audit_config, every_kind, forward
from tests.audit.test_store import rows

AT = datetime(2026, 12, 6, 15, 30, 45, 123456, tzinfo=UTC)
SIGNER = NoteSigner.from_seed("pinned.test/audit", bytes(range(32)))
PSEUDONYM_KEY = bytes(range(100, 132)).hex()

# The forward record at seq 1, byte for byte.
FORWARD = (
    b'{"attempt":1,"classification":{"category":"personal","degraded":false,"detector_version"'
    b':"presidio-2.2","entities":{"EMAIL_ADDRESS":1,"PERSON":2},"field_kinds":{},"languages":['
    b'],"max_score":0.85,"recognizer_hash":"abc123","risk_signals":[],"special_categories":[]}'
    b',"decision":{"allow":true,"decision_id":"dec-1","engine":"embedded","legal_basis":null,"'
    b'obligations":{},"reasons":["eea"],"revision":"rev-42"},"kind":"forward","node":{"jurisdi'
    b'ction":"DE","node_id":"fra-1","operator":"Example GPU GmbH","transfer_basis":"intra-EEA"'
    b'},"recorded_at":"2026-12-06T15:30:45.123456Z","request":{"actor":"ACTOR","model":"mistra'
    b'l-7b","purpose":"support","request_id":"req-000000","route":"/v1/chat/completions","stre'
    b'am":false,"tenant":"acme"},"seq":1,"v":1}'
)
CANONICAL_SHA256 = "e788394fd09bc2f099e128b92a80d165b890cffd5d455843a1eebac33769b680"
ROOT = "3fad33ad4fc4b8216480139fedf623951c0efe447ffa6df480c905ded154b7da"
COLUMNS_SHA256 = "9eb701ce0c2cacf7588c0636faf4dc6bc96f26660a9e1450c629f92a39936037"


class _Clock(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return AT


def _stored(tmp_path, url, monkeypatch) -> list:
    monkeypatch.setattr(audit.store, "datetime", _Clock)
    config = audit_config(tmp_path, url, allow_key_beside_database=False, signing_key=SIGNER.private_text())
    config.pseudonym_key_dir.mkdir()
    (config.pseudonym_key_dir / "acme.key").write_text(PSEUDONYM_KEY)

    async def main() -> None:
        store = await audit.store.open_audit_log(config)
        for e in every_kind():
            await store.append(e)
        await asyncio.gather(*(store.append(forward(i)) for i in range(1, 20)))  # batched together
        await store.aclose()

    asyncio.run(main())
    return rows(url)


def _columns(row) -> list:
    """A record's stored fields as text, its time in UTC (SQLite hands back a naive datetime)."""
    out = []
    for name, value in row._mapping.items():
        if name in ("canonical", "leaf_hash"):
            continue
        if isinstance(value, datetime):
            value = value.replace(tzinfo=value.tzinfo or UTC).astimezone(UTC).isoformat()
        out.append([name, value])
    return out


def test_records_leaves_and_fields_are_byte_identical_to_the_pinned_trail(
    tmp_path, database_url, monkeypatch
):
    stored = _stored(tmp_path, database_url, monkeypatch)
    assert [r.seq for r in stored] == list(range(27))
    actor = json.loads(stored[1].canonical)["request"]["actor"]
    assert actor == hmac.new(bytes.fromhex(PSEUDONYM_KEY), API_KEY_ID.encode(), hashlib.sha256).hexdigest()
    assert bytes(stored[1].canonical) == FORWARD.replace(b"ACTOR", actor.encode())
    canonical = b"\n".join(bytes(r.canonical) for r in stored)
    assert hashlib.sha256(canonical).hexdigest() == CANONICAL_SHA256
    assert merkle.root([bytes(r.leaf_hash) for r in stored]).hex() == ROOT
    columns = json.dumps([_columns(r) for r in stored])
    assert hashlib.sha256(columns.encode()).hexdigest() == COLUMNS_SHA256
