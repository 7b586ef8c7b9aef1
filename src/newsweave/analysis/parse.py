"""Parsing articles with spaCy into ``ParsedArticle`` values.

A text longer than ``PIECE_CHARS`` is parsed in pieces cut at paragraph breaks (else line
breaks, sentence ends, spaces), and the pieces' parses joined into one ``Doc`` over the whole
text: offsets stay offsets into ``article.text``, and spaCy's ``max_length`` (1,000,000
characters) never applies to a whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from newsweave.analysis.nlp import load_nlp
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.segment import segment
from newsweave.model import Article

# spaCy's default batch is 1000 texts; news articles are long, so smaller batches keep memory flat.
PARSE_BATCH_SIZE = 32
# And at most this many characters per batch (one piece when pieces are long).
PARSE_BATCH_CHARS = 200_000
PieceText = tuple[str, tuple[Article, bool]]
# The most characters parsed at once: a long news article has 30,000; the parser's working
# memory grows with the text it is given, so pieces keep it flat (and far below max_length).
PIECE_CHARS = 100_000
# Where a piece may end, best first: after a blank line, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges covering ``text``, each at most ``size`` characters,
    cut at the best boundary in the second half of the allowed length.

    >>> pieces("one two. three four", 10)
    [(0, 9), (9, 19)]
    """
    ranges, start = [], 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size)
        ranges.append((start, end))
        start = end
    ranges.append((start, len(text)))
    return ranges


def _cut(text: str, low: int, high: int) -> int:
    for pattern in _CUTS:
        found = [m.end() for m in pattern.finditer(text, low, high)]
        if found:
            return found[-1]
    return high


def parse_articles(articles: Iterable[Article]) -> Iterator[ParsedArticle]:
    """Parse each article's whole text once; segments are derived from that parse."""
    nlp = load_nlp()
    docs: list[Doc] = []
    for batch in _batches(_piece_texts(articles)):
        for doc, (article, last) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            docs.append(doc)
            if last:
                whole = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
                docs = []
                yield ParsedArticle(article, whole, segment(article, whole))


def _batches(texts: Iterator[PieceText]) -> Iterator[list[PieceText]]:
    """Texts in batches of at most ``PARSE_BATCH_SIZE`` texts and ``PARSE_BATCH_CHARS``
    characters: spaCy holds a whole batch's activations at once."""
    batch: list[PieceText] = []
    chars = 0
    for item in texts:
        if batch and (len(batch) >= PARSE_BATCH_SIZE or chars + len(item[0]) > PARSE_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield batch


def _piece_texts(articles: Iterable[Article]) -> Iterator[PieceText]:
    """Each article's pieces, with the article and whether the piece is its last."""
    for article in articles:
        ranges = pieces(article.text)
        for i, (start, end) in enumerate(ranges):
            yield article.text[start:end], (article, i == len(ranges) - 1)


def parse_article(article: Article) -> ParsedArticle:
    """Parse one article (convenience for tests and small inputs)."""
    return next(parse_articles([article]))
