"""Story-clustering metrics (B-cubed, ARI), the title-words baseline, the split and the loaders."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.ecbplus_data import DEFAULT_DATA
from eval.story_cluster_data import GoldSet, Labelled, load, load_gold_set
from eval.story_clusters import (
    Scores,
    adjusted_rand_index,
    bcubed,
    count_clusters,
    evaluate,
    parse_sweep,
    score_clustering,
    select_split,
    title_word_clusters,
    title_words,
)
from newsweave.corpus.params import StoryParams
from newsweave.model import Article
from tests.builders import make_article

# Gold: {a, b, c} and {d, e}; predicted: {a, b} and {c, d, e}.
GOLD = {"a": "g1", "b": "g1", "c": "g1", "d": "g2", "e": "g2"}
PREDICTED = {"a": "p1", "b": "p1", "c": "p2", "d": "p2", "e": "p2"}


def test_perfect_clustering_scores_one_whatever_the_label_names() -> None:
    renamed = {item: f"story-{label}" for item, label in GOLD.items()}
    assert bcubed(GOLD, renamed) == (1.0, 1.0, 1.0)
    assert adjusted_rand_index(GOLD, renamed) == 1.0


def test_all_in_one_cluster() -> None:
    # Precision per item is its gold cluster's share: (3 * 3/5 + 2 * 2/5) / 5 = 13/25.
    precision, recall, f1 = bcubed(GOLD, dict.fromkeys(GOLD, "one"))
    assert (precision, recall) == pytest.approx((13 / 25, 1.0))
    assert f1 == pytest.approx(2 * 0.52 / 1.52)
    assert adjusted_rand_index(GOLD, dict.fromkeys(GOLD, "one")) == pytest.approx(0.0)


def test_all_singletons() -> None:
    # Recall per item is 1 / its gold cluster's size: (3 * 1/3 + 2 * 1/2) / 5 = 2/5.
    singletons = {item: item for item in GOLD}
    precision, recall, f1 = bcubed(GOLD, singletons)
    assert (precision, recall, f1) == pytest.approx((1.0, 0.4, 0.8 / 1.4))
    assert adjusted_rand_index(GOLD, singletons) == pytest.approx(0.0)


def test_hand_computed_bcubed_and_ari() -> None:
    # Precision: a, b 1; c 1/3 (c alone of {c,d,e} is in g1); d, e 2/3 -> 11/15.
    # Recall: a, b 2/3; c 1/3; d, e 1 -> 11/15.
    assert bcubed(GOLD, PREDICTED) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    # Contingency [[2, 1], [0, 2]]: index 2, gold pairs 4, predicted pairs 4, of 10 pairs:
    # expected 1.6, maximum 4 -> (2 - 1.6) / (4 - 1.6) = 1/6.
    assert adjusted_rand_index(GOLD, PREDICTED) == pytest.approx(1 / 6)


def test_ari_matches_scikit_learn() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    gold = {str(i): str(rng.integers(6)) for i in range(60)}
    predicted = {str(i): str(rng.integers(4)) if i % 3 else gold[str(i)] for i in range(60)}
    expected = metrics.adjusted_rand_score(list(gold.values()), list(predicted.values()))
    assert adjusted_rand_index(gold, predicted) == pytest.approx(expected)


def test_ari_is_near_zero_for_independent_random_clusterings() -> None:
    rng = np.random.default_rng(11)
    gold = {str(i): str(rng.integers(20)) for i in range(3000)}
    predicted = {str(i): str(rng.integers(20)) for i in range(3000)}
    assert abs(adjusted_rand_index(gold, predicted)) < 0.01
    assert adjusted_rand_index(gold, dict(gold)) == 1.0


def test_metrics_refuse_different_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        bcubed(GOLD, {"a": "p1"})


clusterings = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=3),
    st.tuples(st.integers(0, 4), st.integers(0, 4)),
    min_size=1,
    max_size=25,
)


def _split(labels: Mapping[str, tuple[int, int]]) -> tuple[dict[str, str], dict[str, str]]:
    return {k: str(g) for k, (g, _) in labels.items()}, {k: str(p) for k, (_, p) in labels.items()}


@given(clusterings)
def test_swapping_gold_and_predicted_swaps_precision_and_recall(
    labels: Mapping[str, tuple[int, int]],
) -> None:
    gold, predicted = _split(labels)
    precision, recall, f1 = bcubed(gold, predicted)
    assert bcubed(predicted, gold) == pytest.approx((recall, precision, f1))
    assert adjusted_rand_index(predicted, gold) == pytest.approx(
        adjusted_rand_index(gold, predicted)
    )
    assert 0.0 < precision <= 1.0 and 0.0 < recall <= 1.0


@given(clusterings, st.permutations(range(5)))
def test_scores_ignore_label_names_and_item_names(
    labels: Mapping[str, tuple[int, int]], relabel: Sequence[int]
) -> None:
    gold, predicted = _split(labels)
    renamed_pred = {f"x{k}": f"s{relabel[int(p)]}" for k, p in predicted.items()}
    renamed_gold = {f"x{k}": g for k, g in gold.items()}
    assert bcubed(renamed_gold, renamed_pred) == pytest.approx(bcubed(gold, predicted))
    assert adjusted_rand_index(renamed_gold, renamed_pred) == pytest.approx(
        adjusted_rand_index(gold, predicted)
    )


def test_unassigned_articles_count_as_singletons() -> None:
    scores = score_clustering(GOLD, {k: v for k, v in PREDICTED.items() if k != "c"})
    assert scores.unassigned == 1
    assert scores.predicted_clusters == 3 and scores.gold_clusters == 2
    assert scores.precision == pytest.approx((1 + 1 + 1 + 1 + 1) / 5)


# --- evaluate and the baseline ---------------------------------------------------------------


def _article(id: str, title: str, day: int = 3) -> Article:
    return make_article(
        f"{title}. Officials gave details on Tuesday.",
        id=id,
        title=title,
        published=dt.date(2024, 6, day),
    )


STORIES: list[Labelled] = [
    (_article("q1", "Earthquake of magnitude 6.1 strikes central Chile"), "quake"),
    (_article("q2", "Chile earthquake: magnitude 6.1 tremor shakes Santiago"), "quake"),
    (_article("q3", "Central Chile hit by strong earthquake, no tsunami warning"), "quake"),
    (_article("e1", "Central bank raises interest rates to curb inflation"), "rates"),
    (_article("e2", "Interest rates rise again as central bank fights inflation"), "rates"),
    (_article("m1", "Marathon record falls in Berlin as Kenyan runner wins"), "marathon"),
]


def test_title_words_drop_stop_words_and_case() -> None:
    article = _article("x", "The Mayor of Leeds says he will not resign")
    assert title_words(article) == {"mayor", "leeds", "says", "resign"}
    untitled = make_article("Floods close the M62 near Leeds.\nMore rain is due.", title=None)
    assert title_words(untitled) == {"floods", "close", "m62", "near", "leeds"}


def test_baseline_links_stories_by_shared_title_words() -> None:
    articles = [article for article, _ in STORIES]
    two = title_word_clusters(articles, min_shared=2)
    assert two["q1"] == two["q2"] == two["q3"] and two["e1"] == two["e2"]
    assert len({two["q1"], two["e1"], two["m1"]}) == 3
    # One shared word ("central") chains the earthquake and the interest-rate stories.
    one = title_word_clusters(articles, min_shared=1)
    assert one["q3"] == one["e1"]


def test_evaluate_scores_and_times_a_predictor() -> None:
    scores = evaluate(STORIES, lambda articles: title_word_clusters(articles, 2))
    assert isinstance(scores, Scores)
    assert (scores.f1, scores.ari, scores.articles) == (1.0, 1.0, 6)
    assert scores.seconds >= 0.0
    with pytest.raises(ValueError, match="unknown articles"):
        evaluate(STORIES, lambda articles: {"ghost": "s1"})


def test_count_clusters() -> None:
    assert count_clusters(PREDICTED) == 2


# --- split and sweep -------------------------------------------------------------------------


def test_split_keeps_ecb_test_topics_and_neus_halves_apart() -> None:
    ecb = [(_article(f"t{t}", "x"), f"{t}/ecb") for t in (1, 35, 36, 45)]
    assert [a.id for a, _ in select_split("ecbplus-subtopic", ecb, "dev")] == ["t1", "t35"]
    assert [a.id for a, _ in select_split("ecbplus-subtopic", ecb, "test")] == ["t36", "t45"]
    neus = [(_article(f"n{s}", "x"), str(s)) for s in (5610, 5608, 5609, 5607)]
    assert {a.id for a, _ in select_split("neus-allsides", neus, "dev")} == {"n5607", "n5608"}
    # giveme5w1h and DUC: every other gold label, by name, is dev (issue 12)
    labels = sorted({label for _, label in STORIES})
    dev = select_split("giveme5w1h", STORIES, "dev")
    test = select_split("duc2004", STORIES, "test")
    assert {label for _, label in dev} == set(labels[::2])
    assert {label for _, label in test} == set(labels[1::2])
    assert len(dev) + len(test) == len(STORIES)
    with pytest.raises(ValueError, match="dev, test, all"):
        select_split("duc2004", STORIES, "train")


def test_parse_sweep_types_values_like_the_field() -> None:
    params = StoryParams()
    assert parse_sweep("min_score=0.25,0.4", params) == ("min_score", [0.25, 0.4])
    assert parse_sweep("window_days=3,14", params) == ("window_days", [3, 14])
    assert parse_sweep("use_dates=false,true", params) == ("use_dates", [False, True])
    with pytest.raises(ValueError, match="min_score"):
        parse_sweep("no_such_field=1", params)


# --- loaders on the real data (skipped where ../shared/data is absent) ---------------------


@functools.cache
def _gold(name: str) -> GoldSet:
    if not DEFAULT_DATA.is_dir():
        pytest.skip(f"no gold data at {DEFAULT_DATA}")
    return load_gold_set(name, DEFAULT_DATA)


@pytest.mark.parametrize(
    ("name", "articles", "stories", "skipped"),
    [
        ("ecbplus-topic", 982, 43, {}),
        ("ecbplus-subtopic", 982, 86, {}),
        ("giveme5w1h", 95, 12, {"no category": 1}),
        ("neus-allsides", 1479, 505, {}),
        ("duc2004", 479, 49, {"in an earlier cluster too": 11}),
    ],
)
def test_loader_counts(name: str, articles: int, stories: int, skipped: dict[str, int]) -> None:
    gold = _gold(name)
    assert (len(gold.items), len({label for _, label in gold.items})) == (articles, stories)
    assert dict(gold.skipped) == skipped
    ids = [article.id for article, _ in gold.items]
    assert len(set(ids)) == len(ids)
    assert all(article.text.strip() for article, _ in gold.items)


def test_loaded_articles_carry_titles_outlets_and_dates() -> None:
    duc = {a.id: (a, label) for a, label in _gold("duc2004").items}
    article, label = duc["APW19981016.0240"]
    assert (article.outlet, article.published, label) == ("APW", dt.date(1998, 10, 16), "d30001t")
    neus = {a.id: (a, label) for a, label in _gold("neus-allsides").items}
    article, label = neus["5607-center"]
    assert (article.outlet, article.published, label) == ("CNBC", dt.date(2021, 10, 18), "5607")
    assert article.title and "\n\n" in article.text
    giveme = _gold("giveme5w1h").items
    assert all(a.title and a.outlet for a, _ in giveme)
    assert Counter(a.published for a, _ in giveme)[None] == 1
    ecb = {a.id: label for a, label in _gold("ecbplus-subtopic").items}
    assert (ecb["1_1ecb"], ecb["1_1ecbplus"], ecb["45_1ecb"]) == ("1/ecb", "1/ecbplus", "45/ecb")


def test_load_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="neus-allsides"):
        load("allsides", DEFAULT_DATA)
