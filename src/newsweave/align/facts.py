"""Cross-document facts: claims aligned, counted for independent support, checked for conflicts.

``align_story`` is the cross-document stage of a brief: it reads the per-article analyses
(with their ``claims``), the canonical entities and the resolved quotes, and returns facts,
quotes with their variants, and the source comparison.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from newsweave.align.cluster import ClaimEvidence, cluster_claims, score_candidates
from newsweave.align.conflicts import DAY_GRANULARITIES, ClaimFacts, fact_conflicts
from newsweave.align.copying import CopyAnalysis, find_copies, with_known_copies
from newsweave.align.embed import Vectors, from_bytes, load_embedder
from newsweave.align.figure_slots import slot_conflicts
from newsweave.align.independence import SupportInput, count_support, earliest_first, explain
from newsweave.align.near_conflicts import near_conflicts
from newsweave.align.neighbours import nearest
from newsweave.align.params import AlignParams
from newsweave.align.quote_groups import group_quotes
from newsweave.align.relay import relays_in_run
from newsweave.align.sources import compare_sources
from newsweave.analysis.entities import EntityIndex
from newsweave.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Conflict,
    ConflictKind,
    CopyRelation,
    DateExpr,
    EntityType,
    Fact,
    FactStatus,
    Figure,
    Mention,
    Quote,
    Relation,
    SourceComparison,
    Support,
)
from newsweave.outlets import outlet_name

NAMED_TYPES = frozenset((EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE))
PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i", "you", "officials", "sources"))
# Words that leave a fact's text hanging when it opens with them: the reader cannot tell who
# or what is meant without the article.
DANGLING_OPENERS = frozenset(
    ("he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "his",
     "her", "its", "their", "there")
)  # fmt: skip
# Content words a fact's text needs to say something by itself.
READABLE_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class AlignedStory:
    facts: tuple[Fact, ...]
    quotes: tuple[Quote, ...]  # with ``variants``
    sources: SourceComparison
    claims: tuple[Claim, ...] = ()  # every claim of the run, as the facts cite them


class ClaimLocator:
    """Finds the claim whose own words a span starts in (claims of a sentence never overlap).

    A span in no claim's words (a reporting frame's "said Monday", a heading) has no claim:
    its date or figure belongs to no assertion.
    """

    def __init__(self, claims: Sequence[Claim]) -> None:
        pieces: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for i, claim in enumerate(claims):
            own = claim.pieces or ((claim.sentence.start, claim.sentence.end),)
            pieces[claim.sentence.document].extend((s, e, i) for s, e in own)
        self._pieces = {doc: sorted(found) for doc, found in pieces.items()}
        self._starts = {doc: [p[0] for p in found] for doc, found in self._pieces.items()}

    def find(self, mention: Mention) -> int | None:
        starts = self._starts.get(mention.document, [])
        at = bisect.bisect_right(starts, mention.start) - 1
        if at < 0:
            return None
        _start, end, i = self._pieces[mention.document][at]
        return i if mention.start < end else None


@dataclass(frozen=True, slots=True)
class _Run:
    """Everything of a run the fact builder reads."""

    analyses: Sequence[ArticleAnalysis]
    claims: list[Claim]
    vectors: Vectors
    outlets: dict[str, str]
    items: list[ClaimFacts]
    copies: CopyAnalysis
    articles: dict[str, Article]
    locator: ClaimLocator


def align_story(
    analyses: Sequence[ArticleAnalysis],
    entities: EntityIndex,
    quotes: Sequence[Quote],
    params: AlignParams = AlignParams(),
    known_copies: Sequence[CopyRelation] = (),
) -> AlignedStory:
    """Facts across the documents of ``analyses``, with support, status and conflicts.

    ``known_copies`` are copy relations verified beforehand (corpus mode): they count in the
    independence of sources along with those the brief finds itself.
    """
    # The neighbour search (an HNSW build above a few thousand claims, in C++ without the GIL)
    # runs beside the copy detection, evidence and quote grouping, which do not need it. The
    # thread lives for this call only, so none is left running when a caller forks workers.
    with ThreadPoolExecutor(1) as background:
        vectors = from_bytes([c.vector for a in analyses for c in a.claims])
        searched = background.submit(
            nearest, vectors, params.neighbours, params.exact_search_max_claims
        )
        run = prepare_run(analyses, quotes, known_copies, vectors)
        evidence = claim_evidence(run, entities)
        grouped = group_quotes(quotes, run.outlets)
        neighbours = searched.result()
    scored = score_candidates(
        evidence, run.vectors, params, MiniLMCosines(run.claims), neighbours=neighbours
    )
    clusters = cluster_claims(evidence, run.vectors, params, scored=scored)
    cluster_of = [0] * len(run.claims)
    for n, members in enumerate(clusters):
        for i in members:
            cluster_of[i] = n
    quote_conflicts = _quote_conflicts_by_cluster(grouped.conflicts, run, cluster_of)
    texts = {doc: article.text for doc, article in run.articles.items()}
    slots = slot_conflicts(run.items, texts, run.vectors, cluster_of)
    for n, found in near_conflicts(run.items, scored, cluster_of).items():
        slots.setdefault(n, []).extend(found)
    facts = tuple(
        _fact(f"f{n}", members, run, (*quote_conflicts.get(n - 1, ()), *slots.get(n - 1, ())))
        for n, members in enumerate(clusters, start=1)
    )
    sources = compare_sources(
        facts, [a.article for a in analyses], run.outlets, run.copies.links, run.claims
    )
    return AlignedStory(facts, grouped.quotes, sources, tuple(run.claims))


def prepare_run(
    analyses: Sequence[ArticleAnalysis],
    quotes: Sequence[Quote],
    known_copies: Sequence[CopyRelation] = (),
    vectors: Vectors | None = None,
) -> _Run:
    """``vectors``: the claims' static vectors when the caller has stacked them already (one
    copy in memory, 41 MB on a 500-article story)."""
    outlets = {a.article.id: outlet_name(a.article) for a in analyses}
    claims = relays_in_run([c for a in analyses for c in a.claims], outlets)
    locator = ClaimLocator(claims)
    figures: dict[int, list[Figure]] = defaultdict(list)
    dates: dict[int, list[DateExpr]] = defaultdict(list)
    for analysis in analyses:
        for figure in analysis.figures:
            figures[_where(locator, figure.mention)].append(figure)
        for date in analysis.dates:
            dates[_where(locator, date.mention)].append(date)
    published = {a.article.id: a.article.published for a in analyses}
    items = [
        ClaimFacts(
            c,
            outlets[c.sentence.document],
            tuple(figures[i]),
            tuple(dates[i]),
            published[c.sentence.document],
        )
        for i, c in enumerate(claims)
    ]
    quoted = [q.mention for q in quotes]
    articles_in_run = [a.article for a in analyses]
    copies = with_known_copies(
        find_copies(claims, quoted, articles_in_run), known_copies, claims, articles_in_run
    )
    if vectors is None:
        vectors = from_bytes([c.vector for c in claims])
    articles = {a.article.id: a.article for a in analyses}
    return _Run(analyses, claims, vectors, outlets, items, copies, articles, locator)


class MiniLMCosines:
    """MiniLM's cosine of claim pairs, embedding each claim once, only when first asked.

    Only the pairs the fast pair model leaves undecided reach here (``align.cluster``); each
    text is embedded in its own run, so a vector does not depend on which others are asked.
    """

    def __init__(self, claims: Sequence[Claim]) -> None:
        self._claims = claims
        self._vectors: dict[int, Vectors] = {}

    def __call__(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        missing = sorted({i for pair in pairs for i in pair} - self._vectors.keys())
        if missing:
            found = load_embedder().embed([self._claims[i].statement for i in missing])
            self._vectors.update(zip(missing, found, strict=True))
        return [float(self._vectors[i] @ self._vectors[j]) for i, j in pairs]


def _where(locator: ClaimLocator, mention: Mention) -> int:
    found = locator.find(mention)
    return -1 if found is None else found


def claim_evidence(run: _Run, entities: EntityIndex) -> list[ClaimEvidence]:
    named: dict[int, set[str]] = defaultdict(set)
    for analysis in run.analyses:
        for mention in analysis.entity_mentions:
            entity = entities.resolve(mention.mention)
            where = run.locator.find(mention.mention)
            if entity is not None and where is not None and entity.type in NAMED_TYPES:
                named[where].add(entity.id)
    return [
        ClaimEvidence(
            document=item.claim.sentence.document,
            entities=frozenset(named[i]),
            days=tuple((d.start, d.end) for d in item.dates if d.granularity in DAY_GRANULARITIES),
            words=item.claim.content,
            predicate=item.claim.predicate,
            figures=tuple((f"{f.kind.value}:{f.unit}", f.low, f.high) for f in item.figures),
            negated=item.claim.negated,
            modality=item.claim.modality.value,
        )
        for i, item in enumerate(run.items)
    ]


def _quote_conflicts_by_cluster(
    conflicts: Sequence[Conflict], run: _Run, cluster_of: Sequence[int]
) -> dict[int, tuple[Conflict, ...]]:
    """Each quote conflict goes to the fact holding most of its quoted sentences."""
    attached: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        votes: dict[int, int] = defaultdict(int)
        for mention in conflict.mentions:
            claim = run.locator.find(mention)
            if claim is not None:
                votes[cluster_of[claim]] += 1
        if votes:
            attached[max(votes, key=lambda n: (votes[n], -n))].append(conflict)
    return {n: tuple(found) for n, found in attached.items()}


def _fact(
    fact_id: str, members: Sequence[int], run: _Run, quote_conflicts: tuple[Conflict, ...]
) -> Fact:
    vectors = run.vectors[list(members)]
    centroid = vectors.sum(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    similarity = vectors @ centroid
    inputs = earliest_first(
        [
            SupportInput(i, run.claims[i], _article(run, i), run.items[i].outlet, float(sim))
            for i, sim in zip(members, similarity.tolist(), strict=True)
        ]
    )
    support = count_support(inputs, run.copies.claim_pairs, run.copies.derived)
    count, reason = explain(support)
    found = fact_conflicts([run.items[i] for i in members]) + quote_conflicts
    conflicts = tuple(_with_sides_counted(c, support, run) for c in found)
    status = _status(count, conflicts)
    if status is FactStatus.DISPUTED:
        reason = "; ".join(c.summary for c in conflicts if c.disputes) + f" ({reason})"
    representative = _representative([run.claims[i] for i in members], similarity.tolist())
    return Fact(
        id=fact_id,
        text=representative.statement,
        status=status,
        independent_sources=count,
        mentions=tuple(s.mention for s in support),
        reason=reason,
        outlets=tuple(dict.fromkeys(s.outlet for s in support)),
        conflicts=conflicts,
        support=support,
        claims=tuple(run.claims[i].id for i in _support_order(members, support, run)),
        attributed_to=_common_source([run.claims[i] for i in members], run),
    )


def _representative(claims: Sequence[Claim], similarity: Sequence[float]) -> Claim:
    """The claim that words the fact: one that reads alone (no opening "he", "this", "it")
    and says it fully (not cut short), then the closest to the fact's centroid."""

    def rank(n: int) -> tuple[bool, bool, float, int]:
        first = claims[n].statement.split(maxsplit=1)[:1]
        dangling = bool(first) and first[0].lower().strip("\"'“‘") in DANGLING_OPENERS
        short = len(claims[n].content) < READABLE_MIN_WORDS
        return (not dangling, not short, similarity[n], -n)

    return claims[max(range(len(claims)), key=rank)]


