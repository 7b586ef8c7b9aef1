"""The terminal brief: every section, references that resolve, inert untrusted text."""

from __future__ import annotations

import re

import pytest

from newsweave.model import Brief
from newsweave.render.text import render_text
from tests.render.brief_builder import make_brief, make_hostile_brief

SECTIONS = ["LEAD", "FACTS", "DISPUTED POINTS", "SINGLE-SOURCE DETAILS", "QUOTES", "FIGURES",
            "TIMELINE", "SOURCES", "REFERENCES"]  # fmt: skip


@pytest.fixture(scope="module")
def text() -> str:
    return render_text(make_brief(), width=100)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_sections_in_order(text: str) -> None:
    positions = [text.index(f"\n{name}\n") for name in SECTIONS]
    assert positions == sorted(positions)


def test_header(text: str) -> None:
    assert "3 articles from 3 outlets (Harbor Gazette, Valley Post, Coastline Wire)" in text
    assert "17 Oct 2025 – 18 Oct 2025" in text


def test_quotes_facts_and_rejected_input_are_shown(text: str) -> None:
    flat = _flat(text)
    assert "Elena Voss (Mayor)" in flat
    assert "“We cannot keep a cracked bridge open to 40,000 drivers a day” — Harbor Gazette" in flat
    assert "Engineers found the cracks in September." in flat
    assert "stories/broken.json: malformed (line 3: expecting ',')" in flat
    assert "Scare-quoted phrases: “serious but fixable” (Valley Post)" in flat


def test_disputed_points(text: str) -> None:
    assert "figure: $4.2 million vs $4.5 million" in _flat(text)


def test_every_reference_resolves_to_its_span(text: str) -> None:
    brief = make_brief()
    body, references = text.split("\nREFERENCES\n")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    listed = dict(re.findall(r"\[(\d+)\]\s+(\S+:\d+-\d+)", references))
    assert cited == {int(n) for n in listed}
    texts = {doc.id: doc.text for doc in brief.documents}
    quote = brief.quotes[0].mention
    assert f"{quote.document}:{quote.start}-{quote.end}" in listed.values()
    for where in listed.values():
        document, _, bounds = where.partition(":")
        start, end = map(int, bounds.split("-"))
        assert 0 <= start < end <= len(texts[document])


def test_no_trailing_spaces_and_width_respected(text: str) -> None:
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert max(len(line) for line in lines) <= 100


def test_color_adds_ansi_styles_only_when_asked(text: str) -> None:
    assert "\x1b[" not in text
    assert "\x1b[" in render_text(make_brief(), color=True)


def test_hostile_text_is_inert() -> None:
    text = render_text(make_hostile_brief())
    assert "\x1b" not in text  # the article's escape sequence is dropped
    assert "[bold]Outlet[/bold]" in text  # rich markup in data is shown, not applied


def test_empty_brief() -> None:
    text = render_text(Brief((), (), (), (), (), (), ()))
    assert "No claims found." in text
    assert "none found" in text
