"""Page views and visitors per day as an SVG line chart, drawn on the server.

``daily_chart`` works out the geometry; ``analytics/chart.html`` writes the SVG with
a ``<title>`` and ``<desc>`` (it is an image with a name and a summary to screen
readers) next to a table of the same figures, so nothing depends on JavaScript or
on seeing colour. Colours are presentation attributes, which the site's
Content-Security-Policy (``style-src 'self'``) allows. A withheld day is a gap in
its line, never a zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from partnership.analytics.reports import DayFigures

WIDTH = 720
HEIGHT = 260
LEFT = 64  # room for the value labels
RIGHT = 16
TOP = 28  # room for the legend
BOTTOM = 36  # room for the date labels
MAX_DATE_LABELS = 8


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    dash: str  # stroke-dasharray, so the two lines differ without colour
    lines: tuple[str, ...]  # SVG polyline "x,y x,y …" strings, one per unbroken run
    dots: tuple[tuple[float, float], ...]  # lone days between two gaps


@dataclass(frozen=True)
class DailyChart:
    width: int
    height: int
    left: int
    right_edge: int
    top: int
    baseline: int
    series: tuple[Series, ...]
    value_ticks: tuple[Tick, ...]
    date_ticks: tuple[Tick, ...]
    description: str


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (at least 10)."""
    step = 10
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(value: int, top_value: int) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / top_value


def _series(
    name: str, colour: str, dash: str, values: Sequence[int | None], top_value: int
) -> Series:
    runs: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((round(_x(index, len(values)), 1), round(_y(value, top_value), 1)))
    lines = tuple(" ".join(f"{x},{y}" for x, y in run) for run in runs if len(run) > 1)
    dots = tuple(run[0] for run in runs if len(run) == 1)
    return Series(name=name, colour=colour, dash=dash, lines=lines, dots=dots)


def _date_ticks(days: Sequence[dt.date]) -> tuple[Tick, ...]:
    if not days:
        return ()
    if len(days) > 62:
        # Long ranges: the first of each month, thinned to at most MAX_DATE_LABELS.
        marks = [n for n, day in enumerate(days) if day.day == 1]
        step = -(-len(marks) // MAX_DATE_LABELS)
        chosen = marks[::step]
        return tuple(Tick(round(_x(n, len(days)), 1), f"{days[n]:%b %Y}") for n in chosen)
    step = max(1, -(-len(days) // MAX_DATE_LABELS))
    return tuple(
        Tick(round(_x(n, len(days)), 1), f"{days[n].day} {days[n]:%b}")
        for n in range(0, len(days), step)
    )


def daily_chart(*, days: Sequence[DayFigures], threshold: int) -> DailyChart:
    views = [day.views for day in days]
    visitors = [day.visitors for day in days]
    shown = [value for value in (*views, *visitors) if value is not None]
    top_value = nice_ceiling(max(shown, default=0))
    value_ticks = tuple(
        Tick(round(_y(top_value * n // 4, top_value), 1), f"{top_value * n // 4:,}")
        for n in range(5)
    )
    withheld = sum(1 for day in days if day.views is None or day.visitors is None)
    first, last = (days[0].day, days[-1].day) if days else (None, None)
    description = (
        f"Line chart of page views (solid line) and unique visitors (dashed line) per day "
        f"from {first:%-d %B %Y} to {last:%-d %B %Y}. "
        if first and last
        else "No days in this range. "
    )
    if shown:
        busiest = max((day for day in days if day.views is not None), key=lambda d: d.views or 0)
        description += f"Most page views on one day: {busiest.views:,} on {busiest.day:%-d %B %Y}. "
    if withheld:
        description += (
            f"{withheld} days with figures withheld (fewer than {threshold}) "
            "are gaps in the lines. "
        )
    description += "The table after the chart lists every day's figures."
    return DailyChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        top=TOP,
        baseline=HEIGHT - BOTTOM,
        series=(
            _series("Page views", "#1d4e89", "", views, top_value),
            _series("Visitors", "#b5531a", "6 4", visitors, top_value),
        ),
        value_ticks=value_ticks,
        date_ticks=_date_ticks([day.day for day in days]),
        description=description,
    )
