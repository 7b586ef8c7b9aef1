"""The per-article pipeline on an executor (``newsweave.execution``): in this process, one
article at a time, or over chunks of articles in a pool; results in input order either way."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

from newsweave.align.static_embed import load_static_embedder
from newsweave.analysis.nlp import load_nlp
from newsweave.execution import Executor
from newsweave.model import Article, ArticleAnalysis
from newsweave.pipeline import Pipeline, build_pipeline

ProgressFn = Callable[[int, int], None]  # (articles done, articles total)

# Most articles per task sent to a worker: pickling results costs 0.5% of parse time (200
# allsides articles), and small chunks keep both workers busy to the end. Small runs split evenly.
CHUNK_ARTICLES = 4


def prepare_models(stages: Sequence[str]) -> None:
    """Load what the stages need here, before a pool forks: workers share it copy-on-write;
    bad stage names fail here, before any work."""
    load_nlp()
    if "claims" in stages:
        load_static_embedder()
    build_pipeline(stages)


def analyze_on(
    executor: Executor,
    articles: Sequence[Article],
    stages: Sequence[str],
    progress: ProgressFn | None,
) -> Iterator[ArticleAnalysis]:
    """The analyses of ``articles`` in their order; ``progress`` after each article (in this
    process) or each chunk (in a pool)."""
    if executor.workers == 1:
        pipeline = build_pipeline(stages)
        for done, analysis in enumerate(pipeline.analyze_all(articles), start=1):
            if progress is not None:
                progress(done, len(articles))
            yield analysis
        return
    work = functools.partial(_analyze_chunk, stages=tuple(stages))
    size = max(1, min(CHUNK_ARTICLES, -(-len(articles) // executor.workers)))
    done = 0
    for results in executor.map(work, _chunks(articles, size)):
        done += len(results)
        if progress is not None:
            progress(done, len(articles))
        yield from results


def _chunks(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


@functools.cache
def _worker_pipeline(stages: tuple[str, ...]) -> Pipeline:
    return build_pipeline(stages)


def _analyze_chunk(chunk: list[Article], stages: tuple[str, ...]) -> list[ArticleAnalysis]:
    return list(_worker_pipeline(stages).analyze_all(chunk))
