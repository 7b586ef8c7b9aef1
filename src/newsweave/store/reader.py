"""Read access to a store, for the web app, the HTTP API and other tools.

A ``SQLReader`` opens one read-only connection per thread (the web server answers requests
from a thread pool), never takes the writer's lock, and so reads on while ``update`` writes:
SQLite in WAL mode and PostgreSQL both show readers the last committed state.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Any

from newsweave.errors import StateError
from newsweave.store.database import Database
from newsweave.store.records import (
    PAGE_LIMIT_MAX,
    ArticleRecord,
    ArticleSummary,
    CopyLink,
    OutletRecord,
    StoryPage,
    StoryQuery,
    StorySummary,
)
from newsweave.store.schema import FORMAT_VERSION, stored_version

# Words of a story search used at most (each one narrows the search).
SEARCH_WORDS_MAX = 12
STORY_COLUMNS = (
    "id, title, start_day, end_day, articles, outlets, facts, established, disagreements, "
    "has_brief, thread"
)
# Facts an outlet's page lists as reported by that outlet alone, at most.
ONLY_HERE_MAX = 200


class SQLReader:
    """A ``StoreReader`` over the store's tables (``store.api.StoreReader``)."""

    def __init__(self, connect: Callable[[], Database]) -> None:
        self._connect = connect
        self._local = threading.local()
        self._opened: list[Database] = []
        self._guard = threading.Lock()
        self._check_version(self._db())

    def _db(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = self._connect()
            self._local.db = db
            with self._guard:
                self._opened.append(db)
        return db

    def _check_version(self, db: Database) -> None:
        try:
            found = db.one("SELECT value FROM meta WHERE key = 'format'")
        except Exception as exc:  # a database without our tables: either driver's error
            raise StateError(f"{db.where}: not a newsweave store ({exc})") from exc
        version = stored_version(db, None if found is None else str(found[0]))
        if version != FORMAT_VERSION:
            raise StateError(
                f"{db.where}: store format {version or 'unknown'} is older than this "
                f"version's ({FORMAT_VERSION}); update it once (`newsweave cluster --state` or "
                "`--db`) to migrate it"
            )

    def close(self) -> None:
        with self._guard:
            for db in self._opened:
                db.close()
            self._opened.clear()

    def story_page(self, query: StoryQuery) -> StoryPage:
        where, params = _story_filter(query)
        db = self._db()
        total = db.one(f"SELECT COUNT(*) FROM stories AS s WHERE {where}", params)
        order = (
            "COALESCE(s.end_day, '') DESC, s.articles DESC, s.id"
            if query.sort == "recent"
            else "s.articles DESC, COALESCE(s.end_day, '') DESC, s.id"
        )
        limit = max(0, min(query.limit, PAGE_LIMIT_MAX))
        rows = db.execute(
            f"SELECT {STORY_COLUMNS} FROM stories AS s WHERE {where} ORDER BY {order} "
            "LIMIT ? OFFSET ?",
            [*params, limit, max(0, query.offset)],
        )
        return StoryPage(int(total[0]) if total else 0, tuple(_summary(r) for r in rows))

    def story(self, story_id: str) -> StorySummary | None:
        found = self._db().one(f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,))
        return None if found is None else _summary(found)

    def brief(self, story_id: str) -> dict[str, Any] | None:
        found = self._db().one("SELECT brief FROM stories WHERE id = ?", (story_id,))
        if found is None or found[0] is None:
            return None
        brief: dict[str, Any] = json.loads(str(found[0]))
        return brief

    def brief_json(self, story_id: str) -> str | None:
        """The story's precomputed brief as stored (brief JSON text), or None: for callers
        that pass it on without reading it."""
        found = self._db().one("SELECT brief FROM stories WHERE id = ?", (story_id,))
        return None if found is None or found[0] is None else str(found[0])

    def story_articles(self, story_id: str) -> tuple[ArticleSummary, ...]:
        """The story's articles, earliest first (undated last)."""
        rows = self._db().execute(
            "SELECT id, title, outlet, published, url FROM articles WHERE story = ? "
            "ORDER BY COALESCE(published, '9999-12-31'), id",
            (story_id,),
        )
        return tuple(ArticleSummary(str(i), t, o, _date(p), u) for i, t, o, p, u in rows)

    def article(self, article_id: str) -> ArticleRecord | None:
        db = self._db()
        found = db.one(
            "SELECT id, title, outlet, published, url, author, text, story FROM articles "
            "WHERE id = ?",
            (article_id,),
        )
        if found is None:
            return None
        ident, title, outlet, published, url, author, text, story = found
        return ArticleRecord(
            str(ident),
            title,
            outlet,
            _date(published),
            url,
            author,
            str(text),
            story,
            self._links("source", "target", article_id),
            self._links("target", "source", article_id),
        )

    def _links(self, other: str, me: str, article_id: str) -> tuple[CopyLink, ...]:
        rows = self._db().execute(
            f"SELECT c.{other}, d.outlet, c.shared, c.near FROM copies AS c "
            f"JOIN documents AS d ON d.id = c.{other} WHERE c.{me} = ? ORDER BY c.{other}",
            (article_id,),
        )
        return tuple(CopyLink(str(a), o, int(s), bool(n)) for a, o, s, n in rows)

    def outlet(self, name: str) -> OutletRecord | None:
        db = self._db()
        articles = tuple(
            (str(i), t, _date(p))
            for i, t, p in db.execute(
                "SELECT id, title, published FROM articles WHERE outlet = ? "
                "ORDER BY COALESCE(published, '9999-12-31'), id",
                (name,),
            )
        )
        if not articles:
            return None
        stories = tuple(
            str(s)
            for (s,) in db.execute(
                "SELECT a.story FROM assignment AS a JOIN documents AS d ON d.id = a.doc "
                "JOIN stories AS s ON s.id = a.story WHERE d.outlet = ? "
                "GROUP BY a.story, s.articles ORDER BY s.articles DESC, a.story",
                (name,),
            )
        )
        return OutletRecord(
            name,
            articles,
            stories,
            self._only_here(name),
            self._copy_outlets(name, "target", "source"),
            self._copy_outlets(name, "source", "target"),
        )

    def _only_here(self, name: str) -> tuple[dict[str, Any], ...]:
        rows = self._db().execute(
            "SELECT f.story, f.id, f.text FROM facts AS f "
            "WHERE f.outlet_count = 1 AND EXISTS (SELECT 1 FROM claims AS c "
            "JOIN documents AS d ON d.id = c.article "
            "WHERE c.story = f.story AND c.fact = f.id AND d.outlet = ?) "
            "ORDER BY f.story, f.id LIMIT ?",
            (name, ONLY_HERE_MAX),
        )
        return tuple({"story": s, "fact": i, "text": t} for s, i, t in rows)

    def _copy_outlets(self, name: str, mine: str, theirs: str) -> tuple[tuple[str, int], ...]:
        """Outlets whose articles ours copy (``mine`` = target) or that copy ours."""
        rows = self._db().execute(
            f"SELECT o.outlet, COUNT(DISTINCT c.{mine}) FROM copies AS c "
            f"JOIN documents AS m ON m.id = c.{mine} JOIN documents AS o ON o.id = c.{theirs} "
            "WHERE m.outlet = ? AND o.outlet IS NOT NULL AND o.outlet != m.outlet "
            f"GROUP BY o.outlet ORDER BY COUNT(DISTINCT c.{mine}) DESC, o.outlet",
            (name,),
        )
        return tuple((str(o), int(n)) for o, n in rows)

    def outlets(self) -> list[tuple[str, int]]:
        rows = self._db().execute(
            "SELECT outlet, COUNT(*) FROM documents WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
        )
        return [(str(o), int(n)) for o, n in rows]


