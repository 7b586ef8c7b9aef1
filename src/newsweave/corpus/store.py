"""The corpus index: articles, their features, LSH band keys and copy relations in SQLite.

One index lives in one SQLite file (``DIR/index.sqlite`` under ``--state DIR``, or a temporary
file), so a collection larger than memory streams through it. Indexes built on separate
partitions of a collection merge into one (``merge``): the union of their rows, plus the copy
relations across them, which ``api`` verifies exactly as within one index, so merging is
associative and gives the index one run over everything would have built.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sqlite3
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from newsweave.corpus.copies import boilerplate_key
from newsweave.corpus.features import ArticleFeatures
from newsweave.corpus.params import CopyParams
from newsweave.errors import StateError
from newsweave.model import Article, CopyRelation, SharedSpan

INDEX_FILE = "index.sqlite"
# Held (flock) by the one process using a state folder; a second one stops with one line.
LOCK_FILE = "index.lock"
# Test hook: ``NEWSWEAVE_FAULT_AT=POINT[:N]`` ends the process (``os._exit``) the Nth time
# (default the first) the index reaches commit point POINT (``COMMIT_POINTS``), as a crash or a
# kill -9 would; the fault-injection tests rerun on the state left behind.
FAULT_ENV = "NEWSWEAVE_FAULT_AT"
FAULT_EXIT = 86
COMMIT_POINTS = ("documents", "copies", "commit", "assignment")
# Bumped whenever stored features change meaning: an index of another version is refused.
FORMAT_VERSION = "1"
# Values bound per SQL statement (SQLite's default limit is 32,766 since 3.32; older builds 999).
SQL_VARIABLES = 900
# SQLite page cache per index, in KiB: the band-key index of 50,000 articles holds ~15 million
# rows that every new article reads and extends at random places; SQLite's default 2 MiB
# cache made each lookup a read from the OS. A bounded constant, whatever the index size.
CACHE_KIB = 131_072
# Date that sorts undated articles after every dated one.
UNDATED = "9999-12-31"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    n INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, digest TEXT NOT NULL,
    day TEXT NOT NULL, outlet TEXT, title TEXT, source TEXT NOT NULL, url TEXT, author TEXT,
    format TEXT NOT NULL, headings TEXT NOT NULL, text BLOB NOT NULL,
    dense BLOB NOT NULL, terms TEXT NOT NULL, names TEXT NOT NULL, bands BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS documents_by_day ON documents (day, id);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, doc INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bands_by_key ON bands (key);
CREATE TABLE IF NOT EXISTS copies (
    source TEXT NOT NULL, target TEXT NOT NULL, shared INTEGER NOT NULL,
    near INTEGER NOT NULL, spans TEXT NOT NULL, PRIMARY KEY (source, target));
CREATE INDEX IF NOT EXISTS copies_by_target ON copies (target);
CREATE TABLE IF NOT EXISTS frequencies (term TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS assignment (doc TEXT PRIMARY KEY, story TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Row:
    """What the clustering pass reads of one article."""

    id: str
    published: dt.date | None
    outlet: str | None
    title: str | None
    dense: np.ndarray
    terms: tuple[tuple[str, int], ...]
    names: tuple[tuple[str, int], ...]


class CorpusIndex:
    """An SQLite-backed index of articles and features (see the module docstring)."""

    def __init__(self, path: Path, settings: dict[str, str]) -> None:
        self.path = path
        self._lock = _lock_folder(path.parent)
        self._deferred = 0  # open ``batch()`` blocks: their writes commit together
        try:
            if path.exists() and not os.access(path, os.R_OK | os.W_OK):
                raise StateError(f"{path}: the index file is read-only; use a writable --state")
            existed = path.exists() and path.stat().st_size > 0
            self.db = sqlite3.connect(path, timeout=10)
            if existed:
                _check_integrity(self.db, path)
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.executescript(SCHEMA)
            self._check_settings({"format": FORMAT_VERSION, **settings})
        except sqlite3.DatabaseError as exc:
            self._release()
            raise StateError(f"{path}: not a usable newsweave index ({exc})") from exc
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            db.close()
        self._lock.close()

    def _check_settings(self, settings: dict[str, str]) -> None:
        stored = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if not stored:
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", settings.items())
            self.db.commit()
            return
        _check_format(self.path, stored.get("format"))
        changed = sorted(k for k in settings if stored.get(k) != settings[k])
        if changed:
            raise StateError(
                f"{self.path}: built with other settings ({', '.join(changed)}); "
                "use a new --state folder"
            )

    def close(self) -> None:
        """Close the index; writes of an unfinished ``batch()`` are rolled back."""
        self._release()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Writes inside commit together (one transaction) when the block ends, or none do."""
        self._deferred += 1
        try:
            yield
        except BaseException:
            self._deferred -= 1
            if self._deferred == 0:
                self.db.rollback()
            raise
        self._deferred -= 1
        if self._deferred == 0:
            self._commit("commit")

    def _commit(self, point: str) -> None:
        """Commit unless inside ``batch()``; ``point`` names this commit point for the hook."""
        fault_point(point)
        if self._deferred == 0:
            self.db.commit()

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def digest_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT digest FROM documents WHERE id = ?", (article_id,))
        found = row.fetchone()
        return None if found is None else str(found[0])

    def add(self, articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> None:
        """Store ``articles`` (ids not yet in the index) with their features."""
        bands: list[tuple[int, int]] = []
        counts: Counter[str] = Counter()
        for article, feats in zip(articles, features, strict=True):
            cursor = self.db.execute(
                "INSERT INTO documents VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _document_row(article, feats),
            )
            bands.extend((key, int(cursor.lastrowid or 0)) for key in feats.bands)
            counts.update(f"t:{t}" for t, _ in feats.terms)
            counts.update(f"n:{n}" for n, _ in feats.names)
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", bands)
        self.db.executemany(
            "INSERT INTO frequencies VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + ?",
            ((term, n, n) for term, n in counts.items()),
        )
        self._commit("documents")

    def candidates(self, article_id: str, params: CopyParams) -> list[str]:
        """Ids of other articles sharing an LSH band key with ``article_id``, earliest first
        (by date, undated last, then id); boilerplate keys (``copies.boilerplate_key``) are
        ignored."""
        row = self.db.execute("SELECT n, bands FROM documents WHERE id = ?", (article_id,))
        me, blob = row.fetchone()
        keys = [int(k) for k in np.frombuffer(blob, dtype=np.int64)]
        sharing: dict[int, list[int]] = {}
        for start in range(0, len(keys), SQL_VARIABLES):
            chunk = keys[start : start + SQL_VARIABLES]
            marks = ",".join("?" * len(chunk))
            for key, doc in self.db.execute(
                f"SELECT key, doc FROM bands WHERE key IN ({marks})", chunk
            ):
                sharing.setdefault(key, []).append(doc)
        shared = [members for members in sharing.values() if len(members) > 1]
        crowded = {d for m in shared if len(m) >= params.outlet_template_articles for d in m}
        outlets = self._outlets(crowded)  # only a crowded key can be boilerplate
        docs = {
            doc
            for members in shared
            if len(members) < params.outlet_template_articles
            or not boilerplate_key([outlets.get(d) for d in members], params)
            for doc in members
        } - {me}
        return [article_id for _, article_id in sorted(self._days_and_ids(docs))]

    def _outlets(self, numbers: set[int]) -> dict[int, str | None]:
        found: dict[int, str | None] = {}
        listed = sorted(numbers)
        for start in range(0, len(listed), SQL_VARIABLES):
            chunk = listed[start : start + SQL_VARIABLES]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT n, outlet FROM documents WHERE n IN ({marks})"
            found.update(self.db.execute(query, chunk))
        return found

    def _days_and_ids(self, numbers: set[int]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        listed = sorted(numbers)
        for start in range(0, len(listed), SQL_VARIABLES):
            chunk = listed[start : start + SQL_VARIABLES]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT day, id FROM documents WHERE n IN ({marks})"
            found.extend((str(day), str(i)) for day, i in self.db.execute(query, chunk))
        return found

    def in_date_order(self, ids: Sequence[str]) -> list[str]:
        """``ids`` (all stored) by date, undated last, then id."""
        found: list[tuple[str, str]] = []
        for start in range(0, len(ids), SQL_VARIABLES):
            chunk = list(ids[start : start + SQL_VARIABLES])
            marks = ",".join("?" * len(chunk))
            query = f"SELECT day, id FROM documents WHERE id IN ({marks})"
            found.extend((str(day), str(i)) for day, i in self.db.execute(query, chunk))
        return [article_id for _, article_id in sorted(found)]

    def partners_of(self, article_id: str) -> set[str]:
        """Ids of the articles a stored copy relation links with ``article_id``."""
        query = (
            "SELECT target FROM copies WHERE source = ? "
            "UNION SELECT source FROM copies WHERE target = ?"
        )
        return {str(r[0]) for r in self.db.execute(query, (article_id, article_id))}

    def origins_of(self, article_id: str) -> set[str]:
        """Ids of the stored articles ``article_id`` is a near-duplicate copy of."""
        query = "SELECT source FROM copies WHERE target = ? AND near = 1"
        return {str(r[0]) for r in self.db.execute(query, (article_id,))}

    def article(self, article_id: str) -> Article:
        row = self.db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM documents WHERE id = ?", (article_id,)
        )
        found = row.fetchone()
        if found is None:
            raise KeyError(article_id)
        return _article(found)

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles by date (undated last), or those of ``ids`` in that order."""
        if ids is None:
            query = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM documents ORDER BY day, id")
            yield from (_article(r) for r in query)
            return
        for article_id in ids:
            yield self.article(article_id)

    def rows(self) -> Iterator[Row]:
        """Clustering rows in the order of the online pass: by date, undated last, then id."""
        query = self.db.execute(
            "SELECT id, day, outlet, title, dense, terms, names FROM documents ORDER BY day, id"
        )
        for r in query:
            try:
                yield Row(
                    r[0],
                    None if r[1] == UNDATED else dt.date.fromisoformat(r[1]),
                    r[2],
                    r[3],
                    np.frombuffer(r[4], dtype=np.float32),
                    tuple((t, n) for t, n in json.loads(r[5])),
                    tuple((t, n) for t, n in json.loads(r[6])),
                )
            except (ValueError, TypeError) as exc:
                raise StateError(f"damaged index: article {r[0]!r} cannot be read ({exc})") from exc

    def frequencies(self) -> dict[str, int]:
        return {str(k): int(n) for k, n in self.db.execute("SELECT term, n FROM frequencies")}

    def has_undated(self) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE day = ? LIMIT 1", (UNDATED,))
        return row.fetchone() is not None

    def add_copies(self, relations: Iterable[CopyRelation]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO copies VALUES (?, ?, ?, ?, ?)",
            (
                (
                    r.source,
                    r.target,
                    r.shared_chars,
                    int(r.near_duplicate),
                    json.dumps(
                        [
                            [s.source_start, s.source_end, s.target_start, s.target_end]
                            for s in r.spans
                        ]
                    ),
                )
                for r in relations
            ),
        )
        self._commit("copies")

    def copies(self) -> Iterator[CopyRelation]:
        query = self.db.execute("SELECT * FROM copies ORDER BY source, target")
        for source, target, shared, near, spans in query:
            yield CopyRelation(
                source,
                target,
                shared,
                tuple(SharedSpan(*s) for s in json.loads(spans)),
                near_duplicate=bool(near),
            )

    def assignment(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT doc, story FROM assignment").fetchall())

    def save_assignment(self, assignment: dict[str, str]) -> None:
        self.db.execute("DELETE FROM assignment")
        self.db.executemany("INSERT INTO assignment VALUES (?, ?)", assignment.items())
        self._commit("assignment")

    def merge(self, other: CorpusIndex) -> list[str]:
        """Add ``other``'s articles, features and copies; return the ids it added."""
        self.db.execute("ATTACH DATABASE ? AS other", (str(other.path),))
        try:
            return self._merge_attached()
        finally:
            self.db.commit()
            self.db.execute("DETACH DATABASE other")

    def _merge_attached(self) -> list[str]:
        clash = self.db.execute(
            "SELECT o.id FROM other.documents AS o JOIN documents AS d ON d.id = o.id "
            "WHERE d.digest != o.digest LIMIT 1"
        ).fetchone()
        if clash is not None:
            raise StateError(f"cannot merge: id {clash[0]!r} names different articles")
        new = [
            str(r[0])
            for r in self.db.execute(
                "SELECT id FROM other.documents "
                "WHERE id NOT IN (SELECT id FROM documents) ORDER BY n"
            )
        ]
        for article_id in new:
            self._copy_document(article_id)
        self.db.execute("INSERT OR IGNORE INTO copies SELECT * FROM other.copies")
        return new

    def _copy_document(self, article_id: str) -> None:
        row = self.db.execute(
            "SELECT * FROM other.documents WHERE id = ?", (article_id,)
        ).fetchone()
        cursor = self.db.execute(
            "INSERT INTO documents VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row[1:],
        )
        bands = np.frombuffer(row[-1], dtype=np.int64)
        self.db.executemany(
            "INSERT INTO bands VALUES (?, ?)", ((int(k), cursor.lastrowid) for k in bands)
        )
        terms = json.loads(row[-3])
        names = json.loads(row[-2])
        self.db.executemany(
            "INSERT INTO frequencies VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET n = n + 1",
            [(f"t:{t}",) for t, _ in terms] + [(f"n:{n}",) for n, _ in names],
        )


ARTICLE_COLUMNS = "id, source, text, title, outlet, day, url, author, format, headings"


def _document_row(article: Article, feats: ArticleFeatures) -> tuple[object, ...]:
    return (
        article.id,
        digest(article),
        article.published.isoformat() if article.published else UNDATED,
        article.outlet,
        article.title,
        article.source,
        article.url,
        article.author,
        article.input_format,
        json.dumps(list(article.headings)),
        zlib.compress(article.text.encode("utf-8")),
        np.asarray(feats.dense, dtype=np.float32).tobytes(),
        json.dumps(feats.terms),
        json.dumps(feats.names),
        np.array(sorted(feats.bands), dtype=np.int64).tobytes(),
    )


def _article(row: tuple[object, ...]) -> Article:
    try:
        return _decode_article(row)
    except (ValueError, TypeError, zlib.error) as exc:
        raise StateError(f"damaged index: article {row[0]!r} cannot be read ({exc})") from exc


def _decode_article(row: tuple[object, ...]) -> Article:
    ident, source, text, title, outlet, day, url, author, fmt, headings = row
    if not isinstance(text, bytes):
        raise TypeError("stored text is not a blob")
    return Article(
        id=str(ident),
        source=str(source),
        text=zlib.decompress(text).decode("utf-8"),
        title=None if title is None else str(title),
        outlet=None if outlet is None else str(outlet),
        published=None if day == UNDATED else dt.date.fromisoformat(str(day)),
        url=None if url is None else str(url),
        author=None if author is None else str(author),
        input_format=str(fmt),
        headings=tuple(json.loads(str(headings))),
    )


def _lock_folder(folder: Path) -> IO[bytes]:
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


def _check_integrity(db: sqlite3.Connection, path: Path) -> None:
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


def _check_format(path: Path, stored: str | None) -> None:
    """Refuse an index of another format version, saying which is newer."""
    if stored == FORMAT_VERSION:
        return
    try:
        newer = stored is not None and int(stored) > int(FORMAT_VERSION)
    except ValueError:
        newer = False
    if newer:
        raise StateError(
            f"{path}: made by a newer newsweave (index format {stored}, this version reads "
            f"{FORMAT_VERSION}); upgrade newsweave or use a new --state folder"
        )
    raise StateError(
        f"{path}: index format {stored or 'unknown'} is not this version's ({FORMAT_VERSION}); "
        "use a new --state folder"
    )


def fault_point(point: str) -> None:
    """The fault-injection hook (``FAULT_ENV``): end the process at ``point`` when asked."""
    wanted = os.environ.get(FAULT_ENV)
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name != point:
        return
    _FAULT_COUNTS[point] = _FAULT_COUNTS.get(point, 0) + 1
    if _FAULT_COUNTS[point] == int(nth or 1):
        import multiprocessing

        for child in multiprocessing.active_children():  # a crash takes its workers along
            child.kill()
        os._exit(FAULT_EXIT)


_FAULT_COUNTS: dict[str, int] = {}


def digest(article: Article) -> str:
    """What identifies an article's content: the same id and digest is the same article."""
    import hashlib

    key = "\0".join(
        (article.text, article.title or "", article.outlet or "", str(article.published))
    )
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


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
