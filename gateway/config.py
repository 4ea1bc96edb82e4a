"""The gateway's configuration: one YAML file, validated in full before anything starts.

Secrets never need to sit in the file: any string value may be written as ``${NAME}`` and is read
from the environment at load time. A missing variable or an invalid field stops start-up with a
message that names the field and where it is.
"""

from __future__ import annotations

import hashlib
import os
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from audit.config import AuditConfig
from domain.codes import Identifier, Jurisdiction
from domain.nodes import NodeIdentityError, parse_public_key
from domain.policy import TenantPolicySettings

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the field and the file."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NodeProtocol(StrEnum):
    TGI = "tgi"
    OPENAI = "openai"  # vLLM, SGLang and other OpenAI-compatible servers


class NodeConfig(_Strict):
    id: Identifier
    base_url: HttpUrl
    jurisdiction: Jurisdiction
    operator: str = Field(min_length=1, max_length=128)
    models: list[str] = Field(min_length=1)
    protocol: NodeProtocol = NodeProtocol.TGI
    token: str | None = None
    attested: bool = False  # a claim made by this file; nodes with an identity are attested by evidence
    # The node's signed descriptor: "agent" fetches it from the node-agent at base_url (which also
    # serves evidence and signs receipts); a path reads it from a file. None: no identity checks.
    descriptor: Literal["agent"] | Path | None = None

    @property
    def url(self) -> str:
        return str(self.base_url).rstrip("/")

    @property
    def behind_agent(self) -> bool:
        return self.descriptor == "agent"


class OperatorConfig(_Strict):
    """A node operator the gateway trusts to describe its own nodes."""

    name: str = Field(min_length=1, max_length=128)  # as nodes name it in ``operator``
    # Ed25519 public keys (base64 of 32 bytes); more than one while a key is being rotated.
    public_keys: list[str] = Field(min_length=1)

    @field_validator("public_keys")
    @classmethod
    def _ed25519_keys(cls, keys: list[str]) -> list[str]:
        for key in keys:
            try:
                parse_public_key(key)
            except NodeIdentityError as e:
                raise ValueError(f"{key!r}: {e}") from None
        return keys


ProductLine = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,32}$")]
SecurityPatchLevel = Annotated[int, Field(ge=0, le=255)]


class SnpMinTcb(_Strict):
    """The lowest security patch level accepted per SEV-SNP firmware component (absent: any)."""

    fmc: SecurityPatchLevel | None = None  # Turin and later only
    bootloader: SecurityPatchLevel | None = None
    tee: SecurityPatchLevel | None = None
    snp: SecurityPatchLevel | None = None
    microcode: SecurityPatchLevel | None = None


class AttestationConfig(_Strict):
    """How often nodes behind a node-agent are asked for fresh evidence, and how old it may get."""

    interval_s: float = Field(default=60.0, gt=0)
    max_age_s: float = Field(default=300.0, gt=0)
    timeout_s: float = Field(default=2.0, gt=0)
    # AMD root keys (ARK) pinned per product line, e.g. {Milan: ark-milan.pem, Genoa: ark-genoa.pem}:
    # PEM files taken from AMD out of band. None pinned: sev-snp evidence never verifies.
    sev_snp_roots: dict[ProductLine, Path] = Field(default_factory=dict)
    # AMD's CRL per product line (PEM or DER, signed by that line's ARK), taken out of band like
    # the roots: evidence whose ASK or VCEK it lists fails, and so does all evidence of the line
    # once the pinned CRL is past its next update.
    sev_snp_crls: dict[ProductLine, Path] = Field(default_factory=dict)
    # The lowest TCB accepted per product line, e.g. {Milan: {snp: 23, microcode: 213}}.
    sev_snp_min_tcb: dict[ProductLine, SnpMinTcb] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _lines_have_roots(self) -> AttestationConfig:
        for setting in ("sev_snp_crls", "sev_snp_min_tcb"):
            for line in getattr(self, setting):
                if line not in self.sev_snp_roots:
                    raise ValueError(
                        f"{setting}.{line}: no AMD root key is pinned for {line} in sev_snp_roots"
                    )
        return self


