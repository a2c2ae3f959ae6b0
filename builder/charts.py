"""Pictures drawn at build time as inline SVG: no script, no request, a text equivalent each.

Two shapes, each a function of plain rows:

1. `bars(...)`: one horizontal bar per row, its label above it and its value after it (who
   speaks in a briefing, the most quoted people on the home page). Labels stand on their own
   line, so the picture reads at 390 px as well as at 1280 px.
2. `columns(...)`: one column per month, January to December in a row (mentions of an actor).

The SVG has `role="img"`, a `<title>` and a `<desc>` that states every value, so a screen
reader hears the numbers the picture shows. Every label is escaped: names come from articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 360
"""The width of every picture in SVG units; CSS scales it (`.chart` in briefings.css)."""
ROW = 34
"""Height of one bar's row: its label, then the bar."""
BAR = 12
"""Thickness of a bar."""
LABEL = 18
"""Room for a row's label above its bar."""
VALUE_ROOM = 40
"""Room after the longest bar for its value."""
LABEL_CHARS = 44
"""Labels longer than this are cut with `…` in the picture (the description keeps them whole)."""
COLUMNS_HEIGHT = 120
"""Height of the columns' drawing area."""
AXIS = 22
"""Room under the columns for the first and last month."""


@dataclass(frozen=True, slots=True)
class Row:
    """One bar or column: what it counts and how many."""

    label: str
    value: int


def bars(chart_id: str, title: str, unit: str, rows: Sequence[Row]) -> Markup:
    """Horizontal bars, one per row in the order given; empty when no row has a value."""
    rows = [r for r in rows if r.value > 0]
    if not rows:
        return Markup("")
    top = max(r.value for r in rows)
    height = ROW * len(rows)
    span = WIDTH - VALUE_ROOM
    parts = []
    for i, row in enumerate(rows):
        y = i * ROW
        length = max(2.0, span * row.value / top)
        parts.append(
            Markup(
                '<text class="chart-label" x="0" y="{y}">{label}</text>'
                '<rect class="chart-bar" x="0" y="{bar_y}" width="{w}" height="{h}"></rect>'
                '<text class="chart-value" x="{vx}" y="{vy}">{value}</text>'
            ).format(
                y=y + LABEL - 5,
                label=cut(row.label),
                bar_y=y + LABEL,
                w=f"{length:.1f}",
                h=BAR,
                vx=f"{length + 6:.1f}",
                vy=y + LABEL + BAR - 1,
                value=row.value,
            )
        )
    return svg(chart_id, title, describe(unit, rows), height, Markup("").join(parts))


def columns(chart_id: str, title: str, unit: str, rows: Sequence[Row]) -> Markup:
    """One column per row (months, oldest first), the first and last labelled under the axis."""
    if not rows or not any(r.value for r in rows):
        return Markup("")
    top = max(r.value for r in rows)
    step = WIDTH / len(rows)
    gap = min(2.0, step / 4)
    parts = [
        Markup('<line class="chart-axis" x1="0" y1="{y}" x2="{w}" y2="{y}"></line>').format(y=COLUMNS_HEIGHT, w=WIDTH)
    ]
    for i, row in enumerate(rows):
        h = COLUMNS_HEIGHT * row.value / top
        parts.append(
            Markup('<rect class="chart-bar" x="{x}" y="{y}" width="{w}" height="{h}"></rect>').format(
                x=f"{i * step + gap / 2:.1f}", y=f"{COLUMNS_HEIGHT - h:.1f}", w=f"{step - gap:.1f}", h=f"{h:.1f}"
            )
        )
    below = COLUMNS_HEIGHT + AXIS - 6
    parts.append(Markup('<text class="chart-label" x="0" y="{y}">{label}</text>').format(y=below, label=rows[0].label))
    if len(rows) > 1:
        parts.append(
            Markup('<text class="chart-label" x="{x}" y="{y}" text-anchor="end">{label}</text>').format(
                x=WIDTH, y=below, label=rows[-1].label
            )
        )
    parts.append(Markup('<text class="chart-value" x="0" y="12">{top} {unit}</text>').format(top=top, unit=unit))
    shown = [r for r in rows if r.value]
    return svg(chart_id, title, describe(unit, shown), COLUMNS_HEIGHT + AXIS, Markup("").join(parts))


def svg(chart_id: str, title: str, desc: str, height: int, body: Markup) -> Markup:
    return Markup(
        '<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>'
    ).format(id=chart_id, w=WIDTH, h=height, title=title, desc=desc, body=body)


def describe(unit: str, rows: Sequence[Row]) -> str:
    """The text equivalent: `Benjamin Netanyahu: 4 quotes; Antony Blinken: 1 quote.`"""
    singular = unit.removesuffix("s")
    return "; ".join(f"{r.label}: {r.value} {unit if r.value != 1 else singular}" for r in rows) + "."


def cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
