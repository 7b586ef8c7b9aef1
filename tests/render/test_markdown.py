"""The Markdown brief: sections, footnotes that resolve, escaped untrusted text."""

from __future__ import annotations

import re

import pytest

from newsweave.model import Brief
from newsweave.render.markdown import render_markdown
from tests.render.brief_builder import make_brief, make_hostile_brief


@pytest.fixture(scope="module")
def markdown() -> str:
    return render_markdown(make_brief())


def test_sections_in_order(markdown: str) -> None:
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings == [
        "Lead", "Facts", "Disputed points", "Single-source details", "Quotes", "Timeline",
        "Source comparison", "Figures", "Articles",
    ]  # fmt: skip
    assert markdown.startswith("# Bridge repairs in Calder\n")


def test_quotes_facts_and_rejected_input_are_shown(markdown: str) -> None:
    assert "### Elena Voss (Mayor)" in markdown
    voss = "“We cannot keep a cracked bridge open to 40,000 drivers a day” — *Harbor Gazette*"
    assert f"- {voss}" in markdown
    assert (
        "| ⚠️ disputed | 2 of 2 outlets | Harbor Gazette; Valley Post | The repairs will" in markdown
    )
    assert "| stories/broken.json | malformed | line 3: expecting ',' |" in markdown


def test_facts_table_says_why_a_count_is_lower(markdown: str) -> None:
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    row = next(line for line in rows if "will close for three weeks" in line)
    cells = [cell.strip() for cell in row.strip("|").split(" | ")]
    assert cells[:3] == [
        "✅ corroborated",
        "2 of 3 outlets",
        "Harbor Gazette; Valley Post (cites Reuters); Coastline Wire (copies Harbor Gazette)",
    ]
    assert cells[3].endswith("— *2 independent sources (Harbor Gazette, Reuters); Valley Post "
                             "cites Reuters; Coastline Wire copies Harbor Gazette*")  # fmt: skip


def test_disputed_quotes_and_comparison(markdown: str) -> None:
    assert "  - *figure*: the cost: about \\$4.2 million or \\$4.5 million\n" in markdown
    assert re.search(r"    - Harbor Gazette: \*\*about \\\$4\.2 million\*\*\[\^\d+\]", markdown)
    assert re.search(r"    - Coastline Wire: \*\*Elena Voss\*\*\[\^\d+\]", markdown)
    assert re.search(
        r"  - worded “We can't keep a cracked bridge open to 40,000 drivers every day” — "
        r"\*Valley Post\*\[\^\d+\]",
        markdown,
    )
    assert re.search(r"  - attributed to \*\*Elena Voss\*\* by \*Coastline Wire\*\[", markdown)
    assert "| Harbor Gazette | 1 | 4 | 1 |" in markdown
    assert "- Harbor Gazette & Valley Post: 3" in markdown
    assert (
        "- Coastline Wire (a3) copies Harbor Gazette (a1): 14 words, 52% of its claims[^"
        in markdown
    )
    assert "- Valley Post cites Reuters[^" in markdown


def test_every_footnote_is_defined_once_and_quotes_its_span(markdown: str) -> None:
    used = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defined = re.findall(r"^\[\^(\d+)\]: (\S+):(\d+)-(\d+), ", markdown, flags=re.MULTILINE)
    assert used == {number for number, *_ in defined}
    assert len(defined) == len(used)
    assert "[^17]: a1:261-322, Harbor Gazette: “We cannot keep" in markdown


def test_tables_have_a_cell_per_column(markdown: str) -> None:
    for block in re.findall(r"(?:^\|.*\|\n)+", markdown, flags=re.MULTILINE):
        rows = block.splitlines()
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows[0]


def test_no_disputed_points_reads_none_found() -> None:
    assert "## Disputed points\n\nnone found" in render_markdown(Brief((), (), (), (), (), (), ()))


def test_hostile_text_is_escaped() -> None:
    markdown = render_markdown(make_hostile_brief())
    assert re.search(r"(?<!\\)<", markdown) is None  # every "<" is backslash-escaped
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[bold\]Outlet\[/bold\]" in markdown
    assert r"copies \<b\>Evil\</b\>" in markdown
    assert "\x1b" not in markdown
