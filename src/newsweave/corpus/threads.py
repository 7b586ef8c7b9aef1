"""Groups of events joined after the online pass: merged events, and story threads.

The online pass (``online.py``) finds events under tight time rules, one article at a time.
Two passes then work on whole events, each summarised by a ``Profile`` (its unit mean lead
embedding and its heaviest rarity-weighted words and names):

- the **merge pass** joins events of one happening that the single pass split (the first
  articles of a day can open two stories that later articles show to be one), with the events'
  time window;
- the **thread pass** joins events into story threads (a crash, its investigation, the
  funerals) over months, with a higher bar for events whose days overlap: two events of one
  day that the event pass kept apart are two happenings, not one developing story.

Both are the same agglomeration (``link``): candidate pairs are events sharing a salient word
or name (an inverted index; keys held by too many events propose nothing, and each event keeps
its ``candidates`` best partners), so the cost grows with the events, not their pairs. Pairs
scoring ``min_score`` are taken best first and two groups join when their mean profiles still
score enough: a chain of weak links cannot pull two unrelated groups together. The order of
pairs is fixed by score and event number only, so the groups are a function of the profiles.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from newsweave.model import Story, Thread

Sparse = dict[str, float]

# Words and names of an event's profile kept for linking (the heaviest): enough to describe a
# happening, few enough that a profile takes a few kB. On the dev split (eval/story_clusters.py,
# threads bar 0.25): DUC 0.854 and giveme 0.978 at 40; 0.874 and 0.901 at 100.
PROFILE_TERMS = 40
# Heaviest words and names of an event that propose candidates (its index keys): giveme
# threads 0.960 with 12, 0.978 with 25 (DUC 0.854 both), same dev run.
SALIENT_KEYS = 25
# A key shared by more events than this proposes no candidates: it is vocabulary of the whole
# collection ("police", "president"), not of one story. Not tuned: no dev set has a key in
# more than 200 events; it bounds the candidates per event on large collections.
MAX_KEY_EVENTS = 200


@dataclass(frozen=True, slots=True)
class Profile:
    """What the merge and thread passes know of one event."""

    unit: np.ndarray  # unit mean embedding of its leads
    terms: Sparse  # heaviest words, unit length
    names: Sparse  # heaviest names, unit length
    first: dt.date | None
    last: dt.date | None
    size: int  # articles


@dataclass(frozen=True, slots=True)
class LinkRule:
    """When two groups of events join."""

    min_score: float  # weighted sum of the three cosines of their mean profiles
    same_time_min_score: float  # the bar when the groups have events on overlapping days
    window_days: int | None  # most days between the groups' spans; None: no limit
    gap_penalty: float  # taken from the score per day between the groups' spans
    single_min_score: float  # the bar (apart in time) when one side is a lone article
    dense_weight: float
    terms_weight: float
    names_weight: float
    candidates: int  # partners scored per event
    average_linkage: bool = False  # groups compared by mean pair score, not mean profile


def make_profile(
    dense_sum: np.ndarray,
    terms: Sparse,
    names: Sparse,
    span: tuple[dt.date | None, dt.date | None],
    size: int,
) -> Profile:
    """The profile of an event from its centroids (sums over its articles)."""
    norm = float(np.linalg.norm(dense_sum))
    unit = (dense_sum / max(norm, 1e-9)).astype(np.float32)
    return Profile(unit, _heaviest(terms), _heaviest(names), span[0], span[1], size)


def _heaviest(centroid: Sparse, keep: int = PROFILE_TERMS) -> Sparse:
    top = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {k: v / norm for k, v in top}


@dataclass(slots=True)
class _Group:
    """A group of events as the agglomeration builds it."""

    dense: np.ndarray
    terms: Sparse
    names: Sparse
    spans: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    size: int = 1  # articles

    def absorb(self, other: _Group) -> None:
        self.size += other.size
        self.dense = self.dense + other.dense
        self.terms = _summed(self.terms, other.terms)
        self.names = _summed(self.names, other.names)
        self.spans = sorted(self.spans + other.spans)


def _summed(a: Sparse, b: Sparse) -> Sparse:
    total = dict(a)
    for k, v in b.items():
        total[k] = total.get(k, 0.0) + v
    if len(total) > 4 * PROFILE_TERMS:
        top = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[: 2 * PROFILE_TERMS]
        total = dict(top)
    return total


def link(profiles: Sequence[Profile], rule: LinkRule) -> list[int]:
    """The group of each profile: the number of its group's first profile."""
    parent = list(range(len(profiles)))
    groups = [_group_of(p) for p in profiles]
    for _, i, j in _candidate_pairs(profiles, rule):
        a, b = _root(parent, i), _root(parent, j)
        if a == b or not _may_join(groups[a], groups[b], rule):
            continue
        first, second = min(a, b), max(a, b)
        groups[first].absorb(groups[second])
        parent[second] = first
    return [_root(parent, i) for i in range(len(profiles))]


