"""Corpus mode on a Dask cluster (``--engine dask``): partitions indexed on workers, merged here.

Each partition of new articles is indexed on a worker into a store of its own (features,
MinHash band keys, the copy relations inside the partition: ``corpus.api.index_items``), which
comes back as a SQLite file. Partitions are merged into the run's store in partition order
(``merge_indexes``: associative, and it verifies the copy candidates across partitions), then
the story pass runs here as in the local engine, so the stories and copies equal a local run's.
Briefs are analysed on the workers through ``DaskExecutor``, the same ``Executor`` interface
as the local process pool.

Dask is an extra: ``pip install 'newsweave[dask]'``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from newsweave.corpus.params import CopyParams
from newsweave.engine import ProgressFn
from newsweave.errors import EngineError
from newsweave.model import Article
from newsweave.store.database import INDEX_FILE, SQLiteDatabase
from newsweave.store.index import Store

A = TypeVar("A")
R = TypeVar("R")

# Partitions in flight per worker: the next one is queued while one is indexed; the driver
# holds at most this many partitions' articles and stores at once.
IN_FLIGHT_PER_WORKER = 2
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


def index_partitions(
    index: Store,
    admitted: Iterable[list[Article]],
    copy: CopyParams,
    client: Any,
    progress: ProgressFn | None = None,
) -> int:
    """Index each list of ``admitted`` articles (new to ``index``) as a partition on the
    cluster and merge the partitions into ``index`` in order; return the articles added."""
    from newsweave.corpus.api import merge_indexes

    executor = DaskExecutor(client)
    window = IN_FLIGHT_PER_WORKER * executor.workers
    parts = iter(admitted)
    waiting = [executor.submit(_partition_task(copy), p) for p in islice(parts, window)]
    added = 0
    with tempfile.TemporaryDirectory(prefix="newsweave-partition-") as scratch:
        while waiting:
            data = waiting.pop(0)()
            waiting += [executor.submit(_partition_task(copy), p) for p in islice(parts, 1)]
            added += _merge_bytes(index, data, Path(scratch), copy, merge_indexes)
            if progress is not None:
                progress(added, added)
    return added


def _partition_task(copy: CopyParams) -> Callable[[list[Article]], bytes]:
    import functools

    return functools.partial(build_partition, copy=copy)


def build_partition(articles: list[Article], copy: CopyParams) -> bytes:
    """Runs on a worker: the store of ``articles`` alone, as the bytes of its SQLite file."""
    from newsweave.corpus.api import index_items, settings

    with tempfile.TemporaryDirectory(prefix="newsweave-worker-") as scratch:
        folder = Path(scratch)
        store = Store(SQLiteDatabase(folder), settings(copy))
        try:
            index_items(store, articles, copy, [], workers=1)
        finally:
            store.close()
        return (folder / INDEX_FILE).read_bytes()


def _merge_bytes(
    index: Store,
    data: bytes,
    scratch: Path,
    copy: CopyParams,
    merge: Callable[[Store, Store, CopyParams], int],
) -> int:
    from newsweave.corpus.api import settings

    folder = Path(tempfile.mkdtemp(dir=scratch))
    (folder / INDEX_FILE).write_bytes(data)
    part = Store(SQLiteDatabase(folder), settings(copy))
    try:
        return merge(index, part, copy)
    finally:
        part.close()
