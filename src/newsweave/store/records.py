"""What the store gives its readers (the web app, the HTTP API, other tools): plain frozen
records of stories, articles and outlets, and the query over the story list.

These are the contract between ``newsweave.store`` and its readers; the tables behind them
(``stories``, ``articles``, ``facts``, ``claims``, ``conflicts``, ``copies``) are documented in
docs/store.md and can be queried directly with psql, sqlite3 or Datasette.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

# Stories a list page or API call returns at most.
PAGE_LIMIT_MAX = 200

StorySort = Literal["recent", "size"]


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """A search over the story list; every field narrows it, the defaults select all."""

    text: str = ""  # words matched against titles, entity names and outlets (all must match)
    outlet: str | None = None  # stories with an article of this outlet
    since: dt.date | None = None  # stories whose span reaches this day or later
    until: dt.date | None = None  # stories whose span starts this day or earlier
    disagreements: bool = False  # only stories whose brief reports a disagreement
    thread: str | None = None  # only the stories (events) of this story thread
    sort: StorySort = "recent"  # latest day first, or most articles first
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as the list shows it; counts come from its precomputed brief (0 without)."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    articles: int
    outlets: tuple[str, ...]
    facts: int = 0
    established: int = 0  # facts supported by two or more independent outlets
    disagreements: int = 0
    has_brief: bool = False
    thread: str | None = None  # the story thread this story (an event) belongs to


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of a story search: ``total`` stories matched, ``stories`` from ``offset``."""

    total: int
    stories: tuple[StorySummary, ...]


@dataclass(frozen=True, slots=True)
class CopyLink:
    """A stored copy relation seen from one article: the other article and how much is shared."""

    article: str
    outlet: str | None
    shared_chars: int
    near_duplicate: bool


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One article as a story's list shows it."""

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    author: str | None
    text: str
    story: str | None  # id of the story the article belongs to
    copies_of: tuple[CopyLink, ...] = ()  # earlier articles this one copies
    copied_by: tuple[CopyLink, ...] = ()  # later articles that copy this one


@dataclass(frozen=True, slots=True)
class OutletRecord:
    """An outlet's record in the collection."""

    name: str
    articles: tuple[tuple[str, str | None, dt.date | None], ...]  # (id, title, published)
    stories: tuple[str, ...]  # story ids, largest first
    only_here: tuple[dict[str, Any], ...] = ()  # facts only this outlet reports (brief JSON)
    copies_from: tuple[tuple[str, int], ...] = ()  # (outlet, articles copied from it)
    copied_by: tuple[tuple[str, int], ...] = ()  # (outlet, articles of ours it copied)


@dataclass(frozen=True, slots=True)
class JobStatus:
    """An indexing run started by the app or the API."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    total: int = 0  # inputs submitted
    done: int = 0  # inputs indexed so far
    added: int = 0
    rejected: tuple[tuple[str, str], ...] = ()  # (input name, reason)
    stories: tuple[str, ...] = ()  # ids of the stories the new articles joined
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
