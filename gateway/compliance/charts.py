"""Stacked bar charts as inline SVG, drawn on the server: no chart library, nothing fetched.

Each chart carries a title and a description for screen readers, and the page shows the same
numbers as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 40


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: dict[date, int]


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Data categories keep their colours on every chart: special is always the warm one.
CATEGORY_COLOURS = {"special": "#D55E00", "personal": "#0072B2", "none": "#6E7781", "unknown": "#CC79A7"}


def build_series(counts: dict[str, dict[date, int]], fixed: dict[str, str] | None = None) -> list[Series]:
    """Largest series first (at the bottom of each bar); colours by name, so they match across charts."""
    ordered = sorted(counts, key=lambda k: (-sum(counts[k].values()), k))
    by_name = sorted(counts)
    return [
        Series(name, (fixed or {}).get(name) or PALETTE[by_name.index(name) % len(PALETTE)], counts[name])
        for name in ordered
    ]


TICKS = 4


def _nice_max(value: int) -> int:
    """The smallest 1-2-5 step (times a power of ten) whose TICKS multiples reach ``value``."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude * TICKS >= value:
                return step * magnitude * TICKS
        magnitude *= 10


def stacked_bars(chart_id: str, title: str, days: list[date], series: list[Series]) -> str:
    """An SVG stacked bar chart: one bar per day, one colour per series."""
    totals = [sum(s.values.get(d, 0) for s in series) for d in days]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(days), 1)
    bar = max(slot * 0.7, 1.0)
    desc = f"{sum(totals)} in total over {len(days)} days; " + "; ".join(
        f"{s.name}: {sum(s.values.values())}" for s in series
    )
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for i in range(TICKS + 1):
        value = top * i // TICKS
        y = TOP + plot_h - plot_h * i / TICKS
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{value}</text>')
    label_every = max(1, len(days) // 10)
    for i, d in enumerate(days):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for s in series:
            n = s.values.get(d, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{s.colour}">'
                f"<title>{d.isoformat()} {escape(s.name)}: {n}</title></rect>"
            )
        if i % label_every == 0:
            out.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" class="tick" '
                f'text-anchor="middle">{d.strftime("%d %b")}</text>'
            )
    out.append("</svg>")
    return "".join(out)
