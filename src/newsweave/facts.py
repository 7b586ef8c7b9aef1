"""The timeline: dated events, one entry per event however many outlets date it.

A date's entry is the sentence it dates; dates of one value in sentences of one aligned fact
are one entry, citing every outlet's sentence, with the fact's text.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import ArticleAnalysis, DateExpr, Fact, Sentence, TimelineEntry


def _containing_sentence(date: DateExpr, sentences: Sequence[Sentence]) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= date.mention.start and date.mention.end <= sentence.end:
            return sentence
    return None


def build_timeline(
    analyses: Sequence[ArticleAnalysis], facts: Sequence[Fact] = ()
) -> tuple[TimelineEntry, ...]:
    """Dated events: each normalised date with the sentence it dates, sorted by date; dates of
    one value within one fact merged into one entry."""
    fact_of = {m: fact for fact in facts for m in fact.mentions}
    entries: dict[tuple[str, str], TimelineEntry] = {}
    for analysis in analyses:
        for date in analysis.dates:
            sentence = _containing_sentence(date, analysis.sentences)
            if sentence is None:
                continue
            fact = fact_of.get(sentence.mention)
            key = (fact.id if fact else f"{sentence.document}:{sentence.index}", date.value)
            known = entries.get(key)
            if known is None:
                text = fact.text if fact else sentence.text
                entries[key] = TimelineEntry(date, text, (sentence.mention, date.mention))
            else:
                mentions = (*known.mentions, sentence.mention, date.mention)
                entries[key] = TimelineEntry(known.date, known.text, mentions)
    ordered = sorted(
        entries.values(), key=lambda e: (e.date.start, e.date.end, e.mentions[0].document)
    )
    return tuple(ordered)
