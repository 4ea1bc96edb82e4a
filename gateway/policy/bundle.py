"""``sovgw policy bundle`` and ``bundle-key``: the policies as a signed OPA bundle.

OPA loads a bundle only when its ``.signatures.json`` verifies under the key it was started with
(``opa run --bundle --verification-key``), so a policy edited anywhere between the build and the
server is refused rather than enforced. The bundle's revision is the policy revision the gateway
records with every decision (``source.compute_revision`` over the same texts and data), so a
decision names the bundle that made it, whichever backend evaluated it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from gateway.policy.cli import OPA_INSTALL, find_opa
from gateway.policy.source import REVISION_SCHEME, PolicySourceError, default_rego_dir, load_policy_source

# ECDSA P-256: among the algorithms OPA verifies bundles with, the one with small keys and
# signatures that the standard `cryptography` package makes without extra parameters.
SIGNING_ALG = "ES256"
BUNDLE_ROOTS = ["sovgw"]  # the bundle owns data.sovgw: nothing else may write under it


class BundleError(Exception):
    """The bundle could not be built; the message says what to fix."""


def build_bundle(opa: Path, rego_dir: Path, out: Path, signing_key: Path, key_id: str = "sovgw") -> str:
    """Build and sign the bundle at ``out``; returns its revision."""
    try:
        source = load_policy_source(rego_dir)
    except PolicySourceError as e:
        raise BundleError(str(e)) from None
    with tempfile.TemporaryDirectory(prefix="sovgw-bundle-") as tmp:
        root = Path(tmp) / "bundle"
        # Exactly what the embedded backend loads (no tests, no READMEs), so both name one revision.
        for rel in source.modules:
            _copy(rego_dir / rel, root / rel)
        for path in sorted(rego_dir.rglob("*.json")):
            _copy(path, root / path.relative_to(rego_dir))
        manifest = {"roots": BUNDLE_ROOTS, "metadata": {"revision_scheme": REVISION_SCHEME}}
        (root / ".manifest").write_text(json.dumps(manifest))
        claims = Path(tmp) / "claims.json"
        claims.write_text(json.dumps({"keyid": key_id}))
        signing_key = signing_key.resolve()
        result = subprocess.run(
            [
                *(str(opa), "build", "--bundle", ".", "--output", str(out.resolve())),
                *("--revision", source.revision, "--signing-key", str(signing_key)),
                *("--signing-alg", SIGNING_ALG, "--claims-file", str(claims)),
            ],
            cwd=root,  # so the bundle's paths are relative to its root
            capture_output=True,
            text=True,
            timeout=120,
        )
    if result.returncode != 0:
        raise BundleError(f"opa build failed: {(result.stderr or result.stdout).strip()[-2000:]}")
    return source.revision


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def write_key_pair(directory: Path) -> tuple[Path, Path]:
    """A new signing key (PEM, mode 0600) and its verification key, for OPA's ``--verification-key``."""
    directory.mkdir(parents=True, exist_ok=True)
    private, public = directory / "bundle-signing.pem", directory / "bundle-verification.pem"
    if private.exists():
        raise BundleError(f"{private} exists: refusing to replace a signing key")
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


# --- the commands ---


def add_bundle_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--signing-key", required=True, type=Path, help="PEM private key (see bundle-key)")
    parser.add_argument("--out", type=Path, default=Path("policy-bundle.tar.gz"), help="the bundle to write")
    parser.add_argument("--rego-dir", type=Path, help="policy directory (default: the shipped policies)")
    parser.add_argument(
        "--key-id", default="sovgw", help="key id OPA is started with (--verification-key-id)"
    )
    parser.add_argument(
        "--opa", type=Path, help="the OPA binary (default: $SOVGW_OPA_BIN, .tools/bin/opa, PATH)"
    )


def run_bundle(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    opa = find_opa(args.opa)
    if opa is None:
        print(f"sovgw policy bundle: OPA not found; build it with: {OPA_INSTALL}", file=err)
        return 2
    if not args.signing_key.is_file():
        print(
            f"sovgw policy bundle: {args.signing_key}: no such key; make one with `sovgw policy bundle-key`",
            file=err,
        )
        return 2
    try:
        revision = build_bundle(
            opa, args.rego_dir or default_rego_dir(), args.out, args.signing_key, args.key_id
        )
    except BundleError as e:
        print(f"sovgw policy bundle: {e}", file=err)
        return 2
    print(f"bundle:   {args.out}", file=out)
    print(f"revision: {revision}", file=out)
    print(
        f"run OPA with: opa run --server --bundle --verification-key <bundle-verification.pem> "
        f"--verification-key-id {args.key_id} --signing-alg {SIGNING_ALG} {args.out}",
        file=out,
    )
    return 0


def add_key_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dir", type=Path, required=True, help="where to write the two PEM files")


def run_key(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        private, public = write_key_pair(args.dir)
    except (BundleError, OSError) as e:
        print(f"sovgw policy bundle-key: {e}", file=err)
        return 2
    print(f"signing key (keep secret): {private}", file=out)
    print(f"verification key (give to OPA): {public}", file=out)
    return 0
