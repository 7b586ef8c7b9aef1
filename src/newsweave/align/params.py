"""The knobs of cross-document claim alignment, with how each default was chosen.

Defaults are the named constants below; evaluation scripts pass other ``AlignParams`` to sweep
them. Tuned on the ECB+ training topics and MEANTIME (eval/align_pairs.py), never on the test
topics the figures in docs/evaluation.md are reported on.
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
# Score (cosine of all-MiniLM-L6-v2 embeddings plus the evidence below) from which two claims of
# different outlets state the same fact. On the ECB+ training topics pair precision stays at
# 72-74% from 0.6 to 0.8 while recall falls from 22% to 18% (eval/align_pairs.py --sweep);
# on the seed articles the merges between 0.7 and 0.75 were mostly topical neighbours rather
# than one assertion (an editor's reading, docs/evaluation.md), so 0.75.
MIN_SCORE = 0.75
# Added per unit of rare-entity overlap (weighted Jaccard of canonical entities, weighted by
# rarity in the run): paraphrases of one event name the same people and places.
ENTITY_WEIGHT = 0.12
# Added per unit of rare-word overlap (weighted Jaccard of content words): distinctive words
# shared by two claims ("Lavrov", "refinery") tell one fact from its neighbours in the story.
WORD_WEIGHT = 0.3
# Subtracted when both claims name people, organisations or places and share none of them:
# "two claims about different events must not merge merely because they" read alike.
DISJOINT_ENTITY_PENALTY = 0.08
# Subtracted when both claims carry day-precise dates that do not overlap: more often two
# events than one event misdated, so it takes a near-verbatim claim to merge (and then it is a
# date conflict).
DATE_MISMATCH_PENALTY = 0.15
# Two groups of claims merge only if their centroids are this close (cosine): stops chains of
# pairwise-similar claims drifting from one event to the next. On the ECB+ training topics
# 0.65 and 0.75 cost 6 and 18 points of recall for no precision at min_score 0.75.
MIN_CENTROID_COSINE = 0.55


@dataclass(frozen=True, slots=True)
class AlignParams:
    neighbours: int = NEIGHBOURS
    exact_search_max_claims: int = EXACT_SEARCH_MAX_CLAIMS
    min_score: float = MIN_SCORE
    entity_weight: float = ENTITY_WEIGHT
    word_weight: float = WORD_WEIGHT
    disjoint_entity_penalty: float = DISJOINT_ENTITY_PENALTY
    date_mismatch_penalty: float = DATE_MISMATCH_PENALTY
    min_centroid_cosine: float = MIN_CENTROID_COSINE
