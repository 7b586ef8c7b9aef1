"""The two database backends of a store, behind one small interface.

``Database`` runs the store's SQL, written once with ``?`` placeholders and portable syntax
(``ON CONFLICT``, ``RETURNING``), on SQLite (a file in a state folder, the embedded default)
or PostgreSQL (a ``postgresql://`` URL; the ``postgres`` extra installs psycopg). The few
differences (placeholders, column types, locking, integrity checks) live here and nowhere
else.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsweave.errors import StateError

# SQLite page cache per connection, in KiB: the band-key index of 50,000 articles holds ~15
# million rows that every new article reads and extends at random places; SQLite's default
# 2 MiB cache made each lookup a read from the OS. A bounded constant, whatever the index size.
CACHE_KIB = 131_072
# Seconds a SQLite connection waits for another's write lock before failing (readers of a
# WAL-mode store never wait; this bounds a writer queued behind another writer's commit).
BUSY_TIMEOUT_S = 10
# Held (flock) by the one process writing to a state folder; a second one stops with one line.
LOCK_FILE = "index.lock"
INDEX_FILE = "index.sqlite"
# The PostgreSQL advisory lock key of a store's writer (one writer per schema): "nwv1".
PG_LOCK_KEY = 0x6E777631
# psycopg's connection URL takes no ``schema`` parameter; the store reads it to set the
# search_path, so several stores (one per test, say) share a database.
SCHEMA_PARAM = "schema"

Row = tuple[Any, ...]


class Database(Protocol):
    """A connection to a store's database, in one of the two dialects."""

    dialect: str  # "sqlite" | "postgresql"
    where: str  # the file or URL, for messages (no password)

    def execute(self, sql: str, params: Sequence[object] = ()) -> Iterator[Row]: ...

    def one(self, sql: str, params: Sequence[object] = ()) -> Row | None: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None: ...

    def script(self, sql: str) -> None:
        """Run several statements (the schema's DDL); ``{blob}``, ``{serial}`` and ``{bigint}``
        stand for the dialect's column types."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...


class SQLiteDatabase:
    """A store in ``DIR/index.sqlite``; the writer holds ``DIR/index.lock``."""

    dialect = "sqlite"

    def __init__(self, folder: Path, *, write: bool = True) -> None:
        self.path = folder / INDEX_FILE
        self.where = str(self.path)
        self._lock: IO[bytes] | None = lock_folder(folder) if write else None
        try:
            self._connect(write)
        except BaseException:
            self.close()
            raise

    def _connect(self, write: bool) -> None:
        path = self.path
        if write and path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise StateError(f"{path}: the index file is read-only; use a writable --state")
        if not write and not path.exists():
            raise StateError(f"{path.parent}: no newsweave store here (no {INDEX_FILE})")
        existed = path.exists() and path.stat().st_size > 0
        try:
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            if existed and write:
                check_integrity(self.db, path)
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self.db.execute("PRAGMA synchronous = NORMAL")
            if write:
                # readers (the web app) go on reading while a batch is written
                self.db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise StateError(f"{path}: not a usable newsweave index ({exc})") from exc

    def execute(self, sql: str, params: Sequence[object] = ()) -> Iterator[Row]:
        return iter(self.db.execute(sql, tuple(params)))

    def one(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        found: Row | None = self.db.execute(sql, tuple(params)).fetchone()
        return found

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self.db.executemany(sql, (tuple(r) for r in rows))

    def script(self, sql: str) -> None:
        self.db.executescript(
            sql.format(blob="BLOB", serial="INTEGER PRIMARY KEY", bigint="INTEGER")
        )

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def close(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None


class PostgresDatabase:
    """A store in a PostgreSQL database (its ``schema`` URL parameter names the schema)."""

    dialect = "postgresql"

    def __init__(self, url: str, *, write: bool = True) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StateError(
                "a PostgreSQL store needs psycopg: pip install 'newsweave[postgres]'"
            ) from exc
        conninfo, schema = split_schema(url)
        self.where = redact(url)
        self.schema = schema
        try:
            self.db = psycopg.connect(conninfo, connect_timeout=BUSY_TIMEOUT_S)
        except psycopg.Error as exc:
            first = " ".join(str(exc).split())[:200]
            raise StateError(f"{self.where}: cannot connect ({first})") from exc
        self._error: type[Exception] = psycopg.Error
        try:
            self._prepare(schema, write)
        except BaseException:
            self.db.close()
            raise

    def _prepare(self, schema: str, write: bool) -> None:
        if write:
            self.db.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        self.db.execute(f'SET search_path TO "{schema}"')
        self.db.commit()
        if write:
            row = self.db.execute("SELECT pg_try_advisory_lock(%s)", (PG_LOCK_KEY,)).fetchone()
            self.db.commit()
            if row is None or not row[0]:
                raise StateError(
                    f"{self.where}: the store is in use by another newsweave run; "
                    "wait for it to finish"
                )

    def execute(self, sql: str, params: Sequence[object] = ()) -> Iterator[Row]:
        cursor = self.db.execute(_placeholders(sql), tuple(params))
        return iter(cursor.fetchall() if cursor.description is not None else [])

    def one(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        cursor = self.db.execute(_placeholders(sql), tuple(params))
        found: Row | None = cursor.fetchone()
        return found

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(_placeholders(sql), [tuple(r) for r in rows])

    def script(self, sql: str) -> None:
        text = sql.format(
            blob="BYTEA",
            serial="BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            bigint="BIGINT",
        )
        for statement in (s.strip() for s in text.split(";")):
            if statement:
                self.db.execute(statement)

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def close(self) -> None:
        with suppress(self._error):
            self.db.close()  # the session's advisory lock ends with it


def open_database(location: str | Path, *, write: bool = True) -> Database:
    """The database of a store: a ``postgresql://`` URL, or a state folder (SQLite)."""
    if is_url(location):
        return PostgresDatabase(str(location), write=write)
    folder = Path(location)
    if write:
        check_state_folder(folder)
    return SQLiteDatabase(folder, write=write)


