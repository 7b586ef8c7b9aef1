"""Nearest neighbours among claim embeddings, without comparing every claim with every other.

Small runs use an exact search in blocks; large ones an HNSW graph (usearch), whose build and
queries grow as n log n. Both return, for each claim, up to ``k`` other claims with their
cosine similarity, best first.
"""

from __future__ import annotations

import os

import numpy as np
import numpy.typing as npt

from newsweave.align.embed import Vectors

# Rows per block of the exact search: bounds its memory to block x n floats (8 MB at n=8,192).
EXACT_BLOCK_ROWS = 256
# HNSW graph degree and build/search breadth. On the 24,785 claims of bench/bench_story.py's
# 500-article story, against the exact top 10: breadth 64/64 finds 99.8% of the neighbours with
# cosine >= 0.65 (the only ones that can align) in 15.8 s; 32/32 finds 99.4% in 7.0 s; degree
# 12 or int8 vectors lose more (98.8%, 98.3%) for little time.
HNSW_CONNECTIVITY = 16
HNSW_EXPANSION_ADD = 32
HNSW_EXPANSION_SEARCH = 32

Neighbours = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]  # (n x k ids, n x k cosines)


def nearest(vectors: Vectors, k: int, exact_max: int) -> Neighbours:
    """For each row, its ``k`` most similar other rows (fewer when there are fewer rows)."""
    n = len(vectors)
    k = min(k, n - 1)
    if k <= 0:
        return np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0), dtype=np.float32)
    if n <= exact_max:
        return _exact(vectors, k)
    return _hnsw(vectors, k)


def _exact(vectors: Vectors, k: int) -> Neighbours:
    n = len(vectors)
    ids = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    for begin in range(0, n, EXACT_BLOCK_ROWS):
        block = vectors[begin : begin + EXACT_BLOCK_ROWS] @ vectors.T
        rows = np.arange(len(block))
        block[rows, rows + begin] = -np.inf  # never one's own neighbour
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(block, top, axis=1), axis=1, kind="stable")
        ids[begin : begin + len(block)] = np.take_along_axis(top, order, axis=1)
        sims[begin : begin + len(block)] = np.take_along_axis(
            block, ids[begin : begin + len(block)], axis=1
        )
    return ids, sims


def _hnsw(vectors: Vectors, k: int) -> Neighbours:
    # onnxruntime first: once usearch has run in a process, onnxruntime initialised afterwards
    # in a forked child segfaults (the process-pool engine's next run crashed its workers);
    # with onnxruntime loaded first both work. tests/align/test_fork_safety.py guards it.
    import onnxruntime  # noqa: F401
    from usearch.index import Index

    index = Index(
        ndim=vectors.shape[1],
        metric="cos",
        dtype="f32",
        connectivity=HNSW_CONNECTIVITY,
        expansion_add=HNSW_EXPANSION_ADD,
        expansion_search=HNSW_EXPANSION_SEARCH,
    )
    keys = np.arange(len(vectors), dtype=np.uint64)
    index.add(keys, vectors, threads=1)  # one thread: the same graph, run after run
    # Queries only read the graph, so each finds the same neighbours on any thread (tested).
    found = index.search(vectors, k + 1, threads=os.cpu_count() or 1)
    return _drop_self(np.asarray(found.keys, dtype=np.int64), np.asarray(found.distances), k)


def _drop_self(
    keys: npt.NDArray[np.int64], distances: npt.NDArray[np.float32], k: int
) -> Neighbours:
    n = len(keys)
    ids = np.full((n, k), -1, dtype=np.int64)
    sims = np.full((n, k), -np.inf, dtype=np.float32)
    for row in range(n):
        others = [
            (key, 1.0 - dist)
            for key, dist in zip(keys[row], distances[row], strict=True)
            if key != row and key >= 0
        ]
        for col, (key, sim) in enumerate(others[:k]):
            ids[row, col] = key
            sims[row, col] = sim
    return ids, sims
