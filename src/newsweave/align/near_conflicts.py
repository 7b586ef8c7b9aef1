"""Disagreements between claims of one slot that did not align: the near misses.

Two outlets that give different values for one thing ("the 80m-deep well", "the 40-metre
well") often word the claims too differently, or differ too much, for the pair scorer to link
them into one fact. A candidate pair that the fast model scores as about the same thing, but
below linking (``NEAR_MIN_PROBABILITY``), is compared slot by slot when the two claims say it
with one predicate or mostly the same words: one figure each of one kind and unit, or one
day-precise date each. Disagreeing values are a disagreement between the two facts, attached to
the earlier one, with both sides.

Precision first: only pairs of different outlets, only single values (as within a fact), only
claims sharing their predicate or most of their stems, never claims naming different people or
places, or dated to different times.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsweave.align.cluster import ScoredPairs
from newsweave.align.conflicts import ClaimFacts, fact_conflicts, same_subject, same_time
from newsweave.align.pair_features import FEATURES
from newsweave.model import Conflict, ConflictKind

# Fast-model probability from which an unlinked candidate pair is about the same thing closely
# enough for its values to be compared. Chosen on the claim-gold dev stories: from 0.3 the
# compared pairs include neighbouring events of one story (an earlier rescue, another
# shooting) whose figures differ for good reason.
NEAR_MIN_PROBABILITY = 0.45
# Rarity-weighted stem overlap that stands in for a shared predicate ("fell into the 80m-deep
# well" / "plunged down the 40-metre well").
NEAR_MIN_STEMS = 0.3
# Slots compared across facts: what one thing can have only one value of.
NEAR_KINDS = frozenset((ConflictKind.FIGURE, ConflictKind.DATE))

_STEMS = FEATURES.index("stems")
_SAME_PREDICATE = FEATURES.index("same_predicate")
_DISJOINT_ENTITIES = FEATURES.index("disjoint_entities")
_DAYS_DISJOINT = FEATURES.index("days_disjoint")


def near_conflicts(
    items: Sequence[ClaimFacts], scored: ScoredPairs, cluster_of: Sequence[int]
) -> dict[int, list[Conflict]]:
    """Disagreements of near-miss pairs, by the index of the earlier of their two facts."""
    found: dict[int, list[Conflict]] = defaultdict(list)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for n, (i, j) in enumerate(scored.pairs):
        if not _compared(n, i, j, items, scored, cluster_of):
            continue
        for conflict in fact_conflicts([items[i], items[j]]):
            key = (conflict.summary, tuple(sorted(s.value for s in conflict.sides)))
            if conflict.kind in NEAR_KINDS and key not in seen:
                seen.add(key)
                found[min(cluster_of[i], cluster_of[j])].append(conflict)
    return found


def _compared(
    n: int,
    i: int,
    j: int,
    items: Sequence[ClaimFacts],
    scored: ScoredPairs,
    cluster_of: Sequence[int],
) -> bool:
    if cluster_of[i] == cluster_of[j] or items[i].outlet == items[j].outlet:
        return False
    if float(scored.fast[n]) < NEAR_MIN_PROBABILITY:
        return False
    row = scored.rows[n]
    if row[_DISJOINT_ENTITIES] or row[_DAYS_DISJOINT] or not same_time(items[i], items[j]):
        return False  # other people, or another time: another slot
    if not same_subject(items[i], items[j]):
        return False  # "a crane operator ... 19 years" / "a shunting supervisor ... 22 years"
    return bool(row[_SAME_PREDICATE] or row[_STEMS] >= NEAR_MIN_STEMS)
