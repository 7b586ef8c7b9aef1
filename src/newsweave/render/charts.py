"""Inline SVG charts for the HTML report, drawn in Python: no script library, no network.

Three charts: support per fact (independent sources against reporting outlets), the timeline
of dated events, and the outlet overlap matrix (facts each pair of outlets shares). Every text
in them is untrusted and escaped; each chart has a title and a description for screen readers,
and a ``<title>`` per mark for a tooltip. Colours come from the page's CSS classes, so the
charts follow its light, dark and print styles.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave.model import Fact
from newsweave.render.layout import BriefLayout, TimelineItem, clean, format_day

SUPPORT_CHART_MAX_FACTS = 15  # a glanceable chart; the facts table lists the rest
TIMELINE_CHART_MAX_ROWS = 20  # dated events beyond this are in the timeline list below it
LABEL_MAX_CHARS = 42  # fits the 300-unit label column at 12 px (measured in Chromium)
OUTLET_LABEL_MAX_CHARS = 22
CHART_WIDTH = 640  # viewBox units; the SVG scales to the column width
ROW_HEIGHT = 22
LABEL_WIDTH = 300  # viewBox units for labels left of the bars
CELL_SIZE = 44  # one outlet-pair cell of the overlap matrix
# Outlets in the overlap matrix, those reporting most facts: the matrix is quadratic in them,
# and thirty rows are as many as a reader can scan.
HEATMAP_MAX_OUTLETS = 30
LABEL_CHAR_WIDTH = 6.8  # average width of a 12 px system-ui character, for the matrix margins
MIN_CELL_OPACITY = 0.12  # a pair sharing one fact must still show
DARK_CELL_OPACITY = 0.55  # above this, a cell's number is written in white


def _esc(text: str) -> str:
    return html.escape(clean(text), quote=True)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> shorten("The Calder Bridge will close", 12)
    'The Calder…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class _Frame:
    key: str  # chart id prefix
    title: str
    description: str
    height: float
    width: float = CHART_WIDTH

    def wrap(self, body: str, caption: str) -> str:
        return (
            f'<figure class="chart" id="chart-{self.key}">'
            f'<svg viewBox="0 0 {self.width:.0f} {self.height:.0f}" width="{self.width:.0f}" '
            f'height="{self.height:.0f}" role="img" '
            f'aria-labelledby="{self.key}-title {self.key}-desc" '
            f'preserveAspectRatio="xMinYMin meet">'
            f'<title id="{self.key}-title">{_esc(self.title)}</title>'
            f'<desc id="{self.key}-desc">{_esc(self.description)}</desc>{body}</svg>'
            f"<figcaption>{caption}</figcaption></figure>"
        )


def support_chart(layout: BriefLayout) -> str:
    """Horizontal bars: per fact, independent sources (solid) over reporting outlets (pale)."""
    ranked = sorted(
        layout.facts,
        key=lambda fact: (-fact.independent_sources, -len(layout.outlets_of(fact))),
    )[:SUPPORT_CHART_MAX_FACTS]
    if not ranked:
        return ""
    scale = max([len(layout.outlets), *(len(layout.outlets_of(f)) for f in ranked), 1])
    rows = "".join(_support_row(layout, fact, index, scale) for index, fact in enumerate(ranked))
    frame = _Frame(
        "support",
        "Support per fact",
        f"Independent sources and reporting outlets for the {len(ranked)} best-supported facts, "
        f"out of {len(layout.outlets)} outlets.",
        (len(ranked) + 1) * ROW_HEIGHT + 8,
    )
    legend = (
        '<span class="key key-independent"></span> independent sources '
        '<span class="key key-outlets"></span> outlets reporting'
    )
    return frame.wrap(_axis_labels(scale) + rows, f"Support per fact. {legend}")


def _axis_labels(scale: int) -> str:
    width = CHART_WIDTH - LABEL_WIDTH - 40
    ticks = sorted({0, scale // 2, scale})
    return "".join(
        f'<text class="tick" x="{LABEL_WIDTH + width * tick / scale:.1f}" y="12" '
        f'text-anchor="middle">{tick}</text>'
        for tick in ticks
    )


def _support_row(layout: BriefLayout, fact: Fact, index: int, scale: int) -> str:
    y = (index + 1) * ROW_HEIGHT
    width = CHART_WIDTH - LABEL_WIDTH - 40
    outlets = len(layout.outlets_of(fact))
    pale = width * outlets / scale
    solid = width * min(fact.independent_sources, scale) / scale
    tip = f"{fact.text} — {layout.support_label(fact)} ({fact.status.value})"
    return (
        f'<g class="chart-row" data-fact="{_esc(fact.id)}"><title>{_esc(tip)}</title>'
        f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">'
        f"{_esc(shorten(fact.text, LABEL_MAX_CHARS))}</text>"
        f'<rect class="bar-outlets" x="{LABEL_WIDTH}" y="{y + 3}" width="{pale:.1f}" '
        f'height="{ROW_HEIGHT - 6}" rx="3"/>'
        f'<rect class="fill-{fact.status.value}" x="{LABEL_WIDTH}" y="{y + 6}" '
        f'width="{solid:.1f}" height="{ROW_HEIGHT - 12}" rx="2"/>'
        f'<text class="value" x="{LABEL_WIDTH + pale + 6:.1f}" y="{y + 14}">'
        f"{fact.independent_sources}/{outlets}</text></g>"
    )


def timeline_chart(items: Sequence[TimelineItem]) -> str:
    """Dated events on one time axis: a dot per day, a bar per longer period."""
    shown = list(items[:TIMELINE_CHART_MAX_ROWS])
    if not shown:
        return ""
    first = min(item.start for item in shown)
    last = max(item.end for item in shown) + dt.timedelta(days=1)
    days = max((last - first).days, 1)
    width = CHART_WIDTH - LABEL_WIDTH - 20

    def x(day: dt.date) -> float:
        return LABEL_WIDTH + width * (day - first).days / days

    rows = "".join(_timeline_row(item, index, x) for index, item in enumerate(shown))
    ticks = "".join(
        f'<text class="tick" x="{x(day):.1f}" y="12" text-anchor="middle">'
        f"{_esc(f'{day.day} {day:%b}' if days <= 366 else f'{day:%b %Y}')}</text>"
        for day in _ticks(first, last)
    )
    frame = _Frame(
        "timeline",
        "Timeline of dated events",
        f"{len(shown)} dated events from {format_day(first)} to "
        f"{format_day(last - dt.timedelta(days=1))}.",
        (len(shown) + 1) * ROW_HEIGHT + 8,
    )
    return frame.wrap(ticks + rows, "Timeline: a dot is a day, a bar a longer period.")


def _ticks(first: dt.date, last: dt.date, count: int = 4) -> list[dt.date]:
    span = (last - first).days
    return sorted({first + dt.timedelta(days=round(span * i / count)) for i in range(count + 1)})


def _timeline_row(item: TimelineItem, index: int, x: Callable[[dt.date], float]) -> str:
    y = (index + 1) * ROW_HEIGHT
    start, end = x(item.start), x(item.end + dt.timedelta(days=1))
    label = f"{item.value} · {item.text}"
    if end - start < 8:
        mark = f'<circle class="dot" cx="{(start + end) / 2:.1f}" cy="{y + 11}" r="5"/>'
    else:
        mark = (
            f'<rect class="period" x="{start:.1f}" y="{y + 5}" width="{end - start:.1f}" '
            f'height="12" rx="6"/>'
        )
    return (
        f'<g class="chart-row"><title>{_esc(label)}</title>'
        f'<line class="grid" x1="{LABEL_WIDTH}" x2="{CHART_WIDTH - 20}" y1="{y + 11}" '
        f'y2="{y + 11}"/><text class="label" x="{LABEL_WIDTH - 8}" y="{y + 15}" '
        f'text-anchor="end">{_esc(shorten(label, LABEL_MAX_CHARS))}</text>{mark}</g>'
    )


def overlap_chart(layout: BriefLayout) -> str:
    """A heat map of shared facts per pair of outlets; the diagonal is each outlet's total."""
    sources = layout.sources
    ranked = sorted(sources.outlets, key=lambda p: (-len(p.facts), p.outlet))
    chosen = {p.outlet for p in ranked[:HEATMAP_MAX_OUTLETS]}
    outlets = [p.outlet for p in sources.outlets if p.outlet in chosen] or list(layout.outlets)
    if len(outlets) < 2:
        return ""
    matrix = _Matrix(
        tuple(outlets),
        {frozenset(item.outlets): item.shared_facts for item in sources.overlap},
        {profile.outlet: len(profile.facts) for profile in sources.outlets},
    )
    size = len(outlets) * CELL_SIZE
    frame = _Frame(
        "overlap",
        "Outlet overlap",
        f"Facts shared by each pair of the {len(outlets)} outlets reporting most; the diagonal "
        "shows how many "
        "facts each outlet reports.",
        matrix.top + size + 8,
        matrix.left + size + matrix.reach,
    )
    cells = "".join(
        matrix.cell(row, column) for row in range(len(outlets)) for column in range(len(outlets))
    )
    return frame.wrap(
        matrix.labels() + cells,
        "Outlet overlap: darker cells share more facts; the diagonal is each outlet's total.",
    )


