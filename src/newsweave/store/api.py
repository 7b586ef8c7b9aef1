"""The store's library API, for the web app, the HTTP API and the CLI alike.

``open_reader(location)`` opens a store for reading (many readers at once, also while an
indexing run writes); ``update(location, items)`` indexes new articles into it, finds the
stories again and precomputes the briefs of the stories that changed, in batches that each
commit whole. ``location`` is a state folder (SQLite, the embedded default) or a
``postgresql://`` URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newsweave.corpus.params import CopyParams, StoryParams
from newsweave.model import Article, Rejected
from newsweave.store.database import open_database
from newsweave.store.reader import SQLReader
from newsweave.store.records import (
    ArticleRecord,
    ArticleSummary,
    OutletRecord,
    StoryPage,
    StoryQuery,
    StorySummary,
)

# Stories of more articles than this get no precomputed brief (the single-story brief's own
# bound, ``api.STORY_MAX_ARTICLES``: past it a brief is slow and long).
BRIEF_MAX_ARTICLES = 500

Location = str | Path
# progress(done, total): inputs indexed so far of those submitted (total 0: not yet known).
UpdateProgress = Callable[[int, int], object]


class StoreReader(Protocol):
    """Read access to a store's stories, briefs, articles and outlets."""

    def story_page(self, query: StoryQuery) -> StoryPage: ...

    def story(self, story_id: str) -> StorySummary | None: ...

    def brief(self, story_id: str) -> dict[str, Any] | None:
        """The story's precomputed brief as brief JSON (schema 2.0), or None."""
        ...

    def brief_json(self, story_id: str) -> str | None:
        """The precomputed brief's JSON text as stored (nothing parsed), or None."""
        ...

    def story_articles(self, story_id: str) -> tuple[ArticleSummary, ...]:
        """The story's articles, earliest first."""
        ...

    def article(self, article_id: str) -> ArticleRecord | None: ...

    def outlet(self, name: str) -> OutletRecord | None: ...

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most first."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class UpdateResult:
    added: int
    known: int
    rejected: tuple[Rejected, ...]
    stories: tuple[str, ...]  # ids of the stories holding the added articles
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UpdateOptions:
    params: StoryParams = field(default_factory=StoryParams)
    copy: CopyParams = field(default_factory=CopyParams)
    workers: int | None = None  # processes computing features and briefs (None: one per core)
    briefs: bool = True  # precompute the briefs of new and changed stories
    brief_max_articles: int = BRIEF_MAX_ARTICLES


def open_reader(location: Location) -> StoreReader:
    """A reader of the store at ``location`` (which must exist); safe to share across threads."""
    open_database(location, write=False).close()  # one clear line if there is no store
    return SQLReader(lambda: open_database(location, write=False))


def update(
    location: Location,
    items: Iterable[Article | Rejected],
    options: UpdateOptions = UpdateOptions(),
    progress: UpdateProgress | None = None,
) -> UpdateResult:
    """Index ``items`` into the store at ``location`` (created if needed), find the stories of
    everything it holds, and precompute the briefs of the stories that changed."""
    from newsweave.store.refresh import run_update

    return run_update(location, items, options, progress)
