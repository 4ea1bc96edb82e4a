"""Obvious base64 in a text (a JWT payload, an encoded JSON body), decoded for a second look."""

from __future__ import annotations

import base64
import binascii
import re

ENCODED = "encoded_text"  # the risk signal of a text that carried decodable base64
# Base64 or base64url runs long enough to hide a sentence; decoded only if the result is text.
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}(?![A-Za-z0-9+/_=-])")
_URLSAFE = str.maketrans("-_", "+/")
_MAX_DECODED = 5


def decoded_tokens(text: str) -> list[tuple[int, int, str]]:
    """Start, end and decoded text of up to five base64 tokens that decode to printable text."""
    out = []
    for m in _BASE64.finditer(text):
        token = m.group(0)
        if token.isalpha() or token.isdigit() or ("/" in token and "-" in token):
            continue  # a word, a number or a path, not an encoding
        try:
            raw = base64.b64decode(token.translate(_URLSAFE) + "=" * (-len(token) % 4), validate=True)
            decoded = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        printable = sum(ch.isprintable() or ch in "\n\t" for ch in decoded)
        if decoded and printable / len(decoded) > 0.95 and any(ch.isalpha() for ch in decoded):
            out.append((m.start(), m.end(), decoded))
            if len(out) == _MAX_DECODED:
                break
    return out