@dataclass(frozen=True, slots=True)
class _Matrix:
    """The overlap grid: margins sized to the outlet names, one cell per pair of outlets."""

    outlets: tuple[str, ...]
    shared: dict[frozenset[str], int]
    totals: dict[str, int]

    @property
    def names(self) -> list[str]:
        return [shorten(outlet, OUTLET_LABEL_MAX_CHARS) for outlet in self.outlets]

    @property
    def left(self) -> float:
        return max(len(name) for name in self.names) * LABEL_CHAR_WIDTH + 12

    @property
    def reach(self) -> float:
        """How far a column label turned 45 degrees reaches up and to the right."""
        return max(len(name) for name in self.names) * LABEL_CHAR_WIDTH * 0.71  # sin 45°

    @property
    def top(self) -> float:
        return self.reach + 12

    def labels(self) -> str:
        parts = []
        left, top = self.left, self.top
        for index, name in enumerate(self.names):
            middle = left + index * CELL_SIZE + CELL_SIZE / 2
            y = top + index * CELL_SIZE + CELL_SIZE / 2 + 4
            parts.append(
                f'<text class="label" x="{left - 8:.1f}" y="{y:.1f}" '
                f'text-anchor="end">{_esc(name)}</text>'
                f'<text class="label" transform="translate({middle:.1f} {top - 8:.1f}) '
                f'rotate(-45)">{_esc(name)}</text>'
            )
        return "".join(parts)

    def cell(self, row: int, column: int) -> str:
        a, b = self.outlets[row], self.outlets[column]
        x, y = self.left + column * CELL_SIZE, self.top + row * CELL_SIZE
        if a == b:
            value = self.totals.get(a, 0)
            tip, css, opacity = f"{a}: {value} facts", "diag", 1.0
        else:
            value = self.shared.get(frozenset((a, b)), 0)
            tip, css = f"{a} and {b}: {value} shared facts", "cell"
            peak = max([*self.shared.values(), 1])
            opacity = MIN_CELL_OPACITY + (1 - MIN_CELL_OPACITY) * value / peak if value else 0.0
        ink = "ink-light" if css == "cell" and opacity > DARK_CELL_OPACITY else "ink"
        return (
            f'<g><title>{_esc(tip)}</title><rect class="{css}-bg" x="{x + 1:.1f}" '
            f'y="{y + 1:.1f}" width="{CELL_SIZE - 2}" height="{CELL_SIZE - 2}" rx="3"/>'
            f'<rect class="{css}" x="{x + 1:.1f}" y="{y + 1:.1f}" width="{CELL_SIZE - 2}" '
            f'height="{CELL_SIZE - 2}" rx="3" fill-opacity="{opacity:.2f}"/>'
            f'<text class="{ink}" x="{x + CELL_SIZE / 2:.1f}" y="{y + CELL_SIZE / 2 + 4:.1f}" '
            f'text-anchor="middle">{value}</text></g>'
        )
