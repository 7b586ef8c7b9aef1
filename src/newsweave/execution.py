"""Executors: where per-article work runs, for a brief and for corpus mode alike.

An ``Executor`` maps a function over chunks of work, in order, and can start one chunk while
the caller does something else (``submit``). ``LocalExecutor`` runs everything in this process
(the embedded default for small runs); ``ProcessExecutor`` runs a pool of local processes, one
per core by default. A distributed executor (Dask) is another implementation of the protocol.

``open_executor(workers, prepare)`` gives the one a run asks for: for a pool, ``prepare`` loads
the models the work needs before it forks, so workers share them copy-on-write.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Protocol, TypeVar

from newsweave.errors import EngineError

A = TypeVar("A")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``fn`` over items (picklable functions and values for a pool)."""

    workers: int

    def map(self, fn: Callable[[A], R], items: Iterable[A]) -> Iterator[R]:
        """``fn`` of each item, in the items' order."""
        ...

    def submit(self, fn: Callable[[A], R], item: A) -> Callable[[], R]:
        """Start ``fn(item)``; the returned function waits for its result."""
        ...


class LocalExecutor:
    """Everything in this process, in order."""

    workers = 1

    def map(self, fn: Callable[[A], R], items: Iterable[A]) -> Iterator[R]:
        return (fn(item) for item in items)

    def submit(self, fn: Callable[[A], R], item: A) -> Callable[[], R]:
        result = fn(item)
        return lambda: result


class ProcessExecutor:
    """A pool of ``workers`` forked processes (spawned where fork is unavailable)."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool = pool
        self.workers = workers

    def map(self, fn: Callable[[A], R], items: Iterable[A]) -> Iterator[R]:
        try:
            yield from self.pool.map(fn, items)
        except BrokenProcessPool as error:  # a worker died: say so rather than hang
            raise _died(error) from error

    def submit(self, fn: Callable[[A], R], item: A) -> Callable[[], R]:
        future: Future[R] = self.pool.submit(fn, item)
        return lambda: _result(future)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise _died(error) from error


def _died(error: BaseException) -> EngineError:
    return EngineError(
        f"a worker process died ({error}); run again with --workers 1 to work in one process"
    )


@contextmanager
def open_executor(
    workers: int | None, prepare: Callable[[], object] | None = None
) -> Iterator[Executor]:
    """An executor of ``workers`` processes (None: one per core; 1: this process). On
    Ctrl-C the pool's processes are stopped at once."""
    count = workers or os.cpu_count() or 1
    if count == 1:
        yield LocalExecutor()
        return
    if prepare is not None:
        prepare()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(count, context, initializer=ignore_interrupts) as pool:
        try:
            yield ProcessExecutor(pool, count)
        except KeyboardInterrupt:
            stop_pool(pool)
            raise


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