def _group_of(profile: Profile) -> _Group:
    spans = [(profile.first, profile.last)] if profile.first and profile.last else []
    weight = float(profile.size)
    return _Group(
        profile.unit * weight,
        {k: v * weight for k, v in profile.terms.items()},
        {k: v * weight for k, v in profile.names.items()},
        spans,
        profile.size,
    )


def _root(parent: list[int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _candidate_pairs(profiles: Sequence[Profile], rule: LinkRule) -> list[tuple[float, int, int]]:
    """Pairs (score, i, j), i < j, scoring ``rule.min_score`` or more, best first."""
    postings: dict[str, list[int]] = {}
    for i, profile in enumerate(profiles):
        for key in _keys(profile):
            postings.setdefault(key, []).append(i)
    pairs: list[tuple[float, int, int]] = []
    for i, profile in enumerate(profiles):
        shared: dict[int, int] = {}
        for key in _keys(profile):
            events = postings[key]
            if len(events) > MAX_KEY_EVENTS:
                continue
            for j in events:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        best = sorted(shared, key=lambda j: (-shared[j], j))[: rule.candidates]
        for j in best:
            other = profiles[j]
            gap = _gap(profile.first, profile.last, other.first, other.last)
            if rule.window_days is not None and gap > rule.window_days:
                continue
            score = _score(profile.unit, profile.terms, profile.names, other, rule)
            lone = min(profile.size, other.size) == 1
            bar = min(rule.min_score, rule.single_min_score) if lone else rule.min_score
            if score - rule.gap_penalty * gap >= bar:
                pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def _keys(profile: Profile) -> list[str]:
    terms = sorted(profile.terms, key=lambda k: (-profile.terms[k], k))[:SALIENT_KEYS]
    names = sorted(profile.names, key=lambda k: (-profile.names[k], k))[:SALIENT_KEYS]
    return [f"t:{k}" for k in terms] + [f"n:{k}" for k in names]


def _score(unit: np.ndarray, terms: Sparse, names: Sparse, other: Profile, rule: LinkRule) -> float:
    return (
        rule.dense_weight * float(unit @ other.unit)
        + rule.terms_weight * _cosine(terms, other.terms)
        + rule.names_weight * _cosine(names, other.names)
    )


def _gap(
    a_first: dt.date | None, a_last: dt.date | None, b_first: dt.date | None, b_last: dt.date | None
) -> int:
    """Days between two spans (0 when they overlap or one is undated)."""
    if not (a_first and a_last and b_first and b_last):
        return 0
    return max((b_first - a_last).days, (a_first - b_last).days, 0)


def _may_join(a: _Group, b: _Group, rule: LinkRule) -> bool:
    gap = 0
    if a.spans and b.spans:
        a_last, b_last = max(s[1] for s in a.spans), max(s[1] for s in b.spans)
        gap = _gap(a.spans[0][0], a_last, b.spans[0][0], b_last)
    if rule.window_days is not None and gap > rule.window_days:
        return False
    if _overlap(a.spans, b.spans):
        bar = rule.same_time_min_score
    elif min(a.size, b.size) == 1:
        bar = rule.single_min_score
    else:
        bar = rule.min_score
    bar += rule.gap_penalty * gap
    return _linkage(a, b, rule) >= bar


def _linkage(a: _Group, b: _Group, rule: LinkRule) -> float:
    if rule.average_linkage:
        pairs = float(a.size * b.size)
        return (
            rule.dense_weight * float(a.dense @ b.dense)
            + rule.terms_weight * _cosine(a.terms, b.terms)
            + rule.names_weight * _cosine(a.names, b.names)
        ) / pairs
    unit_a = a.dense / max(float(np.linalg.norm(a.dense)), 1e-9)
    unit_b = b.dense / max(float(np.linalg.norm(b.dense)), 1e-9)
    return (
        rule.dense_weight * float(unit_a @ unit_b)
        + rule.terms_weight * _unit_cosine(a.terms, b.terms)
        + rule.names_weight * _unit_cosine(a.names, b.names)
    )


def _overlap(a: list[tuple[dt.date, dt.date]], b: list[tuple[dt.date, dt.date]]) -> bool:
    """Whether a span of ``a`` and a span of ``b`` share a day (both sorted by start)."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][0] <= b[j][1] and b[j][0] <= a[i][1]:
            return True
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return False


def _cosine(vector: Sparse, other: Sparse) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(other) < len(vector):
        vector, other = other, vector
    return sum(v * other.get(k, 0.0) for k, v in vector.items())


def _unit_cosine(a: Sparse, b: Sparse) -> float:
    if not a or not b:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return _cosine(a, b) / (norm or 1.0)


def combine(profiles: Sequence[Profile]) -> Profile:
    """The profile of the events of ``profiles`` taken as one (weighted by their sizes)."""
    group = _group_of(profiles[0])
    for profile in profiles[1:]:
        group.absorb(_group_of(profile))
    firsts = [p.first for p in profiles if p.first is not None]
    lasts = [p.last for p in profiles if p.last is not None]
    span = (min(firsts, default=None), max(lasts, default=None))
    size = sum(p.size for p in profiles)
    return make_profile(group.dense, group.terms, group.names, span, size)


def members_of(groups: Sequence[int]) -> dict[int, list[int]]:
    """The positions in each group of ``groups`` (as ``link`` returns them), by group."""
    found: dict[int, list[int]] = {}
    for position, group in enumerate(groups):
        found.setdefault(group, []).append(position)
    return found


def with_threads(stories: Sequence[Story], threads: Iterable[Sequence[str]]) -> tuple[Story, ...]:
    """``stories`` (same order) with their thread ids; ``threads`` lists the story ids of each
    thread. A thread is named after its earliest story: "t-" and that story's id less "s-"."""
    by_id = {story.id: story for story in stories}
    thread_of: dict[str, str] = {}
    for members in threads:
        earliest = min((by_id[i] for i in members), key=_earliest_first)
        thread_id = "t-" + earliest.id.removeprefix("s-")
        thread_of.update((i, thread_id) for i in members)
    return tuple(
        replace(s, thread=thread_of.get(s.id, "t-" + s.id.removeprefix("s-"))) for s in stories
    )


def threads_of(stories: Sequence[Story]) -> tuple[Thread, ...]:
    """The threads of ``stories`` (as ``with_threads`` set them), largest first."""
    members: dict[str, list[Story]] = {}
    for story in stories:
        members.setdefault(story.thread, []).append(story)
    found = [_thread(thread_id, parts) for thread_id, parts in members.items() if thread_id]
    return tuple(sorted(found, key=lambda t: (-t.size, t.start or _LAST, t.id)))


def _thread(thread_id: str, stories: list[Story]) -> Thread:
    ordered = sorted(stories, key=_earliest_first)
    largest = min(stories, key=lambda s: (-len(s.documents), *_earliest_first(s)))
    starts = [s.start for s in stories if s.start is not None]
    ends = [s.end for s in stories if s.end is not None]
    return Thread(
        thread_id,
        largest.title,
        min(starts, default=None),
        max(ends, default=None),
        tuple(s.id for s in ordered),
        sum(len(s.documents) for s in stories),
        tuple(sorted({o for s in stories for o in s.outlets})),
    )


def _earliest_first(story: Story) -> tuple[dt.date, str]:
    return story.start or _LAST, story.id


_LAST = dt.date.max
