"""A node's signed identity, its attestation evidence and its per-request receipts: the values, their
canonical bytes, and Ed25519 signing and verification shared by the gateway and the node-agent.

Canonical bytes are a domain-separation line followed by the RFC 8785 (JCS) JSON of the value::

    b"sovgw-node-descriptor/v1\\n" + JCS(descriptor)
    b"sovgw-node-receipt/v1\\n" + JCS(receipt)
    b"sovgw-node-evidence/v1\\n" + report_data          (the simulated quote's message)

JCS makes the bytes independent of key order and number formatting, so anyone can re-derive them
from the JSON a node serves; the prefix keeps a signature over one kind from being replayed as
another. Digests are SHA-256 of the canonical bytes, written as lowercase hex. Keys are raw
Ed25519 keys in standard base64 (public) or a PKCS#8 PEM file (private). Receipts hold keyed MACs
of the bodies, never plain hashes (see ``Receipt``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from domain.codes import Jurisdiction

DESCRIPTOR_CONTEXT = b"sovgw-node-descriptor/v1\n"
RECEIPT_CONTEXT = b"sovgw-node-receipt/v1\n"
EVIDENCE_CONTEXT = b"sovgw-node-evidence/v1\n"

# Headers between the gateway and a node-agent, and the stream's trailer event.
REQUEST_ID_HEADER = "x-sovgw-request-id"
DECISION_ID_HEADER = "x-sovgw-decision-id"
DIGEST_KEY_HEADER = "x-sovgw-digest-key"  # 64 hex digits, one-time, per request
RECEIPT_HEADER = "x-sovgw-receipt"
RECEIPT_EVENT = b"event: sovgw-receipt\ndata: "

Digest = Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]
Hex256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
EvidenceType = Literal["simulated", "sev-snp", "tdx", "nvidia-cc"]


class NodeIdentityError(Exception):
    """A descriptor, evidence or receipt that does not verify; the message says what did not match."""


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OperatorName(_Value):
    legal_name: str = Field(min_length=1, max_length=200)
    registration_number: str = Field(min_length=1, max_length=64)


class NodeDescriptor(_Value):
    """What an operator states about one node, signed with its key."""

    node_id: str = Field(min_length=1, max_length=64)
    operator: OperatorName
    country: Jurisdiction
    site: str = Field(min_length=1, max_length=200)  # a data centre and city, e.g. "DC2, Vilnius"
    gpu_model: str = Field(min_length=1, max_length=100)
    tgi_image_digest: Digest
    model_weights_digest: Digest
    tls_certificate_sha256: Hex256 | None = None
    node_key: str  # the node-agent's Ed25519 public key: it signs evidence and receipts
    valid_from: AwareDatetime
    valid_until: AwareDatetime


class SignedDescriptor(_Value):
    descriptor: NodeDescriptor
    signature: str  # base64 Ed25519 over DESCRIPTOR_CONTEXT + JCS(descriptor)


class Evidence(_Value):
    """A node's answer to ``GET /attestation?nonce=``: a quote binding the nonce to its descriptor."""

    type: EvidenceType
    nonce: Hex256
    descriptor_sha256: Hex256
    report_data: Hex256  # SHA-256(nonce bytes || descriptor digest bytes)
    issued_at: AwareDatetime
    quote: str  # base64: the simulated Ed25519 signature, or the hardware report


class Receipt(_Value):
    """What a node-agent signs for one request it forwarded to its inference server."""

    node_id: str
    request_id: str
    decision_id: str
    prompt_tokens: int | None
    generated_tokens: int | None
    total_time_ms: int | None = None  # TGI's x-total-time and x-queue-time, when it sent them
    queue_time_ms: int | None = None
    # HMAC-SHA256 under the gateway's one-time key for this request (``DIGEST_KEY_HEADER``), which
    # the gateway forgets once it has checked them: the record holds no plain hash of a prompt or
    # an answer (a plain hash of personal data is still personal data).
    request_hmac: Hex256
    response_hmac: Hex256
    started_at: AwareDatetime
    ended_at: AwareDatetime
    model_weights_digest: Digest
    descriptor_sha256: Hex256


class SignedReceipt(_Value):
    receipt: Receipt
    signature: str  # base64 Ed25519 by the descriptor's node_key over RECEIPT_CONTEXT + JCS(receipt)


# -- keys ------------------------------------------------------------------------------------


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def parse_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise NodeIdentityError("not an Ed25519 public key (base64 of 32 bytes)") from None


def new_private_key(path: Path) -> Ed25519PrivateKey:
    """A fresh key written to ``path`` (mode 0600) as PKCS#8 PEM."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.touch(mode=0o600, exist_ok=False)
    path.write_bytes(pem)
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise NodeIdentityError(f"{path}: not an Ed25519 private key")
    return key


# -- canonical bytes and digests -------------------------------------------------------------


def _jcs(value: BaseModel) -> bytes:
    """RFC 8785 bytes. These values hold only ASCII keys, strings, integers, booleans and nulls (no
    floats), for which sorted, compact ``json`` output is already JCS: about ten times quicker than
    the ``rfc8785`` package, which stays the reference (a test holds the two equal)."""
    data = value.model_dump(mode="json")
    try:
        return json.dumps(
            data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        ).encode()
    except (UnicodeEncodeError, ValueError):
        return rfc8785.dumps(data)


def descriptor_bytes(descriptor: NodeDescriptor) -> bytes:
    return DESCRIPTOR_CONTEXT + _jcs(descriptor)


def descriptor_digest(descriptor: NodeDescriptor) -> str:
    return hashlib.sha256(descriptor_bytes(descriptor)).hexdigest()


def evidence_digest(evidence: Evidence) -> str:
    return hashlib.sha256(_jcs(evidence)).hexdigest()


def receipt_bytes(receipt: Receipt) -> bytes:
    return RECEIPT_CONTEXT + _jcs(receipt)


def body_mac(key: bytes) -> hmac.HMAC:
    """An incremental HMAC-SHA256 of bodies under a request's one-time key."""
    return hmac.new(key, digestmod=hashlib.sha256)


