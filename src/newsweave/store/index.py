"""The store's index: articles, their features, LSH band keys and copy relations.

One ``Store`` runs on one ``Database`` (SQLite in a state folder, or PostgreSQL), so a
collection larger than memory streams through it. Stores built on separate partitions of a
collection merge into one (``merge``): the union of their rows, plus the copy relations across
them, which ``corpus.api`` verifies exactly as within one store, so merging is associative and
gives the store one run over everything would have built. The published side (stories, briefs,
facts, claims, conflicts) is ``store.published``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsweave.corpus.copies import boilerplate_key
from newsweave.corpus.features import ArticleFeatures
from newsweave.corpus.params import CopyParams
from newsweave.errors import StateError
from newsweave.model import Article, CopyRelation, SharedSpan
from newsweave.store.database import Database
from newsweave.store.schema import UNDATED, create_or_migrate

# Test hook: ``NEWSWEAVE_FAULT_AT=POINT[:N]`` ends the process (``os._exit``) the Nth time
# (default the first) the store reaches commit point POINT (``COMMIT_POINTS``), as a crash or
# a kill -9 would; the fault-injection tests rerun on the state left behind.
FAULT_ENV = "NEWSWEAVE_FAULT_AT"
FAULT_EXIT = 86
COMMIT_POINTS = ("documents", "copies", "commit", "assignment", "published")
# Values bound per SQL statement (SQLite's default limit is 32,766 since 3.32; older builds 999).
SQL_VARIABLES = 900

DOCUMENT_COLUMNS = (
    "id, digest, day, outlet, title, source, url, author, format, headings, text, "
    "dense, terms, names, bands"
)
ARTICLE_COLUMNS = "id, source, text, title, outlet, day, url, author, format, headings"
INSERT_DOCUMENT = (
    f"INSERT INTO documents ({DOCUMENT_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING n"
)
ADD_FREQUENCY = (
    "INSERT INTO frequencies VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = frequencies.n + ?"
)


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


class Store:
    """Articles, features, copies and stories of a collection in one database."""

    def __init__(self, db: Database, settings: dict[str, str]) -> None:
        self.db = db
        self.where = db.where
        self._deferred = 0  # open ``batch()`` blocks: their writes commit together
        try:
            create_or_migrate(db, settings)
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        """Close the store; writes of an unfinished ``batch()`` are rolled back."""
        self.db.close()

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
            self.commit_at("commit")

    def commit_at(self, point: str) -> None:
        """Commit unless inside ``batch()``; ``point`` names this commit point for the hook."""
        fault_point(point)
        if self._deferred == 0:
            self.db.commit()

    def __len__(self) -> int:
        found = self.db.one("SELECT COUNT(*) FROM documents")
        return int(found[0]) if found else 0

    def digest_of(self, article_id: str) -> str | None:
        found = self.db.one("SELECT digest FROM documents WHERE id = ?", (article_id,))
        return None if found is None else str(found[0])

    def add(self, articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> None:
        """Store ``articles`` (ids not yet in the store) with their features."""
        rows = (document_row(a, f) for a, f in zip(articles, features, strict=True))
        self._insert_documents(rows)
        self.commit_at("documents")

    def _insert_documents(self, rows: Iterable[Sequence[object]]) -> None:
        """``documents`` rows (``DOCUMENT_COLUMNS``) with their band keys, and the document
        frequencies of their terms and names (each table written in one statement)."""
        bands: list[tuple[int, int]] = []
        counts: Counter[str] = Counter()
        for row in rows:
            inserted = self.db.one(INSERT_DOCUMENT, row)
            number = int(inserted[0]) if inserted else 0
            keys = np.frombuffer(bytes(row[-1]), dtype=np.int64)  # type: ignore[call-overload]
            bands.extend((int(k), number) for k in keys)
            counts.update(f"t:{t}" for t, _ in json.loads(str(row[-3])))
            counts.update(f"n:{n}" for n, _ in json.loads(str(row[-2])))
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", bands)
        self.db.executemany(ADD_FREQUENCY, ((term, n, n) for term, n in sorted(counts.items())))

    def candidates(self, article_id: str, params: CopyParams) -> list[str]:
        """Ids of other articles sharing an LSH band key with ``article_id``, earliest first
        (by date, undated last, then id); boilerplate keys (``copies.boilerplate_key``) are
        ignored."""
        found = self.db.one("SELECT n, bands FROM documents WHERE id = ?", (article_id,))
        if found is None:
            raise KeyError(article_id)
        me, blob = found
        keys = [int(k) for k in np.frombuffer(bytes(blob), dtype=np.int64)]
        sharing: dict[int, list[int]] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for key, doc in self.db.execute(
                f"SELECT key, doc FROM bands WHERE key IN ({marks})", chunk
            ):
                sharing.setdefault(int(key), []).append(int(doc))
        shared = [members for members in sharing.values() if len(members) > 1]
        crowded = {d for m in shared if len(m) >= params.outlet_template_articles for d in m}
        outlets = self._by_number("outlet", crowded)  # only a crowded key can be boilerplate
        docs = {
            doc
            for members in shared
            if len(members) < params.outlet_template_articles
            or not boilerplate_key([outlets.get(d) for d in members], params)
            for doc in members
        } - {int(me)}
        days = self._by_number("day || ' ' || id", docs)
        return [str(key).split(" ", 1)[1] for key in sorted(str(v) for v in days.values())]

    def sharing(self, ids: Sequence[str], with_each_other: bool) -> set[str] | None:
        """Which of ``ids`` (the articles stored last) share an LSH band key with an article
        stored before them, or also with each other when ``with_each_other``: only those can
        have copy candidates. Each distinct key is looked up once, however many articles hold
        it (reprints share most of theirs); None when ``ids`` are not the last stored (then
        every one must be looked at)."""
        if not ids:
            return set()
        numbers = self._by_id("n", list(ids))
        first = min(int(n) for n in numbers.values())
        count = self.db.one("SELECT COUNT(*) FROM documents WHERE n >= ?", (first,))
        if count is None or int(count[0]) != len(ids):
            return None
        keys_of = {
            str(i): {int(k) for k in np.frombuffer(bytes(blob), dtype=np.int64)}
            for i, blob in self.db.execute("SELECT id, bands FROM documents WHERE n >= ?", (first,))
        }
        shared: set[int] = set()
        for chunk in _chunks(sorted(set().union(*keys_of.values()))):
            marks = ",".join("?" * len(chunk))
            query = (
                f"SELECT key FROM bands WHERE key IN ({marks}) GROUP BY key HAVING COUNT(*) > 1"
                if with_each_other
                else f"SELECT DISTINCT key FROM bands WHERE key IN ({marks}) AND doc < ?"
            )
            params = chunk if with_each_other else [*chunk, first]
            shared.update(int(r[0]) for r in self.db.execute(query, params))
        return {i for i, keys in keys_of.items() if keys & shared}

    def _by_id(self, column: str, ids: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, {column} FROM documents WHERE id IN ({marks})"
            found.update((str(i), v) for i, v in self.db.execute(query, chunk))
        return found

    def _by_number(self, column: str, numbers: set[int]) -> dict[int, str | None]:
        found: dict[int, str | None] = {}
        for chunk in _chunks(sorted(numbers)):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT n, {column} FROM documents WHERE n IN ({marks})"
            found.update((int(n), v) for n, v in self.db.execute(query, chunk))
        return found

    def in_date_order(self, ids: Sequence[str]) -> list[str]:
        """``ids`` (all stored) by date, undated last, then id."""
        found: list[tuple[str, str]] = []
        for chunk in _chunks(list(ids)):
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
        found = self.db.one(f"SELECT {ARTICLE_COLUMNS} FROM documents WHERE id = ?", (article_id,))
        if found is None:
            raise KeyError(article_id)
        return _article(found)

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles by date (undated last), or those of ``ids`` in that order."""
        if ids is None:
            query = f"SELECT {ARTICLE_COLUMNS} FROM documents ORDER BY day, id"
            yield from (_article(r) for r in self.db.execute(query))
            return
        for article_id in ids:
            yield self.article(article_id)

    def rows(self) -> Iterator[Row]:
        """Clustering rows in the order of the online pass: by date, undated last, then id."""
        query = "SELECT id, day, outlet, title, dense, terms, names FROM documents ORDER BY day, id"
        for r in self.db.execute(query):
            try:
                yield Row(
                    r[0],
                    None if r[1] == UNDATED else dt.date.fromisoformat(r[1]),
                    r[2],
                    r[3],
                    np.frombuffer(bytes(r[4]), dtype=np.float32),
                    tuple((t, n) for t, n in json.loads(r[5])),
                    tuple((t, n) for t, n in json.loads(r[6])),
                )
            except (ValueError, TypeError) as exc:
                raise StateError(f"damaged index: article {r[0]!r} cannot be read ({exc})") from exc

    def frequencies(self) -> dict[str, int]:
        return {str(k): int(n) for k, n in self.db.execute("SELECT term, n FROM frequencies")}

    def has_undated(self) -> bool:
        return self.db.one("SELECT 1 FROM documents WHERE day = ? LIMIT 1", (UNDATED,)) is not None

    def add_copies(self, relations: Iterable[CopyRelation]) -> None:
        self.db.executemany(
            "INSERT INTO copies VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (_copy_row(r) for r in relations),
        )
        self.commit_at("copies")

    def copies(self) -> Iterator[CopyRelation]:
        query = "SELECT source, target, shared, near, spans FROM copies ORDER BY source, target"
        for source, target, shared, near, spans in self.db.execute(query):
            yield CopyRelation(
                str(source),
                str(target),
                int(shared),
                tuple(SharedSpan(*s) for s in json.loads(spans)),
                near_duplicate=bool(near),
            )

    def assignment(self) -> dict[str, str]:
        return {str(d): str(s) for d, s in self.db.execute("SELECT doc, story FROM assignment")}

    def save_assignment(self, assignment: dict[str, str]) -> None:
        self.db.execute("DELETE FROM assignment")
        self.db.executemany("INSERT INTO assignment VALUES (?, ?)", sorted(assignment.items()))
        self.commit_at("assignment")

    def document_rows(self) -> Iterator[tuple[object, ...]]:
        """Every ``documents`` row (``DOCUMENT_COLUMNS``) in insertion order, for ``merge``."""
        yield from self.db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY n")

    def merge(self, other: Store) -> list[str]:
        """Add ``other``'s articles, features and copies (in the open transaction, see
        ``batch``); return the ids it added."""
        new: list[str] = []

        def unknown() -> Iterator[tuple[object, ...]]:
            for row in other.document_rows():
                article_id, key = str(row[0]), str(row[1])
                mine = self.digest_of(article_id)
                if mine is not None and mine != key:
                    raise StateError(f"cannot merge: id {article_id!r} names different articles")
                if mine is None:
                    new.append(article_id)
                    yield row

        self._insert_documents(unknown())
        self.add_copies(other.copies())
        return new


