"""Parsing articles with spaCy into ``ParsedArticle`` values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsweave.analysis.nlp import load_nlp
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.segment import segment
from newsweave.model import Article

# spaCy's default batch is 1000 texts; news articles are long, so smaller batches keep memory flat.
PARSE_BATCH_SIZE = 32


def parse_articles(articles: Iterable[Article]) -> Iterator[ParsedArticle]:
    """Parse each article's whole text once; segments are derived from that parse."""
    nlp = load_nlp()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=PARSE_BATCH_SIZE):
        yield ParsedArticle(article, doc, segment(article, doc))


def parse_article(article: Article) -> ParsedArticle:
    """Parse one article (convenience for tests and small inputs)."""
    return next(parse_articles([article]))
