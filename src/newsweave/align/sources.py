"""The source comparison: what each outlet reports, what outlets share, who copied whom."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from newsweave.model import (
    Article,
    Claim,
    CopyLink,
    Fact,
    OutletOverlap,
    OutletProfile,
    Relay,
    SourceComparison,
)

# Outlets whose pairwise overlap is counted: those reporting the most facts. Overlap is
# quadratic in a fact's outlets (a fact carried by 20,000 one-line inputs made 200 million
# pairs), and a reader compares a few dozen outlets at most (the HTML overlap matrix shows
# the 30 reporting most, render/charts.py).
OVERLAP_OUTLETS_MAX = 60


def _compared_outlets(supported: dict[str, list[str]]) -> frozenset[str]:
    ranked = sorted(supported, key=lambda name: (-len(supported[name]), name))
    return frozenset(ranked[:OVERLAP_OUTLETS_MAX])


def _overlaps(facts: Sequence[Fact], compared: frozenset[str]) -> dict[tuple[str, str], int]:
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for fact in facts:
        names = sorted({s.outlet for s in fact.support} & compared)
        for a, b in combinations(names, 2):
            shared[(a, b)] += 1
    return shared


def compare_sources(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    outlets: dict[str, str],
    copies: Sequence[CopyLink],
    claims: Sequence[Claim],
) -> SourceComparison:
    """Profiles per outlet (in input order), pairwise overlaps, copy links and relays."""
    documents: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        documents[outlets[article.id]].append(article.id)
    supported: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        for name in dict.fromkeys(s.outlet for s in fact.support):
            supported[name].append(fact.id)
    shared = _overlaps(facts, _compared_outlets(supported))
    exclusive = {f.id for f in facts if len({s.outlet for s in f.support}) == 1}
    profiles = tuple(
        OutletProfile(
            outlet=name,
            documents=tuple(docs),
            facts=tuple(supported[name]),
            exclusive=tuple(f for f in supported[name] if f in exclusive),
        )
        for name, docs in documents.items()
    )
    overlap = tuple(OutletOverlap(pair, count) for pair, count in sorted(shared.items()))
    relays = tuple(
        Relay(outlets[c.sentence.document], c.relay_origin, c.relay)
        for c in claims
        if c.relay is not None and c.relay_origin is not None
    )
    return SourceComparison(profiles, overlap, tuple(copies), relays)
