"""Copy relations between two articles: exact shared passages, direction and kind.

Candidates come from MinHash LSH (``features.band_keys`` and the index); this module verifies
each candidate pair exactly: runs of ``RUN_WORDS`` or more identical words (lower-cased,
punctuation and quotation marks ignored) are found through a shingle index of the origin, and
their characters outside quotation marks are counted, since two outlets quoting one speech share
its words without copying each other. Copying goes from the earlier publication to the later
(``align.copying.copies_from`` settles same-day pairs by credit lines and agencies).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.align.copying import copies_from
from newsweave.corpus.params import CopyParams
from newsweave.corpus.text_units import Words, quoted_ranges, words_of
from newsweave.model import Article, CopyRelation, SharedSpan
from newsweave.outlets import outlet_name


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with its words and quotation ranges, computed once per verification batch."""

    article: Article
    words: Words
    quoted: tuple[tuple[int, int], ...]
    outlet: str


def prepare(article: Article) -> Prepared:
    return Prepared(
        article, words_of(article.text), tuple(quoted_ranges(article.text)), outlet_name(article)
    )


def verify_pair(a: Prepared, b: Prepared, params: CopyParams = CopyParams()) -> CopyRelation | None:
    """The copy relation between ``a`` and ``b`` (either direction), or None."""
    if a.outlet == b.outlet:
        return None  # an outlet reusing its own paragraphs is not a second source
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
    shared = sum(_outside(s.target_start, s.target_end, target.quoted) for s in spans)
    if shared < params.min_shared_chars:
        return None
    covered = sum(s.target_end - s.target_start for s in spans)
    text_chars = max(len(target.article.text.strip()), 1)
    near_duplicate = covered / text_chars >= params.near_duplicate_share
    return CopyRelation(
        source.article.id, target.article.id, shared, spans, near_duplicate=near_duplicate
    )


Run = tuple[int, int, int]  # (source word index, target word index, length in words)


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


def _outside(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> int:
    """Characters of [start, end) outside every quoted range (ranges sorted, disjoint)."""
    inside = 0
    i = max(bisect.bisect_right([q[0] for q in quoted], start) - 1, 0)
    for q_start, q_end in quoted[i:]:
        if q_start >= end:
            break
        inside += max(0, min(end, q_end) - max(start, q_start))
    return end - start - inside


def boilerplate_key(outlets: Sequence[str | None], params: CopyParams) -> bool:
    """Whether a band key found in articles of ``outlets`` (one entry per article) is
    boilerplate: shared too widely, or an outlet's own template."""
    if len(outlets) > params.max_band_articles:
        return True
    per_outlet = Counter(o for o in outlets if o)
    return bool(per_outlet) and max(per_outlet.values()) >= params.outlet_template_articles
