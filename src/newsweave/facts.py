"""The timeline: dated events, one entry per event however many outlets date it.

A date's entry is the claim it dates (the fact holding that claim); dates of one value in the
claims of one aligned fact are one entry, citing every outlet's claim, with the fact's text.
A date outside every claim (the "Monday" of "officials said Monday") dates a report, not an
event, and is left out.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from newsweave.model import ArticleAnalysis, Fact, Mention, TimelineEntry


class _FactIndex:
    """The fact (and its supporting claim's span) holding a character position of a document."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        spans: dict[str, list[tuple[int, int, Mention, Fact]]] = defaultdict(list)
        for fact in facts:
            for m in fact.mentions:
                spans[m.document].append((m.start, m.end, m, fact))
        self._spans = {doc: sorted(v, key=lambda x: (x[0], x[1])) for doc, v in spans.items()}
        self._starts = {doc: [x[0] for x in v] for doc, v in self._spans.items()}

    def find(self, mention: Mention) -> tuple[Mention, Fact] | None:
        starts = self._starts.get(mention.document, [])
        at = bisect.bisect_right(starts, mention.start) - 1
        while at >= 0:
            start, end, span, fact = self._spans[mention.document][at]
            if start <= mention.start and mention.end <= end:
                return span, fact
            at -= 1
            if at >= 0 and self._spans[mention.document][at][1] < mention.start:
                break
        return None


def build_timeline(
    analyses: Sequence[ArticleAnalysis], facts: Sequence[Fact] = ()
) -> tuple[TimelineEntry, ...]:
    """Dated events: each normalised date with the claim it dates, sorted by date; dates of
    one value within one fact merged into one entry."""
    index = _FactIndex(facts)
    entries: dict[tuple[str, str], TimelineEntry] = {}
    for analysis in analyses:
        for date in analysis.dates:
            found = index.find(date.mention)
            if found is None:
                continue
            span, fact = found
            key = (fact.id, date.value)
            known = entries.get(key)
            if known is None:
                entries[key] = TimelineEntry(date, fact.text, (span, date.mention))
            else:
                mentions = (*known.mentions, span, date.mention)
                entries[key] = TimelineEntry(known.date, known.text, mentions)
    ordered = sorted(
        entries.values(), key=lambda e: (e.date.start, e.date.end, e.mentions[0].document)
    )
    return tuple(ordered)
