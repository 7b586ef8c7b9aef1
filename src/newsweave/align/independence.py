"""How many independent sources support a fact, and why fewer than the outlets reporting it.

Supports of one fact fall into origin groups: one outlet's documents together; a claim that
copies another's words (or comes from an article derived from another) with its origin; a
relayed claim ("according to Reuters") with the organisation it credits. Each group counts
once; it is named after the organisation relayed or its earliest outlet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.align.relay import outlet_key
from newsweave.model import Article, Claim, Support, SupportRole


@dataclass(frozen=True, slots=True)
class SupportInput:
    """One claim of a fact with what decides its origin."""

    index: int  # the claim's index in the run
    claim: Claim
    article: Article
    outlet: str
    similarity: float


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def count_support(
    items: Sequence[SupportInput],
    copied: frozenset[tuple[int, int]],
    derived: frozenset[tuple[str, str]],
) -> tuple[Support, ...]:
    """One ``Support`` per item, its ``origin`` naming the independent source it counts for.

    ``items`` are sorted by the caller earliest first, so a group's first item is its origin.
    """
    union = _Union(len(items))
    by_key: dict[str, int] = {}
    for n, item in enumerate(items):
        key = _origin_key(item)
        if key in by_key:
            union.join(by_key[key], n)
        by_key.setdefault(key, n)
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            if _copies(items[a], items[b], copied, derived):
                union.join(a, b)
    return tuple(_support(item, items, union.find(n), union) for n, item in enumerate(items))


def _origin_key(item: SupportInput) -> str:
    """Items with the same key are one source: the outlet, or the organisation relayed."""
    return outlet_key(item.claim.relay_origin or item.outlet)


def _copies(
    a: SupportInput,
    b: SupportInput,
    copied: frozenset[tuple[int, int]],
    derived: frozenset[tuple[str, str]],
) -> bool:
    pair = (min(a.index, b.index), max(a.index, b.index))
    docs = (a.article.id, b.article.id)
    return pair in copied or docs in derived or docs[::-1] in derived


def _support(
    item: SupportInput, items: Sequence[SupportInput], root: int, union: _Union
) -> Support:
    origin_item = items[root]
    origin = origin_item.claim.relay_origin or origin_item.outlet
    role, note = SupportRole.ORIGINAL, ""
    if item.claim.relay_origin is not None:
        role, note = SupportRole.RELAY, f"cites {item.claim.relay_origin}"
    elif outlet_key(item.outlet) != outlet_key(origin):
        role, note = SupportRole.COPY, f"copies {origin}"
    return Support(
        outlet=item.outlet,
        mention=item.claim.sentence.mention,
        origin=origin,
        role=role,
        similarity=round(item.similarity, 3),
        note=note,
    )


def earliest_first(items: Sequence[SupportInput]) -> list[SupportInput]:
    """Supports ordered by publication (undated last), then input order."""
    return sorted(items, key=lambda s: (s.article.published or dt.date.max, s.index))


def explain(supports: Sequence[Support]) -> tuple[int, str]:
    """The number of independent sources, and a short reason for it."""
    outlets = list(dict.fromkeys(s.outlet for s in supports))
    origins = list(dict.fromkeys(s.origin for s in supports))
    notes = list(dict.fromkeys(f"{s.outlet} {s.note}" for s in supports if s.note))
    if len(origins) >= 2:
        reason = f"{len(origins)} independent sources ({', '.join(origins)})"
    elif len(outlets) == 1:
        reason = f"reported only by {outlets[0]}"
    else:
        reason = f"{len(outlets)} outlets, one source: {origins[0]}"
    if notes:
        reason += f"; {'; '.join(notes)}"
    return len(origins), reason
