"""Signed OPA bundles: OPA loads only what verifies, and decisions name the bundle's revision."""

from __future__ import annotations

import asyncio
import io
import re
import subprocess
import tarfile
from pathlib import Path

import httpx
import pytest

from gateway.policy.bundle import SIGNING_ALG, build_bundle, write_key_pair
from gateway.policy.cli import find_opa
from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.opa_server import OpaServerBackend
from sovgw.cli import main as sovgw
from tests.policy.conftest import OpaServer, start_opa
from tests.policy.inputs import generated_inputs
from tests.support.cluster import MODEL, NodeSpec, start_cluster
from tests.support.system import opa_binary

pytestmark = pytest.mark.opa


def _opa() -> Path:
    found = find_opa()
    assert found is not None
    return found


def _serve(bundle: Path, verification_key: Path, log: Path) -> OpaServer:
    return start_opa(
        bundle,
        log=log,
        extra=(
            "--bundle",
            "--verification-key",
            str(verification_key),
            "--verification-key-id",
            "sovgw",
            "--signing-alg",
            SIGNING_ALG,
        ),
    )


def _tampered(bundle: Path, out: Path) -> Path:
    """The same bundle and signature, one policy line changed: what an attacker on the path makes."""
    with tarfile.open(bundle) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.endswith("residency.rego"):
                data = data.replace(b"default allow := false", b"default allow := true")
                assert b"default allow := true" in data
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


@pytest.fixture
def signed(tmp_path: Path, policy_dir: Path) -> tuple[Path, Path, Path, str]:
    """A signed bundle of the test's policies, its keys, and the revision it carries."""
    private, public = write_key_pair(tmp_path / "keys")
    bundle = tmp_path / "bundle.tar.gz"
    revision = build_bundle(opa_binary(), policy_dir, bundle, private)
    return bundle, private, public, revision


def test_opa_serves_a_signed_bundle_and_decides_as_the_embedded_engine(
    signed: tuple[Path, Path, Path, str], policy_dir: Path, tmp_path: Path
) -> None:
    bundle, _, public, revision = signed
    opa = _serve(bundle, public, tmp_path / "opa.log")
    inputs = generated_inputs(seed=20261206, count=200)

    async def compare() -> list[str]:
        server = OpaServerBackend(opa.url, timeout_s=5.0)
        embedded = EmbeddedBackend(policy_dir, timeout_s=5.0)
        try:
            mismatches = []
            for i, inp in enumerate(inputs):
                a, b = await server.evaluate(inp), await embedded.evaluate(inp)
                assert a.revision == b.revision == revision
                if a.result != b.result:
                    mismatches.append(f"input {i}: opa={a.result!r} embedded={b.result!r}")
            return mismatches
        finally:
            await server.aclose()
            await embedded.aclose()

    try:
        assert asyncio.run(compare()) == []
        bundles = httpx.get(f"{opa.url}/v1/data/system/bundles", timeout=5).json()["result"]
        assert [b["manifest"]["revision"] for b in bundles.values()] == [revision]
    finally:
        opa.stop()


@pytest.mark.parametrize("attack", ["tampered", "foreign key", "unsigned"])
def test_opa_refuses_a_bundle_that_does_not_verify(
    attack: str, signed: tuple[Path, Path, Path, str], policy_dir: Path, tmp_path: Path
) -> None:
    bundle, _, public, _ = signed
    if attack == "tampered":
        bundle = _tampered(bundle, tmp_path / "tampered.tar.gz")
    elif attack == "foreign key":
        foreign, _ = write_key_pair(tmp_path / "foreign")
        bundle = tmp_path / "foreign.tar.gz"
        build_bundle(opa_binary(), policy_dir, bundle, foreign)
    else:
        bundle = tmp_path / "unsigned.tar.gz"
        subprocess.run(
            [str(opa_binary()), "build", "--bundle", str(policy_dir), "-o", str(bundle)], check=True
        )
    with pytest.raises(RuntimeError, match="OPA exited at start") as refused:
        _serve(bundle, public, tmp_path / "opa.log")
    assert re.search(r"verif|signature|digest", str(refused.value), re.IGNORECASE)


def test_the_gateway_fails_closed_when_opa_refused_its_bundle(
    signed: tuple[Path, Path, Path, str], tmp_path: Path
) -> None:
    """OPA would not start on the tampered bundle: every request is refused with 503, none forwarded."""
    bundle, _, public, _ = signed
    tampered = _tampered(bundle, tmp_path / "tampered.tar.gz")
    with pytest.raises(RuntimeError):
        _serve(tampered, public, tmp_path / "opa.log")
    dead = "http://127.0.0.1:9"  # where that OPA would have listened: nothing answers
    running = start_cluster(
        tmp_path, [NodeSpec("lt-1", "LT")], overrides={"policy": {"opa_url": dead, "cache_size": 0}}
    )
    try:
        body = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}
        r = httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth)
        assert r.status_code == 503 and r.json()["error"]["code"] == "policy_unavailable"
        assert running.nodes["lt-1"].sim.requests == 0
    finally:
        running.stop()


def test_bundle_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys"
    assert sovgw(["policy", "bundle-key", "--dir", str(keys)]) == 0
    assert (keys / "bundle-signing.pem").stat().st_mode & 0o777 == 0o600
    assert sovgw(["policy", "bundle-key", "--dir", str(keys)]) == 2  # never replaces a key
    out = tmp_path / "b.tar.gz"
    args = ["policy", "bundle", "--signing-key", str(keys / "bundle-signing.pem"), "--out", str(out)]
    assert sovgw([*args, "--opa", str(_opa())]) == 0
    printed = capsys.readouterr().out
    assert "revision: " in printed and out.is_file()
    missing = ["policy", "bundle", "--signing-key", str(tmp_path / "nope.pem"), "--out", str(out)]
    assert sovgw(missing) == 2
    assert "sovgw policy bundle-key" in capsys.readouterr().err
