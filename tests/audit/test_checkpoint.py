"""Signed notes and checkpoints, byte for byte against the reference implementation's vectors.

The PeterNeumann and EnochRoot keys, text and signatures are copied from the Go reference
implementation of signed notes, golang.org/x/mod/sumdb/note, file note_test.go (BSD licence).
Ed25519 is deterministic, so our signature must equal theirs exactly.
"""

from __future__ import annotations

import base64

import pytest

from audit.checkpoint import (
    Checkpoint,
    CheckpointError,
    NoteSigner,
    NoteVerifier,
    SigningKeyError,
    load_or_create_signer,
)

PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
PETER_B64 = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
PETER_SIG = f"\u2014 PeterNeumann {PETER_B64}\n"
ENOCH_B64 = "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ="
ENOCH_SIG = f"\u2014 EnochRoot {ENOCH_B64}\n"


def test_signing_reproduces_the_reference_note_exactly():
    signer = NoteSigner.from_text("ignored", PETER_SKEY)
    assert signer.name == "PeterNeumann"
    assert signer.key_id.hex() == "c74f20a3"
    assert signer.vkey() == PETER_VKEY
    assert signer.private_text() == PETER_SKEY
    assert signer.sign_note(TEXT) == TEXT + "\n" + PETER_SIG


def test_a_note_opens_with_its_key_and_ignores_other_signatures():
    note = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    assert NoteVerifier.from_vkey(PETER_VKEY).open(note) == TEXT
    assert NoteVerifier.from_vkey(ENOCH_VKEY).open(note) == TEXT
    with pytest.raises(CheckpointError, match="no signature by EnochRoot"):
        NoteVerifier.from_vkey(ENOCH_VKEY).open(TEXT + "\n" + PETER_SIG)


@pytest.mark.parametrize(
    "note",
    [
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG[:-1],
        TEXT + "\n" + f"\u2014 Bad Name {PETER_B64}",
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        TEXT.replace("cryptography", "cryptographY") + "\n" + PETER_SIG,
        "\x01" + TEXT + "\n" + PETER_SIG,
        TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:],
    ],
)
def test_malformed_or_altered_notes_are_rejected(note):
    with pytest.raises(CheckpointError):
        NoteVerifier.from_vkey(PETER_VKEY).open(note)


def test_mangled_verifier_keys_are_rejected():
    for bad in [
        PETER_VKEY[:-1],
        PETER_VKEY[1:],
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        PETER_VKEY.replace("+ARp", "+AhR"),
        "PeterNeumann+c74f20a3",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ]:
        with pytest.raises(SigningKeyError):
            NoteVerifier.from_vkey(bad)


def test_checkpoint_bodies_round_trip_and_malformed_ones_are_rejected():
    cp = Checkpoint("example.org/log", 42, bytes(range(32)))
    assert cp.body() == f"example.org/log\n42\n{base64.b64encode(bytes(range(32))).decode()}\n"
    assert Checkpoint.parse_body(cp.body()) == cp
    signer = NoteSigner.from_seed("example.org/log", bytes(32))
    assert NoteVerifier.from_vkey(signer.vkey()).verify(signer.sign(cp)) == cp
    root = base64.b64encode(bytes(32)).decode()
    for body, why in [
        ("example.org/log\n42\n", "needs origin, size and root"),
        (f"example.org/log\n042\n{root}\n", "not a decimal number"),
        (f"example.org/log\n-1\n{root}\n", "not a decimal number"),
        (f"example.org/log\n1\n{base64.b64encode(bytes(31)).decode()}\n", "31 bytes"),
        ("example.org/log\n1\n@@@\n", "not base64"),
        (f"\n1\n{root}\n", "origin line is empty"),
    ]:
        with pytest.raises(CheckpointError, match=why):
            Checkpoint.parse_body(body)


def test_a_generated_key_is_kept_private_published_and_reused(tmp_path):
    default = tmp_path / "audit.db.signing-key"
    signer, created = load_or_create_signer("example.org/log", None, None, default)
    assert created
    assert default.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "audit.db.signing-key.vkey").read_text().strip() == signer.vkey()
    again, created_again = load_or_create_signer("example.org/log", None, None, default)
    assert not created_again and again.key_id == signer.key_id


def test_keys_from_configuration(tmp_path):
    seed = base64.b64encode(bytes(range(32))).decode()
    from_seed, _ = load_or_create_signer("example.org/log", seed, None, tmp_path / "unused")
    assert from_seed.public_key == NoteSigner.from_seed("example.org/log", bytes(range(32))).public_key
    key_file = tmp_path / "log.key"
    key_file.write_text(PETER_SKEY + "\n")
    from_file, _ = load_or_create_signer("example.org/log", None, key_file, tmp_path / "unused")
    assert from_file.vkey() == PETER_VKEY
    assert not (tmp_path / "unused").exists()
    for bad_seed in ["not base64!", base64.b64encode(bytes(31)).decode()]:
        with pytest.raises(SigningKeyError):
            load_or_create_signer("example.org/log", bad_seed, None, tmp_path / "unused")
    with pytest.raises(SigningKeyError, match="does not exist"):
        load_or_create_signer("example.org/log", None, tmp_path / "missing.key", tmp_path / "unused")
