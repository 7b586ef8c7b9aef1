"""An indexing run into a store: new articles in, stories found again, changed briefs
precomputed. Each step commits whole (see ``corpus.api.index_items`` for the batches), so an
interrupted run leaves a consistent store that the next run completes."""

from __future__ import annotations

from collections.abc import Iterable

from newsweave.corpus.api import CorpusOptions, index_items, open_index
from newsweave.model import Article, Rejected
from newsweave.store.api import Location, UpdateOptions, UpdateProgress, UpdateResult
from newsweave.store.index import Store


def run_update(
    location: Location,
    items: Iterable[Article | Rejected],
    options: UpdateOptions,
    progress: UpdateProgress | None,
) -> UpdateResult:
    from newsweave.corpus.api import find_stories
    from newsweave.store.published import publish_stories

    rejected: list[Rejected] = []
    with open_index(location, options.copy) as store:
        before = _last_number(store)
        corpus = CorpusOptions(params=options.params, copy=options.copy, workers=options.workers)
        indexed = index_items(
            store, _counted(items, progress), corpus.copy, rejected, None, corpus.workers
        )
        with store.batch():  # the assignment and the stories table change together
            stories = find_stories(store, options.params)
            publish_stories(store, stories)
        new = _added_since(store, before)
        touched = tuple(s.id for s in stories if new.intersection(s.documents))
        if options.briefs:
            precompute_briefs(store, options)
        warnings = tuple(_undated(store))
    return UpdateResult(indexed.added, indexed.known, tuple(rejected), touched, warnings)


def precompute_briefs(store: Store, options: UpdateOptions) -> int:
    """Compute and save the brief of every story that has none; return how many."""
    from newsweave.api import BriefOptions, brief_of
    from newsweave.ingest import ReadResult
    from newsweave.render.json_out import brief_to_dict
    from newsweave.store.published import save_brief, stories_without_brief

    done = 0
    brief_options = BriefOptions(workers=options.workers)
    copies = list(store.copies())
    for story_id, documents in stories_without_brief(store, options.brief_max_articles):
        articles = tuple(store.articles(documents))
        members = set(documents)
        relations = [c for c in copies if c.target in members]
        brief = brief_of(ReadResult(articles, ()), brief_options, copies=relations)
        save_brief(store, story_id, brief_to_dict(brief))
        done += 1
    return done


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


def _undated(store: Store) -> list[str]:
    if not store.has_undated():
        return []
    return ["some articles have no publication date: they were compared with every story"]
