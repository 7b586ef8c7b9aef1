"""Nearest neighbours: the exact and HNSW searches agree; nobody is their own neighbour."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.embed import Vectors
from newsweave.align.neighbours import nearest


def unit_vectors(n: int, dimensions: int, seed: int) -> Vectors:
    rows = np.random.default_rng(seed).standard_normal((n, dimensions)).astype(np.float32)
    unit: Vectors = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


@pytest.mark.parametrize("seed", [1, 2])
def test_exact_and_hnsw_searches_agree_on_the_nearest_neighbour(seed: int) -> None:
    vectors = unit_vectors(600, 24, seed)
    exact_ids, exact_sims = nearest(vectors, 5, exact_max=10_000)
    hnsw_ids, hnsw_sims = nearest(vectors, 5, exact_max=10)
    agree = float(np.mean(exact_ids[:, 0] == hnsw_ids[:, 0]))
    assert agree >= 0.99
    same = exact_ids[:, 0] == hnsw_ids[:, 0]
    np.testing.assert_allclose(hnsw_sims[same, 0], exact_sims[same, 0], atol=1e-4)


@pytest.mark.parametrize("exact_max", [10_000, 10])
def test_results_are_sorted_true_cosines_and_never_the_row_itself(exact_max: int) -> None:
    vectors = unit_vectors(300, 16, 3)
    ids, sims = nearest(vectors, 8, exact_max=exact_max)
    assert ids.shape == sims.shape == (300, 8)
    rows = np.arange(300)[:, None]
    assert not np.any(ids == rows)
    assert np.all(ids >= 0)
    assert np.all(np.diff(sims, axis=1) <= 1e-6)
    expected = np.einsum("ij,ikj->ik", vectors, vectors[ids])
    np.testing.assert_allclose(sims, expected, atol=1e-4)
    assert all(len(set(row)) == 8 for row in ids.tolist())


def test_duplicate_vectors_find_each_other_and_not_themselves() -> None:
    vectors = unit_vectors(50, 8, 4)
    vectors = np.concatenate([vectors, vectors[:5]])
    for exact_max in (10_000, 10):
        ids, sims = nearest(vectors, 3, exact_max=exact_max)
        for i in range(5):
            assert ids[i, 0] == 50 + i
            assert ids[50 + i, 0] == i
            assert sims[i, 0] == pytest.approx(1.0, abs=1e-5)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 12), st.integers(0, 20), st.booleans())
def test_k_is_capped_by_the_number_of_other_rows(n: int, k: int, use_hnsw: bool) -> None:
    vectors = unit_vectors(n, 8, n)
    ids, sims = nearest(vectors, k, exact_max=0 if use_hnsw else 100)
    width = max(min(k, n - 1), 0)
    assert ids.shape == sims.shape == (n, width)
    for row in range(n):
        found = [i for i in ids[row].tolist() if i >= 0]
        assert row not in found
        assert len(found) == len(set(found))
        assert len(found) == width


def test_hnsw_queries_on_several_threads_find_what_one_thread_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vectors = unit_vectors(3_000, 32, 5)
    several = nearest(vectors, 10, exact_max=10)
    monkeypatch.setattr("newsweave.align.neighbours.os.cpu_count", lambda: 1)
    one = nearest(vectors, 10, exact_max=10)
    assert several[0].tobytes() == one[0].tobytes()
    assert several[1].tobytes() == one[1].tobytes()
