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
        "Lead", "Facts", "Disputed points", "Single-source details", "Quotes", "Figures",
        "Timeline", "Sources",
    ]  # fmt: skip
    assert markdown.startswith("# Bridge repairs in Calder\n")


def test_quotes_facts_and_rejected_input_are_shown(markdown: str) -> None:
    assert "### Elena Voss (Mayor)" in markdown
    voss = "“We cannot keep a cracked bridge open to 40,000 drivers a day” — *Harbor Gazette*"
    assert f"- {voss}" in markdown
    assert "| ⚠️ disputed | 2 | Harbor Gazette, Valley Post | The repairs will cost" in markdown
    assert "| stories/broken.json | malformed | line 3: expecting ',' |" in markdown


def test_every_footnote_is_defined_once_and_quotes_its_span(markdown: str) -> None:
    used = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defined = re.findall(r"^\[\^(\d+)\]: (\S+):(\d+)-(\d+), ", markdown, flags=re.MULTILINE)
    assert used == {number for number, *_ in defined}
    assert len(defined) == len(used)
    assert "[^13]: a1:261-322, Harbor Gazette: “We cannot keep" in markdown


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
    assert "\x1b" not in markdown
