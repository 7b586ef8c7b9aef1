"""Corpus mode's library API: index articles, find copies, group them into stories.

``cluster_paths`` streams inputs in batches into the index (SQLite, under ``state`` or in a
temporary folder), verifies the copy candidates of each new article, then runs the online
story pass over the whole index. Only new articles are read, embedded and hashed: a state
folder makes later runs on a growing collection cost what the new articles cost, plus one
pass over stored features.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO, Literal

from newsweave.corpus.copies import Prepared, prepare, verify_candidates
from newsweave.corpus.online import OpenStory, Weights, find_events
from newsweave.corpus.params import LEAD_WORDS, UNTITLED_LEAD_WORDS, CopyParams, StoryParams
from newsweave.corpus.relays import Links
from newsweave.corpus.spill import spill_file
from newsweave.corpus.threads import members_of, threads_of, with_threads
from newsweave.corpus.workers import Pending, feature_workers
from newsweave.engine import ProgressFn
from newsweave.execution import Executor
from newsweave.ingest import ReadOptions, iter_inputs
from newsweave.model import Article, CopyRelation, Rejected, Story, StoryRun
from newsweave.store.database import open_database
from newsweave.store.index import Store, digest
from newsweave.store.published import publish_stories

# Articles read, embedded and stored together: large enough to batch the embedding model and
# the database writes, small enough that a batch's texts take a few MB.
BATCH_ARTICLES = 256
# Articles kept prepared for copy verification across batches (``PreparedCache``): an origin
# copied by reprints in many batches is prepared once. About 50 KB each (words and offsets of
# an 800-word article), so 1,000 cost about 50 MB.
PREPARED_ARTICLES = 1_000
# Embedding model recorded in the index, so features of another model are never mixed.
MODEL_KEY = "all-MiniLM-L6-v2-int8"
Engine = Literal["local", "dask"]


@dataclass(frozen=True, slots=True)
class CorpusOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    params: StoryParams = field(default_factory=StoryParams)
    copy: CopyParams = field(default_factory=CopyParams)
    state: Path | str | None = None  # a folder or postgresql:// URL; None: a temporary store
    workers: int | None = None  # processes computing features (None: one per core)
    batch: int = BATCH_ARTICLES  # articles read and stored together
    engine: Engine = "local"  # "dask": features computed on a Dask cluster (corpus.dask_engine)
    scheduler: str | None = None  # the Dask scheduler's address (None: a LocalCluster)


@dataclass(frozen=True, slots=True)
class Indexed:
    added: int
    known: int


def _fields(copy: CopyParams) -> list[tuple[str, object]]:
    return [(f.name, getattr(copy, f.name)) for f in dataclasses.fields(copy)]


def settings(copy: CopyParams) -> dict[str, str]:
    """What an index's stored features depend on."""
    return {
        "model": MODEL_KEY if copy.lead_model == "minilm" else f"static/{MODEL_KEY}",
        "lead_words": f"{LEAD_WORDS}/{UNTITLED_LEAD_WORDS}",
        # the lead model is the "model" setting (stores made before it was a choice match)
        "copy": repr(tuple(v for f, v in _fields(copy) if f != "lead_model")),
    }


@contextmanager
def open_index(location: Path | str | None, copy: CopyParams = CopyParams()) -> Iterator[Store]:
    """The store at ``location`` (a state folder, created if needed, or a ``postgresql://``
    URL), or a temporary one."""
    with tempfile.TemporaryDirectory(prefix="newsweave-index-") as scratch:
        db = open_database(Path(scratch) if location is None else location)
        index = Store(db, settings(copy))
        try:
            yield index
        finally:
            index.close()


