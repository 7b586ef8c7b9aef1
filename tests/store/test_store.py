"""One test body for both store backends (SQLite and PostgreSQL): what ``update`` writes and
what ``open_reader`` gives back, on the invented collection of tests/corpus."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.api import brief_of
from newsweave.corpus.api import open_index
from newsweave.errors import StateError
from newsweave.ingest import ReadResult
from newsweave.model import Article
from newsweave.render.json_out import brief_to_dict
from newsweave.store import StoreReader, UpdateOptions, open_reader, update
from newsweave.store.database import INDEX_FILE, open_database
from newsweave.store.records import StoryQuery
from tests.corpus.collection import collection
from tests.store.backends import BACKENDS, store_location

OPTIONS = UpdateOptions(workers=1)
LATE = "strike-day2"  # added by a second update, to an existing story


def first_wave() -> list[Article]:
    return [a for a in collection() if a.id != LATE]


@pytest.fixture(scope="module", params=BACKENDS)
def location(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str | Path]:
    with store_location(request.param, tmp_path_factory.mktemp(request.param)) as where:
        update(where, first_wave(), OPTIONS)
        yield where


@pytest.fixture(scope="module")
def reader(location: str | Path) -> Iterator[StoreReader]:
    found = open_reader(location)
    yield found
    found.close()


def story_of(reader: StoreReader, article_id: str) -> str:
    record = reader.article(article_id)
    assert record is not None and record.story is not None
    return record.story


def test_stories_are_listed_with_their_counts_and_briefs(reader: StoreReader) -> None:
    page = reader.story_page(StoryQuery(sort="size"))
    assert page.total == len(page.stories) == 5
    strike = page.stories[0]
    assert strike.id == story_of(reader, "strike-wire")
    assert strike.articles == 3 and strike.title
    assert set(strike.outlets) == {"Continental Press Agency", "Eastgate Daily", "Harbor Gazette"}
    assert strike.start == strike.end == dt.date(2026, 3, 2) or strike.end == dt.date(2026, 3, 3)
    assert all(s.has_brief and s.facts > 0 for s in page.stories)
    assert strike.established >= 1  # the reprint counts once, the Gazette's own report twice


def test_search_filters_and_sorting(reader: StoreReader) -> None:
    def ids(**query: object) -> list[str]:
        return [s.id for s in reader.story_page(StoryQuery(**query)).stories]  # type: ignore[arg-type]

    strike, flood = story_of(reader, "strike-wire"), story_of(reader, "flood-a")
    assert ids(text="kessin") == [strike]
    assert ids(text="KESSIN dockers") == [strike]
    assert ids(text="kessin orsa") == []  # every word must match
    assert ids(text="50%_") == []  # LIKE wildcards are matched literally
    assert set(ids(outlet="Valley Courier")) == {flood}
    assert ids(outlet="No Such Outlet") == []
    summit2 = story_of(reader, "summit2-a")
    assert ids(since=dt.date(2026, 4, 1)) == [summit2]
    assert summit2 not in ids(until=dt.date(2026, 3, 31))
    assert ids(sort="recent")[0] == summit2
    assert ids(sort="size")[0] == strike
    assert len(ids(limit=2)) == 2 and ids(limit=2, offset=2) == ids()[2:4]
    assert reader.story_page(StoryQuery(limit=2)).total == 5
    flagged = ids(disagreements=True)
    assert all(reader.story(s).disagreements > 0 for s in flagged)  # type: ignore[union-attr]


def test_articles_with_their_copies_and_readable_text(reader: StoreReader) -> None:
    wire = reader.article("strike-wire")
    reprint = reader.article("strike-reprint")
    assert wire is not None and reprint is not None
    assert "Dock workers at the port of Kessin walked off" in wire.text
    assert [c.article for c in reprint.copies_of] == ["strike-wire"]
    assert reprint.copies_of[0].near_duplicate and reprint.copies_of[0].shared_chars > 500
    assert [c.article for c in wire.copied_by] == ["strike-reprint"]
    assert wire.published == dt.date(2026, 3, 2) and wire.outlet == "Continental Press Agency"
    assert reader.article("no-such-article") is None


def test_outlet_records(reader: StoreReader) -> None:
    eastgate = reader.outlet("Eastgate Daily")
    assert eastgate is not None
    assert [a[0] for a in eastgate.articles] == ["strike-reprint"]
    assert eastgate.copies_from == (("Continental Press Agency", 1),)
    wire = reader.outlet("Continental Press Agency")
    assert wire is not None and wire.copied_by == (("Eastgate Daily", 1),)
    gazette = reader.outlet("Harbor Gazette")
    assert gazette is not None and len(gazette.stories) == 3
    assert gazette.only_here and all(f["text"] for f in gazette.only_here)
    assert reader.outlet("Nobody") is None
    assert dict(reader.outlets())["Atlas Review"] == 2


def test_the_stored_brief_is_the_brief_of_the_story_articles(
    location: str | Path, reader: StoreReader
) -> None:
    """One spine: a story's precomputed brief equals ``brief`` over that story's articles."""
    story = story_of(reader, "strike-wire")
    stored = reader.brief(story)
    assert stored is not None
    members = sorted((a for a in first_wave() if a.id.startswith("strike")), key=lambda a: a.id)
    direct = brief_to_dict(brief_of(ReadResult(tuple(members), ())))
    assert json.dumps(stored, sort_keys=True) == json.dumps(direct, sort_keys=True)


def test_tables_a_person_can_query(location: str | Path) -> None:
    db = open_database(location, write=False)
    try:
        text = db.one("SELECT text, story FROM articles WHERE id = ?", ("flood-b",))
        assert text is not None and "Orsa" in str(text[0]) and text[1]
        facts = db.one("SELECT COUNT(*) FROM facts")
        claims = db.one("SELECT COUNT(*) FROM claims WHERE fact IS NOT NULL")
        assert facts and claims and facts[0] > 0 and claims[0] >= facts[0]
        assert db.one("SELECT COUNT(*) FROM copies") == (1,)
    finally:
        db.close()


def test_a_second_writer_stops_with_one_line(location: str | Path) -> None:
    with open_index(location), pytest.raises(StateError, match="in use by another newsweave"):
        update(location, [], OPTIONS)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_update_adds_to_a_story_and_recomputes_only_its_brief(
    tmp_path: Path, backend: str
) -> None:
    with store_location(backend, tmp_path) as where:
        update(where, first_wave(), OPTIONS)
        reader = open_reader(where)
        before = {s.id: reader.brief(s.id) for s in reader.story_page(StoryQuery()).stories}
        # readers go on reading while the writer works
        seen: list[int] = []
        watcher = threading.Thread(
            target=lambda: seen.extend(reader.story_page(StoryQuery()).total for _ in range(20))
        )
        watcher.start()
        late = [a for a in collection() if a.id == LATE]
        result = update(where, [*late, *first_wave()], OPTIONS)
        watcher.join()
        assert (result.added, result.known) == (1, 10)
        strike = story_of(reader, "strike-wire")
        assert result.stories == (strike,)
        after = {s.id: reader.brief(s.id) for s in reader.story_page(StoryQuery()).stories}
        assert set(after) == set(before) and set(seen) == {5}
        assert [i for i in after if after[i] != before[i]] == [strike]
        assert LATE in {d["id"] for d in after[strike]["documents"]}  # type: ignore[index]
        reader.close()


def test_a_store_of_a_newer_format_is_refused(tmp_path: Path) -> None:
    update(tmp_path, [collection()[0]], UpdateOptions(workers=1, briefs=False))
    db = open_database(tmp_path)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="made by a newer newsweave"):
        open_reader(tmp_path)
    with pytest.raises(StateError, match="made by a newer newsweave"):
        update(tmp_path, [], OPTIONS)


def test_a_missing_store_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="no newsweave store here"):
        open_reader(tmp_path / "nothing")


def test_a_format_1_index_is_migrated_on_open(tmp_path: Path) -> None:
    """Format 1 kept texts as zlib blobs and had no stories, facts or claims tables."""
    update(tmp_path, first_wave(), UpdateOptions(workers=1, briefs=False))
    db = sqlite3.connect(tmp_path / INDEX_FILE)
    db.execute("DROP VIEW articles")
    for table in ("stories", "facts", "claims", "conflicts"):
        db.execute(f"DROP TABLE {table}")
    texts = db.execute("SELECT n, text FROM documents").fetchall()
    db.executemany(
        "UPDATE documents SET text = ? WHERE n = ?",
        [(zlib.compress(t.encode("utf-8")), n) for n, t in texts],
    )
    db.execute("UPDATE meta SET value = '1' WHERE key = 'format'")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="older than this version"):
        open_reader(tmp_path)
    result = update(tmp_path, first_wave(), OPTIONS)
    assert (result.added, result.known) == (0, 10)
    reader = open_reader(tmp_path)
    record = reader.article("flood-a")
    assert record is not None and record.text.startswith(first_wave()[1].text[:40])
    assert all(s.has_brief for s in reader.story_page(StoryQuery()).stories)
    reader.close()


def test_every_story_names_its_thread_and_threads_are_a_table(
    location: str | Path, reader: StoreReader
) -> None:
    stories = reader.story_page(StoryQuery()).stories
    assert all(s.thread and s.thread.startswith("t-") for s in stories)
    for thread in {s.thread for s in stories}:
        members = reader.story_page(StoryQuery(thread=thread)).stories
        assert {s.id for s in members} == {s.id for s in stories if s.thread == thread}
    db = open_database(location, write=False)
    try:
        rows = list(db.execute("SELECT id, stories, articles FROM threads"))
    finally:
        db.close()
    assert {r[0] for r in rows} == {s.thread for s in stories}
    assert sum(int(r[2]) for r in rows) == sum(s.articles for s in stories) == 10


def test_a_format_2_store_gains_threads_on_open(tmp_path: Path) -> None:
    update(tmp_path, first_wave(), UpdateOptions(workers=1, briefs=False))
    db = sqlite3.connect(tmp_path / INDEX_FILE)
    db.execute("DROP INDEX stories_by_thread")
    db.execute("ALTER TABLE stories DROP COLUMN thread")
    db.execute("ALTER TABLE stories DROP COLUMN has_brief")
    db.execute("DROP TABLE threads")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'format'")
    db.commit()
    db.close()
    update(tmp_path, [], UpdateOptions(workers=1, briefs=False))
    reader = open_reader(tmp_path)
    assert all(s.thread for s in reader.story_page(StoryQuery()).stories)
    reader.close()


def test_story_articles_and_the_brief_as_stored(reader: StoreReader) -> None:
    strike = story_of(reader, "strike-wire")
    listed = reader.story_articles(strike)
    assert [a.id for a in listed] == ["strike-own", "strike-wire", "strike-reprint"]
    assert listed[0].outlet == "Harbor Gazette" and listed[0].published == dt.date(2026, 3, 2)
    text = reader.brief_json(strike)
    assert text is not None and json.loads(text) == reader.brief(strike)
    assert reader.story_articles("s-none") == () and reader.brief_json("s-none") is None
