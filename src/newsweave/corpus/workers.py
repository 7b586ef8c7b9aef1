"""Where article features are computed: in this process, or in a pool of forked workers.

Embedding a lead takes about as long as the rest of an article's features (words, names,
MinHash signatures) together, and both are per-article work, so a pool of one worker per core,
each embedding on one thread, keeps both cores busy while this process writes the index and
verifies copies of the previous batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from newsweave.align.embed import load_embedder
from newsweave.corpus.features import ArticleFeatures, article_features
from newsweave.corpus.params import CopyParams
from newsweave.engine import ignore_interrupts, stop_pool
from newsweave.errors import EngineError
from newsweave.model import Article

Pending = Callable[[], list[ArticleFeatures]]
Submit = Callable[[Sequence[Article]], Pending]


def _features(
    articles: list[Article], copy: CopyParams, threads: int | None = None
) -> list[ArticleFeatures]:
    return article_features(articles, load_embedder(threads), copy)


@contextmanager
def feature_workers(workers: int | None, copy: CopyParams) -> Iterator[Submit]:
    """A function that starts computing the features of a batch and returns a function that
    waits for them: in a pool of ``workers`` processes (default: one per core), or here."""
    count = workers or os.cpu_count() or 1
    if count == 1:
        yield lambda batch: _now(_features(list(batch), copy))
        return
    load_embedder(1)  # loaded before forking: workers share the session
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(count, context, initializer=ignore_interrupts) as pool:
        try:
            yield lambda batch: _split(pool, list(batch), count, copy)
        except KeyboardInterrupt:
            stop_pool(pool)
            raise


def _now(result: list[ArticleFeatures]) -> Pending:
    return lambda: result


def _split(
    pool: ProcessPoolExecutor, batch: list[Article], count: int, copy: CopyParams
) -> Pending:
    size = max(1, -(-len(batch) // count))
    futures = [
        pool.submit(_features, batch[i : i + size], copy, 1) for i in range(0, len(batch), size)
    ]
    return lambda: _gather(futures)


def _gather(futures: list[Future[list[ArticleFeatures]]]) -> list[ArticleFeatures]:
    try:
        return [f for future in futures for f in future.result()]
    except BrokenProcessPool as error:
        raise EngineError(
            f"a worker process died while indexing articles ({error}); "
            "run again with --workers 1 to index in one process"
        ) from error