class ApiKey(_Strict):
    """An inference key, stored only as the SHA-256 of the key (keys are random, high-entropy tokens)."""

    id: Identifier
    sha256: Sha256Hex


class TenantQuota(_Strict):
    """What a tenant's contract lets it use; an absent limit is no limit. The request that crosses a
    limit is served, the next one is refused (429) until the window ends."""

    requests_per_minute: int | None = Field(default=None, ge=1)  # per UTC minute
    tokens_per_day: int | None = Field(default=None, ge=1)  # prompt + generated, per UTC day

    @property
    def limited(self) -> bool:
        return self.requests_per_minute is not None or self.tokens_per_day is not None


class TenantConfig(_Strict):
    id: Identifier
    home_jurisdiction: Jurisdiction
    allowed_jurisdictions: list[Jurisdiction] = Field(min_length=1)
    purposes: list[Identifier] = Field(min_length=1)
    default_purpose: Identifier | None = None
    api_keys: list[ApiKey] = Field(min_length=1)
    policy: TenantPolicySettings = TenantPolicySettings()
    # A request field the gateway does not know: its every string classified, or the request refused.
    unknown_fields: Literal["classify", "reject"] = "classify"
    quota: TenantQuota | None = None

    @model_validator(mode="after")
    def _default_purpose_is_declared(self) -> TenantConfig:
        if self.default_purpose is not None and self.default_purpose not in self.purposes:
            raise ValueError(f"default_purpose {self.default_purpose!r} is not one of purposes")
        return self


class ListenConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)


class TimeoutConfig(_Strict):
    connect_s: float = Field(default=2.0, gt=0)
    first_byte_s: float = Field(default=30.0, gt=0)
    total_s: float = Field(default=300.0, gt=0)


class LimitConfig(_Strict):
    max_body_bytes: int = Field(default=2_000_000, gt=0)
    # Nesting of a JSON body (objects and arrays); deeper bodies are refused with 400 before parsing
    # is trusted. Tool and response-format schemas rarely exceed 20.
    max_json_depth: int = Field(default=64, ge=2, le=500)
    max_messages: int = Field(default=256, gt=0)


class ServerConfig(_Strict):
    """Each worker's HTTP server: how long a client may take to send a request, and how much one
    worker takes on. Past ``max_connections`` a new connection is closed at once; past
    ``max_in_flight`` an inference request is answered 503 with retry-after before its body is read."""

    header_timeout_s: float = Field(default=10.0, gt=0)  # request line and headers, from the first byte
    body_timeout_s: float = Field(default=30.0, gt=0)  # the whole body, from the end of the headers
    keep_alive_s: int = Field(default=5, ge=1)  # an idle connection between two requests
    max_header_bytes: int = Field(default=32_768, ge=1024)  # request line and headers; past it: 431
    max_connections: int = Field(default=2048, ge=1)
    max_in_flight: int = Field(default=256, ge=1)
    # Past this event-loop lag (how late a due callback runs) inference requests are shed; 0: never.
    max_loop_lag_ms: float = Field(default=0.0, ge=0)


class HealthConfig(_Strict):
    interval_s: float = Field(default=5.0, gt=0)
    timeout_s: float = Field(default=2.0, gt=0)
    failure_threshold: int = Field(default=3, ge=1)
    cooldown_s: float = Field(default=15.0, gt=0)


class PolicyConfig(_Strict):
    """No ``opa_url`` means the embedded engine over the same Rego files.

    With ``opa_url``, ``rego_dir`` (when set) is the directory the OPA server watches, mounted here
    too, so the gateway can tell when OPA has not (yet) loaded the files on disk.
    """

    opa_url: HttpUrl | None = None
    opa_token: str | None = None
    timeout_s: float = Field(default=1.0, gt=0)
    rego_dir: Path | None = None  # None: the policies shipped in policies/rego
    cache_size: int = Field(default=4096, ge=0)
    # How often to look for changed policy files (embedded) or re-read what OPA has loaded.
    reload_interval_s: float = Field(default=1.0, gt=0)

    @field_validator("opa_url")
    @classmethod
    def _opa_url_is_a_server_root(cls, url: HttpUrl | None) -> HttpUrl | None:
        # The OPA client addresses <scheme>://<host>:<port>/v1/...; a path prefix would be dropped.
        if url is not None and url.path not in (None, "", "/"):
            raise ValueError("opa_url must be the server root (scheme, host and port), without a path")
        return url


