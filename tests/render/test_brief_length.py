"""A brief is read instead of the articles: on the bundled example story the text and Markdown
briefs are at most half as long as the articles, and no single-source item is printed twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.model import Brief, FactStatus
from newsweave.render.markdown import render_markdown
from newsweave.render.text import render_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "story"
MAX_SHARE = 0.5  # of the articles' words
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def brief() -> Brief:
    from newsweave.api import brief as make_brief  # loads the models: only when this runs

    return make_brief([str(EXAMPLE)])


def words(text: str) -> int:
    return len(WORD.findall(text))


@pytest.mark.parametrize("render", [render_markdown, render_text], ids=["markdown", "text"])
def test_brief_has_at_most_half_the_words_of_the_articles(brief: Brief, render: object) -> None:
    articles = sum(words(doc.text) for doc in brief.documents)
    rendered = render(brief)  # type: ignore[operator]
    assert len(brief.documents) >= 5 and articles > 2000  # a real story, not a stub
    assert words(rendered) <= MAX_SHARE * articles, (words(rendered), articles)


def test_only_one_outlet_prints_each_fact_once(brief: Brief) -> None:
    markdown = render_markdown(brief)
    section = markdown.split("\n## Only one outlet\n")[1].split("\n## ")[0]
    items = re.findall(r"^- (.+?)((?:\[\^\d+\])+)$", section, flags=re.MULTILINE)
    single = [f for f in brief.facts if f.status is FactStatus.SINGLE_SOURCE]
    assert items and single
    texts = [text for text, _ in items]
    assert len(texts) == len(set(texts))  # nothing printed twice
    by_text: dict[str, list[str]] = {}
    for fact in single:
        by_text.setdefault(fact.text, []).append(fact.id)
    shown: list[str] = []
    for text, _ in items:  # each item is one single-source fact, found by its words
        ids = [i for t, group in by_text.items() if _md(t) == text for i in group]
        assert ids, text
        shown.append(ids[0])
    assert len(shown) == len(set(shown))


def _md(text: str) -> str:
    from newsweave.render.markdown import md

    return md(text)
