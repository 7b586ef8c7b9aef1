"""The whole brief (spaCy, embeddings, alignment) on the invented wire stories: copies and
agency credits count once, in the brief and in corpus mode alike."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.corpus.api import find_copies as corpus_copies
from newsweave.ingest import ReadResult
from newsweave.model import Article, Brief
from tests.align.wire_stories import (
    ap_reprints,
    ap_story,
    gazette_reuters,
    ledger_articles,
    reuters_story,
    speech_reports,
)


def run_brief(articles: Sequence[Article], corpus: bool = False) -> Brief:
    analyses = analyze(articles, BriefOptions(workers=1))
    copies = corpus_copies(articles) if corpus else ()
    return assemble_brief(analyses, ReadResult(tuple(articles), ()), copies=copies)


@pytest.fixture(scope="module")
def wire_brief() -> Brief:
    return run_brief([ap_story(), *ap_reprints()])


def test_an_agency_story_and_its_three_reprints_are_one_source_for_every_fact(
    wire_brief: Brief,
) -> None:
    assert wire_brief.facts
    assert all(f.independent_sources == 1 for f in wire_brief.facts)
    shared = [f for f in wire_brief.facts if len(f.outlets) == 4]
    assert shared  # the lead, in all four
    for fact in shared:
        assert {s.origin for s in fact.support} == {"Associated Press"}
    links = {(c.copier, c.origin) for c in wire_brief.sources.copies}
    assert links == {(r.id, "ap-compact") for r in ap_reprints()}


def test_brief_and_corpus_mode_count_the_same() -> None:
    articles = [ap_story(), *ap_reprints(), reuters_story(), *ledger_articles(), gazette_reuters()]
    alone, with_corpus = run_brief(articles), run_brief(articles, corpus=True)
    assert [f.independent_sources for f in alone.facts] == [
        f.independent_sources for f in with_corpus.facts
    ]
    assert max(f.independent_sources for f in alone.facts) <= 2  # Associated Press, Reuters
    origins = {s.origin for f in alone.facts for s in f.support}
    assert origins == {"Associated Press", "Reuters"}


def test_one_speech_quoted_by_two_outlets_is_no_copy() -> None:
    brief = run_brief(speech_reports())
    assert brief.sources.copies == ()
    quoted = [f for f in brief.facts if len(f.outlets) == 2]
    assert quoted and all(f.independent_sources == 2 for f in quoted)
