"""MUC, B-cubed, CEAF-e and CoNLL F1 against hand-computed examples and their properties."""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.coref_metrics import b_cubed, ceaf_e, muc, normalise, score_all

approx = pytest.approx


def test_pradhan_2014_worked_example() -> None:
    # Pradhan et al. (2014), section 3: key {a b c} {d e f g}, response {a b} {c d} {f g h i}
    # (h and i are twinless). Their figure gives MUC R .40 P .40, B3 R .42 P .50, CEAFe R .65
    # P .43; the exact fractions below are worked out by hand.
    key = [["a", "b", "c"], ["d", "e", "f", "g"]]
    response = [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]]
    m = muc(key, response)
    # Recall: {a b c} -> {a b}{c} keeps 1 of 2 links, {d e f g} -> {d}{e}{f g} keeps 1 of 3.
    # Precision: {a b} 1 of 1, {c d} 0 of 1, {f g h i} -> {f g}{h}{i} 1 of 3.
    assert (m.recall, m.precision) == approx((2 / 5, 2 / 5))
    b = b_cubed(key, response)
    # Recall: a, b 2/3 each, c 1/3, d 1/4, e 0, f, g 2/4 each, over 7 key mentions = 5/12.
    # Precision: a, b 2/2, c 1/2, d 1/2, f, g 2/4, h, i 0, over 8 response mentions = 1/2.
    assert (b.recall, b.precision) == approx((5 / 12, 1 / 2))
    c = ceaf_e(key, response)
    # Best alignment {a b c}~{a b} phi4 = 4/5 and {d e f g}~{f g h i} phi4 = 4/8: total 1.3.
    assert (c.recall, c.precision) == approx((1.3 / 2, 1.3 / 3))
    assert round(c.f1, 2) == 0.52
    scores = score_all(key, response)
    assert scores.conll_f1 == approx((m.f1 + b.f1 + c.f1) / 3)


def test_vilain_1995_split_chain() -> None:
    # Vilain et al. (1995): key {A B C D}, response {A B} {C D}: 2 of 3 links, none wrong.
    m = muc([["A", "B", "C", "D"]], [["A", "B"], ["C", "D"]])
    assert (m.recall, m.precision) == approx((2 / 3, 1.0))


def test_bagga_baldwin_1998_merges_that_muc_cannot_tell_apart() -> None:
    # Bagga & Baldwin (1998): key {1..5} {6 7} {8..12}. Merging the two-mention chain into a
    # five-mention one and merging the two five-mention chains both score MUC P 0.9, R 1, but
    # B-cubed prefers the first: precision 16/21 against 7/12.
    key = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10, 11, 12]]
    small_merge = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]]
    large_merge = [[1, 2, 3, 4, 5, 8, 9, 10, 11, 12], [6, 7]]
    for response in (small_merge, large_merge):
        m = muc(key, response)
        assert (m.recall, m.precision) == approx((1.0, 0.9))
    assert b_cubed(key, small_merge).precision == approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)
    assert b_cubed(key, small_merge).precision == approx(16 / 21)
    assert b_cubed(key, large_merge).precision == approx(7 / 12)
    assert b_cubed(key, large_merge).recall == approx(1.0)


def test_ceaf_e_hand_example_needs_the_optimal_alignment() -> None:
    # Key {1 2 3} {4 5}; response {1 2} {3 4 5}. phi4: K1~R1 4/5, K1~R2 2/6, K2~R2 4/5.
    # Greedy by first key would still pick K1~R1; the optimum K1~R1 + K2~R2 = 1.6.
    c = ceaf_e([[1, 2, 3], [4, 5]], [[1, 2], [3, 4, 5]])
    assert (c.recall, c.precision) == approx((0.8, 0.8))
    # Greedy (each key cluster takes its best response cluster) is wrong here: K1 = {1..6},
    # K2 = {7}; R1 = {1 2 3 4 7}, R2 = {5 6}. phi4: K1~R1 = 8/11, K1~R2 = 4/8, K2~R1 = 2/6.
    # Greedy K1~R1 leaves K2 unaligned (8/11 = .727); the optimum K1~R2 + K2~R1 = .833.
    c = ceaf_e([[1, 2, 3, 4, 5, 6], [7]], [[1, 2, 3, 4, 7], [5, 6]])
    assert c.recall == approx((1 / 2 + 1 / 3) / 2)
    # One response cluster for everything: only one key cluster can be aligned with it.
    c = ceaf_e([[1, 2], [3, 4], [5]], [[1, 2, 3, 4, 5]])
    assert (c.recall, c.precision) == approx(((4 / 7) / 3, 4 / 7))


