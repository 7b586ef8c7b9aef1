"""Coreference scores: MUC, B-cubed, CEAF-e and CoNLL F1 over clusterings of mention ids.

The definitions and conventions are those of the CoNLL-2012 reference scorer (v8.01), as
described by Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions: a
reference implementation" (ACL):

- A clustering is a collection of clusters of hashable mention ids; a mention may appear in at
  most one cluster of a clustering (``ValueError`` otherwise). Empty clusters are dropped.
- **Singletons count.** Every cluster given is scored, one-mention clusters included: they add
  to B-cubed and CEAF-e as in the reference scorer when the key lists them (ECB+ evaluations
  with gold mentions list every mention, so singletons are in both key and response). MUC is
  defined over links, so a singleton adds nothing to its numerator or denominator.
- **Twinless mentions** (in one clustering only) are handled as the reference scorer does: in
  MUC a mention of a key cluster that no response cluster holds is a partition of its own
  (Vilain et al. 1995); in B-cubed it contributes 0 to the side that lacks it; in CEAF-e it
  only enlarges its cluster. With gold mentions there are none.
- **Zero denominators give 0**, as in the reference scorer (e.g. MUC recall of a key made only
  of singletons, any score of an empty clustering); F1 of P = R = 0 is 0.
- CEAF-e uses phi4 (Luo 2005): phi4(K, R) = 2 |K ∩ R| / (|K| + |R|), with the optimal one-to-one
  alignment of key and response clusters (Kuhn-Munkres via scipy); recall divides the aligned
  similarity by the number of key clusters, precision by the number of response clusters.
- CoNLL F1 is the unweighted mean of the MUC, B-cubed and CEAF-e F1 (Pradhan et al. 2011).

Scores are fractions in [0, 1]; the tables in docs/evaluation.md print them times 100.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Clustering = Iterable[Iterable[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def row(self) -> dict[str, float]:
        """Flat numbers (R, P, F1 of each metric and CoNLL F1) for tables and JSON."""
        out: dict[str, float] = {}
        for name, score in (("muc", self.muc), ("b3", self.b_cubed), ("ceafe", self.ceaf_e)):
            out[f"{name}_r"] = score.recall
            out[f"{name}_p"] = score.precision
            out[f"{name}_f1"] = score.f1
        out["conll_f1"] = self.conll_f1
        return out


def normalise(clusters: Clustering) -> list[frozenset[Hashable]]:
    """The non-empty clusters as sets; a mention in two clusters is an error."""
    out: list[frozenset[Hashable]] = []
    seen: set[Hashable] = set()
    for cluster in clusters:
        members = list(cluster)
        unique = frozenset(members)
        if len(unique) != len(members) or seen & unique:
            repeated = [m for m, n in Counter(members).items() if n > 1] or sorted(
                map(repr, seen & unique)
            )
            raise ValueError(f"mention(s) in more than one place of a clustering: {repeated}")
        seen |= unique
        if unique:
            out.append(unique)
    return out


def _ratio(numerator: float, denominator: float) -> float:
    return 0.0 if denominator == 0 else numerator / denominator


def _owner(clusters: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {mention: i for i, cluster in enumerate(clusters) for mention in cluster}


def _muc_recall(
    key: Sequence[frozenset[Hashable]], response: Sequence[frozenset[Hashable]]
) -> float:
    owner = _owner(response)
    numerator = denominator = 0
    for cluster in key:
        holders = {owner[m] for m in cluster if m in owner}
        unheld = sum(1 for m in cluster if m not in owner)
        numerator += len(cluster) - (len(holders) + unheld)
        denominator += len(cluster) - 1
    return _ratio(numerator, denominator)


def muc(key: Clustering, response: Clustering) -> Score:
    """Vilain et al. (1995): the links kept, counted by partitions of each cluster."""
    k, r = normalise(key), normalise(response)
    return Score(recall=_muc_recall(k, r), precision=_muc_recall(r, k))


def _b_cubed_recall(
    key: Sequence[frozenset[Hashable]], response: Sequence[frozenset[Hashable]]
) -> float:
    owner = _owner(response)
    total = 0.0
    mentions = 0
    for cluster in key:
        mentions += len(cluster)
        overlaps = Counter(owner[m] for m in cluster if m in owner)
        total += sum(n * n for n in overlaps.values()) / len(cluster)
    return _ratio(total, mentions)


def b_cubed(key: Clustering, response: Clustering) -> Score:
    """Bagga & Baldwin (1998), each mention weighted equally."""
    k, r = normalise(key), normalise(response)
    return Score(recall=_b_cubed_recall(k, r), precision=_b_cubed_recall(r, k))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """Luo (2005), entity-based CEAF with phi4 and the optimal cluster alignment."""
    k, r = normalise(key), normalise(response)
    if not k or not r:
        return Score(0.0, 0.0)
    owner = _owner(r)
    similarity = np.zeros((len(k), len(r)), dtype=np.float64)
    for i, cluster in enumerate(k):
        overlaps = Counter(owner[m] for m in cluster if m in owner)
        for j, n in overlaps.items():
            similarity[i, j] = 2 * n / (len(cluster) + len(r[j]))
    best = _best_alignment(similarity)
    return Score(recall=best / len(k), precision=best / len(r))


def _best_alignment(similarity: np.ndarray) -> float:
    """The largest total similarity of a one-to-one alignment of rows and columns.

    Rows and columns that overlap nothing cannot add to the total, so the assignment is solved
    on the submatrix of rows and columns with some overlap (ECB+ test: ~800 x 800 otherwise).
    """
    rows = np.flatnonzero(similarity.any(axis=1))
    cols = np.flatnonzero(similarity.any(axis=0))
    if rows.size == 0:
        return 0.0
    sub = similarity[np.ix_(rows, cols)]
    optimize = importlib.import_module("scipy.optimize")
    row_ind, col_ind = optimize.linear_sum_assignment(sub, maximize=True)
    return float(sub[row_ind, col_ind].sum())


def score_all(key: Clustering, response: Clustering) -> CorefScores:
    """MUC, B-cubed and CEAF-e of ``response`` against ``key`` (CoNLL F1 is their mean)."""
    k, r = normalise(key), normalise(response)
    return CorefScores(muc=muc(k, r), b_cubed=b_cubed(k, r), ceaf_e=ceaf_e(k, r))
