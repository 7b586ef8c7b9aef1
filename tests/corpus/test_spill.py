"""Closed stories' centroids wait on disk for the undated articles, and come back exactly."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsweave.corpus.api import cluster_articles, index_items, open_index
from newsweave.corpus.online import MemorySpill, OpenStory, Weights, cluster_rows, pack, unpack
from newsweave.corpus.params import CopyParams, StoryParams
from newsweave.corpus.spill import SpillFile, spill_file
from newsweave.model import Article
from newsweave.store.index import Store
from tests.corpus.collection import collection

weights = st.dictionaries(st.text(min_size=1, max_size=12), st.floats(0.0, 10.0), max_size=30)


@given(terms=weights, names=weights, dense=st.lists(st.floats(-1.0, 1.0, width=32), max_size=8))
def test_pack_then_unpack_restores_the_centroids_exactly(
    terms: dict[str, float], names: dict[str, float], dense: list[float]
) -> None:
    story = OpenStory(3, ["a"], np.array(dense, dtype=np.float32), terms, names, None, None)
    restored = OpenStory(3, ["a"], np.zeros(0, dtype=np.float32), {}, {}, None, None, spilled=True)
    unpack(restored, pack(story))
    assert restored.terms == terms and restored.names == names and not restored.spilled
    assert restored.dense_sum.tobytes() == story.dense_sum.tobytes()


def with_undated_reprint() -> list[Article]:
    """The collection plus an undated copy of the first summit's report, weeks after it closed."""
    articles = collection()
    first = next(a for a in articles if a.id == "summit1-a")
    undated = dataclasses.replace(
        first, id="summit1-undated", published=None, text=first.text.replace("“", '"')
    )
    return [*articles, undated]


NEAREST_ONLY = StoryParams(candidates=1)  # only the nearest story is scored (and read back)


def stories_of(index: Store, spill: MemorySpill | SpillFile | None) -> list[list[str]]:
    weights = Weights(index.frequencies(), len(index))
    return [story.members for story in cluster_rows(index.rows(), weights, NEAREST_ONLY, spill)]


def test_an_undated_article_joins_a_story_closed_long_before() -> None:
    run = cluster_articles(with_undated_reprint())
    summit = next(s for s in run.stories if "summit1-a" in s.documents)
    assert "summit1-undated" in summit.documents
    assert not any("summit2-a" in s.documents for s in run.stories if s is summit)


def test_closed_stories_leave_memory_and_every_spill_gives_the_same_stories() -> None:
    with open_index(None) as index:
        index_items(index, with_undated_reprint(), CopyParams(), [])
        memory = MemorySpill()
        found = cluster_rows(
            index.rows(), Weights(index.frequencies(), len(index)), NEAREST_ONLY, memory
        )
        # The first summit closed and was read back for the undated reprint; the strike, which
        # closed too and is not the reprint's nearest, is still waiting in the spill.
        assert memory.packed, "no closed story was spilled"
        spilled = [s for s in found if s.spilled]
        assert spilled and all(not s.terms and not s.names for s in spilled)
        with spill_file(True) as on_disk:
            assert stories_of(index, on_disk) == [s.members for s in found]
        without = stories_of(index, None)
    # Without a spill the undated reprint meets only the stories still open: a story of its own.
    assert ["summit1-undated"] in without
    assert ["summit1-undated"] not in [s.members for s in found]


def test_no_spill_file_is_made_when_no_article_is_undated() -> None:
    with spill_file(False) as spill:
        assert spill is None
