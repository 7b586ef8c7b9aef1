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
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for fact in facts:
        names = list(dict.fromkeys(s.outlet for s in fact.support))
        for name in names:
            supported[name].append(fact.id)
        for a, b in combinations(sorted(names), 2):
            shared[(a, b)] += 1
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
