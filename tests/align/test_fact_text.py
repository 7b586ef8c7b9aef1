"""A fact is worded by a claim that reads alone: no opening pronoun when another outlet's
claim names who did it."""

from __future__ import annotations

import datetime as dt

from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.ingest import ReadResult
from tests.builders import make_article


def test_the_fact_text_names_its_subject() -> None:
    texts = (
        ("Harbor Gazette", "Mayor Ilse Brandt met the union leaders. "
         "She promised a new pay offer for the Halvik dockworkers on Friday."),
        ("Valdora Observer", "Mayor Ilse Brandt promised a new pay offer for the Halvik "
         "dockworkers on Friday, after a week of strikes."),
    )  # fmt: skip
    articles = tuple(
        make_article(text=t, id=f"d{n}", outlet=o, published=dt.date(2026, 3, 14))
        for n, (o, t) in enumerate(texts)
    )
    brief = assemble_brief(
        analyze(articles, BriefOptions(workers=1)), ReadResult(articles=articles, rejected=())
    )
    (fact,) = [f for f in brief.facts if len(f.outlets) == 2 and "pay offer" in f.text]
    assert fact.text.startswith("Mayor Ilse Brandt promised")
