"""Scratch space of the story pass: closed stories' centroids spilled to a temporary SQLite
file when a collection has undated articles (they are compared with every story)."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SpillFile:
    """A ``online.Spill`` in a temporary SQLite file: closed stories' centroids on disk."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE spill (number INTEGER PRIMARY KEY, packed BLOB NOT NULL)")

    def put(self, number: int, packed: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO spill VALUES (?, ?)", (number, packed))

    def get(self, number: int) -> bytes:
        row = self.db.execute("SELECT packed FROM spill WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise KeyError(number)
        return bytes(row[0])


@contextmanager
def spill_file(needed: bool) -> Iterator[SpillFile | None]:
    """A fresh ``SpillFile`` in a temporary folder when ``needed``, else None."""
    if not needed:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="newsweave-spill-") as scratch:
        spill = SpillFile(Path(scratch) / "spill.sqlite")
        try:
            yield spill
        finally:
            spill.db.close()
