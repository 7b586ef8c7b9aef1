"""The terminal brief: short sections, references that resolve, inert untrusted text."""

from __future__ import annotations

import dataclasses
import re

import pytest

from newsweave.model import Brief
from newsweave.render.layout import (
    DIFFERENCES_MAX,
    ESTABLISHED_MAX,
    SINGLE_SOURCE_PER_OUTLET,
    TIMELINE_MAX,
)
from newsweave.render.text import render_text
from tests.render.brief_builder import make_brief, make_hostile_brief, make_long_brief

SECTIONS = ["ESTABLISHED", "DISAGREEMENTS", "ONLY ONE OUTLET", "QUOTES", "TIMELINE",
            "SOURCE COMPARISON", "ARTICLES", "REFERENCES"]  # fmt: skip


@pytest.fixture(scope="module")
def text() -> str:
    return render_text(make_brief(), width=100)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.isupper() and line == line.strip()]


def test_sections_in_order_and_nothing_else(text: str) -> None:
    assert _headings(text) == SECTIONS  # no lead, facts table or figures table any more


def test_header(text: str) -> None:
    assert text.startswith("Bridge repairs in Calder\n")
    assert "3 articles from 3 outlets (Harbor Gazette, Valley Post, Coastline Wire)" in text
    assert "17 Oct 2025 – 18 Oct 2025" in text
    assert "Facts: 2 corroborated, 3 single-source, 2 disputed" in text


def _section(text: str, name: str) -> str:
    start = text.index(f"\n{name}\n")
    following = [text.find(f"\n{n}\n") for n in SECTIONS]
    following = [position for position in following if position > start]
    return _flat(text[start : min(following, default=len(text))])


def test_established_has_only_corroborated_facts_with_k_of_n_outlets(text: str) -> None:
    established = _section(text, "ESTABLISHED")
    assert (
        "• The Calder Bridge will close for three weeks starting next Monday. [1][2][3] — 3 of 3 "
        "outlets, 2 independent: Harbor Gazette, Reuters •" in established
    )
    assert established.endswith("40,000 drivers a day. [4][5] — 2 of 3 outlets: "
                                "Harbor Gazette, Valley Post")  # fmt: skip
    assert established.count("•") == 2
    assert "cost" not in established  # disputed
    assert "Engineers" not in established  # single-source


def test_disagreements_contradictions_first_both_sides_with_support(text: str) -> None:
    section = _section(text, "DISAGREEMENTS")
    kinds = re.findall(r"(contradict|differ|progression) \((\w+)\)", section)
    assert kinds == [
        ("contradict", "figure"), ("contradict", "speaker"),
        ("differ", "modality"), ("differ", "wording"),
    ]  # fmt: skip
    assert "• Harbor Gazette: about $4.2 million [" in section
    assert "• Valley Post: $4.5 million [" in section
    assert "• Coastline Wire: Elena Voss [" in section
    # the wire copies the Gazette: two outlets, one independent source on that side
    assert "• Harbor Gazette, Coastline Wire (1 independent): asserted [" in section
    assert "• Valley Post: hedged [" in section
    assert "disputed" not in section  # the old wording


def test_only_one_outlet_groups_each_detail_once_under_its_outlet(text: str) -> None:
    section = _section(text, "ONLY ONE OUTLET")
    assert SINGLE_SOURCE_PER_OUTLET == 1
    assert section == (
        "ONLY ONE OUTLET Harbor Gazette • Engineers found the cracks in September. [19] "
        'Valley Post • Transport chief Daniel Reyes called the cracks "serious but fixable". [20] '
        "… 1 more single-source details in the JSON and HTML reports."
    )


def test_quotes_show_shared_utterances_with_their_wordings(text: str) -> None:
    quotes = _section(text, "QUOTES")
    assert quotes.count("cracked bridge") == 2  # one utterance, two wordings
    assert (
        "• worded “We can't keep a cracked bridge open to 40,000 drivers every day” — Valley"
        in quotes
    )
    assert "— Valley Post, Coastline Wire [" in quotes
    assert "• attributed to Elena Voss by Coastline Wire [" in quotes
    assert "serious but fixable" not in quotes  # a scare quote is no statement


def test_a_quote_one_outlet_carries_alone_is_left_out() -> None:
    brief = make_brief()
    alone = (dataclasses.replace(brief.quotes[0], variants=()),)
    text = render_text(Brief(brief.documents, (), brief.sentences, brief.entities, alone, (), ()))
    assert "No quote is carried by two outlets." in _section(text, "QUOTES")
    assert "We cannot keep" not in text