def digest_key(header: str | None) -> bytes:
    """The one-time key a gateway sent; a random one (so nothing checks out) when it sent none."""
    if header is not None and len(header) == 64:
        try:
            return bytes.fromhex(header)
        except ValueError:
            pass
    return secrets.token_bytes(32)


def report_data(nonce: str, descriptor_sha256: str) -> str:
    """SHA-256(nonce || descriptor digest), both as raw bytes: what a quote must bind."""
    return hashlib.sha256(bytes.fromhex(nonce) + bytes.fromhex(descriptor_sha256)).hexdigest()


def _sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode()


def _verify(public: Ed25519PublicKey, signature: str, message: bytes) -> bool:
    try:
        public.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


# -- descriptors -----------------------------------------------------------------------------


def sign_descriptor(descriptor: NodeDescriptor, operator_key: Ed25519PrivateKey) -> SignedDescriptor:
    return SignedDescriptor(
        descriptor=descriptor, signature=_sign(operator_key, descriptor_bytes(descriptor))
    )


def parse_signed_descriptor(data: bytes | str) -> SignedDescriptor:
    try:
        value = json.loads(data)
    except ValueError:
        raise NodeIdentityError("the descriptor is not JSON") from None
    if isinstance(value, dict) and "signature" not in value:
        raise NodeIdentityError("the descriptor is not signed")
    try:
        return SignedDescriptor.model_validate(value)
    except ValidationError as e:
        where = ".".join(str(p) for p in e.errors()[0]["loc"]) or "(top level)"
        raise NodeIdentityError(f"not a signed node descriptor ({where}: {e.errors()[0]['msg']})") from None


def descriptor_signer(signed: SignedDescriptor, operator_keys: list[str]) -> str | None:
    """Which of ``operator_keys`` signed the descriptor, if any."""
    message = descriptor_bytes(signed.descriptor)
    return next((k for k in operator_keys if _verify(parse_public_key(k), signed.signature, message)), None)


def verify_descriptor(signed: SignedDescriptor, operator_keys: list[str], now: datetime) -> str:
    """The descriptor's digest if one of ``operator_keys`` signed it and ``now`` is in its window."""
    d = signed.descriptor
    message = descriptor_bytes(d)
    if descriptor_signer(signed, operator_keys) is None:
        raise NodeIdentityError("the descriptor is not signed by its operator's key")
    if now < d.valid_from:
        raise NodeIdentityError(f"the descriptor is valid only from {_utc(d.valid_from)}")
    if now >= d.valid_until:
        raise NodeIdentityError(f"the descriptor expired at {_utc(d.valid_until)}")
    return hashlib.sha256(message).hexdigest()


# -- evidence (the simulated type; hardware types are appraised elsewhere) -------------------


def simulated_evidence(
    nonce: str, descriptor_sha256: str, node_key: Ed25519PrivateKey, now: datetime
) -> Evidence:
    data = report_data(nonce, descriptor_sha256)
    quote = _sign(node_key, EVIDENCE_CONTEXT + bytes.fromhex(data))
    return Evidence(
        type="simulated",
        nonce=nonce,
        descriptor_sha256=descriptor_sha256,
        report_data=data,
        issued_at=now,
        quote=quote,
    )


def verify_simulated_quote(evidence: Evidence, node_key: str) -> None:
    if not _verify(
        parse_public_key(node_key), evidence.quote, EVIDENCE_CONTEXT + bytes.fromhex(evidence.report_data)
    ):
        raise NodeIdentityError("the simulated quote is not signed by the descriptor's node key")


# -- receipts --------------------------------------------------------------------------------


def sign_receipt(receipt: Receipt, node_key: Ed25519PrivateKey) -> SignedReceipt:
    return SignedReceipt(receipt=receipt, signature=_sign(node_key, receipt_bytes(receipt)))


def encode_receipt(signed: SignedReceipt) -> str:
    """The receipt as one header value: base64url of its JSON."""
    return base64.urlsafe_b64encode(signed.model_dump_json().encode()).decode()


def decode_receipt(text: str | bytes) -> SignedReceipt:
    try:
        raw = base64.urlsafe_b64decode(text)
        return SignedReceipt.model_validate_json(raw)
    except (binascii.Error, ValueError):
        raise NodeIdentityError("the receipt is not readable") from None


def receipt_event(signed: SignedReceipt) -> bytes:
    """The stream's trailer: one SSE event of its own type, which the gateway strips."""
    return RECEIPT_EVENT + signed.model_dump_json().encode() + b"\n\n"


def parse_receipt_event(event: bytes) -> SignedReceipt:
    body = event[len(RECEIPT_EVENT) :].strip()
    try:
        return SignedReceipt.model_validate(json.loads(body))
    except (ValueError, ValidationError):
        raise NodeIdentityError("the receipt event is not readable") from None


def verify_receipt(signed: SignedReceipt, node_key: str) -> None:
    if not _verify(parse_public_key(node_key), signed.signature, receipt_bytes(signed.receipt)):
        raise NodeIdentityError("the receipt is not signed by the node's key")


def _utc(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
