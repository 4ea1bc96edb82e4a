"""Where the trail is kept and how it is signed: the ``audit`` section of the gateway's configuration."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

NO_KEY = (
    "no signing key configured: set audit.signing_key_file (`sovgw init` writes one, kept apart from the"
    " database), or audit.allow_key_beside_database: true for a throwaway trail"
)


class WitnessConfig(BaseModel):
    """A witness the log sends its checkpoints to (C2SP tlog-witness), and its cosignature key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    vkey: str  # <name>+<hex key id>+<base64(0x04 || key)>, as `sovgw witness key` prints it


class AuditConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    database_url: str = "sqlite:///sovgw-audit.db"
    signing_key_file: Path | None = None
    signing_key: str | None = None  # base64 Ed25519 seed, usually ``${SOVGW_SIGNING_KEY}``
    # With neither key configured the log refuses to start, unless this opts in to a key generated
    # beside the database (throwaway demos and tests: whoever can rewrite that database can re-sign it).
    allow_key_beside_database: bool = False
    pseudonym_key_dir: Path = Path("sovgw-keys")
    log_origin: str = "sovereign-gateway.local/audit"
    checkpoint_every_records: int = Field(default=1000, ge=1)
    checkpoint_every_s: float = Field(default=60.0, gt=0)
    # Each answer carries the log's signed promise (``x-sovgw-promise``) to include its record in a
    # signed checkpoint within this many seconds; checkpoints come at least twice as often.
    max_merge_delay_seconds: float = Field(default=120.0, gt=0)
    # How long an append may wait for the database's write lock before the request fails with 503.
    lock_timeout_s: float = Field(default=5.0, gt=0)
    # How long a request waits for its record's commit at all (a hung database included) before 503.
    commit_timeout_s: float = Field(default=10.0, gt=0)
    # Witnesses cosign each checkpoint; one counts as published once ``witness_quorum`` of them did
    # (default: all). Witnessing runs beside requests, never in their way.
    witnesses: list[WitnessConfig] = []
    witness_quorum: int | None = Field(default=None, ge=1)
    witness_timeout_s: float = Field(default=10.0, gt=0)

    @model_validator(mode="after")
    def _quorum_fits(self) -> AuditConfig:
        if self.witness_quorum is not None and self.witness_quorum > len(self.witnesses):
            raise ValueError(
                f"witness_quorum {self.witness_quorum} exceeds the {len(self.witnesses)} witnesses"
            )
        return self

    @model_validator(mode="after")
    def _merge_delay_kept(self) -> AuditConfig:
        if self.checkpoint_every_s * 2 > self.max_merge_delay_seconds:
            raise ValueError(
                f"checkpoint_every_s {self.checkpoint_every_s:g} must be at most half of"
                f" max_merge_delay_seconds {self.max_merge_delay_seconds:g}, so every promise is kept"
            )
        return self