def cluster_paths(
    specs: Sequence[str],
    options: CorpusOptions = CorpusOptions(),
    stdin: BinaryIO | None = None,
    progress: ProgressFn | None = None,
) -> StoryRun:
    """Read ``specs`` into the index and return the stories of everything it holds."""
    read_warnings: list[str] = []
    with open_index(options.state, options.copy) as index:
        items = iter_inputs(specs, options.read, stdin, warnings=read_warnings)
        run = run_on_index(index, items, options, progress)
    return replace(run, warnings=(*read_warnings, *run.warnings))


def cluster_articles(
    articles: Sequence[Article],
    params: StoryParams = StoryParams(),
    copy: CopyParams = CopyParams(),
) -> StoryRun:
    """The stories of already-read ``articles`` (a temporary index)."""
    options = CorpusOptions(params=params, copy=copy)
    with open_index(None, copy) as index:
        return run_on_index(index, articles, options)


def find_copies(
    articles: Sequence[Article], copy: CopyParams = CopyParams()
) -> tuple[CopyRelation, ...]:
    """The copy relations among already-read ``articles`` (a temporary index), as
    ``newsweave cluster`` finds them; sorted by (source, target)."""
    with open_index(None, copy) as index:
        index_items(index, articles, copy, [])
        return tuple(index.copies())


def run_on_index(
    index: Store,
    items: Iterable[Article | Rejected],
    options: CorpusOptions,
    progress: ProgressFn | None = None,
    stage: Callable[[str], object] | None = None,
    client: Any | None = None,
) -> StoryRun:
    """Index ``items`` and find the stories of the whole index; ``stage`` is told when the
    story pass starts (``progress`` counts the articles indexed). ``client``: the Dask client
    of a ``dask`` engine run (None: one is opened for the indexing)."""
    rejected: list[Rejected] = []
    if options.engine == "dask":
        indexed = index_on_dask(index, items, options, rejected, progress, client)
    else:
        indexed = index_items(
            index, items, options.copy, rejected, progress, options.workers, options.batch
        )
    if stage is not None:
        stage(f"finding the stories of {len(index):,} articles")
    with index.batch():  # the assignment and the stories table change together
        stories = find_stories(index, options.params)
        publish_stories(index, stories)
    warnings = undated_stories_warning(index)
    threads = threads_of(stories)
    return StoryRun(stories, tuple(rejected), warnings, indexed.added, indexed.known, threads)


def index_items(
    index: Store,
    items: Iterable[Article | Rejected],
    copy: CopyParams,
    rejected: list[Rejected],
    progress: ProgressFn | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_ARTICLES,
    executor: Executor | None = None,
) -> Indexed:
    """Add the articles of ``items`` not yet in ``index``; collect the rejections.

    Features of one batch are computed (by ``workers``, or on ``executor``: a Dask cluster's)
    while the previous batch is stored and its copies verified here.
    """
    counts = [0, 0]  # added, known
    stream = iter(items)
    first = list(islice(stream, batch_size))
    if len(first) < batch_size and workers is None and executor is None:
        workers = 1  # one batch: starting workers would cost more than they save
    stream = chain(first, stream)
    waiting: tuple[list[Article], Pending] | None = None
    prepared = PreparedCache(index)
    with feature_workers(workers, copy, executor) as submit:
        while batch := list(islice(stream, batch_size)):
            unstored = {a.id: digest(a) for a in waiting[0]} if waiting else {}
            articles = _admit_batch(index, batch, rejected, counts, unstored)
            started = (articles, submit(articles)) if articles else None
            if waiting is not None:
                _store(index, *waiting, copy, prepared)
            waiting = started
            if progress is not None:
                progress(sum(counts), sum(counts))
        if waiting is not None:
            _store(index, *waiting, copy, prepared)
    return Indexed(*counts)


