"""Copied text: claims and articles that reprint or lightly edit another article's words.

The copies of a brief are found by corpus mode's detector (``corpus.copies``): every two
articles sharing a run of ``COPY_RUN_WORDS`` words are verified exactly, with quotations
excluded (two outlets quoting the same speech share its words without copying each other) and
runs of names and titles discounted, so ``newsweave brief`` and ``newsweave brief --corpus``
agree on who copied whom. A relation's shared spans then pair the claims they cover on both
sides, and a near-duplicate (a reprint) is derived from its origin: all its claims count with
the origin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.align.agencies import copies_from
from newsweave.corpus.copies import outside_quotes, relations_among
from newsweave.corpus.params import RUN_WORDS, CopyParams
from newsweave.corpus.text_units import WORD, quoted_ranges
from newsweave.model import Article, Claim, CopyLink, CopyRelation, Mention, SharedSpan

__all__ = [
    "COPY_RUN_WORDS",
    "DERIVED_SHARE",
    "CopyAnalysis",
    "copies_from",
    "find_copies",
    "with_known_copies",
]

# Consecutive words two articles must share for a run to count (corpus mode's RUN_WORDS):
# independent reports of one event share 3-5 word phrases ("the White House said on"), wire
# copy shares whole sentences; on the example story 8 separates them with no error either way.
COPY_RUN_WORDS = RUN_WORDS
# Share of the copier's text inside shared runs from which it is derived from its origin (a
# reprint with light edits, corpus mode's near-duplicate): its reworded sentences then also
# count with the origin.
DERIVED_SHARE = CopyParams().near_duplicate_share
# Characters of a claim, outside quotation marks, inside a shared span for the claim to be
# paired with the origin's claim there: about five words, so a sentence is not paired for the
# last words of a run that copies the sentence before it.
CLAIM_MIN_COPIED_CHARS = 30
# Longest shared passages kept per copy link, as evidence.
PASSAGES_PER_LINK = 3


@dataclass(frozen=True, slots=True)
class CopyAnalysis:
    claim_pairs: frozenset[tuple[int, int]]  # claim indices (i < j) that share copied text
    links: tuple[CopyLink, ...]  # copier -> origin, for articles sharing enough
    derived: frozenset[tuple[str, str]]  # (copier, origin) document ids of reprints
    relations: tuple[CopyRelation, ...] = ()  # the verified relations the rest comes from


def find_copies(
    claims: Sequence[Claim],
    quoted: Sequence[Mention] = (),
    articles: Sequence[Article] = (),
    params: CopyParams = CopyParams(),
) -> CopyAnalysis:
    """Copied claims and articles among ``articles`` (all documents of a run).

    ``quoted`` (the run's quotes) is accepted for compatibility and not used: quotations are
    read from the text as corpus mode reads them, so both modes find the same copies.
    """
    del quoted
    relations = relations_among(articles, params)
    return analysis_of(relations, claims, articles)


def with_known_copies(
    found: CopyAnalysis,
    known: Sequence[CopyRelation],
    claims: Sequence[Claim],
    articles: Sequence[Article],
) -> CopyAnalysis:
    """``found`` plus copy relations established elsewhere (corpus mode's verified passages)
    that link two articles of the run which ``found`` does not link."""
    present = {a.id for a in articles}
    linked = {frozenset((r.source, r.target)) for r in found.relations}
    linked |= {frozenset((k.copier, k.origin)) for k in found.links}
    extra = [
        r
        for r in known
        if r.source in present
        and r.target in present
        and frozenset((r.source, r.target)) not in linked
    ]
    if not extra:
        return found
    more = analysis_of(extra, claims, articles)
    links = _reduce([*found.links, *more.links])
    order = {a.id: n for n, a in enumerate(articles)}
    return CopyAnalysis(
        found.claim_pairs | more.claim_pairs,
        tuple(sorted(links, key=lambda k: (order[k.copier], order[k.origin]))),
        found.derived | more.derived,
        (*found.relations, *extra),
    )


def analysis_of(
    relations: Sequence[CopyRelation], claims: Sequence[Claim], articles: Sequence[Article]
) -> CopyAnalysis:
    """What ``relations`` mean for a brief: paired claims, copy links, derived articles."""
    texts = {a.id: a.text for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}
    pairs = _claim_pairs(relations, claims, texts)
    links = _reduce([_link(r, texts[r.target]) for r in relations])
    links.sort(key=lambda k: (order[k.copier], order[k.origin]))
    derived = frozenset((r.target, r.source) for r in relations if r.near_duplicate)
    return CopyAnalysis(frozenset(pairs), tuple(links), derived, tuple(relations))


def _reduce(links: list[CopyLink]) -> list[CopyLink]:
    """Drop copier -> B when B itself copies another origin of the same copier (A -> B -> C):
    a paragraph taken from a wire story is listed once, not for each reprint of it."""
    origins: dict[str, set[str]] = defaultdict(set)
    for link in links:
        origins[link.copier].add(link.origin)
    return [
        link
        for link in links
        if not any(o in origins[link.origin] for o in origins[link.copier] - {link.origin})
    ]


def _claim_pairs(
    relations: Sequence[CopyRelation], claims: Sequence[Claim], texts: dict[str, str]
) -> set[tuple[int, int]]:
    """Claim pairs (i < j) a shared span joins: each claim of the copier inside the span, or
    with enough copied words outside quotations, and the origin's claims at the same place."""
    by_document: dict[str, list[int]] = defaultdict(list)
    for i in sorted(range(len(claims)), key=lambda i: _bounds(claims[i])):
        by_document[claims[i].sentence.document].append(i)
    quoted = {
        doc: quoted_ranges(texts[doc])
        for doc in {r.target for r in relations} | {r.source for r in relations}
        if doc in texts
    }
    pairs: set[tuple[int, int]] = set()
    for relation in relations:
        for span in relation.spans:
            for b in _overlapping(claims, by_document[relation.target], *_target(span)):
                first, last = _bounds(claims[b])
                start, end = max(span.target_start, first), min(span.target_end, last)
                inside = start == first and end == last
                copied = outside_quotes(start, end, quoted.get(relation.target, []))
                if not inside and copied < CLAIM_MIN_COPIED_CHARS:
                    continue
                for a in _overlapping(
                    claims, by_document[relation.source], *_to_source(span, start, end)
                ):
                    pairs.add((min(a, b), max(a, b)))
    return pairs


def _bounds(claim: Claim) -> tuple[int, int]:
    """The claim's characters: its own span where the claim model gives one, else its
    sentence's."""
    mention: Mention | None = getattr(claim, "mention", None)
    if mention is not None:
        return mention.start, mention.end
    return claim.sentence.start, claim.sentence.end


def _target(span: SharedSpan) -> tuple[int, int]:
    return span.target_start, span.target_end


def _to_source(span: SharedSpan, start: int, end: int) -> tuple[int, int]:
    """The origin's characters matching ``[start, end)`` of a span in the copier: the words
    are the same, so offsets map in proportion (spacing and punctuation may differ a little)."""
    scale = (span.source_end - span.source_start) / max(span.target_end - span.target_start, 1)
    first = span.source_start + round((start - span.target_start) * scale)
    last = span.source_start + round((end - span.target_start) * scale)
    return first, max(last, first + 1)


def _overlapping(
    claims: Sequence[Claim], indices: Sequence[int], start: int, end: int
) -> list[int]:
    found = []
    for i in indices:
        first, last = _bounds(claims[i])
        if first < end and start < last:
            found.append(i)
    return found


def _link(relation: CopyRelation, text: str) -> CopyLink:
    spans = sorted(relation.spans, key=lambda s: s.target_start - s.target_end)
    passages = tuple(
        Mention(relation.target, s.target_start, s.target_end, text[s.target_start : s.target_end])
        for s in spans[:PASSAGES_PER_LINK]
    )
    words = sum(len(WORD.findall(text[s.target_start : s.target_end])) for s in relation.spans)
    total = max(len(WORD.findall(text)), 1)
    return CopyLink(relation.target, relation.source, words, words / total, passages)
