"""Briefs of a collection's stories: each story's articles through the single-story brief,
with the copy relations corpus mode verified counted in the independence of sources.

A story thread is briefed as one story holding the articles of all its stories (events), up
to the brief's ``STORY_MAX_ARTICLES``; its brief is not kept in the store, which keeps briefs
of stories only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from newsweave.api import STORY_MAX_ARTICLES, BriefOptions, brief_of
from newsweave.engine import ProgressFn
from newsweave.errors import OptionsError
from newsweave.ingest import ReadResult
from newsweave.model import Article, Brief, Rejected, Story
from newsweave.render.json_out import brief_to_dict
from newsweave.store.index import Store
from newsweave.store.published import save_brief


def choose_stories(
    stories: Sequence[Story], story_id: str | None, every: bool
) -> tuple[Story, ...]:
    """The stories asked for: one by story or thread id (a thread as one story of all its
    articles), every story of two or more articles, or the largest."""
    if story_id is not None:
        chosen = [s for s in stories if s.id == story_id]
        if not chosen and (events := [s for s in stories if s.thread == story_id]):
            chosen = [thread_story(story_id, events)]
        if not chosen:
            raise OptionsError(
                f"no story or thread {story_id!r} in this collection "
                "(`newsweave cluster` lists the ids)"
            )
        return tuple(chosen)
    if every:
        return tuple(s for s in stories if len(s.documents) >= 2) or tuple(stories[:1])
    return tuple(stories[:1])


def thread_story(thread_id: str, events: Sequence[Story]) -> Story:
    """Thread ``thread_id`` as one story of the articles of its ``events``; raises
    ``OptionsError`` past the articles a brief reads (``STORY_MAX_ARTICLES``)."""
    ordered = sorted(events, key=lambda s: (s.start or _LAST, s.id))
    documents = tuple(doc for story in ordered for doc in story.documents)
    if len(documents) > STORY_MAX_ARTICLES:
        biggest = sorted(events, key=lambda s: (-len(s.documents), s.id))[:5]
        named = ", ".join(f"{s.id} ({len(s.documents):,})" for s in biggest)
        raise OptionsError(
            f"thread {thread_id!r} holds {len(documents):,} articles in {len(events):,} "
            f"stories, more than the {STORY_MAX_ARTICLES:,} one brief reads; brief its "
            f"stories one at a time with --story ID (the largest: {named})"
        )
    largest = min(events, key=lambda s: (-len(s.documents), s.start or _LAST, s.id))
    starts = [s.start for s in events if s.start is not None]
    ends = [s.end for s in events if s.end is not None]
    return Story(
        thread_id,
        largest.title,
        min(starts, default=None),
        max(ends, default=None),
        documents,
        tuple(sorted({o for s in events for o in s.outlets})),
        tuple(c for story in ordered for c in story.copies),
        thread=thread_id,
    )


def story_briefs(
    index: Store,
    stories: Sequence[Story],
    options: BriefOptions = BriefOptions(),
    rejected: Sequence[Rejected] = (),
    progress: ProgressFn | None = None,
    keep: bool = False,
) -> Iterator[tuple[Story, Brief]]:
    """The brief of each of ``stories`` (articles read back from ``index``), one at a time;
    with ``keep`` each is also saved in the store (its precomputed brief)."""
    for story in stories:
        articles = tuple(index.articles(story.documents))
        found = brief_of(ReadResult(articles, ()), options, progress, copies=story.copies)
        if keep and story.thread != story.id:  # the store keeps briefs of stories only
            save_brief(index, story.id, brief_to_dict(found))
        yield story, replace(found, rejected=tuple(rejected))


class IndexDocuments(Mapping[str, Article]):
    """The index's articles as a read-only mapping, read from disk on access."""

    def __init__(self, index: Store) -> None:
        self.index = index

    def __getitem__(self, key: str) -> Article:
        return self.index.article(key)

    def __iter__(self) -> Iterator[str]:
        return (a.id for a in self.index.articles())

    def __len__(self) -> int:
        return len(self.index)


_LAST = dt.date.max
