"""The name an article is credited to: its outlet, else its source's host or file name."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from newsweave.model import Article


def outlet_name(article: Article) -> str:
    """The outlet; when none is known, the source's host or file name.

    >>> outlet_name(Article("a", "news/2025/story-1.txt#3", "text"))
    'story-1'
    >>> outlet_name(Article("a", "https://www.example.org/x?id=1", "text"))
    'example.org'
    """
    if article.outlet:
        return article.outlet
    if "://" in article.source:
        host = urlsplit(article.source).hostname or article.source
        return host.removeprefix("www.")
    return PurePath(article.source.split("#")[0]).stem or article.source
