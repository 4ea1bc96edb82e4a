"""What the console's dashboard shows of the daily counts: totals by answer and the charts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from audit.query.counts import ANSWERS, CountRow
from gateway.compliance.charts import CATEGORY_COLOURS, build_series, stacked_bars

# Why a request was unavailable, by the kind of record it left.
CAUSES = {
    "denial": "no allowed node healthy",
    "engine_failure": "classification or policy engine down",
    "completion": "node failed",
}
CAUSE_COLOURS = dict(zip(CAUSES.values(), ("#0072B2", "#D55E00", "#E69F00"), strict=True))

Counts = dict[str, dict[date, int]]


@dataclass(frozen=True)
class Dashboard:
    totals: dict[str, int]  # by answer: forwarded, refused, unavailable, client_error
    charts: list[dict[str, Any]]


def dashboard(rows: Iterable[CountRow], days: list[date]) -> Dashboard:
    totals = dict.fromkeys(ANSWERS, 0)
    by_place: Counts = defaultdict(lambda: defaultdict(int))
    by_category: Counts = defaultdict(lambda: defaultdict(int))
    refused: Counts = defaultdict(lambda: defaultdict(int))
    unavailable: Counts = defaultdict(lambda: defaultdict(int))
    for r in rows:
        totals[r.answer] += r.count
        if r.answer == "forwarded":
            by_place[r.jurisdiction or "unknown"][r.day] += r.count
            by_category[r.category or "unknown"][r.day] += r.count
        elif r.answer == "refused":
            refused[r.category or "unknown"][r.day] += r.count
        elif r.answer == "unavailable":
            unavailable[CAUSES[r.kind]][r.day] += r.count
    forwarded = "Requests forwarded per day"
    charts = [
        _chart("by-jurisdiction", f"{forwarded}, by jurisdiction", by_place, None, days),
        _chart("by-category", f"{forwarded}, by data category", by_category, CATEGORY_COLOURS, days),
        _chart(
            "refusals",
            "Requests refused by the policy (451) per day, by data category",
            refused,
            CATEGORY_COLOURS,
            days,
        ),
        _chart(
            "unavailable",
            "Requests unavailable (503, node failures) per day, by cause",
            unavailable,
            CAUSE_COLOURS,
            days,
        ),
    ]
    return Dashboard(totals, charts)


def _chart(
    chart_id: str, title: str, counts: Counts, colours: dict[str, str] | None, days: list[date]
) -> dict[str, Any]:
    series = build_series(counts, colours)
    return {
        "id": chart_id,
        "title": title,
        "svg": Markup(stacked_bars(chart_id, title, days, series)),  # noqa: S704 (escaped in charts.py)
        "series": series,
        "table": [(s.name, s.colour, sum(s.values.values())) for s in series],
    }
