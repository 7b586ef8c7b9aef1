"""Copy relations between two articles: exact shared passages, direction and kind.

This is the one copy detector of newsweave: corpus mode verifies the candidate pairs of MinHash
LSH (``features.band_keys`` and the index) with it, and a brief (``align.copying``) verifies
with it the pairs of its articles that share a run of words (``relations_among``), so both
find the same copies.

Each pair is verified exactly: runs of ``RUN_WORDS`` or more identical words (lower-cased,
punctuation and quotation marks ignored) are found through a shingle index of the origin, and
their characters outside quotation marks are counted, since two outlets quoting one speech share
its words without copying each other. Runs of names and titles ("Senate Majority Leader Jane
Doe, D-Ore., and House Speaker John Roe") are how every outlet writes them: a run counts only
with enough plain words, or when it is too long to be a stock phrase. Nothing else is asked of
the copied words, so a verbatim paragraph full of names is a copy. Copying goes from the earlier
publication to the later (``align.agencies.copies_from`` settles same-day pairs by credit lines
and agencies). Articles of one outlet (one registered domain or name) are never copies of each
other.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.align.agencies import copies_from
from newsweave.corpus.params import CopyParams
from newsweave.corpus.relays import Links, NoStoredLinks
from newsweave.corpus.text_units import Words, quoted_ranges, words_of
from newsweave.model import Article, CopyRelation, SharedSpan
from newsweave.outlets import outlet_keys, outlet_name

# Plain words (lower-case in the text, not stop words) a shared run must hold to count towards
# a copy: runs of names and titles ("President Donald Trump and Russian President Vladimir
# Putin have") are stock phrasing, not copying; copied prose shares ordinary words. 4 of 8 was
# the brief's rule before the detectors were merged, with no error on the example story.
MIN_PLAIN_WORDS = 4
# Words from which a shared run counts whatever its words. Between articles that do not copy
# each other (the same-event negative pairs of eval/copy_fixtures.py, seed 1, and the five seed
# articles), runs with fewer than MIN_PLAIN_WORDS plain words were 8 to 10 words long, and one
# 17 (a lead clause two seed outlets share: two leaders' names and titles, then a short clause
# on their planned meeting); a name-dense wire paragraph copied verbatim is one run of 30 words
# or more (tests/align/wire_stories.py). 20 lies between.
STOCK_RUN_WORDS = 20


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with its words and quotation ranges, computed once per verification batch."""

    article: Article
    words: Words
    quoted: tuple[tuple[int, int], ...]
    outlet: str
    plain: tuple[bool, ...] = ()  # per word: lower-case in the text and not a stop word
    outlets: tuple[str, ...] = ()  # what identifies the outlet (``outlets.outlet_keys``)


def prepare(article: Article) -> Prepared:
    words = words_of(article.text)
    text = article.text
    plain = tuple(
        token not in STOP_WORDS and text[start:end].islower()
        for token, start, end in zip(words.tokens, words.starts, words.ends, strict=True)
    )
    return Prepared(
        article,
        words,
        tuple(quoted_ranges(text)),
        outlet_name(article),
        plain,
        outlet_keys(article),
    )


def verify_pair(a: Prepared, b: Prepared, params: CopyParams = CopyParams()) -> CopyRelation | None:
    """The copy relation between ``a`` and ``b`` (either direction), or None."""
    if a.outlet == b.outlet or set(a.outlets) & set(b.outlets):
        return None  # an outlet reusing its own paragraphs is not a second source
    if min(len(a.article.text), len(b.article.text)) < params.min_shared_chars:
        return None  # too short to share enough text: no need to work out a direction
    forward = copies_from(b.article, a.article, {a.article.id: a.outlet, b.article.id: b.outlet})
    backward = copies_from(a.article, b.article, {a.article.id: a.outlet, b.article.id: b.outlet})
    if backward and not forward:
        source, target = b, a
    elif forward and not backward:
        source, target = a, b
    else:  # same day, no credit line: the copier is the one the shared text covers more of
        one, other = relation(a, b, params), relation(b, a, params)
        if one is None or other is None:
            return one or other
        return max((one, other), key=lambda r: (_coverage(r, b if r is one else a), r.target))
    return relation(source, target, params)


def _coverage(found: CopyRelation, target: Prepared) -> float:
    covered = sum(s.target_end - s.target_start for s in found.spans)
    return covered / max(len(target.article.text), 1)


def relation(source: Prepared, target: Prepared, params: CopyParams) -> CopyRelation | None:
    runs = shared_runs(source.words, target.words, params.run_words)
    if not runs:
        return None
    spans = tuple(_span(source.words, target.words, run) for run in runs)
    shared = sum(
        outside_quotes(s.target_start, s.target_end, target.quoted)
        for s, run in zip(spans, runs, strict=True)
        if not _stock(target, run)
    )
    if shared < params.min_shared_chars:
        return None
    covered = sum(s.target_end - s.target_start for s in spans)
    text_chars = max(len(target.article.text.strip()), 1)
    near_duplicate = covered / text_chars >= params.near_duplicate_share
    return CopyRelation(
        source.article.id, target.article.id, shared, spans, near_duplicate=near_duplicate
    )


