"""The published side of a store: stories, their precomputed briefs, facts, claims, conflicts.

``publish_stories`` writes the story pass's result (a story keeps its brief while its articles
stay the same); ``save_brief`` stores one story's brief (brief JSON, schema 2.0) and the rows
of its facts, claims and conflicts, so that readers never analyse anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from newsweave.model import Story
from newsweave.store.index import Store

# Relations of a disagreement that count as one in a story's "disagreements" (a progression,
# a figure rising as a story develops, is not one).
DISAGREEMENT_RELATIONS = frozenset({"contradict", "differ"})
# Facts supported by this many independent outlets count as established in the story list.
ESTABLISHED_SOURCES = 2


def members_key(documents: Sequence[str]) -> str:
    """What a story's brief depends on: its articles (their ids; an id names one content)."""
    joined = "\0".join(sorted(documents))
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()


def publish_stories(store: Store, stories: Iterable[Story]) -> None:
    """Replace the stories table by ``stories``; a story whose articles did not change keeps
    its brief, facts, claims and conflicts."""
    db = store.db
    kept = {
        str(i): str(k) for i, k in db.execute("SELECT id, members FROM stories WHERE has_brief = 1")
    }
    listed = list(stories)
    db.execute("DELETE FROM stories WHERE has_brief = 0")
    current = {s.id: members_key(s.documents) for s in listed}
    gone = [(i,) for i, key in kept.items() if current.get(i) != key]
    for table in ("stories", "facts", "claims", "conflicts"):
        column = "id" if table == "stories" else "story"
        db.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)
    still = {i for i, key in kept.items() if current.get(i) == key}
    db.executemany(
        "INSERT INTO stories (id, title, start_day, end_day, articles, outlets, members, search)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (_story_row(s, current[s.id]) for s in listed if s.id not in still),
    )
    db.executemany(
        "UPDATE stories SET thread = ? WHERE id = ?", ((s.thread or None, s.id) for s in listed)
    )
    _publish_threads(store, listed)
    store.commit_at("published")


def _publish_threads(store: Store, stories: list[Story]) -> None:
    """Replace the threads table by the threads of ``stories`` (``corpus.threads``)."""
    from newsweave.corpus.threads import threads_of

    store.db.execute("DELETE FROM threads")
    store.db.executemany(
        "INSERT INTO threads VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                t.id,
                t.title,
                t.start.isoformat() if t.start else None,
                t.end.isoformat() if t.end else None,
                len(t.stories),
                t.size,
                json.dumps(list(t.outlets), ensure_ascii=False),
            )
            for t in threads_of(stories)
        ),
    )


def _story_row(story: Story, key: str) -> tuple[object, ...]:
    return (
        story.id,
        story.title,
        story.start.isoformat() if story.start else None,
        story.end.isoformat() if story.end else None,
        len(story.documents),
        json.dumps(list(story.outlets), ensure_ascii=False),
        key,
        _search_text([story.title, *story.outlets]),
    )


def stories_without_brief(store: Store, max_articles: int) -> list[str]:
    """Ids of the stories of at most ``max_articles`` articles whose brief is not computed."""
    query = "SELECT id FROM stories WHERE has_brief = 0 AND articles <= ? ORDER BY id"
    return [str(r[0]) for r in store.db.execute(query, (max_articles,))]


def save_brief(store: Store, story_id: str, brief: dict[str, Any]) -> None:
    """Store ``brief`` (brief JSON) as story ``story_id``'s, with its facts, claims and
    conflicts as rows; one transaction."""
    db = store.db
    facts = brief.get("facts", [])
    disagreements = sum(
        1
        for fact in facts
        for d in fact.get("disagreements", [])
        if d.get("relation") in DISAGREEMENT_RELATIONS
    )
    established = sum(1 for f in facts if f["independent_sources"] >= ESTABLISHED_SOURCES)
    names = [e["name"] for e in brief.get("entities", [])]
    found = db.one("SELECT title, outlets FROM stories WHERE id = ?", (story_id,))
    if found is None:
        raise KeyError(story_id)
    search = _search_text([str(found[0]), *json.loads(str(found[1])), *names])
    with store.batch():
        for table in ("facts", "claims", "conflicts"):
            db.execute(f"DELETE FROM {table} WHERE story = ?", (story_id,))
        db.execute(
            "UPDATE stories SET brief = ?, has_brief = 1, facts = ?, established = ?, "
            "disagreements = ?, search = ? WHERE id = ?",
            (
                json.dumps(brief, ensure_ascii=False, sort_keys=True),
                len(facts),
                established,
                disagreements,
                search,
                story_id,
            ),
        )
        db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_fact_row(story_id, f) for f in facts),
        )
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_claim_row(story_id, c) for c in brief.get("claims", [])),
        )
        db.executemany(
            "INSERT INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    story_id,
                    f["id"],
                    n,
                    d["relation"],
                    d["slot"],
                    d["summary"],
                    json.dumps(d["sides"]),
                )
                for f in facts
                for n, d in enumerate(f.get("disagreements", []))
            ),
        )
        store.commit_at("published")


def _fact_row(story_id: str, fact: dict[str, Any]) -> tuple[object, ...]:
    return (
        story_id,
        fact["id"],
        fact["text"],
        fact["status"],
        fact["outlet_count"],
        fact["story_outlets"],
        fact["independent_sources"],
        fact.get("attributed_to"),
    )


def _claim_row(story_id: str, claim: dict[str, Any]) -> tuple[object, ...]:
    return (
        story_id,
        claim["id"],
        claim.get("fact") or None,
        claim["document"],
        claim["start"],
        claim["end"],
        claim["text"],
        claim["statement"],
    )


def _search_text(parts: Iterable[str]) -> str:
    """What a story search matches: its title, outlets and entity names, folded to lower case
    with single spaces, between spaces so that whole words can be matched."""
    return " " + " ".join(" ".join(parts).casefold().split()) + " "
