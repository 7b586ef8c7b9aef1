"""How many independent sources support a fact, and why fewer than the outlets reporting it.

Supports of one fact fall into origin groups: one outlet's documents together (one name, or
one registered domain: edition.example-news.com and example-news.com are one outlet); an
agency's copy, whichever site carries it ("WASHINGTON (AP) —", byline "Reuters staff"), with
the agency and every other copy of it; a claim that copies another's words (or comes from an
article derived from another) with its origin; a relayed claim ("according to Reuters") with
the organisation it credits. An agency's copy is not joined with the rest of the site that
carries it: a site's Reuters story and its AP story are two sources. Each group counts once;
it is named after the organisation relayed, the agency, or its earliest outlet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.align.agencies import agency_name, credited_agency
from newsweave.align.relay import outlet_key
from newsweave.model import Article, Claim, Support, SupportRole
from newsweave.outlets import article_domain


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
        for key in _origin_keys(item):
            if key in by_key:
                union.join(by_key[key], n)
            by_key.setdefault(key, n)
    pairs = len(items) * (len(items) - 1) // 2
    if pairs <= len(copied) + len(derived):
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                if _copies(items[a], items[b], copied, derived):
                    union.join(a, b)
    else:  # a fact of many claims: walk the known copy pairs instead of every pair of claims
        _join_known_pairs(items, copied, derived, union)
    return tuple(_support(item, items, union.find(n)) for n, item in enumerate(items))


def _join_known_pairs(
    items: Sequence[SupportInput],
    copied: frozenset[tuple[int, int]],
    derived: frozenset[tuple[str, str]],
    union: _Union,
) -> None:
    """What the pairwise ``_copies`` test joins, found from the pairs themselves: linear in
    the items and the pairs (a component's root is its least member either way)."""
    by_claim: dict[int, list[int]] = {}
    by_doc: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        by_claim.setdefault(item.index, []).append(n)
        by_doc.setdefault(item.article.id, []).append(n)
    for i, j in copied:
        _join_pair(by_claim.get(i), by_claim.get(j), i == j, union)
    for d, e in derived:
        _join_pair(by_doc.get(d), by_doc.get(e), d == e, union)


def _join_pair(ones: list[int] | None, others: list[int] | None, same: bool, union: _Union) -> None:
    """Join every item of ``ones`` with every item of ``others`` (two distinct items when
    both name the same claim or article): one group, joined to its first member."""
    if not ones or not others or (same and len(ones) < 2):
        return
    for n in (*ones, *others):
        union.join(ones[0], n)


def source_name(name: str) -> str:
    """The name a source counts under: an agency's usual name ("AP" -> "Associated Press"),
    else the name given."""
    return agency_name(name) or name


def _origin_keys(item: SupportInput) -> tuple[str, ...]:
    """Items sharing a key are one source: the organisation relayed; else the agency whose copy
    the article is; else the outlet, by name and by registered domain."""
    if item.claim.relay_origin is not None:
        return (f"source:{outlet_key(source_name(item.claim.relay_origin))}",)
    agency = credited_agency(item.article)
    if agency is not None:
        return (f"source:{outlet_key(agency)}",)
    return _outlet_keys(item)


def _outlet_keys(item: SupportInput) -> tuple[str, ...]:
    keys = [f"source:{outlet_key(source_name(item.outlet))}"]
    domain = article_domain(item.article)
    if domain is not None:
        keys.append(f"domain:{domain}")
    return tuple(keys)


def _origin(item: SupportInput) -> str:
    """The source an item counts for, as named in a brief."""
    if item.claim.relay_origin is not None:
        return source_name(item.claim.relay_origin)
    return credited_agency(item.article) or item.outlet


def _copies(
    a: SupportInput,
    b: SupportInput,
    copied: frozenset[tuple[int, int]],
    derived: frozenset[tuple[str, str]],
) -> bool:
    pair = (min(a.index, b.index), max(a.index, b.index))
    docs = (a.article.id, b.article.id)
    return pair in copied or docs in derived or docs[::-1] in derived


def _support(item: SupportInput, items: Sequence[SupportInput], root: int) -> Support:
    first = items[root]
    origin = _origin(first)
    role, note = SupportRole.ORIGINAL, ""
    own = set(_outlet_keys(item))
    if item.claim.relay_origin is not None:
        role, note = SupportRole.RELAY, f"cites {item.claim.relay_origin}"
    elif f"source:{outlet_key(source_name(origin))}" in own:
        pass  # the outlet's own reporting (or, on an agency's site, the agency's)
    elif (
        credited_agency(item.article) is None
        and first.claim.relay_origin is None
        and credited_agency(first.article) is None
        and own & set(_outlet_keys(first))
    ):
        origin = first.outlet  # the same outlet under another name or domain
    else:
        role, note = SupportRole.COPY, f"copies {origin}"
    return Support(
        outlet=item.outlet,
        mention=item.claim.span,
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
