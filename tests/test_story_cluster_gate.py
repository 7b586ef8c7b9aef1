"""Quality gate for story clustering on real gold labels: giveme5w1h-news.

The 95 labelled news articles of ``../shared/data/giveme5w1h-news`` (one more has no
category and is skipped by the loader) are clustered as one collection by
``cluster_articles`` with the default ``StoryParams``; B-cubed precision, recall and F1 of the
story threads (the level the ``category`` labels mark, see eval/story_clusters.py ``LEVELS``)
must stay above floors pinned from the measured scores less a margin. Half of the categories
are in the dev split the thread pass was tuned on. Raise a floor when the score rises; never
lower one silently. Skipped where ../shared/data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.story_cluster_data import GIVEME_DIR, load_giveme5w1h
from eval.story_clusters import Scores, score_clustering
from newsweave.corpus.api import cluster_articles

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GATE_ARTICLES = 95
GATE_EVENTS = 12
# Measured 2026-12-02 (eval/story_clusters.py --dataset giveme5w1h --split all): threads
# B-cubed P 0.772, R 1.000, F1 0.872, 9 threads for 12 labels. The precision lost is two
# pairs of labels that are one thread each ("tram" and "tram victims"; "clinton clear" and
# "clinton blames comey", with "gaga protests" wrongly joined to them). Stories (events):
# P 0.963, R 0.756, F1 0.847. Until 2026-11-24 the gate pinned stories before threads
# existed: P 0.844, R 0.864, F1 0.854. One article of a ten-article event moved changes P or
# R by ~0.02: the margin is 0.03.
MARGIN = 0.03
PRECISION_FLOOR = 0.772 - MARGIN
RECALL_FLOOR = 1.000 - MARGIN
F1_FLOOR = 0.872 - MARGIN

needs_data = pytest.mark.skipif(
    not (DATA / GIVEME_DIR).is_dir(), reason="../shared/data/giveme5w1h-news is not present"
)


@pytest.fixture(scope="module")
def scores() -> Scores:
    items = load_giveme5w1h(DATA).items
    assert (len(items), len({label for _, label in items})) == (GATE_ARTICLES, GATE_EVENTS)
    run = cluster_articles([article for article, _ in items])
    predicted = {doc: story.thread for story in run.stories for doc in story.documents}
    return score_clustering({a.id: label for a, label in items}, predicted)


@needs_data
def test_every_article_is_in_exactly_one_story(scores: Scores) -> None:
    assert scores.unassigned == 0 and scores.articles == GATE_ARTICLES


@needs_data
def test_threads_match_the_gold_labels_above_the_floors(scores: Scores) -> None:
    assert scores.precision >= PRECISION_FLOOR
    assert scores.recall >= RECALL_FLOOR
    assert scores.f1 >= F1_FLOOR
