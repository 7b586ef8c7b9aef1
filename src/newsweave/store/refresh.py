"""An indexing run into a store: new articles in, stories found again, changed briefs
precomputed. Each step commits whole (see ``corpus.api.index_items`` for the batches), so an
interrupted run leaves a consistent store that the next run completes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsweave.corpus.api import index_items, open_index
from newsweave.model import Article, Rejected, Story
from newsweave.store.api import Location, UpdateOptions, UpdateProgress, UpdateResult
from newsweave.store.index import Store


def run_update(
    location: Location,
    items: Iterable[Article | Rejected],
    options: UpdateOptions,
    progress: UpdateProgress | None,
) -> UpdateResult:
    from newsweave.corpus.api import find_stories, undated_stories_warning
    from newsweave.store.published import publish_stories

    rejected: list[Rejected] = []
    with open_index(location, options.copy) as store:
        before = _last_number(store)
        counted = _counted(items, progress)
        indexed = index_items(store, counted, options.copy, rejected, None, options.workers)
        with store.batch():  # the assignment and the stories table change together
            stories = find_stories(store, options.params)
            publish_stories(store, stories)
        new = _added_since(store, before)
        touched = tuple(s.id for s in stories if new.intersection(s.documents))
        if options.briefs:
            precompute_briefs(store, stories, options)
        warnings = undated_stories_warning(store)
    return UpdateResult(indexed.added, indexed.known, tuple(rejected), touched, warnings)


def precompute_briefs(store: Store, stories: Sequence[Story], options: UpdateOptions) -> int:
    """Compute and save the brief of each of ``stories`` that has none (``corpus.briefs``,
    as ``brief --corpus`` does); return how many."""
    from newsweave.api import BriefOptions
    from newsweave.corpus.briefs import story_briefs
    from newsweave.store.published import stories_without_brief

    todo = set(stories_without_brief(store, options.brief_max_articles))
    chosen = sorted((s for s in stories if s.id in todo), key=lambda s: (-len(s.documents), s.id))
    briefs = story_briefs(store, chosen, BriefOptions(workers=options.workers), keep=True)
    return sum(1 for _ in briefs)


def _counted(
    items: Iterable[Article | Rejected], progress: UpdateProgress | None
) -> Iterable[Article | Rejected]:
    for done, item in enumerate(items, start=1):
        yield item
        if progress is not None:
            progress(done, 0)


def _last_number(store: Store) -> int:
    found = store.db.one("SELECT MAX(n) FROM documents")
    return int(found[0]) if found and found[0] is not None else 0


def _added_since(store: Store, number: int) -> set[str]:
    return {str(r[0]) for r in store.db.execute("SELECT id FROM documents WHERE n > ?", (number,))}
