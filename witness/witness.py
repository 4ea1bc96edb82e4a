"""The add-checkpoint decision (C2SP tlog-witness): check the log's signature and proof, then cosign.

Given ``old <size>``, a consistency proof from that size and a checkpoint signed by a known log, the
witness cosigns only if ``old`` is the size it last cosigned for that log and the proof shows the new
tree extends it. Otherwise it refuses with the status the protocol names: 403 unknown log or bad
signature, 409 with its known size, 422 bad proof, 400 malformed request.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from audit.checkpoint import CheckpointError, NoteVerifier
from audit.cosignature import CosignatureSigner
from audit.merkle import ProofError, verify_consistency
from witness.state import TreeHead, WitnessState


@dataclass
class Refused(Exception):
    """A request the witness does not cosign, with the HTTP status and body to answer."""

    status: int
    message: str
    known_size: int | None = None


@dataclass(frozen=True)
class Request:
    old_size: int
    proof: list[bytes]
    note: str


def parse_request(body: bytes) -> Request:
    try:
        text = body.decode()
    except UnicodeDecodeError:
        raise Refused(400, "the request is not UTF-8") from None
    head, sep, note = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or not lines[0].startswith("old "):
        raise Refused(400, "the request must start with 'old <size>' and a blank line before the checkpoint")
    size_text = lines[0][4:]
    if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise Refused(400, "the old size is not a decimal number")
    proof = []
    for line in lines[1:]:
        try:
            h = base64.b64decode(line, validate=True)
        except (binascii.Error, ValueError):
            raise Refused(400, "a consistency proof line is not base64") from None
        if len(h) != 32:
            raise Refused(400, "a consistency proof hash is not 32 bytes")
        proof.append(h)
    return Request(int(size_text), proof, note)


class Witness:
    def __init__(self, signer: CosignatureSigner, logs: list[NoteVerifier], state: WitnessState) -> None:
        self.signer = signer
        self.state = state
        self._logs: dict[str, list[NoteVerifier]] = {}
        for log in logs:
            self._logs.setdefault(log.name, []).append(log)

    def vkey(self) -> str:
        return self.signer.vkey()

    def add_checkpoint(self, body: bytes) -> str:
        """The cosignature line(s) for the checkpoint in ``body``, or ``Refused``."""
        req = parse_request(body)
        origin = req.note.split("\n", 1)[0]
        keys = self._logs.get(origin)
        if not keys:
            raise Refused(403, "unknown log")
        checkpoint = None
        for key in keys:
            try:
                checkpoint = key.verify(req.note)
                break
            except CheckpointError:
                continue
        if checkpoint is None or checkpoint.origin != origin:
            raise Refused(403, "the checkpoint does not carry a valid signature by the log")
        if req.old_size > checkpoint.size:
            raise Refused(400, "the old size is larger than the checkpoint's size")
        with self.state.lock:
            known = self.state.head(origin)
            if known.size != req.old_size:
                raise Refused(409, "the old size is not the size this witness knows", known.size)
            if known.size:
                try:
                    verify_consistency(known.size, checkpoint.size, req.proof, known.root, checkpoint.root)
                except ProofError as e:
                    raise Refused(422, f"bad consistency proof: {e}") from None
            self.state.advance(origin, TreeHead(checkpoint.size, checkpoint.root))
        return self.signer.cosign(checkpoint)
