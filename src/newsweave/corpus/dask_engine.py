"""Corpus mode on a Dask cluster (``--engine dask``): article features computed on the workers.

The per-article work of indexing (the lead embedding, words, names and MinHash band keys: about
20 ms of the 25-30 ms an article costs here) runs on the cluster's workers, batch by batch,
through ``DaskExecutor``, the ``execution.Executor`` the local process pool also implements.
This process stores each batch and verifies its copy candidates in the local engine's order,
then runs the story pass, so a Dask run's store, stories and copies are the local engine's,
byte for byte. Briefs are analysed on the workers too.

Indexing whole partitions on the workers and merging their stores (``corpus.api.
merge_indexes``) was measured first: on a 10,000-article collection with many reprints the
merged store held 10,576 copy relations against the local run's 8,488, because a reprint
inherits its origin's relations (``relays.Links``) in the order pairs are verified, and a
partition verifies its own pairs before those across partitions. Equal results come first.

Dask is an extra: ``pip install 'newsweave[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from newsweave.errors import EngineError

A = TypeVar("A")
R = TypeVar("R")

# Seconds to wait for a scheduler given with --scheduler before giving up with one line
# (Dask's own default connect timeout).
CONNECT_TIMEOUT_S = 30
INSTALL_HINT = "the Dask engine needs Dask: pip install 'newsweave[dask]'"


class DaskExecutor:
    """An ``execution.Executor`` over a Dask distributed client."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def map(self, fn: Callable[[A], R], items: Iterable[A]) -> Iterator[R]:
        futures = self.client.map(fn, list(items), pure=False)
        for future in futures:
            yield _result(future)

    def submit(self, fn: Callable[[A], R], item: A) -> Callable[[], R]:
        future = self.client.submit(fn, item, pure=False)
        return lambda: _result(future)


def _result(future: Any) -> Any:
    try:
        return future.result()
    except EngineError:
        raise
    except Exception as exc:  # a worker's error or a lost worker, as Dask reports it
        first = " ".join(str(exc).split())[:200]
        raise EngineError(f"a Dask task failed ({type(exc).__name__}: {first})") from exc


@contextmanager
def dask_client(
    scheduler: str | None, workers: int | None = None, timeout: float = CONNECT_TIMEOUT_S
) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers``
    processes (one thread each; None: one per core) started for the run."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError(INSTALL_HINT) from exc
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client
