"""Claims of different documents grouped into facts.

Candidate pairs come from the nearest-neighbour search; each is scored by the learned pair
model (``pair_features``) over cosine, entity, word, predicate, date and figure evidence; pairs
are merged best first (single pass, union-find)
under two constraints: a fact holds at most one claim per document, and a claim joins a fact
only when it is close to the fact's centroid (no drifting chains).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.align.embed import Vectors
from newsweave.align.neighbours import Neighbours, nearest
from newsweave.align.pair_features import (
    FEATURES,
    ClaimEvidence,
    PairModel,
    PairScorer,
    Rarity,
    full_features,
    load_pair_scorer,
    pair_features,
)
from newsweave.align.params import AlignParams

__all__ = [
    "ClaimEvidence",
    "Rarity",
    "Refiner",
    "ScoredPairs",
    "candidate_features",
    "candidate_pairs",
    "cluster_claims",
    "score_candidates",
]


def candidate_features(
    evidence: Sequence[ClaimEvidence],
    vectors: Vectors,
    params: AlignParams,
    neighbours: Neighbours | None = None,
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Candidate pairs (nearest neighbours of different documents, each once) and features.

    ``neighbours``: ``nearest(vectors, params.neighbours, params.exact_search_max_claims)``
    when the caller has searched already.
    """
    if neighbours is None:
        neighbours = nearest(vectors, params.neighbours, params.exact_search_max_claims)
    ids, sims = neighbours
    words = Rarity([e.words for e in evidence])
    entities = Rarity([e.entities for e in evidence])
    stems = Rarity([e.stems for e in evidence])
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    rows: list[list[float]] = []
    for i in range(len(evidence)):
        for j, cosine in zip(ids[i].tolist(), sims[i].tolist(), strict=True):
            pair = (min(i, j), max(i, j))
            if j < 0 or pair in seen or evidence[i].document == evidence[j].document:
                continue
            seen.add(pair)
            pairs.append(pair)
            a, b = evidence[pair[0]], evidence[pair[1]]
            rows.append(pair_features(a, b, cosine, words, entities, stems))
    return pairs, np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


# Claims MiniLM embeds at most in one brief (~3 ms each on two cores): the seeds need ~160, a
# 500-article story ~15,000, which would double its alignment time for a point of recall.
MINILM_MAX_CLAIMS = 2_000
# MiniLM's cosines of candidate pairs (claim indices i < j), computed on demand.
Refiner = Callable[[Sequence[tuple[int, int]]], Sequence[float]]


@dataclass(frozen=True, slots=True)
class ScoredPairs:
    """Every candidate pair with its features and the fast model's probability, and the
    pairs the scorer links (best first, with the deciding model's probability)."""

    pairs: list[tuple[int, int]]
    rows: np.ndarray
    fast: np.ndarray
    linked: list[tuple[float, int, int]]


def score_candidates(
    evidence: Sequence[ClaimEvidence],
    vectors: Vectors,
    params: AlignParams,
    refine: Refiner | None = None,
    scorer: PairScorer | None = None,
    neighbours: Neighbours | None = None,
) -> ScoredPairs:
    """The candidate pairs of ``evidence``, scored once (see ``candidate_pairs``)."""
    scorer = scorer if scorer is not None else load_pair_scorer()
    pairs, rows = candidate_features(evidence, vectors, params, neighbours)
    fast = scorer.fast.probabilities(rows)
    return ScoredPairs(pairs, rows, fast, _link(pairs, rows, fast, params, refine, scorer))


def candidate_pairs(
    evidence: Sequence[ClaimEvidence],
    vectors: Vectors,
    params: AlignParams,
    refine: Refiner | None = None,
    scorer: PairScorer | None = None,
) -> list[tuple[float, int, int]]:
    """Pairs of claims of different documents that the learned scorer links, best first.

    The fast model scores every candidate; with ``refine`` (MiniLM's cosines, see
    ``PairScorer``) the pairs it leaves undecided go to the full model. The score is the
    deciding model's probability that the two claims state one fact.
    """
    return score_candidates(evidence, vectors, params, refine, scorer).linked


