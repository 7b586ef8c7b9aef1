"""The Markdown brief: short sections, footnotes that resolve, escaped untrusted text."""

from __future__ import annotations

import re

import pytest

from newsweave.model import Brief
from newsweave.render.layout import DIFFERENCES_MAX, ESTABLISHED_MAX, SINGLE_SOURCE_PER_OUTLET
from newsweave.render.markdown import render_markdown
from tests.render.brief_builder import make_brief, make_hostile_brief, make_long_brief

SECTIONS = ["Established", "Disagreements", "Only one outlet", "Quotes", "Timeline",
            "Source comparison", "Articles"]  # fmt: skip


@pytest.fixture(scope="module")
def markdown() -> str:
    return render_markdown(make_brief())


def _section(markdown: str, name: str) -> str:
    return markdown.split(f"\n## {name}\n")[1].split("\n## ")[0]


def test_sections_in_order(markdown: str) -> None:
    assert re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE) == SECTIONS
    assert markdown.startswith("# Bridge repairs in Calder\n")
    assert "Facts: 2 corroborated · 3 single-source · 2 disputed" in markdown


def test_established_facts_say_k_of_n_outlets_and_why(markdown: str) -> None:
    lines = _section(markdown, "Established").strip().splitlines()
    assert lines == [
        "- The Calder Bridge will close for three weeks starting next Monday.[^1][^2][^3] — "
        "*3 of 3 outlets, 2 independent: Harbor Gazette, Reuters*",
        "- Voss: a cracked bridge cannot stay open to 40,000 drivers a day.[^4][^5] — "
        "*2 of 3 outlets: Harbor Gazette, Valley Post*",
    ]


def test_disagreements_show_relation_slot_and_both_sides(markdown: str) -> None:
    section = _section(markdown, "Disagreements")
    heads = re.findall(r"^- \*\*(\w+)\*\* \((\w+)\): ", section, flags=re.MULTILINE)
    assert heads == [
        ("contradict", "figure"), ("contradict", "speaker"),
        ("differ", "modality"), ("differ", "wording"),
    ]  # fmt: skip
    assert re.search(r"^  - Harbor Gazette: \*\*about \\\$4\.2 million\*\*\[\^\d+\]$", section,
                     flags=re.MULTILINE)  # fmt: skip
    assert re.search(r"^  - Coastline Wire: \*\*Elena Voss\*\*\[\^\d+\]$", section, re.MULTILINE)
    assert re.search(
        r"^  - Harbor Gazette, Coastline Wire \(1 independent\): "
        r"\*\*asserted\*\*\[\^\d+\]\[\^\d+\]$",
        section,
        flags=re.MULTILINE,
    )


def test_only_one_outlet_lists_each_detail_once(markdown: str) -> None:
    section = _section(markdown, "Only one outlet")
    assert re.findall(r"^### (.+)$", section, flags=re.MULTILINE) == [
        "Harbor Gazette",
        "Valley Post",
    ]
    items = re.findall(r"^- (.+?)\[\^\d+\]$", section, flags=re.MULTILINE)
    assert SINGLE_SOURCE_PER_OUTLET == 1  # each outlet's first detail; the rest counted
    assert items == [
        "Engineers found the cracks in September.",
        'Transport chief Daniel Reyes called the cracks "serious but fixable".',
    ]
    assert section.endswith("*… 1 more single-source details in the JSON and HTML reports.*\n")


def test_quotes_and_comparison(markdown: str) -> None:
    quotes = _section(markdown, "Quotes")
    assert "**Elena Voss (Mayor)**" in quotes
    voss = "“We cannot keep a cracked bridge open to 40,000 drivers a day” — *Harbor Gazette*"
    assert f"- {voss}[^" in quotes
    assert re.search(
        r"  - worded “We can't keep a cracked bridge open to 40,000 drivers every day” — "
        r"\*Valley Post\*\[\^\d+\]",
        quotes,
    )
    assert re.search(r"  - attributed to \*\*Elena Voss\*\* by \*Coastline Wire\*\[", quotes)
    assert "serious but fixable" not in quotes
    assert "| Harbor Gazette | 1 | 4 | 1 |" in markdown
    assert "- Harbor Gazette & Valley Post: 3" in markdown
    assert (
        "- Coastline Wire (a3) copies Harbor Gazette (a1): 14 words, 52% of its claims[^"
        in markdown
    )
    assert "- Valley Post cites Reuters[^" in markdown
    assert "| stories/broken.json | malformed | line 3: expecting ',' |" in markdown


def test_every_footnote_is_defined_once_and_names_its_span(markdown: str) -> None:
    used = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defined = re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, flags=re.MULTILINE)
    assert used == {number for number, _ in defined}
    assert len(defined) == len(used)
    texts = {doc.id: doc.text for doc in make_brief().documents}
    for _, note in defined:  # "a1:261-322": where; no quoted words (outlets: Articles table)
        match = re.fullmatch(r"(a\d):(\d+)-(\d+)", note)
        assert match, note
        assert 0 <= int(match[2]) < int(match[3]) <= len(texts[match[1]])
    assert "[^17]: a1:261-322\n" in markdown  # the Voss quote
    assert (
        "| a1 | Harbor Gazette | 17 Oct 2025 | Calder Bridge to close for three weeks" in markdown
    )


def test_caps_count_what_they_leave_out() -> None:
    markdown = render_markdown(
        make_long_brief(
            corroborated=ESTABLISHED_MAX,
            single=SINGLE_SOURCE_PER_OUTLET,
            differences=DIFFERENCES_MAX + 1,
        )
    )
    established = _section(markdown, "Established")
    assert len(re.findall(r"^- ", established, flags=re.MULTILINE)) == ESTABLISHED_MAX
    assert f"*… {2 + DIFFERENCES_MAX + 1} more facts in the JSON and HTML reports.*" in (
        established
    )
    disagreements = _section(markdown, "Disagreements")
    assert disagreements.count("- **differ**") == DIFFERENCES_MAX
    assert "*… 3 more differences in the JSON and HTML reports.*" in disagreements
    single = _section(markdown, "Only one outlet")
    # the Gazette's f5 and extra details beyond the cap, and the Post's two beyond it
    hidden = 1 + (2 - SINGLE_SOURCE_PER_OUTLET)
    assert f"*… {hidden} more single-source details in the JSON and HTML reports.*" in single


def test_tables_have_a_cell_per_column(markdown: str) -> None:
    for block in re.findall(r"(?:^\|.*\|\n)+", markdown, flags=re.MULTILINE):
        rows = block.splitlines()
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows[0]


def test_empty_brief_says_what_is_missing() -> None:
    markdown = render_markdown(Brief((), (), (), (), (), (), ()))
    assert "## Disagreements\n\nNone found." in markdown
    assert "## Established\n\nNo fact is reported by two independent sources." in markdown
    assert "## Only one outlet\n\nnone" in markdown


def test_hostile_text_is_escaped() -> None:
    markdown = render_markdown(make_hostile_brief())
    assert re.search(r"(?<!\\)<", markdown) is None  # every "<" is backslash-escaped
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[bold\]Outlet\[/bold\]" in markdown
    assert "\x1b" not in markdown
