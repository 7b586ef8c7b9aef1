"""Stories in one online pass over the index's articles, earliest first.

Each article is scored against the stories still open (whose latest article is at most
``window_days`` older): a weighted sum of three cosines, between its lead's embedding and the
story's mean embedding, and between its rarity-weighted words and names and the story's. It
joins the best story scoring ``min_score`` or more, or opens a new one. The pass reads only the
index (stored features and collection-wide word frequencies), so the stories are a function of
the set of articles: a later run over a grown index, or over indexes merged from partitions,
finds the same stories as one run over everything.

The articles of one day are taken in an order fixed by their content (a hash of their
features), not by their ids or the order they were given in, so renaming or reordering the
articles of a day leaves the stories as they were; ``threads.link`` then merges the events
the single pass split and joins events into threads.

One day's rows are held in memory at a time to be put in that order (the undated rows all
together, as one "day"). Undated articles come last and are compared with every story, closed
or not. So that memory
stays bounded by the open stories rather than all of them, a closed story's centroids go to a
``Spill`` (the store keeps them on disk) and only its unit embedding stays in memory; the few
stories an undated article is scored against in full are read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from newsweave.corpus.params import StoryParams
from newsweave.corpus.threads import Profile, combine, link, make_profile
from newsweave.store.index import Row

Sparse = dict[str, float]


@dataclass(slots=True)
class OpenStory:
    """A story as the pass builds it."""

    number: int
    members: list[str]
    dense_sum: np.ndarray
    terms: Sparse
    names: Sparse
    first: dt.date | None
    last: dt.date | None
    title: str | None = None
    title_fit: float = -1.0
    outlets: set[str] = field(default_factory=set)
    spilled: bool = False  # centroids are in the spill, not here
    days: list[dt.date | None] = field(default_factory=list)  # of ``members``
    profile: Profile | None = None  # taken when it closes (its centroids then go)

    def summary(self) -> Profile:
        """Its profile: the one taken when it closed, or one of its centroids now."""
        if self.profile is not None:
            return self.profile
        span = (self.first, self.last)
        return make_profile(self.dense_sum, self.terms, self.names, span, len(self.members))


class Spill(Protocol):
    """Where closed stories' centroids wait for the undated articles."""

    def put(self, number: int, packed: bytes) -> None: ...

    def get(self, number: int) -> bytes: ...


class MemorySpill:
    """A ``Spill`` in memory (compressed), for small collections and tests."""

    def __init__(self) -> None:
        self.packed: dict[int, bytes] = {}

    def put(self, number: int, packed: bytes) -> None:
        self.packed[number] = packed

    def get(self, number: int) -> bytes:
        return self.packed[number]


def pack(story: OpenStory) -> bytes:
    """A story's centroids as bytes (exact: floats round-trip through JSON)."""
    dense = story.dense_sum.astype(np.float32).tobytes().hex()
    return zlib.compress(json.dumps([dense, story.terms, story.names]).encode())


def unpack(story: OpenStory, packed: bytes) -> None:
    dense, terms, names = json.loads(zlib.decompress(packed))
    story.dense_sum = np.frombuffer(bytes.fromhex(dense), dtype=np.float32).copy()
    story.terms, story.names, story.spilled = terms, names, False


@dataclass(frozen=True, slots=True)
class Weights:
    """Rarity weights from collection-wide document frequencies."""

    frequencies: Mapping[str, int]
    documents: int

    def vector(self, prefix: str, counts: Iterable[tuple[str, int]]) -> Sparse:
        """A unit-length tf-idf vector (sub-linear term frequency)."""
        vec = {key: (1.0 + math.log(n)) * self.idf(f"{prefix}:{key}") for key, n in counts}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {k: v / norm for k, v in vec.items()}

    def idf(self, key: str) -> float:
        return math.log((self.documents + 1) / (self.frequencies.get(key, 0) + 1)) + 1.0