def index_on_dask(
    index: Store,
    items: Iterable[Article | Rejected],
    options: CorpusOptions,
    rejected: list[Rejected],
    progress: ProgressFn | None = None,
    client: Any | None = None,
) -> Indexed:
    """``index_items`` with the features computed on a Dask cluster (``corpus.dask_engine``):
    the articles are stored and their copies verified here in the local engine's order, so the
    index is the local engine's."""
    from newsweave.corpus.dask_engine import DaskExecutor, dask_client

    def run(cluster: Any) -> Indexed:
        executor = DaskExecutor(cluster)
        copy, batch = options.copy, options.batch
        return index_items(index, items, copy, rejected, progress, None, batch, executor)

    if client is not None:
        return run(client)
    with dask_client(options.scheduler, options.workers) as opened:
        return run(opened)


def _admit_batch(
    index: Store,
    batch: Sequence[Article | Rejected],
    rejected: list[Rejected],
    counts: list[int],
    unstored: dict[str, str],
) -> list[Article]:
    """The new articles of ``batch``; ``unstored`` maps the ids of articles admitted but not
    yet stored to their digests (it grows with this batch's)."""
    articles: list[Article] = []
    for item in batch:
        if isinstance(item, Rejected):
            rejected.append(item)
        elif (admitted := _admit(index, item, unstored)) is not None:
            articles.append(admitted)
            unstored[admitted.id] = digest(admitted)
            counts[0] += 1
        else:
            counts[1] += 1
    return articles


def _store(
    index: Store,
    articles: list[Article],
    pending: Pending,
    copy: CopyParams,
    prepared: PreparedCache | None = None,
) -> None:
    """Store a batch's articles, features and copy relations in one transaction: a crash
    leaves the index with all of the batch or none of it."""
    features = pending()
    with index.batch():
        index.add(articles, features)
        new_ids = [a.id for a in articles]
        index.add_copies(find_new_copies(index, new_ids, copy, prepared=prepared))


def _admit(index: Store, article: Article, unstored: dict[str, str]) -> Article | None:
    """``article`` as it enters the index: None when the index (or ``unstored``) holds it
    already, renamed when its id names another article there."""
    key = digest(article)
    candidate, n = article.id, 1
    while (stored := unstored.get(candidate) or index.digest_of(candidate)) is not None:
        if stored == key:
            return None
        n += 1
        candidate = f"{article.id}~{n}"
    return article if candidate == article.id else dataclasses.replace(article, id=candidate)


def merge_indexes(index: Store, other: Store, copy: CopyParams) -> int:
    """Merge ``other`` (built on another partition) into ``index``; return articles added.

    Pairs within either index were verified when it was built; the pairs across them are
    verified here, so merging partitions in any grouping gives the same articles, features and
    stories. Copy relations can differ in number where reprints chain across partitions (a
    reprint inherits its origin's relations in the order pairs are verified): the Dask engine
    therefore stores articles here in order rather than merging (``corpus.dask_engine``).
    """
    with index.batch():  # one transaction: all of ``other`` or none of it
        new_ids = index.merge(other)
        index.add_copies(find_new_copies(index, new_ids, copy, within_new=False))
    return len(new_ids)


def find_new_copies(
    index: Store,
    new_ids: Sequence[str],
    copy: CopyParams,
    within_new: bool = True,
    prepared: PreparedCache | None = None,
) -> list[CopyRelation]:
    """Copy relations of each of ``new_ids`` with any article of the index (each pair once);
    pairs of two new articles are left out unless ``within_new``.

    New articles are taken earliest first, and so are their candidates; a pair of two new
    articles is verified from the later one. A reprint inherits its origin's relations
    (``relays.Links``): once an article is found to reprint an earlier one, the articles
    already linked with that origin, and their reprints, are not verified against it.
    """
    order = index.in_date_order(new_ids)
    position = {article_id: n for n, article_id in enumerate(order)}
    sharing = index.sharing(new_ids, within_new)  # most articles share no band key at all
    cache = prepared or PreparedCache(index)
    links = Links(index)
    found: list[CopyRelation] = []
    for article_id in order:
        if sharing is not None and article_id not in sharing:
            continue
        candidates = [
            other
            for other in index.candidates(article_id, copy)
            # a pair is verified from its later side, or was when ``other``'s index was built
            if other not in position or (within_new and position[other] < position[article_id])
        ]
        found += verify_candidates(article_id, candidates, cache.get, links, copy)
    return found


