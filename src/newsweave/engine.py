"""Execution engines: where the per-article pipeline runs.

An engine maps the pipeline over chunks of articles and yields results in input order. The
in-process engine is the embedded default; the process-pool engine uses every local core. A
distributed engine (Dask) will be another implementation of the same protocol.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from newsweave.align.static_embed import load_static_embedder
from newsweave.analysis.nlp import load_nlp
from newsweave.errors import EngineError
from newsweave.model import Article, ArticleAnalysis
from newsweave.pipeline import Pipeline, build_pipeline

ProgressFn = Callable[[int, int], None]  # (articles done, articles total)

# Most articles per task sent to a worker: pickling results costs 0.5% of parse time (200
# allsides articles), and small chunks keep both workers busy to the end. Small runs split evenly.
CHUNK_ARTICLES = 4


class Engine(Protocol):
    """Runs the per-article pipeline over articles, yielding analyses in input order."""

    def analyze(
        self, articles: Sequence[Article], stages: Sequence[str], progress: ProgressFn | None
    ) -> Iterator[ArticleAnalysis]: ...


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it stops the workers); a worker
    that raised ``KeyboardInterrupt`` itself would print a traceback and delay the stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` now, without waiting for the tasks it runs (after a Ctrl-C)."""
    processes = dict(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        process.kill()


def _chunks(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


class LocalEngine:
    """Everything in this process: the embedded default for small runs."""

    def analyze(
        self, articles: Sequence[Article], stages: Sequence[str], progress: ProgressFn | None
    ) -> Iterator[ArticleAnalysis]:
        pipeline = build_pipeline(stages)
        for done, analysis in enumerate(pipeline.analyze_all(articles), start=1):
            if progress is not None:
                progress(done, len(articles))
            yield analysis


@functools.cache
def _worker_pipeline(stages: tuple[str, ...]) -> Pipeline:
    return build_pipeline(stages)


def _analyze_chunk(chunk: list[Article], stages: tuple[str, ...]) -> list[ArticleAnalysis]:
    return list(_worker_pipeline(stages).analyze_all(chunk))


class ProcessEngine:
    """A pool of local processes, one per core by default.

    On Linux the pool forks after the spaCy model is loaded here, so workers share it
    copy-on-write instead of loading it again.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def analyze(
        self, articles: Sequence[Article], stages: Sequence[str], progress: ProgressFn | None
    ) -> Iterator[ArticleAnalysis]:
        load_nlp()
        if "claims" in stages:
            load_static_embedder()  # loaded once here: workers share the matrix
        build_pipeline(stages)  # fail fast on bad stage names, before forking
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        work = functools.partial(_analyze_chunk, stages=tuple(stages))
        size = max(1, min(CHUNK_ARTICLES, -(-len(articles) // self.workers)))
        done = 0
        with ProcessPoolExecutor(self.workers, context, initializer=ignore_interrupts) as pool:
            try:
                for results in pool.map(work, _chunks(articles, size)):
                    done += len(results)
                    if progress is not None:
                        progress(done, len(articles))
                    yield from results
            except KeyboardInterrupt:
                stop_pool(pool)
                raise
            except BrokenProcessPool as error:  # a worker died: say so rather than hang
                raise EngineError(
                    f"a worker process died while analysing articles ({error}); "
                    "run again with --workers 1 to analyse in one process"
                ) from error
