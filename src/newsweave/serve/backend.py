"""The store behind the app, as two calls: open a reader, index new items.

The app and the HTTP API are adapters over ``newsweave.store.api``; this module binds that API
to one store location.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsweave.errors import StateError
from newsweave.model import Article, Rejected
from newsweave.store.api import Location, StoreReader, UpdateProgress, UpdateResult
from newsweave.store.database import is_url


class Backend(Protocol):
    """A store as the app uses it."""

    def open_reader(self) -> StoreReader: ...

    def update(
        self, items: Iterable[Article | Rejected], progress: UpdateProgress
    ) -> UpdateResult: ...


# Indexing runs in the server's own process: a pool of forked workers would be forked from a
# process whose other threads (the event loop, the request threads) may hold locks at that
# moment, which the children would inherit held. Uploads are small; a big collection is
# indexed faster by `newsweave cluster --state` beside the running server.
SERVER_WORKERS = 1


@dataclass(frozen=True, slots=True)
class StoreBackend:
    """``newsweave.store`` at ``location`` (a state folder or a ``postgresql://`` URL)."""

    location: Location
    workers: int = SERVER_WORKERS

    def open_reader(self) -> StoreReader:
        """The store's reader; a state folder that does not exist yet (or is empty) becomes
        an empty store first."""
        from newsweave.store.api import open_reader, update

        try:
            return open_reader(self.location)
        except StateError:
            if not self.is_new_folder():
                raise
        update(self.location, ())
        return open_reader(self.location)

    def is_new_folder(self) -> bool:
        if is_url(self.location):
            return False
        folder = Path(self.location)
        return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))

    def update(self, items: Iterable[Article | Rejected], progress: UpdateProgress) -> UpdateResult:
        from newsweave.store.api import UpdateOptions, update

        return update(self.location, items, UpdateOptions(workers=self.workers), progress)


class SharedReader:
    """The store's one reader (safe to share across threads, see ``store.api.open_reader``),
    opened on first use: a store that does not exist yet is created empty, so that a new
    state folder can be served and filled from the add page."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.lock = threading.Lock()
        self.reader: StoreReader | None = None

    def get(self) -> StoreReader:
        reader = self.reader
        if reader is not None:
            return reader
        with self.lock:
            if self.reader is None:
                self.reader = self.backend.open_reader()
            return self.reader

    def close(self) -> None:
        with self.lock:
            if self.reader is not None:
                self.reader.close()
            self.reader = None