Run = tuple[int, int, int]  # (source word index, target word index, length in words)


def _stock(target: Prepared, run: Run) -> bool:
    """Whether a shared run is stock phrasing (names and titles), which counts for no copy."""
    _, t, length = run
    if length >= STOCK_RUN_WORDS or not target.plain:
        return False
    return sum(target.plain[t : t + length]) < MIN_PLAIN_WORDS


def shared_runs(source: Words, target: Words, run_words: int) -> list[Run]:
    """Maximal runs of at least ``run_words`` identical words, in target order, not overlapping
    in the target (greedy: the longest run starting at each target position)."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    src = source.tokens
    for i in range(len(src) - run_words + 1):
        index[src[i : i + run_words]].append(i)
    runs: list[Run] = []
    tgt = target.tokens
    t = 0
    while t <= len(tgt) - run_words:
        best = (0, 0)
        for s in index.get(tgt[t : t + run_words], ()):
            length = run_words
            while _same(src, s + length, tgt, t + length):
                length += 1
            best = max(best, (length, -s))
        if best[0]:
            runs.append((-best[1], t, best[0]))
            t += best[0]
        else:
            t += 1
    return runs


def _same(src: tuple[str, ...], s: int, tgt: tuple[str, ...], t: int) -> bool:
    return s < len(src) and t < len(tgt) and src[s] == tgt[t]


def _span(source: Words, target: Words, run: Run) -> SharedSpan:
    s, t, length = run
    return SharedSpan(
        source.starts[s], source.ends[s + length - 1], target.starts[t], target.ends[t + length - 1]
    )


def outside_quotes(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> int:
    """Characters of [start, end) outside every quoted range (ranges sorted, disjoint)."""
    inside = 0
    i = max(bisect.bisect_right([q[0] for q in quoted], start) - 1, 0)
    for q_start, q_end in quoted[i:]:
        if q_start >= end:
            break
        inside += max(0, min(end, q_end) - max(start, q_start))
    return max(end - start - inside, 0)


def boilerplate_key(outlets: Sequence[str | None], params: CopyParams) -> bool:
    """Whether a band key found in articles of ``outlets`` (one entry per article) is
    boilerplate: shared too widely, or an outlet's own template."""
    if len(outlets) > params.max_band_articles:
        return True
    per_outlet = Counter(o for o in outlets if o)
    return bool(per_outlet) and max(per_outlet.values()) >= params.outlet_template_articles


def verify_candidates(
    article_id: str,
    candidates: Iterable[str],
    prepared: Callable[[str], Prepared],
    links: Links,
    params: CopyParams = CopyParams(),
) -> list[CopyRelation]:
    """The copy relations of ``article_id`` with its ``candidates`` (earliest first), each
    verified unless a text the article reprints already answers for it (``relays.Links``);
    ``links`` learns every relation found."""
    origins: list[str] = []  # the texts this article reprints, found so far
    found = []
    for other in candidates:
        if links.inherited(other, origins, article_id):
            continue
        relation = verify_pair(prepared(article_id), prepared(other), params)
        if relation is None:
            continue
        found.append(relation)
        links.add(relation)
        if relation.near_duplicate and relation.target == article_id:
            origins.append(relation.source)
    return found


def relations_among(
    articles: Sequence[Article], params: CopyParams = CopyParams()
) -> list[CopyRelation]:
    """The copy relations among ``articles`` (a brief's), verified as corpus mode verifies
    them: every pair sharing a run of ``params.run_words`` words is a candidate (the exact
    counterpart of the LSH candidates), articles taken earliest first (undated last, then
    input order) and each verified against the earlier ones, earliest first."""
    order = sorted(range(len(articles)), key=lambda n: (articles[n].published or dt.date.max, n))
    prepared = {a.id: prepare(a) for a in articles}
    size = params.run_words
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    grams: list[set[tuple[str, ...]]] = []
    for rank, n in enumerate(order):
        tokens = prepared[articles[n].id].words.tokens
        own = {tokens[i : i + size] for i in range(len(tokens) - size + 1)}
        grams.append(own)
        for gram in own:
            postings[gram].append(rank)
    links = Links(NoStoredLinks())
    found: list[CopyRelation] = []
    for rank, n in enumerate(order):
        earlier = sorted({r for gram in grams[rank] for r in postings[gram] if r < rank})
        candidates = [articles[order[r]].id for r in earlier]
        found += verify_candidates(articles[n].id, candidates, prepared.__getitem__, links, params)
    return found
