"""The two store backends the store tests run on: a SQLite state folder and a PostgreSQL
schema (a fresh one per store, dropped afterwards).

PostgreSQL is the server on 127.0.0.1:5432 (trust auth, database ``test``) that the machine and
CI provide; ``NEWSWEAVE_TEST_DB`` names another. The tests fail, not skip, when it is missing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

SERVER = os.environ.get("NEWSWEAVE_TEST_DB", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


@contextmanager
def store_location(backend: str, folder: Path) -> Iterator[str | Path]:
    """Where a new, empty store of ``backend`` lives while the block runs."""
    if backend == "sqlite":
        yield folder / "state"
        return
    schema = f"nwtest_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{SERVER}?schema={schema}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as db:
            db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