def _link(
    pairs: list[tuple[int, int]],
    rows: np.ndarray,
    fast: np.ndarray,
    params: AlignParams,
    refine: Refiner | None,
    scorer: PairScorer,
) -> list[tuple[float, int, int]]:
    if refine is None:
        return _kept(pairs, fast, _threshold(params, scorer.fast))
    low, high = scorer.undecided_low, scorer.undecided_high
    undecided = [n for n, p in enumerate(fast.tolist()) if low <= p < high]
    refined = set(_within_budget(undecided, pairs, fast, scorer.fast.threshold))
    fast_threshold = _threshold(params, scorer.fast)
    scores = np.where((fast >= high) | (fast >= fast_threshold), fast, 0.0)
    undecided = [n for n in undecided if n in refined]
    scores[undecided] = 0.0
    if undecided:
        cosines = refine([pairs[n] for n in undecided])
        full = scorer.full.probabilities(full_features(rows[undecided], cosines))
        threshold = _threshold(params, scorer.full)
        scores[undecided] = np.where(full >= threshold, full, 0.0)
    return _kept(pairs, scores, 0.0)  # the scores already hold each decision


def _within_budget(
    undecided: Sequence[int], pairs: Sequence[tuple[int, int]], fast: np.ndarray, middle: float
) -> list[int]:
    """The undecided pairs MiniLM refines: the most uncertain first (fast probability nearest
    the fast model's threshold), while their claims fit MINILM_MAX_CLAIMS. The others keep the
    fast model's decision, nearly as good (eval/train_pair_scorer.py: held-out fast alone
    P 0.907 / R 0.482, the cascade 0.900 / 0.500)."""
    ordered = sorted(undecided, key=lambda n: (abs(float(fast[n]) - middle), pairs[n]))
    claims: set[int] = set()
    chosen = []
    for n in ordered:
        needed = claims | set(pairs[n])
        if len(needed) > MINILM_MAX_CLAIMS:
            continue
        claims = needed
        chosen.append(n)
    return chosen


def _threshold(params: AlignParams, model: PairModel) -> float:
    return params.min_score if params.min_score is not None else model.threshold


def _kept(
    pairs: Sequence[tuple[int, int]], scores: np.ndarray, threshold: float
) -> list[tuple[float, int, int]]:
    kept = [
        (round(p, 9), i, j)
        for p, (i, j) in zip(scores.tolist(), pairs, strict=True)
        if p >= threshold and p > 0.0
    ]
    kept.sort(key=lambda p: (-p[0], p[1], p[2]))
    return kept


class _Groups:
    """Union-find over claims, with each group's documents and embedding sum."""

    def __init__(self, evidence: Sequence[ClaimEvidence], vectors: Vectors) -> None:
        self.parent = list(range(len(evidence)))
        self.documents = [{e.document} for e in evidence]
        self.sums = np.array(vectors, dtype=np.float64, copy=True)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def centroid_cosine(self, a: int, b: int) -> float:
        x, y = self.sums[a], self.sums[b]
        return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-12))

    def union(self, a: int, b: int) -> None:
        self.parent[b] = a
        self.documents[a] |= self.documents[b]
        self.sums[a] += self.sums[b]


def cluster_claims(
    evidence: Sequence[ClaimEvidence],
    vectors: Vectors,
    params: AlignParams,
    refine: Refiner | None = None,
    scorer: PairScorer | None = None,
    scored: ScoredPairs | None = None,
) -> list[list[int]]:
    """Groups of claim indices, each one fact; singletons included; in first-claim order."""
    groups = _Groups(evidence, vectors)
    if scored is None:
        scored = score_candidates(evidence, vectors, params, refine, scorer)
    for _score, i, j in scored.linked:
        a, b = groups.find(i), groups.find(j)
        if a == b or groups.documents[a] & groups.documents[b]:
            continue
        if groups.centroid_cosine(a, b) < params.min_centroid_cosine:
            continue
        groups.union(a, b)
    members: dict[int, list[int]] = {}
    for i in range(len(evidence)):
        members.setdefault(groups.find(i), []).append(i)
    return sorted(members.values(), key=lambda m: m[0])