def test_singletons_count_in_b_cubed_and_ceaf_but_not_muc() -> None:
    key = [["a", "b"], ["c"], ["d"]]
    response = [["a", "b"], ["c", "d"]]
    m = muc(key, response)
    assert (m.recall, m.precision) == approx((1.0, 1 / 2))
    b = b_cubed(key, response)
    assert (b.recall, b.precision) == approx((1.0, (1 + 1 + 0.5 + 0.5) / 4))
    c = ceaf_e(key, response)
    # a-b aligned (1.0), c~{c d} 2/3 (or d~{c d}): 5/3 over 3 key and 2 response clusters.
    assert (c.recall, c.precision) == approx((5 / 9, 5 / 6))


def test_all_singletons_and_empty_inputs_score_zero_where_undefined() -> None:
    singletons = [["a"], ["b"], ["c"]]
    m = muc(singletons, singletons)
    assert (m.recall, m.precision, m.f1) == (0.0, 0.0, 0.0)  # no links: the scorer's 0
    assert b_cubed(singletons, singletons).f1 == approx(1.0)
    assert ceaf_e(singletons, singletons).f1 == approx(1.0)
    assert score_all([], []).conll_f1 == 0.0
    assert ceaf_e([["a", "b"]], []).f1 == 0.0


def test_twinless_response_mentions_cost_precision_only() -> None:
    key = [["a", "b"]]
    response = [["a", "b", "x"]]
    assert muc(key, response).recall == approx(1.0)
    assert muc(key, response).precision == approx(1 / 2)  # {a b}{x}: 1 of 2 links
    assert b_cubed(key, response).recall == approx(1.0)
    assert b_cubed(key, response).precision == approx((2 * 2 / 3) / 3)


def test_a_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ValueError, match="more than one place"):
        normalise([["a", "b"], ["b"]])
    with pytest.raises(ValueError, match="more than one place"):
        normalise([["a", "a"]])
    assert normalise([[], ["a"]]) == [frozenset({"a"})]


# A clustering of mentions 0..n-1: each mention gets a cluster label.
labels = st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=14)


def _clusters(assignment: list[int]) -> list[list[Hashable]]:
    by_label: dict[int, list[Hashable]] = {}
    for mention, label in enumerate(assignment):
        by_label.setdefault(label, []).append(mention)
    return list(by_label.values())


@given(labels)
def test_identical_partitions_score_one(assignment: list[int]) -> None:
    clusters = _clusters(assignment)
    scores = score_all(clusters, clusters)
    assert scores.b_cubed.f1 == approx(1.0)
    assert scores.ceaf_e.f1 == approx(1.0)
    has_link = any(len(c) > 1 for c in clusters)
    assert scores.muc.f1 == approx(1.0 if has_link else 0.0)


@given(labels, st.lists(st.integers(min_value=0, max_value=5), min_size=14, max_size=14))
def test_swapping_key_and_response_swaps_recall_and_precision(
    key_labels: list[int], response_labels: list[int]
) -> None:
    key = _clusters(key_labels)
    response = _clusters(response_labels[: len(key_labels)])
    forward, backward = score_all(key, response), score_all(response, key)
    for ab, ba in (
        (forward.muc, backward.muc),
        (forward.b_cubed, backward.b_cubed),
        (forward.ceaf_e, backward.ceaf_e),
    ):
        assert ab.recall == approx(ba.precision)
        assert ab.precision == approx(ba.recall)
    assert forward.conll_f1 == approx(backward.conll_f1)


@given(labels, st.lists(st.integers(min_value=0, max_value=5), min_size=14, max_size=14))
def test_scores_are_fractions(key_labels: list[int], response_labels: list[int]) -> None:
    scores = score_all(_clusters(key_labels), _clusters(response_labels[: len(key_labels)]))
    for value in scores.row().values():
        assert 0.0 <= value <= 1.0 + 1e-12