def _support_order(members: Sequence[int], support: Sequence[Support], run: _Run) -> list[int]:
    by_span = {run.claims[i].span: i for i in members}
    return [by_span[s.mention] for s in support if s.mention in by_span]


def _with_sides_counted(conflict: Conflict, support: Sequence[Support], run: _Run) -> Conflict:
    """Each side with its claims and the independent sources among them; a wording variant
    is a difference, never a dispute."""
    sides = []
    for side in conflict.sides:
        claims = [c for c in (run.locator.find(m) for m in side.mentions) if c is not None]
        spans = {run.claims[c].span for c in claims}
        origins = {s.origin for s in support if s.mention in spans}
        ids = tuple(dict.fromkeys(run.claims[c].id for c in claims))
        sides.append(replace(side, claims=ids, independent_sources=len(origins)))
    relation = Relation.DIFFER if conflict.kind is ConflictKind.WORDING else conflict.relation
    return replace(conflict, sides=tuple(sides), relation=relation)


def _common_source(claims: Sequence[Claim], run: _Run) -> str | None:
    """The one source every outlet's claim cites ("5 outlets, all citing Ushakov"), if any.

    Sources are compared by their last word ("President Trump", "Donald Trump" and "Trump"),
    and pronouns never count.
    """
    outlets = {run.outlets[c.sentence.document] for c in claims}
    if len(outlets) < 2 or any(c.attribution is None for c in claims):
        return None
    names = [c.attribution.text for c in claims if c.attribution is not None]
    keys = {_source_key(n) for n in names}
    if len(keys) != 1 or "" in keys:
        return None
    return max(names, key=lambda n: (len(n), n))


def _source_key(name: str) -> str:
    words = [w for w in name.replace("'s", "").split() if w[:1].isalnum()]
    last = words[-1].lower() if words else ""
    return "" if last in PRONOUNS else last


def _article(run: _Run, claim: int) -> Article:
    return run.articles[run.claims[claim].sentence.document]


def _status(count: int, conflicts: Sequence[Conflict]) -> FactStatus:
    if any(c.disputes for c in conflicts):
        return FactStatus.DISPUTED
    return FactStatus.CORROBORATED if count >= 2 else FactStatus.SINGLE_SOURCE
