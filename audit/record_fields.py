"""The audit record's queryable fields, defined once: where each comes from and how to filter on it.

A record keeps its signed document (what its leaf hashes) beside these fields, copied out of it.
``RecordFields`` declares them; each carries a ``Derived`` saying where in the document its value
is, whether records can be filtered on it (``Filter``) and whether summary.csv lists it. From this
one model come the store's table (``audit.records.AuditRecord``), the fields the writer stores and
the verifier re-derives (``columns``), the query filters (``audit.query.filters``), the export's
summary.csv and the JSON Schema the audit API publishes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, get_args

from sqlalchemy import BigInteger, DateTime
from sqlmodel import Field, SQLModel

from audit.canonical import parse_rfc3339
from domain.classification import Category
from domain.events import AuditEvent

Document = dict[str, Any]

EVENT_KINDS: tuple[str, ...] = tuple(
    kind for event in get_args(AuditEvent) for kind in get_args(event.model_fields["kind"].annotation)
)
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)


class Match(StrEnum):
    """How a filter's value selects records."""

    EQUAL = "equal"  # the field holds the value
    LISTED = "listed"  # the field's comma-separated list names the value
    ALLOW_DENY = "allow_deny"  # "allow" or "deny" against a yes/no field


@dataclass(frozen=True)
class Filter:
    """Records can be filtered on this field, by the query parameter ``name``."""

    name: str
    description: str | None = None
    choices: tuple[str, ...] = ()  # the values it accepts; any short text when empty
    match: Match = Match.EQUAL


@dataclass(frozen=True)
class Derived:
    """How one field is copied out of the signed document, filtered on, and listed."""

    source: Callable[[Document], Any]
    filter: Filter | None = None
    in_summary: bool = True  # summary.csv; identifiers stay in records.jsonl


def required(key: str, convert: Callable[[Any], Any] = lambda v: v) -> Callable[[Document], Any]:
    """A top-level key every record has (its absence is an error)."""
    return lambda doc: convert(doc[key])


def first(*paths: str) -> Callable[[Document], Any]:
    """The first dotted path with a truthy value, else the last one's value. A step ``a|b`` takes
    whichever object is present first (a completion names its node ``served_by``)."""
    # Split once here: every append derives every field.
    steps = [
        ([tuple(step.split("|")) for step in path.split(".")[:-1]], path.split(".")[-1]) for path in paths
    ]

    def get(doc: Document) -> Any:
        value = None
        for parents, leaf in steps:
            obj: Any = doc
            for keys in parents:
                obj = _present(obj, keys)
            value = obj.get(leaf)
            if value:
                return value
        return value

    return get


def _present(obj: Any, keys: tuple[str, ...]) -> Any:
    """The first object of ``keys`` (a step ``a|b``) that ``obj`` holds (a falsy one counts as
    absent), else ``{}``."""
    for key in keys:
        if found := obj.get(key):
            return found
    return {}


def _entity_types(doc: Document) -> str | None:
    """The entity types found, sorted and comma-separated; their counts stay in the document."""
    return ",".join(sorted((doc.get("classification") or {}).get("entities") or {})) or None


def _outcome(doc: Document) -> Any:
    """A completion's outcome; for the decisions, what was decided."""
    if doc.get("outcome"):
        return doc["outcome"]
    kind = doc["kind"]
    if kind == "denial":
        return "denied"
    if kind == "engine_failure":
        return f"{doc.get('stage')}_failure"
    if kind == "forward":
        return "forwarded"
    return None


NODE = "node|served_by"


class RecordFields(SQLModel):
    """Every field a record is queried, filtered and listed by."""

    seq: Annotated[int, Derived(required("seq"))] = Field(
        sa_type=BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False}, ge=0
    )
    recorded_at: Annotated[datetime, Derived(required("recorded_at", parse_rfc3339))] = Field(
        sa_type=DateTime(timezone=True), nullable=False
    )
    kind: Annotated[str, Derived(required("kind"), Filter("kind", choices=EVENT_KINDS))]
    tenant: Annotated[
        str | None,
        Derived(first("request.tenant", "detail.tenant"), Filter("tenant", "only this tenant's records")),
    ] = None
    actor: Annotated[str | None, Derived(first("request.actor"), in_summary=False)] = Field(
        default=None, description="keyed MAC of the API key id under the tenant's pseudonym key"
    )
    request_id: Annotated[str | None, Derived(first("request.request_id"), in_summary=False)] = None
    purpose: Annotated[str | None, Derived(first("request.purpose"))] = None
    route: Annotated[str | None, Derived(first("request.route"), in_summary=False)] = None
    model: Annotated[str | None, Derived(first("request.model"))] = None
    category: Annotated[
        str | None, Derived(first("classification.category"), Filter("category", choices=CATEGORIES))
    ] = None
    entity_types: Annotated[
        str | None,
        Derived(
            _entity_types,
            Filter(
                "entity_type", "only records whose classification found this entity type", match=Match.LISTED
            ),
        ),
    ] = Field(default=None, description="the entity types found, sorted and comma-separated")
    decision_id: Annotated[str | None, Derived(first("decision.decision_id"), in_summary=False)] = None
    decision_allow: Annotated[
        bool | None,
        Derived(
            first("decision.allow"), Filter("decision", choices=("allow", "deny"), match=Match.ALLOW_DENY)
        ),
    ] = None
    policy_revision: Annotated[str | None, Derived(first("decision.revision", "detail.revision"))] = None
    node_id: Annotated[
        str | None, Derived(first(f"{NODE}.node_id"), Filter("node", "only records naming this node"))
    ] = None
    operator: Annotated[
        str | None,
        Derived(first(f"{NODE}.operator"), Filter("operator", "only records naming this node operator")),
    ] = None
    jurisdiction: Annotated[
        str | None,
        Derived(
            first(f"{NODE}.jurisdiction"),
            Filter(
                "jurisdiction", "only records of requests served in this jurisdiction (ISO 3166-1 alpha-2)"
            ),
        ),
    ] = None
    transfer_basis: Annotated[
        str | None,
        Derived(
            first(f"{NODE}.transfer_basis"), Filter("transfer_basis", "for example intra-EEA or adequacy:CH")
        ),
    ] = None
    outcome: Annotated[
        str | None, Derived(_outcome, Filter("outcome", "forwarded, denied, success, upstream_error, ..."))
    ] = None
    status: Annotated[int | None, Derived(first("status"))] = None


def _derived(name: str) -> Derived:
    return next(m for m in RecordFields.model_fields[name].metadata if isinstance(m, Derived))


DERIVED: dict[str, Derived] = {name: _derived(name) for name in RecordFields.model_fields}
FIELD_NAMES: tuple[str, ...] = tuple(DERIVED)
SUMMARY_FIELDS: tuple[str, ...] = tuple(name for name, d in DERIVED.items() if d.in_summary)
# Filters by query parameter, with the field each reads.
FILTERS: dict[str, tuple[str, Filter]] = {
    d.filter.name: (name, d.filter) for name, d in DERIVED.items() if d.filter is not None
}


def columns(doc: Document) -> dict[str, Any]:
    """Every field, derived only from the document (the verifier re-derives and compares them)."""
    return {name: d.source(doc) for name, d in DERIVED.items()}
