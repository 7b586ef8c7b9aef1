"""newsweave: cross-checked accounts of news stories from many outlets' articles.

The library API, for scripts and notebooks::

    import newsweave
    brief = newsweave.brief(articles=[{"text": "...", "outlet": "...", "published": "..."}])
    brief.to_json(); brief.to_html(); brief.to_markdown()

``newsweave.store`` (``open_reader``, ``update``) is the collection store behind
``newsweave serve``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsweave.model import Article, Brief

__version__ = "0.1.0"
__all__ = ["__version__", "brief"]


def brief(
    articles: Iterable[Mapping[str, object] | Article] | None = None,
    *,
    paths: Sequence[str] = (),
    workers: int | None = None,
) -> Brief:
    """The cross-checked brief of one story's articles.

    ``articles`` are records with the fields a JSON input may have (``text``, ``title``,
    ``outlet``, ``published``, ``url``, ``author`` and their aliases: README "Inputs") or
    ``Article`` values; ``paths`` are files, folders or globs, read as the CLI reads them.
    Records that cannot be articles are listed in ``Brief.rejected`` with their reason;
    ``InputError`` when none is usable.
    """
    from newsweave.api import BriefOptions, brief_of, canonical_order, nothing_usable
    from newsweave.ingest import ReadResult, read_inputs
    from newsweave.ingest.in_memory import read_records

    options = BriefOptions(workers=workers)
    given = read_records(articles or ())
    files = read_inputs(list(paths), options.read) if paths else ReadResult((), ())
    read = canonical_order(
        ReadResult(
            (*files.articles, *given.articles),
            (*files.rejected, *given.rejected),
            (*files.warnings, *given.warnings),
        )
    )
    if not read.articles:
        raise nothing_usable(read.rejected, "no articles given")
    return brief_of(read, options)