def _story_filter(query: StoryQuery) -> tuple[str, list[object]]:
    """The WHERE clause (over ``stories AS s``) and its parameters for ``query``."""
    clauses, params = ["1 = 1"], list[object]()
    for word in query.text.casefold().split()[:SEARCH_WORDS_MAX]:
        clauses.append("s.search LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(word)}%")
    if query.outlet:
        clauses.append(
            "EXISTS (SELECT 1 FROM assignment AS a JOIN documents AS d ON d.id = a.doc "
            "WHERE a.story = s.id AND d.outlet = ?)"
        )
        params.append(query.outlet)
    if query.since is not None:
        clauses.append("COALESCE(s.end_day, s.start_day) >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        clauses.append("COALESCE(s.start_day, s.end_day) <= ?")
        params.append(query.until.isoformat())
    if query.disagreements:
        clauses.append("s.disagreements > 0")
    if query.thread:
        clauses.append("s.thread = ?")
        params.append(query.thread)
    return " AND ".join(clauses), params


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _summary(row: tuple[Any, ...]) -> StorySummary:
    ident, title, start, end, articles, outlets, facts, established, disagreements, has = row[:10]
    return StorySummary(
        str(ident),
        str(title),
        _date(start),
        _date(end),
        int(articles),
        tuple(json.loads(str(outlets))),
        int(facts),
        int(established),
        int(disagreements),
        bool(has),
        row[10],
    )


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
