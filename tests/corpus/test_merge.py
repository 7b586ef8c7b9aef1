"""Indexes built on partitions of a collection merge associatively into the index of one run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.corpus.api import (
    CorpusOptions,
    find_stories,
    merge_indexes,
    open_index,
    run_on_index,
)
from newsweave.corpus.params import CopyParams, StoryParams
from newsweave.errors import StateError
from newsweave.model import Article
from newsweave.store.index import Store
from tests.corpus.collection import collection

Summary = tuple[frozenset[frozenset[str]], tuple[tuple[str, str, int], ...], int]


def build(folder: Path, articles: Sequence[Article]) -> None:
    with open_index(folder) as index:
        run_on_index(index, articles, CorpusOptions(state=folder))


def summary(index: Store) -> Summary:
    stories = find_stories(index, StoryParams())
    copies = tuple((c.source, c.target, c.shared_chars) for c in index.copies())
    return frozenset(frozenset(s.documents) for s in stories), copies, len(index)


def merged(root: Path, parts: Sequence[Sequence[Article]], grouping: str) -> Summary:
    folders = []
    for n, part in enumerate(parts):
        folders.append(root / f"p{n}")
        build(folders[-1], part)
    a, b, c = folders
    # left: (a + b) + c; right: a + (b + c)
    pairs = [(a, b), (a, c)] if grouping == "left" else [(b, c), (a, b)]
    for into, other in pairs:
        with open_index(into) as target, open_index(other) as source:
            merge_indexes(target, source, CopyParams())
    with open_index(a) as index:
        return summary(index)


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    folder = tmp_path_factory.mktemp("whole")
    build(folder, collection())
    with open_index(folder) as index:
        return summary(index)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(0, 2), min_size=11, max_size=11), st.sampled_from(["left", "right"]))
def test_merging_partitions_gives_the_index_of_one_run(
    tmp_path_factory: pytest.TempPathFactory, whole: Summary, owners: list[int], grouping: str
) -> None:
    parts: list[list[Article]] = [[], [], []]
    for article, owner in zip(collection(), owners, strict=True):
        parts[owner].append(article)
    assert merged(tmp_path_factory.mktemp("parts"), parts, grouping) == whole


def test_merging_an_index_into_itself_adds_nothing(tmp_path: Path, whole: Summary) -> None:
    build(tmp_path / "a", collection())
    build(tmp_path / "b", collection())
    with open_index(tmp_path / "a") as a, open_index(tmp_path / "b") as b:
        assert merge_indexes(a, b, CopyParams()) == 0
        assert summary(a) == whole


def test_one_id_for_two_different_articles_cannot_merge(tmp_path: Path) -> None:
    articles = collection()
    build(tmp_path / "a", articles[:2])
    changed = [
        Article(id=articles[0].id, source="x.txt", text="Another text entirely, about rain.")
    ]
    build(tmp_path / "b", changed)
    with (
        open_index(tmp_path / "a") as a,
        open_index(tmp_path / "b") as b,
        pytest.raises(StateError, match="names different articles"),
    ):
        merge_indexes(a, b, CopyParams())
