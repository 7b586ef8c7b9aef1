"""Small builders for tests: realistic values with one line of code."""

from __future__ import annotations

import datetime as dt

from newsweave.analysis.parse import parse_article
from newsweave.analysis.parsed import ParsedArticle
from newsweave.model import Article


def make_article(
    text: str,
    *,
    id: str = "a1",
    source: str = "test.txt",
    outlet: str | None = "Example Times",
    published: dt.date | None = dt.date(2025, 10, 17),
    title: str | None = None,
    headings: tuple[str, ...] = (),
) -> Article:
    return Article(
        id=id,
        source=source,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        headings=headings,
    )


def make_parsed(text: str, **kwargs: object) -> ParsedArticle:
    """Parse ``text`` as one article (spaCy model loaded once per test process)."""
    return parse_article(make_article(text, **kwargs))  # type: ignore[arg-type]
