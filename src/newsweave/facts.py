"""Facts and the timeline, from per-article analyses.

Until cross-outlet alignment lands (issue 3), every claim sentence is its own single-source
fact, so that every output already shows facts end to end with their source spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import (
    ArticleAnalysis,
    DateExpr,
    Fact,
    FactStatus,
    Sentence,
    SentenceKind,
    TimelineEntry,
)

SINGLE_SOURCE_REASON = "reported by one outlet only (cross-outlet alignment not yet applied)"


def _outlet(analysis: ArticleAnalysis) -> str:
    return analysis.article.outlet or analysis.article.id


def claim_facts(analyses: Sequence[ArticleAnalysis]) -> tuple[Fact, ...]:
    """One single-source fact per claim sentence, numbered in reading order."""
    facts: list[Fact] = []
    for analysis in analyses:
        for sentence in analysis.sentences:
            if sentence.kind is not SentenceKind.CLAIM:
                continue
            facts.append(
                Fact(
                    id=f"f{len(facts) + 1}",
                    text=sentence.text,
                    status=FactStatus.SINGLE_SOURCE,
                    independent_sources=1,
                    mentions=(sentence.mention,),
                    reason=SINGLE_SOURCE_REASON,
                    outlets=(_outlet(analysis),),
                )
            )
    return tuple(facts)


def _containing_sentence(date: DateExpr, sentences: Sequence[Sentence]) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= date.mention.start and date.mention.end <= sentence.end:
            return sentence
    return None


def build_timeline(analyses: Sequence[ArticleAnalysis]) -> tuple[TimelineEntry, ...]:
    """Dated events: each normalised date with the sentence it dates, sorted by date."""
    entries: list[TimelineEntry] = []
    for analysis in analyses:
        for date in analysis.dates:
            sentence = _containing_sentence(date, analysis.sentences)
            if sentence is None:
                continue
            entries.append(TimelineEntry(date, sentence.text, (sentence.mention, date.mention)))
    entries.sort(key=lambda e: (e.date.start, e.date.end, e.mentions[0].document))
    return tuple(entries)
