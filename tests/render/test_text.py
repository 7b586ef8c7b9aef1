"""The terminal brief: every section, references that resolve, inert untrusted text."""

from __future__ import annotations

import re

import pytest

from newsweave.model import Brief
from newsweave.render.text import render_text
from tests.render.brief_builder import make_brief, make_hostile_brief

SECTIONS = ["LEAD", "FACTS", "DISPUTED POINTS", "SINGLE-SOURCE DETAILS", "QUOTES", "TIMELINE",
            "SOURCE COMPARISON", "FIGURES", "ARTICLES", "REFERENCES"]  # fmt: skip


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


def _section(text: str, name: str) -> str:
    start = text.index(f"\n{name}\n")
    following = [text.index(f"\n{n}\n") for n in SECTIONS if text.index(f"\n{n}\n") > start]
    return _flat(text[start : min(following, default=len(text))])


def test_lead_has_only_the_corroborated_facts(text: str) -> None:
    lead = _section(text, "LEAD")
    assert "The Calder Bridge will close for three weeks starting next Monday. [1][2][3]" in lead
    assert "cost" not in lead  # disputed


def test_facts_table_shows_support_outlets_and_why() -> None:
    facts = _section(render_text(make_brief(), width=400), "FACTS")  # wide: no cell wraps
    assert facts.startswith("FACTS Status Support Outlets Fact")
    outlets = "Harbor Gazette; Valley Post (cites Reuters); Coastline Wire (copies Harbor Gazette)"
    assert f"corroborated 2 of 3 outlets {outlets} The Calder Bridge will close" in facts
    assert "Monday. [1][2][3] — 2 independent sources (Harbor Gazette, Reuters);" in facts
    assert "single-source 1 of 1 outlet Harbor Gazette Engineers found the cracks" in facts


def test_disputed_points_show_both_sides_with_sources(text: str) -> None:
    disputed = _section(text, "DISPUTED POINTS")
    assert "figure: the cost: about $4.2 million or $4.5 million" in disputed
    assert "• Harbor Gazette: about $4.2 million [" in disputed
    assert "• Valley Post: $4.5 million [" in disputed
    assert "speaker: the detours quote" in disputed
    assert "• Coastline Wire: Elena Voss [" in disputed


def test_quotes_show_one_utterance_with_its_wordings(text: str) -> None:
    quotes = _section(text, "QUOTES")
    assert quotes.count("cracked bridge") == 2  # one utterance, two wordings
    assert (
        "• worded “We can't keep a cracked bridge open to 40,000 drivers every day” — Valley"
        in quotes
    )
    assert "— Valley Post, Coastline Wire [" in quotes
    assert "• attributed to Elena Voss by Coastline Wire [" in quotes


def test_source_comparison(text: str) -> None:
    comparison = _section(text, "SOURCE COMPARISON")
    assert "1 4 1 Harbor Gazette" in comparison
    assert "• Harbor Gazette & Valley Post: 3" in comparison
    assert (
        "Coastline Wire (a3) copies Harbor Gazette (a1): 14 words, 52% of its claims ["
        in comparison
    )
    assert "• Valley Post cites Reuters [" in comparison


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
    assert "<script>alert(1)</script>" in _flat(text)  # plain text: shown as written


def test_empty_brief() -> None:
    text = render_text(Brief((), (), (), (), (), (), ()))
    assert "No claims found." in text
    assert "none found" in text
