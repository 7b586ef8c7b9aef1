"""Copied text: claims and articles that reprint or lightly edit another article's words.

Two claims are copies when they share a run of ``COPY_RUN_WORDS`` consecutive words outside
quotation marks (two outlets quoting the same speech share its words without copying each
other). Runs are found through an inverted index of word shingles, so the work grows with the
text, not with the square of the number of articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.align.relay import outlet_key
from newsweave.model import Article, Claim, CopyLink, CopyRelation, Mention
from newsweave.outlets import outlet_name

# Consecutive words two claims must share to be copies: independent reports of one event
# share 3-5 word phrases ("the White House said on"), wire copy shares whole sentences; on the
# example story 8 separates them with no error either way.
COPY_RUN_WORDS = 8
# Plain words (lower-case in the text, not stop words) a shared run must hold: runs of names
# and titles ("President Donald Trump and Russian President Vladimir Putin have") are how every
# outlet writes them, not copying; copied prose shares ordinary words.
COPY_MIN_PLAIN_WORDS = 4
# Words of an article's claims inside shared runs for it to be listed as copying another:
# about one sentence, so one stock phrase does not make a copy.
COPY_MIN_SHARED_WORDS = 20
# Share of an article's claim words copied from one origin above which the whole article is
# treated as derived from it (a reprint with light edits): its reworded sentences then also
# count with the origin.
DERIVED_SHARE = 0.3
# Characters at the head and at the foot of an article searched for a credit line ("HALVIK
# (Reuters) -", "This article first appeared in The Harbor Gazette.").
CREDIT_CHARS = 300
# Words that make an outlet a news agency, whose copy others reprint on the same day.
AGENCY_WORDS = frozenset(("agency", "wire", "press", "reuters", "ap", "afp", "dpa", "tass"))
# Longest shared passages kept per copy link, as evidence.
PASSAGES_PER_LINK = 3

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class _Words:
    claim: int
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # absolute offsets of each word
    plain: tuple[bool, ...]  # lower-case in the text and not a stop word


@dataclass(frozen=True, slots=True)
class CopyAnalysis:
    claim_pairs: frozenset[tuple[int, int]]  # claim indices (i < j) that share a run
    links: tuple[CopyLink, ...]  # copier -> origin, for articles sharing enough
    derived: frozenset[tuple[str, str]]  # (copier, origin) document ids above DERIVED_SHARE


def find_copies(
    claims: Sequence[Claim], quoted: Sequence[Mention], articles: Sequence[Article]
) -> CopyAnalysis:
    """Copied claims and articles among ``claims`` (of all documents of a run)."""
    by_document: dict[str, list[Mention]] = defaultdict(list)
    for mention in quoted:
        by_document[mention.document].append(mention)
    words = [_claim_words(i, c, by_document[c.sentence.document]) for i, c in enumerate(claims)]
    covered, pairs = _shared_runs(words, claims)
    links = _links(words, claims, covered, articles)
    derived = frozenset((k.copier, k.origin) for k in links if k.share >= DERIVED_SHARE)
    return CopyAnalysis(frozenset(pairs), tuple(links), derived)


def _claim_words(index: int, claim: Claim, quoted: Sequence[Mention]) -> _Words:
    sentence = claim.sentence
    inside = [q for q in quoted if q.start < sentence.end and sentence.start < q.end]
    kept: list[tuple[str, tuple[int, int], bool]] = []
    for match in WORD.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        word = match.group()
        if any(q.start <= start and end <= q.end for q in inside):
            kept.append(("\0", (start, end), False))  # a break: no run crosses quoted words
        else:
            plain = word.islower() and word not in STOP_WORDS
            kept.append((word.lower(), (start, end), plain))
    return _Words(
        index, tuple(k[0] for k in kept), tuple(k[1] for k in kept), tuple(k[2] for k in kept)
    )


def _shingles(words: _Words) -> list[tuple[int, tuple[str, ...]]]:
    return [
        (i, gram)
        for i in range(len(words.words) - COPY_RUN_WORDS + 1)
        if "\0" not in (gram := words.words[i : i + COPY_RUN_WORDS])
        and sum(words.plain[i : i + COPY_RUN_WORDS]) >= COPY_MIN_PLAIN_WORDS
    ]


Covered = dict[tuple[int, str], set[int]]  # (claim, other document) -> covered word positions


def _shared_runs(
    words: Sequence[_Words], claims: Sequence[Claim]
) -> tuple[Covered, set[tuple[int, int]]]:
    index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for w in words:
        for position, gram in _shingles(w):
            index[gram].append((w.claim, position))
    covered: Covered = defaultdict(set)
    pairs: set[tuple[int, int]] = set()
    for postings in index.values():
        for a, pa in postings:
            for b, _pb in postings:
                doc_a, doc_b = claims[a].sentence.document, claims[b].sentence.document
                if doc_a == doc_b:
                    continue
                covered[(a, doc_b)].update(range(pa, pa + COPY_RUN_WORDS))
                pairs.add((min(a, b), max(a, b)))
    return covered, pairs


def _links(
    words: Sequence[_Words], claims: Sequence[Claim], covered: Covered, articles: Sequence[Article]
) -> list[CopyLink]:
    totals: dict[str, int] = defaultdict(int)
    for w in words:
        totals[claims[w.claim].sentence.document] += sum(1 for x in w.words if x != "\0")
    shared: dict[tuple[str, str], list[tuple[int, set[int]]]] = defaultdict(list)
    for (claim, other), positions in covered.items():
        shared[(claims[claim].sentence.document, other)].append((claim, positions))
    by_id = {a.id: a for a in articles}
    position = {a.id: i for i, a in enumerate(articles)}
    outlets = {a.id: outlet_name(a) for a in articles}
    links = []
    for (doc, other), parts in shared.items():
        count = sum(len(p) for _, p in parts)
        forward = copies_from(by_id[doc], by_id[other], outlets)
        backward = copies_from(by_id[other], by_id[doc], outlets)
        copier = forward or (not backward and position[doc] > position[other])
        if count < COPY_MIN_SHARED_WORDS or not copier:
            continue
        passages = _passages(words, parts, claims)
        links.append(CopyLink(doc, other, count, count / max(totals[doc], 1), passages))
    links = _reduce(links)
    return sorted(links, key=lambda k: (position[k.copier], position[k.origin]))


def copies_from(doc: Article, other: Article, outlets: dict[str, str]) -> bool:
    """Whether ``doc`` copied ``other`` (rather than the reverse), by the best evidence at hand.

    The later article copies the earlier. On the same day: an article that credits the other's
    outlet (byline "Continental Press Agency", "HALVIK (Reuters) -") copies it; else an article
    of a news agency is the origin; else input order decides.
    """
    day, other_day = doc.published or dt.date.max, other.published or dt.date.max
    if day != other_day:
        return day > other_day
    credits, credited = _credits(doc, outlets[other.id]), _credits(other, outlets[doc.id])
    if credits != credited:
        return credits
    agency, other_agency = _is_agency(outlets[doc.id]), _is_agency(outlets[other.id])
    if agency != other_agency:
        return other_agency
    return False  # the caller keeps input order: the later input copies the earlier


def _credits(article: Article, outlet: str) -> bool:
    """Whether ``article``'s byline or head names ``outlet`` as whole words ("AP" is not in
    "Japan", "Post" not in "postponed")."""
    key = outlet_key(outlet)
    return bool(key) and (
        key == outlet_key(article.author or "")
        or f" {key} " in f" {outlet_key(article.text[:CREDIT_CHARS])} "
        or f" {key} " in f" {outlet_key(article.text[-CREDIT_CHARS:])} "
    )


def _is_agency(outlet: str) -> bool:
    return any(word in AGENCY_WORDS for word in outlet_key(outlet).split())


def _reduce(links: list[CopyLink]) -> list[CopyLink]:
    """Drop copier -> B when B itself copies another origin of the same copier (A -> B -> C)."""
    origins: dict[str, set[str]] = defaultdict(set)
    for link in links:
        origins[link.copier].add(link.origin)
    return [
        link
        for link in links
        if not any(o in origins[link.origin] for o in origins[link.copier] - {link.origin})
    ]


def _passages(
    words: Sequence[_Words], parts: list[tuple[int, set[int]]], claims: Sequence[Claim]
) -> tuple[Mention, ...]:
    runs: list[Mention] = []
    for claim, positions in parts:
        spans, sentence = words[claim].spans, claims[claim].sentence
        for first, last in _ranges(sorted(positions)):
            start, end = spans[first][0], spans[last][1]
            text = sentence.text[start - sentence.start : end - sentence.start]
            runs.append(Mention(sentence.document, start, end, text))
    runs.sort(key=lambda m: (-(m.end - m.start), m.start))
    return tuple(runs[:PASSAGES_PER_LINK])


def _ranges(positions: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for p in positions:
        if ranges and p == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], p)
        else:
            ranges.append((p, p))
    return ranges


def with_known_copies(
    found: CopyAnalysis,
    known: Sequence[CopyRelation],
    claims: Sequence[Claim],
    articles: Sequence[Article],
) -> CopyAnalysis:
    """``found`` plus copy relations established elsewhere (corpus mode's verified passages):
    claims overlapping both ends of a shared passage become copies of each other, reprints are
    derived from their origin, and relations the brief did not find are listed as links."""
    present = {a.id for a in articles}
    known = [r for r in known if r.source in present and r.target in present]
    if not known:
        return found
    pairs = set(found.claim_pairs) | _passage_claim_pairs(known, claims)
    derived = set(found.derived) | {(r.target, r.source) for r in known if r.near_duplicate}
    listed = {(k.copier, k.origin) for k in found.links}
    texts = {a.id: a.text for a in articles}
    extra = [_link(r, texts[r.target]) for r in known if (r.target, r.source) not in listed]
    return CopyAnalysis(frozenset(pairs), (*found.links, *extra), frozenset(derived))


def _passage_claim_pairs(
    known: Sequence[CopyRelation], claims: Sequence[Claim]
) -> set[tuple[int, int]]:
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_document[claim.sentence.document].append(i)
    pairs: set[tuple[int, int]] = set()
    for relation in known:
        for span in relation.spans:
            sources = _overlapping(
                claims, by_document[relation.source], span.source_start, span.source_end
            )
            targets = _overlapping(
                claims, by_document[relation.target], span.target_start, span.target_end
            )
            pairs.update((min(a, b), max(a, b)) for a in sources for b in targets)
    return pairs


def _overlapping(
    claims: Sequence[Claim], indices: Sequence[int], start: int, end: int
) -> list[int]:
    return [i for i in indices if claims[i].sentence.start < end and start < claims[i].sentence.end]


def _link(relation: CopyRelation, text: str) -> CopyLink:
    spans = sorted(relation.spans, key=lambda s: s.target_start - s.target_end)
    passages = tuple(
        Mention(relation.target, s.target_start, s.target_end, text[s.target_start : s.target_end])
        for s in spans[:PASSAGES_PER_LINK]
    )
    words = sum(len(WORD.findall(text[s.target_start : s.target_end])) for s in relation.spans)
    total = max(len(WORD.findall(text)), 1)
    return CopyLink(relation.target, relation.source, words, words / total, passages)
