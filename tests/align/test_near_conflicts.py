"""Disagreements between claims of one slot that did not align into one fact (near misses)."""

from __future__ import annotations

import datetime as dt

from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.ingest import ReadResult
from newsweave.model import Brief, Relation
from tests.builders import make_article

DAY = dt.date(2026, 3, 14)


def brief_of(*texts: tuple[str, str]) -> Brief:
    articles = tuple(
        make_article(text=text, id=f"d{n}", outlet=outlet, published=DAY)
        for n, (outlet, text) in enumerate(texts)
    )
    read = ReadResult(articles=articles, rejected=())
    return assemble_brief(analyze(articles, BriefOptions(workers=1)), read)


def contradictions(brief: Brief) -> list[str]:
    return [
        c.summary for f in brief.facts for c in f.conflicts if c.relation is Relation.CONTRADICT
    ]


def test_two_depths_of_one_well_given_in_different_words_contradict() -> None:
    found = brief_of(
        ("Harbor Gazette", "The boy fell into the 80m-deep well near Ostrava on Sunday."),
        ("Valdora Observer", "Near Ostrava a boy fell down a 40m dry well on Sunday morning."),
    )
    assert any("80m" in s and "40m" in s for s in contradictions(found))


def test_figures_of_different_things_in_one_story_are_not_compared() -> None:
    found = brief_of(
        ("Harbor Gazette", "Rescuers dug a 13m shaft beside the well near Ostrava on Sunday."),
        ("Valdora Observer", "The well near Ostrava is about 100 metres deep, officials said."),
    )
    assert contradictions(found) == []


def test_two_people_of_one_story_with_different_tenures_are_not_compared() -> None:
    found = brief_of(
        ("Harbor Gazette", '"We are ready," said Lina Osk, a crane operator who has worked at '
         "the port of Halvik for 19 years."),
        ("Valdora Observer", '"We wait," said Aurel Dragan, a shunting supervisor who has worked '
         "at the port of Halvik for 22 years."),
    )  # fmt: skip
    assert contradictions(found) == []


def test_figures_of_different_periods_are_not_compared() -> None:
    found = brief_of(
        ("Harbor Gazette", "Trade between Valdora and Drevnia fell nearly 40% in 2025."),
        ("Valdora Observer", "Trade between Valdora and Drevnia fell 41% in February."),
    )
    assert contradictions(found) == []