class OpenSet:
    """The open stories and a matrix of their unit mean embeddings, updated in place."""

    def __init__(self, dim: int, spill: Spill | None = None) -> None:
        self.stories: list[OpenStory] = []
        self.matrix = np.zeros((16, dim), dtype=np.float32)
        self.spill = spill

    def add(self, story: OpenStory, unit: np.ndarray | None = None) -> None:
        """Add ``story``; ``unit`` is its unit embedding when its centroids are spilled."""
        if len(self.stories) == len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        self.stories.append(story)
        if unit is None:
            self.update(len(self.stories) - 1)
        else:
            self.matrix[len(self.stories) - 1] = unit

    def story(self, i: int) -> OpenStory:
        """The ``i``-th story, its centroids read back from the spill if they are there."""
        story = self.stories[i]
        if story.spilled and self.spill is not None:
            unpack(story, self.spill.get(story.number))
        return story

    def update(self, i: int) -> None:
        total = self.stories[i].dense_sum
        self.matrix[i] = total / max(float(np.linalg.norm(total)), 1e-9)

    def keep(self, predicate: Callable[[OpenStory], bool]) -> list[tuple[OpenStory, np.ndarray]]:
        """Keep the stories satisfying ``predicate``; return the others with their rows."""
        kept = [i for i, s in enumerate(self.stories) if predicate(s)]
        closed = [
            (s, self.matrix[i].copy()) for i, s in enumerate(self.stories) if not predicate(s)
        ]
        self.matrix[: len(kept)] = self.matrix[kept]
        self.stories = [self.stories[i] for i in kept]
        return closed


def cluster_rows(
    rows: Iterable[Row], weights: Weights, params: StoryParams, spill: Spill | None = None
) -> list[OpenStory]:
    """Every story of ``rows`` (given by date, undated last), in order of opening.

    A closed story keeps only its members and summary, its centroids going to ``spill``
    when one is given: undated articles, which come last, are then compared with every
    story, closed or not (without a spill, only with the stories still open).
    """
    stories: list[OpenStory] = []
    pass_ = _Pass(params, spill)
    for row in by_content_within_day(rows):
        open_set = pass_.open_for(row)
        terms, names = weights.vector("t", row.terms), weights.vector("n", row.names)
        index, fit = _best(row, terms, names, open_set, params)
        if index is None:
            story = OpenStory(len(stories), [], np.zeros_like(row.dense), {}, {}, None, None)
            stories.append(story)
            open_set.add(story)
            index = len(open_set.stories) - 1
        _join(open_set.stories[index], row, terms, names, fit, params)
        open_set.update(index)
    return stories


def find_events(
    rows: Iterable[Row],
    weights: Weights,
    params: StoryParams,
    spill: Spill | None = None,
    reprints: Iterable[tuple[str, str]] = (),
) -> tuple[list[OpenStory], list[int]]:
    """The events of ``rows`` (the online pass, then the merge pass), in order of number, and
    the thread of each (``threads.link``: the number of the thread's first event).

    ``reprints`` pairs an article with a near-duplicate of it: a reprint reports the event of
    its origin, so their events are one whatever the days between them.
    """
    single = cluster_rows(rows, weights, params, spill)
    single = merge(single, _joined_by(single, reprints))
    events = merge(single, link([s.summary() for s in single], params.merge_rule()))
    threads = link([s.summary() for s in events], params.thread_rule())
    return events, [events[i].number for i in threads]


def _joined_by(stories: list[OpenStory], pairs: Iterable[tuple[str, str]]) -> list[int]:
    """The group of each story when the stories holding the two ends of a pair are one."""
    parent = list(range(len(stories)))
    holder = {doc: i for i, story in enumerate(stories) for doc in story.members}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(pairs):
        if a in holder and b in holder:
            first, second = sorted((root(holder[a]), root(holder[b])))
            parent[second] = first
    return [root(i) for i in range(len(stories))]


def by_content_within_day(rows: Iterable[Row]) -> Iterator[Row]:
    """``rows`` (by date, undated last) with each day's rows, and the undated ones, in the
    order of a hash of their features: an order no id or input order can change."""
    day: list[Row] = []
    for row in rows:
        if day and row.published != day[0].published:
            yield from sorted(day, key=_content_key)
            day = []
        day.append(row)
    yield from sorted(day, key=_content_key)


def _content_key(row: Row) -> tuple[bytes, str]:
    features = json.dumps([row.title, row.outlet, row.terms, row.names]).encode()
    digest = hashlib.blake2b(row.dense.tobytes() + features, digest_size=16).digest()
    return digest, row.id


class _Pass:
    """Which stories are open as the pass moves through the days."""

    def __init__(self, params: StoryParams, spill: Spill | None) -> None:
        self.params = params
        self.spill = spill
        self.open_set: OpenSet | None = None
        self.closed: list[tuple[OpenStory, np.ndarray]] = []
        self.day: dt.date | None = None
        self.undated = False

    def open_for(self, row: Row) -> OpenSet:
        if self.open_set is None:
            self.open_set = OpenSet(len(row.dense), self.spill)
        if not self.params.use_dates:
            return self.open_set
        if row.published is None and not self.undated:
            self.undated = True
            for story, unit in self.closed:
                self.open_set.add(story, unit)
            self.closed = []
        elif row.published is not None and row.published != self.day:
            self.day = row.published
            day, params = row.published, self.params
            for story, unit in self.open_set.keep(lambda story: _open_on(story, day, params)):
                story.profile = story.summary()
                if self.spill is not None:
                    self.spill.put(story.number, pack(story))
                    story.spilled = True
                    self.closed.append((story, unit))
                _compact(story)
        return self.open_set


