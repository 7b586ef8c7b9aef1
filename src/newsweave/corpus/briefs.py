"""Briefs of a collection's stories: each story's articles through the single-story brief,
with the copy relations corpus mode verified counted in the independence of sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from newsweave.api import BriefOptions, brief_of
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
    """The stories asked for: one by id, every story of two or more articles, or the largest."""
    if story_id is not None:
        chosen = [s for s in stories if s.id == story_id]
        if not chosen:
            raise OptionsError(
                f"no story {story_id!r} in this collection (`newsweave cluster` lists the ids)"
            )
        return tuple(chosen)
    if every:
        return tuple(s for s in stories if len(s.documents) >= 2) or tuple(stories[:1])
    return tuple(stories[:1])


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
        if keep:
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
