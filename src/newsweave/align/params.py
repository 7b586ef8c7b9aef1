"""The knobs of cross-document claim alignment, with how each default was chosen.

Defaults are the named constants below; evaluation scripts pass other ``AlignParams`` to sweep
them. How two claims are scored is learned, not set here: see ``align/pair_features.py``.
Tuned on the ECB+ training topics and MEANTIME (eval/align_pairs.py), never on the test topics
the figures in docs/evaluation.md are reported on.
"""

from __future__ import annotations

from dataclasses import dataclass

# Candidates per claim from the nearest-neighbour search: a fact is linked through chains of
# near neighbours, so each claim needs only its closest few: on the ECB+ training topics 10 and
# 30 found the same pairs (1,203 true of 1,634), 5 lost 5.
NEIGHBOURS = 10
# Below this many claims the neighbour search is exact (a 4,096 x 4,096 product takes ~0.1 s);
# above it an HNSW index (usearch) keeps the search at ~n log n.
EXACT_SEARCH_MAX_CLAIMS = 4_096
# Two groups of claims merge only if their centroids are this close (cosine): stops chains of
# pairwise-similar claims drifting from one event to the next. On the ECB+ training topics
# 0.65 and 0.75 cost 6 and 18 points of recall for no precision at min_score 0.75.
MIN_CENTROID_COSINE = 0.55


@dataclass(frozen=True, slots=True)
class AlignParams:
    neighbours: int = NEIGHBOURS
    exact_search_max_claims: int = EXACT_SEARCH_MAX_CLAIMS
    # Probability from which the pair model links two claims; None: the threshold chosen on
    # dev data and shipped with the model (align/resources/pair_scorer.json).
    min_score: float | None = None
    min_centroid_cosine: float = MIN_CENTROID_COSINE
