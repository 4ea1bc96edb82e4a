"""Constrained strings every stage agrees on: jurisdiction codes and identifiers."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

# ISO 3166-1 alpha-2: two upper-case letters. Whether a code is *known* is the policy's question
# (unknown codes are never allowed there); here we only insist on the shape.
Jurisdiction = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