def _compact(story: OpenStory) -> None:
    story.dense_sum = np.zeros(0, dtype=np.float32)
    story.terms = {}
    story.names = {}


def _open_on(story: OpenStory, day: dt.date, params: StoryParams) -> bool:
    return story.last is None or (day - story.last).days <= params.window_days


def _best(
    row: Row, terms: Sparse, names: Sparse, open_set: OpenSet, params: StoryParams
) -> tuple[int | None, float]:
    """The open story ``row`` joins (its index in ``open_set``) and its embedding cosine."""
    count = len(open_set.stories)
    if not count:
        return None, 0.0
    dense = open_set.matrix[:count] @ row.dense
    best: tuple[int | None, float] = (None, 0.0)
    dated = row.published is not None and params.use_dates
    best_score = params.min_score if dated else params.undated_min_score
    order = np.argsort(-dense)[: params.candidates] if count > params.candidates else range(count)
    for i in order:
        story = open_set.story(int(i))
        score = (
            params.dense_weight * float(dense[i])
            + params.terms_weight * _cosine(terms, story.terms)
            + params.names_weight * _cosine(names, story.names)
            - params.day_penalty * _days_after(row, story)
        )
        if score >= best_score:
            best, best_score = (int(i), float(dense[i])), score
    return best


def _days_after(row: Row, story: OpenStory) -> int:
    if row.published is None or story.last is None:
        return 0
    return abs((row.published - story.last).days)


def _cosine(vector: Sparse, centroid: Sparse) -> float:
    if not vector or not centroid:
        return 0.0
    dot = sum(v * centroid.get(k, 0.0) for k, v in vector.items())
    return dot / (math.sqrt(sum(c * c for c in centroid.values())) or 1.0)


def _join(
    story: OpenStory, row: Row, terms: Sparse, names: Sparse, fit: float, params: StoryParams
) -> None:
    story.members.append(row.id)
    story.days.append(row.published)
    story.dense_sum = story.dense_sum + row.dense
    _add(story.terms, terms, params.centroid_terms)
    _add(story.names, names, params.centroid_terms)
    if row.published is not None:
        story.first = min(story.first or row.published, row.published)
        story.last = max(story.last or row.published, row.published)
    if row.outlet:
        story.outlets.add(row.outlet)
    if row.title and (story.title is None or fit > story.title_fit):
        story.title, story.title_fit = row.title, fit
    if story.profile is not None:  # a closed story read back for an undated article
        story.profile = None
        story.profile = story.summary()


def _add(centroid: Sparse, vector: Sparse, keep: int) -> None:
    for key, value in vector.items():
        centroid[key] = centroid.get(key, 0.0) + value
    if len(centroid) > 2 * keep:
        heaviest = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        centroid.clear()
        centroid.update(heaviest)


def merge(stories: list[OpenStory], groups: list[int]) -> list[OpenStory]:
    """The stories with those of one group (``groups[i]``: the group of ``stories[i]``) made
    one, numbered and titled as the group's largest; in order of number."""
    parts: dict[int, list[OpenStory]] = {}
    for story, group in zip(stories, groups, strict=True):
        parts.setdefault(group, []).append(story)
    return sorted((_merged(p) for p in parts.values()), key=lambda s: s.number)


def _merged(parts: list[OpenStory]) -> OpenStory:
    if len(parts) == 1:
        return parts[0]
    largest = min(parts, key=lambda s: (-len(s.members), s.number))
    dated = sorted(
        (day or _UNDATED, n, doc, day)
        for n, part in enumerate(parts)
        for doc, day in zip(part.members, part.days, strict=True)
    )
    firsts = [p.first for p in parts if p.first is not None]
    lasts = [p.last for p in parts if p.last is not None]
    story = OpenStory(
        min(p.number for p in parts),
        [doc for _, _, doc, _ in dated],
        np.zeros(0, dtype=np.float32),
        {},
        {},
        min(firsts, default=None),
        max(lasts, default=None),
        largest.title,
        largest.title_fit,
        set().union(*(p.outlets for p in parts)),
        days=[day for _, _, _, day in dated],
    )
    story.profile = combine([p.summary() for p in parts])
    return story


_UNDATED = dt.date.max
