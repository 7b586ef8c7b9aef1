"""Story threads: events joined over weeks, same-day events kept apart, no order effects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from itertools import groupby

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.corpus.api import cluster_articles, index_items, open_index
from newsweave.corpus.briefs import choose_stories
from newsweave.corpus.online import Weights, find_events
from newsweave.corpus.params import CopyParams, StoryParams
from newsweave.corpus.threads import LinkRule, Profile, link
from newsweave.errors import OptionsError
from newsweave.model import Story, StoryRun
from newsweave.render.stories import render_stories_text
from newsweave.render.stories_html import render_stories_html
from newsweave.render.stories_json import (
    check_story_references,
    stories_to_dict,
    stories_to_json,
    validate_stories_json,
)
from newsweave.store.index import Row
from tests.corpus.collection import GOLD, collection
from tests.corpus.thread_collection import EVENTS, THREADS, thread_collection


def events_of(run: StoryRun) -> set[frozenset[str]]:
    return {frozenset(s.documents) for s in run.stories}


def threads_of(run: StoryRun) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for story in run.stories:
        found.setdefault(story.thread, set()).update(story.documents)
    return {frozenset(docs) for docs in found.values()}


@pytest.fixture(scope="module")
def run() -> StoryRun:
    return cluster_articles(thread_collection())


def test_events_keep_their_tight_time_rules(run: StoryRun) -> None:
    assert events_of(run) == {frozenset(docs) for docs in EVENTS.values()}


def test_a_follow_up_weeks_later_joins_the_thread(run: StoryRun) -> None:
    assert threads_of(run) == {frozenset(docs) for docs in THREADS.values()}
    ferry = next(t for t in run.threads if len(t.stories) > 1)
    assert ferry.size == 5 and (ferry.end - ferry.start).days == 21  # type: ignore[operator]
    stories = {s.id: s for s in run.stories}
    firsts = [min(stories[i].documents) for i in ferry.stories]
    assert firsts == ["ferry-a", "ferry-c", "report-a"]
    assert ferry.id == "t-" + ferry.stories[0].removeprefix("s-")  # named after the earliest


def test_two_events_of_one_town_on_one_day_stay_apart(run: StoryRun) -> None:
    fire = next(s for s in run.stories if "fire-a" in s.documents)
    ferry = next(s for s in run.stories if "ferry-a" in s.documents)
    assert fire.start == ferry.start
    assert fire.id != ferry.id and fire.thread != ferry.thread


def test_summits_five_weeks_apart_are_two_stories_of_one_thread() -> None:
    found = cluster_articles(collection())
    assert events_of(found) == {frozenset(docs) for docs in GOLD.values()}
    summits = [s for s in found.stories if s.documents[0].startswith("summit")]
    assert len(summits) == 2 and summits[0].thread == summits[1].thread
    assert len(found.threads) == len(GOLD) - 1


# --- the agglomeration on hand-made profiles ------------------------------------------------

RULE = LinkRule(
    min_score=0.4,
    same_time_min_score=0.6,
    window_days=365,
    gap_penalty=0.0,
    single_min_score=0.4,
    dense_weight=0.4,
    terms_weight=0.4,
    names_weight=0.2,
    candidates=20,
)


def profile(day: int, unit: list[float], words: dict[str, float], days: int = 1) -> Profile:
    first = dt.date(2026, 1, 1) + dt.timedelta(days=day)
    vector = np.asarray(unit, dtype=np.float32)
    norm = sum(v * v for v in words.values()) ** 0.5
    words = {k: v / norm for k, v in words.items()}
    return Profile(
        vector / np.linalg.norm(vector), words, {}, first, first + dt.timedelta(days - 1), 2
    )


def test_a_pair_scoring_between_the_bars_joins_apart_in_time_but_not_on_one_day() -> None:
    a = profile(0, [1, 0], {"ferry": 1.0, "oskarholm": 1.0})
    b_same_day = profile(0, [0.6, 0.8], {"ferry": 1.0, "skerra": 1.0})
    b_weeks_later = dataclasses.replace(
        b_same_day, first=dt.date(2026, 1, 22), last=dt.date(2026, 1, 22)
    )
    # dense 0.6, words 0.5: score 0.44, above the bar (0.4), below the same-day bar (0.6)
    assert link([a, b_same_day], RULE) == [0, 1]
    assert link([a, b_weeks_later], RULE) == [0, 0]
    assert link([a, b_weeks_later], dataclasses.replace(RULE, window_days=14)) == [0, 1]


def test_weak_links_do_not_chain_unrelated_events() -> None:
    """a-b and b-c score enough, but the group {a, b} is too far from c."""
    a = profile(0, [1, 0, 0], {"x": 1.0, "y": 1.0})
    b = profile(20, [1, 1, 0], {"y": 1.0, "z": 1.0})
    c = profile(40, [0, 1, 0], {"z": 1.0, "w": 1.0})
    rule = dataclasses.replace(RULE, min_score=0.48)
    groups = link([a, b, c], rule)
    assert groups[0] == groups[1] != groups[2] or groups[1] == groups[2] != groups[0]


def test_undated_events_have_no_time_rules() -> None:
    a = dataclasses.replace(profile(0, [1, 0], {"ferry": 1.0}), first=None, last=None)
    b = dataclasses.replace(profile(300, [1, 0], {"ferry": 1.0}), first=None, last=None)
    assert link([a, b], RULE) == [0, 0]


# --- no order effects within a day ------------------------------------------------------------


@pytest.fixture(scope="module")
def rows_and_weights() -> tuple[list[Row], Weights]:
    with open_index(None) as index:
        index_items(index, [*collection(), *thread_collection()], CopyParams(), [])
        return list(index.rows()), Weights(index.frequencies(), len(index))


def partition(rows: list[Row], weights: Weights) -> tuple[set[frozenset[str]], ...]:
    events, threads = find_events(rows, weights, StoryParams())
    by_thread: dict[int, set[str]] = {}
    for event, thread in zip(events, threads, strict=True):
        by_thread.setdefault(thread, set()).update(event.members)
    return {frozenset(e.members) for e in events}, {frozenset(t) for t in by_thread.values()}


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffling_and_renaming_a_days_articles_changes_nothing(
    rows_and_weights: tuple[list[Row], Weights], seed: int
) -> None:
    rows, weights = rows_and_weights
    shuffler = random.Random(seed)
    renamed = {row.id: f"{shuffler.randrange(10**6):06d}-{row.id}" for row in rows}
    back = {new: old for old, new in renamed.items()}
    shuffled: list[Row] = []
    for _, day in groupby(rows, key=lambda row: row.published):
        group = [dataclasses.replace(row, id=renamed[row.id]) for row in day]
        shuffler.shuffle(group)
        shuffled += group
    events, threads = partition(shuffled, weights)
    restored = tuple({frozenset(back[d] for d in g) for g in level} for level in (events, threads))
    assert restored == partition(rows, weights)


def test_input_order_gives_byte_identical_json() -> None:
    articles = thread_collection()
    texts = []
    for order in (articles, articles[::-1], sorted(articles, key=lambda a: a.text)):
        found = cluster_articles(order)
        texts.append(stories_to_json(found, sorted(order, key=lambda a: (a.published, a.id))))
    assert texts[0] == texts[1] == texts[2]


# --- the outputs ----------------------------------------------------------------------------


def test_stories_json_with_threads_validates(run: StoryRun) -> None:
    data = stories_to_dict(run, thread_collection())
    validate_stories_json(data)
    assert check_story_references(data) == []
    assert data["schema_version"] == "1.1"
    thread_ids = {t["id"] for t in data["threads"]}
    assert {s["thread"] for s in data["stories"]} == thread_ids
    broken = json.loads(json.dumps(data))
    broken["threads"][0]["stories"].pop()
    assert any("does not list this story" in p for p in check_story_references(broken))


def test_text_and_html_show_both_levels(run: StoryRun) -> None:
    ferry = next(t for t in run.threads if len(t.stories) > 1)
    documents = {a.id: a for a in thread_collection()}
    text = render_stories_text(run, documents)
    assert "Story threads (1)" in text and f"{ferry.id} · " in text
    assert f"thread {ferry.id}" in text  # on each of its stories
    page = render_stories_html(run, documents)
    assert f'id="thread-{ferry.id}"' in page
    assert all(f'href="#story-{story_id}"' in page for story_id in ferry.stories)
    assert page.count(f'href="#thread-{ferry.id}"') == 3  # from each of its stories
    assert f"Divers recover four Marit Sol victims · thread {ferry.id}" in " ".join(text.split())


def test_brief_accepts_a_thread_id(run: StoryRun) -> None:
    ferry = next(t for t in run.threads if len(t.stories) > 1)
    (chosen,) = choose_stories(run.stories, ferry.id, every=False)
    assert chosen.id == chosen.thread == ferry.id
    assert set(chosen.documents) == THREADS["ferry"]
    assert (
        chosen.documents[:2] == next(s for s in run.stories if "ferry-a" in s.documents).documents
    )
    (event,) = choose_stories(run.stories, ferry.stories[0], every=False)
    assert event.id == ferry.stories[0]


def test_a_thread_past_the_brief_limit_is_refused_with_its_largest_stories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsweave.corpus.briefs as briefs

    monkeypatch.setattr(briefs, "STORY_MAX_ARTICLES", 3)
    stories = [
        Story(f"s-{n}", f"event {n}", None, None, (f"a{n}", f"b{n}"), (), thread="t-0")
        for n in range(3)
    ]
    with pytest.raises(OptionsError, match=r"thread 't-0' holds 6 articles in 3 stories.*--story"):
        choose_stories(stories, "t-0", every=False)