def test_source_comparison(text: str) -> None:
    comparison = _section(text, "SOURCE COMPARISON")
    assert "1 4 1 Harbor Gazette" in comparison
    assert "• Harbor Gazette & Valley Post: 3" in comparison
    assert (
        "Coastline Wire (a3) copies Harbor Gazette (a1): 14 words, 52% of its claims ["
        in comparison
    )
    assert "• Valley Post cites Reuters [" in comparison


def test_articles_and_rejected_input(text: str) -> None:
    articles = _section(text, "ARTICLES")
    assert (
        "• a1: Harbor Gazette · 17 Oct 2025 · “Calder Bridge to close for three weeks of "
        "repairs” • a2" in articles
    )
    assert "stories/broken.json: malformed (line 3: expecting ',')" in articles
    assert "warning: 1 input was rejected" in articles


def test_every_reference_resolves_to_its_span_without_quoting_it(text: str) -> None:
    brief = make_brief()
    body, references = text.split("\nREFERENCES\n")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    listed = dict(re.findall(r"\[(\d+)\]\s+(\S+:\d+-\d+)", references))
    assert cited == {int(n) for n in listed} == set(range(1, len(listed) + 1))
    texts = {doc.id: doc.text for doc in brief.documents}
    quote = brief.quotes[0].mention
    assert f"{quote.document}:{quote.start}-{quote.end}" in listed.values()
    for where in listed.values():
        document, _, bounds = where.partition(":")
        start, end = map(int, bounds.split("-"))
        assert 0 <= start < end <= len(texts[document])
    for line in references.strip().splitlines():  # "[n] doc:start-end  Outlet", nothing quoted
        assert re.fullmatch(r" ?\[\d+\] a\d:\d+-\d+", line), line  # fmt: skip


def test_caps_count_what_they_leave_out() -> None:
    extra = 3
    text = render_text(
        make_long_brief(
            corroborated=ESTABLISHED_MAX + extra,
            single=SINGLE_SOURCE_PER_OUTLET + extra,
            differences=DIFFERENCES_MAX + extra,
            dated=TIMELINE_MAX + extra,
        ),
        width=200,
    )
    established = _section(text, "ESTABLISHED")
    assert established.count("•") == ESTABLISHED_MAX
    assert f"… {2 + DIFFERENCES_MAX + 2 * extra} more facts in the JSON and HTML reports." in (
        established
    )  # corroborated: 2 + the extra shared facts + the rounded ones
    disagreements = _section(text, "DISAGREEMENTS")
    assert disagreements.count("contradict (") == 2  # every contradiction is shown
    assert disagreements.count("differ (") == DIFFERENCES_MAX
    assert f"… {2 + extra} more differences in the JSON and HTML reports." in disagreements
    single = _section(text, "ONLY ONE OUTLET")
    gazette = single.split("Valley Post")[0]
    assert gazette.count("•") == SINGLE_SOURCE_PER_OUTLET
    # the Gazette's f5 and extra details beyond the cap, and the Post's two beyond it
    hidden = (1 + extra) + (2 - SINGLE_SOURCE_PER_OUTLET)
    assert f"… {hidden} more single-source details in the JSON and HTML reports." in single
    timeline = _section(text, "TIMELINE")
    assert timeline.count("Dated event") == TIMELINE_MAX
    assert f"… {extra} more dated events in the JSON and HTML reports." in timeline


def test_no_trailing_spaces_and_width_respected(text: str) -> None:
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert max(len(line) for line in lines) <= 100
    narrow = render_text(make_brief(), width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60


def test_color_adds_ansi_styles_only_when_asked(text: str) -> None:
    assert "\x1b[" not in text
    colored = render_text(make_brief(), color=True)
    assert "\x1b[1;31mcontradict (figure)\x1b[0m" in colored
    assert "\x1b[33mdiffer (modality)\x1b[0m" in colored


def test_hostile_text_is_inert() -> None:
    text = render_text(make_hostile_brief())
    assert "\x1b" not in text  # the article's escape sequence is dropped
    assert "[bold]Outlet[/bold]" in text  # rich markup in data is shown, not applied
    assert "<script>alert(1)</script>" in _flat(text)  # plain text: shown as written


def test_empty_brief() -> None:
    text = render_text(Brief((), (), (), (), (), (), ()))
    assert _headings(text) == SECTIONS[:-1]  # nothing cited: no references
    for empty in ("No fact is reported by two independent sources.", "none found",
                  "No quote is carried by two outlets.", "No dates found.",
                  "No comparison of outlets."):  # fmt: skip
        assert empty in text
