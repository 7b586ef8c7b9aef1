"""Where article features are computed: in this process, or in a pool of forked workers.

Embedding a lead takes about as long as the rest of an article's features (words, names,
MinHash signatures) together, and both are per-article work, so a pool of one worker per core,
each embedding on one thread, keeps both cores busy while this process writes the index and
verifies copies of the previous batch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from newsweave.align.embed import Embedder, load_embedder
from newsweave.align.static_embed import StaticEmbedder, load_static_embedder
from newsweave.corpus.features import ArticleFeatures, article_features
from newsweave.corpus.params import CopyParams
from newsweave.execution import Executor, open_executor
from newsweave.model import Article

Pending = Callable[[], list[ArticleFeatures]]
Submit = Callable[[Sequence[Article]], Pending]


def _features(
    articles: list[Article], copy: CopyParams, threads: int | None = None
) -> list[ArticleFeatures]:
    return article_features(articles, lead_embedder(copy, threads), copy)


def lead_embedder(copy: CopyParams, threads: int | None = None) -> Embedder | StaticEmbedder:
    """The model that embeds leads (``CopyParams.lead_model``)."""
    if copy.lead_model == "static":
        return load_static_embedder()
    return load_embedder(threads)


@contextmanager
def feature_workers(
    workers: int | None, copy: CopyParams, executor: Executor | None = None
) -> Iterator[Submit]:
    """A function that starts computing the features of a batch and returns a function that
    waits for them: on ``executor`` (a Dask cluster's), or on one of ``workers`` processes
    (default: one per core)."""
    if executor is not None:
        yield lambda batch: _split(executor, list(batch), copy)
        return
    with open_executor(workers, lambda: lead_embedder(copy, 1)) as opened:
        if opened.workers == 1:
            work = functools.partial(_features, copy=copy)
            yield lambda batch: opened.submit(work, list(batch))
        else:
            yield lambda batch: _split(opened, list(batch), copy)


def _split(executor: Executor, batch: list[Article], copy: CopyParams) -> Pending:
    size = max(1, -(-len(batch) // executor.workers))
    work = functools.partial(_features, copy=copy, threads=1)
    waits = [executor.submit(work, batch[i : i + size]) for i in range(0, len(batch), size)]
    return lambda: [f for wait in waits for f in wait()]
