"""The classification summary: what was found, never the values."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from domain.texts import FieldKind


class Category(StrEnum):
    NONE = "none"
    PERSONAL = "personal"
    SPECIAL = "special"  # GDPR Art. 9


class ClassificationSummary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    category: Category
    # entity type -> number of findings, e.g. {"EMAIL_ADDRESS": 2, "EE_PERSONAL_CODE": 1}
    entities: dict[str, int] = Field(default_factory=dict)
    # entity type -> kinds of field it was found in
    field_kinds: dict[str, list[FieldKind]] = Field(default_factory=dict)
    special_categories: list[str] = Field(default_factory=list)  # e.g. ["health"]
    max_score: float = 0.0
    languages: list[str] = Field(default_factory=list)
    detector_version: str
    recognizer_hash: str
    degraded: bool = False
    risk_signals: list[str] = Field(default_factory=list)  # e.g. ["invisible_characters"]