def is_url(location: str | Path) -> bool:
    """Whether ``location`` names a PostgreSQL store (else it is a state folder)."""
    return str(location).startswith(("postgresql://", "postgres://"))


def check_state_folder(folder: Path) -> None:
    """Create the state folder ``folder`` if needed; a path that cannot be one is a
    ``StateError`` with one line (a file, a read-only place)."""
    if folder.exists() and not folder.is_dir():
        raise StateError(f"{folder}: --state must be a folder, and this is a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError as exc:
        raise StateError(f"{folder}: cannot create the state folder (permission denied)") from exc
    except OSError as exc:
        raise StateError(f"{folder}: cannot create the state folder ({exc.strerror})") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StateError(f"{folder}: the state folder is read-only; use a writable --state")


def lock_folder(folder: Path) -> IO[bytes]:
    """The state folder's lock, held until closed; one line when it cannot be had."""
    try:
        handle = (folder / LOCK_FILE).open("ab")
    except PermissionError as exc:
        message = f"{folder}: the state folder is read-only; use a writable --state"
        raise StateError(message) from exc
    except OSError as exc:
        raise StateError(f"{folder}: cannot use this state folder ({exc.strerror})") from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise StateError(
            f"{folder}: the index is in use by another newsweave run; wait for it to finish"
        ) from exc
    return handle


def check_integrity(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged index file (SQLite's quick check) with one line."""
    try:
        found = [str(r[0]) for r in db.execute("PRAGMA quick_check(3)").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise StateError(
            f"{path}: damaged index ({exc}); remove it or use a new --state folder"
        ) from exc
    if found != ["ok"]:
        first = " ".join(found[0].split())[:200]  # one line
        raise StateError(f"{path}: damaged index ({first}); remove it or use a new --state folder")


def split_schema(url: str) -> tuple[str, str]:
    """The URL without its ``schema`` parameter, and that schema (default ``newsweave``)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == SCHEMA_PARAM), "newsweave")
    if not schema.replace("_", "").isalnum():
        raise StateError(f"{redact(url)}: the schema name must be letters, digits and _")
    rest = urlencode([(k, v) for k, v in query if k != SCHEMA_PARAM])
    return urlunsplit(parts._replace(query=rest)), schema


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def _placeholders(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s`` (the store's SQL has no ``%`` or ``?``
    inside literals)."""
    return sql.replace("?", "%s")