def document_row(article: Article, feats: ArticleFeatures) -> tuple[object, ...]:
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
        article.text,
        np.asarray(feats.dense, dtype=np.float32).tobytes(),
        json.dumps(feats.terms),
        json.dumps(feats.names),
        np.array(sorted(feats.bands), dtype=np.int64).tobytes(),
    )


def _copy_row(r: CopyRelation) -> tuple[object, ...]:
    spans = [[s.source_start, s.source_end, s.target_start, s.target_end] for s in r.spans]
    return (r.source, r.target, r.shared_chars, int(r.near_duplicate), json.dumps(spans))


def _article(row: tuple[object, ...]) -> Article:
    ident, source, text, title, outlet, day, url, author, fmt, headings = row
    try:
        return Article(
            id=str(ident),
            source=str(source),
            text=_text(text),
            title=None if title is None else str(title),
            outlet=None if outlet is None else str(outlet),
            published=None if day == UNDATED else dt.date.fromisoformat(str(day)),
            url=None if url is None else str(url),
            author=None if author is None else str(author),
            input_format=str(fmt),
            headings=tuple(json.loads(str(headings))),
        )
    except (ValueError, TypeError) as exc:
        raise StateError(f"damaged index: article {ident!r} cannot be read ({exc})") from exc


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("stored text is not text")
    return value


def _chunks(values: Sequence[int] | Sequence[str]) -> Iterator[list[object]]:
    for start in range(0, len(values), SQL_VARIABLES):
        yield list(values[start : start + SQL_VARIABLES])


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
    key = "\0".join(
        (article.text, article.title or "", article.outlet or "", str(article.published))
    )
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()