class ClassificationConfig(_Strict):
    on_failure: Literal["deny", "special"] = "deny"
    timeout_s: float = Field(default=2.0, gt=0)
    # The 24 official EU languages and Norwegian and Icelandic, most spoken first: a short text
    # that fits two languages equally is read as the first listed.
    languages: list[str] = Field(
        default_factory=lambda: [
            *("en", "de", "fr", "it", "es", "pl", "nl", "pt", "ro", "sv", "cs", "el", "hu"),
            *("bg", "da", "fi", "sk", "hr", "lt", "sl", "lv", "et", "ga", "mt", "no", "is"),
        ],
        min_length=1,
    )
    # An installed spaCy model directory (with meta.json); never fetched. None: name lists only.
    ner_model_path: Path | None = None
    workers: int = Field(default=0, ge=0)  # 0: one per core
    # "inline" analyses in a thread of the gateway process (tests, tiny deployments).
    executor: Literal["process", "inline"] = "process"
    # With the process pool: a request whose uncached text totals at most this many characters
    # (a digit or '@' counts 40) is analysed on the event loop, about 1 ms of work: handing it to a
    # worker would cost more CPU. None: 1536, or 0 (always the pool) with an NER model.
    inline_max_chars: int | None = Field(default=None, ge=0)
    cache_size: int = Field(default=8192, ge=0)  # messages whose findings are remembered

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, languages: list[str]) -> list[str]:
        for lang in languages:
            if not re.fullmatch(r"[a-z]{2,3}", lang):
                raise ValueError(f"{lang!r} is not an ISO 639-1 language code")
        return list(dict.fromkeys(languages))


class ComplianceConfig(_Strict):
    """The audit query API and console (``/audit/v1``, ``/console``)."""

    # Verifier keys trusted besides the log's current signing key (keys it was signed with before).
    trusted_keys: list[str] = Field(default_factory=list)
    # Send the console's session cookie only over HTTPS; turn off only behind no TLS at all (tests).
    secure_cookies: bool = True


class TelemetryConfig(_Strict):
    """Request tracing, off unless an OTLP collector is named here or in OTEL_EXPORTER_OTLP_ENDPOINT."""

    otlp_endpoint: HttpUrl | None = None  # the collector's OTLP/HTTP base URL (/v1/traces is added)
    service_name: str = Field(default="sovereign-gateway", min_length=1, max_length=128)
    sample_ratio: float = Field(default=1.0, ge=0, le=1)  # of traces the client did not start


class QuotasConfig(_Strict):
    """Where tenant quotas are counted: ``memory`` in this process (one worker, one replica), or
    ``redis`` (Redis or Valkey) shared by every replica. If the store cannot answer, requests of
    tenants with a quota are refused (503) and ``/ready`` reports not ready."""

    backend: Literal["memory", "redis"] = "memory"
    url: str | None = Field(default=None, pattern=r"^(rediss?|unix)://")  # redis://[:password@]host:port/db
    timeout_s: float = Field(default=0.5, gt=0)
    key_prefix: str = Field(default="sovgw:quota", pattern=r"^[A-Za-z0-9:_.-]{1,64}$")

    @model_validator(mode="after")
    def _url_with_redis(self) -> QuotasConfig:
        if (self.backend == "redis") != (self.url is not None):
            raise ValueError("url is required with backend redis, and only with it")
        return self