class PreparedCache:
    """Articles prepared for copy verification (``copies.prepare``: words, quotations,
    passages), the most recently used kept across batches: an origin that many reprints copy
    is read and prepared once, not once per batch (preparing was 40% of storing a
    reprint-heavy 5,000-article collection)."""

    def __init__(self, index: Store, size: int = PREPARED_ARTICLES) -> None:
        self.index = index
        self.size = size
        self.kept: OrderedDict[str, Prepared] = OrderedDict()

    def get(self, article_id: str) -> Prepared:
        found: Prepared | None = self.kept.get(article_id)
        if found is None:
            found = prepare(self.index.article(article_id))
            self.kept[article_id] = found
            if len(self.kept) > self.size:
                self.kept.popitem(last=False)
        else:
            self.kept.move_to_end(article_id)
        return found


def find_stories(index: Store, params: StoryParams) -> tuple[Story, ...]:
    """The online pass over ``index``, with ids kept from the index's previous run."""
    frequencies = index.frequencies()
    weights = Weights(frequencies, len(index))
    copies = _copies_by_target(index)
    reprints = [(c.source, c.target) for cs in copies.values() for c in cs if c.near_duplicate]
    with spill_file(index.has_undated() and params.use_dates) as spill:
        found, thread_of = find_events(index.rows(), weights, params, spill, reprints)
    ids = stable_ids(found, index.assignment())
    stories = tuple(
        sorted(
            (_story(ids[s.number], s, copies) for s in found),
            key=lambda s: (-len(s.documents), s.start or _LAST, s.id),
        )
    )
    index.save_assignment({doc: s.id for s in stories for doc in s.documents})
    threads = [[ids[found[i].number] for i in m] for m in members_of(thread_of).values()]
    return with_threads(stories, threads)


def _copies_by_target(index: Store) -> dict[str, list[CopyRelation]]:
    by_target: dict[str, list[CopyRelation]] = {}
    for relation in index.copies():
        by_target.setdefault(relation.target, []).append(relation)
    return by_target


def _story(story_id: str, found: OpenStory, copies: dict[str, list[CopyRelation]]) -> Story:
    members = tuple(found.members)
    return Story(
        story_id,
        found.title or "(untitled)",
        found.first,
        found.last,
        members,
        tuple(sorted(found.outlets)),
        tuple(r for doc in members for r in copies.get(doc, ())),
    )


def stable_ids(found: Sequence[OpenStory], previous: dict[str, str]) -> dict[int, str]:
    """An id per story: the previous run's id of most of its articles when that id is not
    taken by a larger story, else one derived from its first article."""
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for story in sorted(found, key=lambda s: (-len(s.members), s.number)):
        votes: dict[str, int] = {}
        for doc in story.members:
            if doc in previous:
                votes[previous[doc]] = votes.get(previous[doc], 0) + 1
        ranked = sorted(votes, key=lambda k: (-votes[k], k))
        chosen = next((k for k in ranked if k not in taken), None)
        if chosen is None:
            chosen = _new_id(story.members[0], taken | set(previous.values()))
        ids[story.number] = chosen
        taken.add(chosen)
    return ids


def _new_id(first: str, used: set[str]) -> str:
    base = "s-" + hashlib.blake2b(first.encode("utf-8"), digest_size=5).hexdigest()
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def undated_stories_warning(index: Store) -> tuple[str, ...]:
    if not index.has_undated():
        return ()
    return (
        "some articles have no publication date: they were compared with every story, "
        "whatever its dates; give dates with --published or NAME.meta.json sidecars",
    )


_LAST = dt.date.max
