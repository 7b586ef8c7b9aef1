"""The store's tables, their version, and the migrations that bring an older store up to it.

Tables a person can query (psql, sqlite3, Datasette): ``articles`` (a view: readable text,
story), ``stories``, ``facts``, ``claims``, ``conflicts``, ``copies``. The rest serve the
pipeline: ``documents`` (articles with their features), ``bands`` (LSH keys), ``frequencies``
(document frequencies of terms and names), ``assignment`` (article to story), ``meta``.
docs/store.md describes each column.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from newsweave.errors import StateError
from newsweave.store.database import Database

# Bumped whenever a table changes meaning; ``MIGRATIONS`` brings each older version up.
# 1: the first index (texts as zlib blobs, no stories, facts or claims tables).
# 2: readable texts, the ``articles`` view, stories with precomputed briefs, facts, claims,
#    conflicts.
# 3: story threads: ``stories.thread`` and the ``threads`` table.
# 4: ``stories.has_brief``, so that listing stories never reads their briefs.
FORMAT_VERSION = 4
# Date that sorts undated articles after every dated one.
UNDATED = "9999-12-31"

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    n {serial}, id TEXT UNIQUE NOT NULL, digest TEXT NOT NULL,
    day TEXT NOT NULL, outlet TEXT, title TEXT, source TEXT NOT NULL, url TEXT, author TEXT,
    format TEXT NOT NULL, headings TEXT NOT NULL, text TEXT NOT NULL,
    dense {blob} NOT NULL, terms TEXT NOT NULL, names TEXT NOT NULL, bands {blob} NOT NULL);
CREATE INDEX IF NOT EXISTS documents_by_day ON documents (day, id);
CREATE INDEX IF NOT EXISTS documents_by_outlet ON documents (outlet);
CREATE TABLE IF NOT EXISTS bands (key {bigint} NOT NULL, doc {bigint} NOT NULL);
CREATE INDEX IF NOT EXISTS bands_by_key ON bands (key);
CREATE TABLE IF NOT EXISTS copies (
    source TEXT NOT NULL, target TEXT NOT NULL, shared INTEGER NOT NULL,
    near INTEGER NOT NULL, spans TEXT NOT NULL, PRIMARY KEY (source, target));
CREATE INDEX IF NOT EXISTS copies_by_target ON copies (target);
CREATE TABLE IF NOT EXISTS frequencies (term TEXT PRIMARY KEY, n {bigint} NOT NULL);
CREATE TABLE IF NOT EXISTS assignment (doc TEXT PRIMARY KEY, story TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS assignment_by_story ON assignment (story);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, start_day TEXT, end_day TEXT,
    articles INTEGER NOT NULL, outlets TEXT NOT NULL, members TEXT NOT NULL,
    facts INTEGER NOT NULL DEFAULT 0, established INTEGER NOT NULL DEFAULT 0,
    disagreements INTEGER NOT NULL DEFAULT 0, search TEXT NOT NULL, brief TEXT, thread TEXT,
    has_brief INTEGER NOT NULL DEFAULT 0);
{thread_index}
CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, start_day TEXT, end_day TEXT,
    stories INTEGER NOT NULL, articles INTEGER NOT NULL, outlets TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (
    story TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
    outlet_count INTEGER NOT NULL, story_outlets INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL, attributed_to TEXT, PRIMARY KEY (story, id));
CREATE TABLE IF NOT EXISTS claims (
    story TEXT NOT NULL, id TEXT NOT NULL, fact TEXT, article TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
    statement TEXT NOT NULL, PRIMARY KEY (story, id));
CREATE TABLE IF NOT EXISTS conflicts (
    story TEXT NOT NULL, fact TEXT NOT NULL, number INTEGER NOT NULL, relation TEXT NOT NULL,
    slot TEXT NOT NULL, summary TEXT NOT NULL, sides TEXT NOT NULL,
    PRIMARY KEY (story, fact, number));
"""

THREAD_INDEX = "CREATE INDEX IF NOT EXISTS stories_by_thread ON stories (thread);"
# The stories columns formats 3 and 4 added (migrations from older formats add them in turn).
LATER_STORY_COLUMNS = ", thread TEXT,\n    has_brief INTEGER NOT NULL DEFAULT 0)"
TABLES = TABLES.replace("{thread_index}", THREAD_INDEX)

VIEWS = f"""
CREATE VIEW articles AS
    SELECT d.id, d.title, d.outlet,
           CASE WHEN d.day = '{UNDATED}' THEN NULL ELSE d.day END AS published,
           d.url, d.author, d.source, d.format, d.text, a.story
    FROM documents AS d LEFT JOIN assignment AS a ON a.doc = d.id;
"""


def create_or_migrate(db: Database, settings: dict[str, str]) -> None:
    """Create the tables of a new store, or bring an older one up to ``FORMAT_VERSION``;
    refuse a store of a newer version or other ``settings`` with one line."""
    db.script("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    stored = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}
    version = stored_version(db, stored.get("format"))
    if version is None:
        db.script(TABLES)
        db.script(VIEWS)
        rows = {"format": str(FORMAT_VERSION), **settings}
        db.executemany("INSERT INTO meta VALUES (?, ?)", rows.items())
        db.commit()
        return
    while version < FORMAT_VERSION:
        MIGRATIONS[version](db)
        version += 1
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (str(version),))
        db.commit()
    changed = sorted(k for k in settings if stored.get(k) != settings[k])
    if changed:
        raise StateError(
            f"{db.where}: built with other settings ({', '.join(changed)}); "
            "use a new --state folder"
        )


def stored_version(db: Database, stored: str | None) -> int | None:
    """The stored format version (None: a new store); a newer or unknown one is refused."""
    if stored is None:
        return None
    try:
        version = int(stored)
    except ValueError:
        version = -1
    if version > FORMAT_VERSION:
        raise StateError(
            f"{db.where}: made by a newer newsweave (store format {stored}, this version reads "
            f"up to {FORMAT_VERSION}); upgrade newsweave or use a new --state folder"
        )
    if version < 1:
        raise StateError(
            f"{db.where}: store format {stored!r} is unknown; use a new --state folder"
        )
    return version


def _from_1(db: Database) -> None:
    """Version 1 kept texts as zlib blobs and had no stories, facts or claims tables."""
    version_2 = TABLES.replace(LATER_STORY_COLUMNS, ")")
    db.script(version_2.replace(THREAD_INDEX, ""))
    texts = [(int(n), bytes(blob)) for n, blob in db.execute("SELECT n, text FROM documents")]
    db.executemany(
        "UPDATE documents SET text = ? WHERE n = ?",
        ((zlib.decompress(blob).decode("utf-8"), n) for n, blob in texts),
    )
    db.script(VIEWS)


def _from_2(db: Database) -> None:
    """Version 2 had no story threads."""
    db.script("ALTER TABLE stories ADD COLUMN thread TEXT")
    db.script(TABLES.replace(LATER_STORY_COLUMNS, ", thread TEXT)"))


def _from_3(db: Database) -> None:
    """Version 3 told a story with a brief by its brief alone (reading it)."""
    db.script("ALTER TABLE stories ADD COLUMN has_brief INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE stories SET has_brief = 1 WHERE brief IS NOT NULL")


MIGRATIONS: dict[int, Callable[[Database], None]] = {1: _from_1, 2: _from_2, 3: _from_3}
