"""Claims of different documents grouped into facts.

Candidate pairs come from the nearest-neighbour search; each is scored by embedding cosine
adjusted by entity and date evidence; pairs are merged best first (single pass, union-find)
under two constraints: a fact holds at most one claim per document, and a claim joins a fact
only when it is close to the fact's centroid (no drifting chains).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.align.embed import Vectors
from newsweave.align.neighbours import nearest
from newsweave.align.params import AlignParams


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """What the scorer knows of one claim besides its embedding."""

    document: str
    entities: frozenset[str]  # canonical ids of the people, organisations and places it names
    days: tuple[tuple[dt.date, dt.date], ...]  # the day-precise dates it gives
    words: frozenset[str] = frozenset()  # content words


class Rarity:
    """Inverse document frequency over the claims of a run: what is distinctive in this story.

    In a story about two leaders every claim names them; sharing them says nothing, sharing
    a third, rarer name or word says much.
    """

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        counts: dict[str, int] = {}
        for items in sets:
            for item in items:
                counts[item] = counts.get(item, 0) + 1
        total = max(len(sets), 1)
        self._idf = {item: math.log((1 + total) / (1 + n)) for item, n in counts.items()}

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard: rarity of what both share over rarity of what either has.

        Summed with ``math.fsum``, which rounds once: a plain sum depends on the order of set
        iteration, which changes with the process's string hash seed, so two runs could score
        the same pair a bit apart and merge differently.
        """
        union = math.fsum(self._idf.get(x, 0.0) for x in a | b)
        return math.fsum(self._idf.get(x, 0.0) for x in a & b) / union if union > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Scorer:
    params: AlignParams
    entities: Rarity
    words: Rarity

    def score(self, a: ClaimEvidence, b: ClaimEvidence, cosine: float) -> float:
        """How likely two claims state the same fact: cosine plus entity, word, date evidence."""
        params = self.params
        score = cosine + params.word_weight * self.words.overlap(a.words, b.words)
        if a.entities and b.entities:
            if a.entities & b.entities:
                score += params.entity_weight * self.entities.overlap(a.entities, b.entities)
            else:
                score -= params.disjoint_entity_penalty
        if a.days and b.days and not _days_overlap(a.days, b.days):
            score -= params.date_mismatch_penalty
        return score


def _days_overlap(
    a: tuple[tuple[dt.date, dt.date], ...], b: tuple[tuple[dt.date, dt.date], ...]
) -> bool:
    return any(s1 <= e2 and s2 <= e1 for s1, e1 in a for s2, e2 in b)


def candidate_pairs(
    evidence: Sequence[ClaimEvidence], vectors: Vectors, params: AlignParams
) -> list[tuple[float, int, int]]:
    """Scored pairs of claims of different documents, best first (each pair once)."""
    ids, sims = nearest(vectors, params.neighbours, params.exact_search_max_claims)
    scorer = Scorer(
        params, Rarity([e.entities for e in evidence]), Rarity([e.words for e in evidence])
    )
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[float, int, int]] = []
    for i in range(len(evidence)):
        for j, cosine in zip(ids[i].tolist(), sims[i].tolist(), strict=True):
            pair = (min(i, j), max(i, j))
            if j < 0 or pair in seen or evidence[i].document == evidence[j].document:
                continue
            seen.add(pair)
            score = scorer.score(evidence[i], evidence[j], cosine)
            if score >= params.min_score:
                pairs.append((score, *pair))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


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
    evidence: Sequence[ClaimEvidence], vectors: Vectors, params: AlignParams
) -> list[list[int]]:
    """Groups of claim indices, each one fact; singletons included; in first-claim order."""
    groups = _Groups(evidence, vectors)
    for _score, i, j in candidate_pairs(evidence, vectors, params):
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
