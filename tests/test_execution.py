"""One test body for the executors (``newsweave.execution``): in this process and in a pool,
the same results in the same order, for the brief's analysis and corpus mode's features."""

from __future__ import annotations

import functools
import os

import pytest

from newsweave.corpus.params import CopyParams
from newsweave.corpus.workers import feature_workers
from newsweave.errors import EngineError
from newsweave.execution import open_executor
from tests.corpus.collection import collection

WORKERS = (1, 2)


def _square(n: int) -> int:
    return n * n


def _die(_: int) -> int:
    os._exit(3)  # a worker killed mid-task, as by the OOM killer


@pytest.mark.parametrize("workers", WORKERS)
def test_map_and_submit_keep_order(workers: int) -> None:
    with open_executor(workers) as executor:
        assert executor.workers == workers
        assert list(executor.map(_square, range(20))) == [n * n for n in range(20)]
        waits = [executor.submit(_square, n) for n in range(5)]
        assert [wait() for wait in reversed(waits)] == [16, 9, 4, 1, 0]


def test_a_dead_worker_is_one_clear_error() -> None:
    with open_executor(2) as executor, pytest.raises(EngineError, match="--workers 1"):
        list(executor.map(_die, range(4)))


@pytest.mark.parametrize("workers", WORKERS)
def test_corpus_features_are_the_same_on_every_executor(workers: int) -> None:
    articles = collection()
    with feature_workers(1, CopyParams()) as submit:
        here = submit(articles)()
    with feature_workers(workers, CopyParams()) as submit:
        found = submit(articles)()
    assert [(f.terms, f.names, f.bands) for f in found] == [
        (f.terms, f.names, f.bands) for f in here
    ]
    prepared = functools.partial(sorted)  # the executor takes plain picklable functions too
    with open_executor(workers) as executor:
        assert list(executor.map(prepared, [[3, 1], [2, 0]])) == [[1, 3], [0, 2]]
