"""Inline SVG charts: what they draw, and that untrusted text stays text."""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

import pytest

from newsweave.model import Brief, OutletOverlap, OutletProfile, SourceComparison
from newsweave.render.charts import (
    SUPPORT_CHART_MAX_FACTS,
    overlap_chart,
    shorten,
    support_chart,
    timeline_chart,
)
from newsweave.render.layout import layout_brief
from tests.render.brief_builder import make_brief, make_hostile_brief

lxml_html: Any = importlib.import_module("lxml.html")


def _svg(markup: str) -> Any:
    return lxml_html.fragment_fromstring(markup)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("short", 10, "short"), ("a  b\nc", 10, "a b c"), ("abcdef ghij", 8, "abcdef…")],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_support_chart_bars_scale_with_support() -> None:
    figure = _svg(support_chart(layout_brief(make_brief())))
    rows = figure.xpath(".//g[@data-fact]")
    widths = [
        (float(row.xpath("./rect")[0].get("width")), float(row.xpath("./rect")[1].get("width")))
        for row in rows
    ]
    assert widths[0][1] == pytest.approx(widths[0][0] * 2 / 3)  # f1: 2 of its 3 outlets
    assert widths[1][0] == pytest.approx(widths[1][1])  # f3: 2 of 2
    assert [row.xpath("string(./text[2])") for row in rows] == [
        "2/3", "2/2", "2/2", "2/2", "1/1", "1/1", "1/1"
    ]  # fmt: skip


def test_support_chart_shows_at_most_the_top_facts() -> None:
    brief = make_brief()
    many = tuple(dataclasses.replace(brief.facts[4], id=f"s{i}") for i in range(30))
    figure = _svg(support_chart(layout_brief(dataclasses.replace(brief, facts=many))))
    assert len(figure.xpath(".//g[@data-fact]")) == SUPPORT_CHART_MAX_FACTS


def test_timeline_chart_puts_days_in_order() -> None:
    figure = _svg(timeline_chart(layout_brief(make_brief()).timeline))
    assert len(figure.xpath(".//rect[@class='period']")) == 1  # September: a month-long bar
    dots = [float(c.get("cx")) for c in figure.xpath(".//circle[@class='dot']")]
    assert dots == sorted(dots) and len(dots) == 4


def test_overlap_chart_cells() -> None:
    figure = _svg(overlap_chart(layout_brief(make_brief())))
    titles = figure.xpath(".//g/title/text()")
    assert titles[:3] == [
        "Harbor Gazette: 4 facts",
        "Harbor Gazette and Valley Post: 3 shared facts",
        "Harbor Gazette and Coastline Wire: 1 shared facts",
    ]
    opacities = [float(r.get("fill-opacity")) for r in figure.xpath(".//rect[@class='cell']")]
    assert max(opacities) == pytest.approx(1.0)  # the pair sharing most is the darkest


def test_overlap_chart_needs_two_outlets() -> None:
    sources = SourceComparison((OutletProfile("Solo", ("a1",), ("f1",), ("f1",)),), ())
    brief = dataclasses.replace(make_brief(), sources=sources)
    assert overlap_chart(layout_brief(brief)) == ""
    two = SourceComparison(
        (OutletProfile("A", ("a1",), (), ()), OutletProfile("B", ("a2",), (), ())),
        (OutletOverlap(("A", "B"), 0),),
    )
    assert "A and B: 0 shared facts" in overlap_chart(
        layout_brief(dataclasses.replace(brief, sources=two))
    )


def test_empty_brief_draws_no_charts() -> None:
    layout = layout_brief(Brief((), (), (), (), (), (), ()))
    assert (support_chart(layout), timeline_chart(layout.timeline), overlap_chart(layout)) == (
        "", "", ""
    )  # fmt: skip


def test_chart_text_is_escaped() -> None:
    layout = layout_brief(make_hostile_brief())
    for markup in (support_chart(layout), overlap_chart(layout)):
        assert "<script>" not in markup and "<b>" not in markup
        assert _svg(markup).xpath("//script|//b|//i|//img") == []