class GatewayConfig(_Strict):
    listen: ListenConfig = ListenConfig()
    timeouts: TimeoutConfig = TimeoutConfig()
    limits: LimitConfig = LimitConfig()
    server: ServerConfig = ServerConfig()
    health: HealthConfig = HealthConfig()
    policy: PolicyConfig = PolicyConfig()
    classification: ClassificationConfig = ClassificationConfig()
    audit: AuditConfig = AuditConfig()
    compliance: ComplianceConfig = ComplianceConfig()
    attestation: AttestationConfig = AttestationConfig()
    telemetry: TelemetryConfig = TelemetryConfig()
    quotas: QuotasConfig = QuotasConfig()
    operators: list[OperatorConfig] = Field(default_factory=list)
    nodes: list[NodeConfig] = Field(min_length=1)
    tenants: list[TenantConfig] = Field(min_length=1)

    @field_validator("nodes")
    @classmethod
    def _unique_node_ids(cls, nodes: list[NodeConfig]) -> list[NodeConfig]:
        _require_unique("node id", [n.id for n in nodes])
        return nodes

    @model_validator(mode="after")
    def _described_nodes_name_a_listed_operator(self) -> GatewayConfig:
        _require_unique("operator name", [o.name for o in self.operators])
        listed = {o.name for o in self.operators}
        for n in self.nodes:
            if n.descriptor is not None and n.operator not in listed:
                raise ValueError(f"node {n.id}: operator {n.operator!r} is not listed under operators")
        return self

    def operator(self, name: str) -> OperatorConfig | None:
        return next((o for o in self.operators if o.name == name), None)

    @field_validator("tenants")
    @classmethod
    def _unique_tenants_and_keys(cls, tenants: list[TenantConfig]) -> list[TenantConfig]:
        _require_unique("tenant id", [t.id for t in tenants])
        _require_unique("api key hash", [k.sha256 for t in tenants for k in t.api_keys])
        return tenants

    def models(self) -> list[str]:
        return sorted({m for n in self.nodes for m in n.models})


def _require_unique(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"duplicate {what} {v!r}")
        seen.add(v)


def config_digest(config: GatewayConfig) -> str:
    """A SHA-256 of the effective configuration without its secrets, for the audit trail."""
    secrets = {
        "nodes": {"__all__": {"token"}},
        "policy": {"opa_token"},
        "audit": {"signing_key"},
        "quotas": {"url"},  # may carry the store's password
    }
    return hashlib.sha256(config.model_dump_json(exclude=secrets).encode()).hexdigest()  # type: ignore[arg-type]


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _expand_env(value: Any, path: tuple[str | int, ...], env: dict[str, str]) -> Any:
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in env:
                raise ConfigError(f"{_dotted(path)}: environment variable {name} is not set")
            return env[name]

        return _ENV_REF.sub(sub, value)
    if isinstance(value, dict):
        return {k: _expand_env(v, (*path, k), env) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand_env(v, (*path, i), env) for i, v in enumerate(value)]
    return value


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_config(data: Any, source: str = "<config>", env: dict[str, str] | None = None) -> GatewayConfig:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the top level must be a mapping")
    try:
        expanded = _expand_env(data, (), dict(os.environ) if env is None else env)
    except ConfigError as e:
        raise ConfigError(f"{source}: {e}") from None
    try:
        return GatewayConfig.model_validate(expanded)
    except ValidationError as e:
        problems = "; ".join(f"{_dotted(tuple(err['loc']))}: {err['msg']}" for err in e.errors())
        raise ConfigError(f"{source}: {problems}") from None


def load_config(path: Path, env: dict[str, str] | None = None) -> GatewayConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the configuration file ({e.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        raise ConfigError(f"{path}: not valid YAML{at}") from None
    config = parse_config(data, str(path), env)
    # Relative paths in the file are relative to the file, not to wherever the process started.
    base = path.parent.resolve()
    return config.model_copy(
        update={
            "policy": _rebase(config.policy, base, "rego_dir"),
            "audit": _rebase(config.audit, base, "signing_key_file", "pseudonym_key_dir"),
            "classification": _rebase(config.classification, base, "ner_model_path"),
            "nodes": [_rebase(n, base, "descriptor") for n in config.nodes],
            "attestation": config.attestation.model_copy(
                update={
                    setting: {k: base / v if not v.is_absolute() else v for k, v in paths.items()}
                    for setting, paths in (
                        ("sev_snp_roots", config.attestation.sev_snp_roots),
                        ("sev_snp_crls", config.attestation.sev_snp_crls),
                    )
                }
            ),
        }
    )


def _rebase(section: BaseModel, base: Path, *fields: str) -> Any:
    updates = {}
    for f in fields:
        value = getattr(section, f)
        if isinstance(value, Path) and not value.is_absolute():
            updates[f] = base / value
    return section.model_copy(update=updates)
