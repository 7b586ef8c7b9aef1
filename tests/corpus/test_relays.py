"""A wire story reprinted by many outlets: each reprint is linked to the origin, not to the
other reprints (relays count once, and the work must not grow with the square of reprints)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from newsweave.corpus.api import CorpusOptions, cluster_articles, open_index, run_on_index
from newsweave.model import Article
from tests.corpus.collection import collection

OUTLETS = ("Eastgate Daily", "Northern Post", "Lakeside Record", "Prairie Tribune")


def wire_and_reprints() -> list[Article]:
    wire = next(a for a in collection() if a.id == "strike-wire")
    assert wire.published is not None
    reprints = [
        dataclasses.replace(
            wire,
            id=f"reprint-{n}",
            outlet=outlet,
            title=f"{wire.title} ({outlet})",
            published=wire.published + dt.timedelta(days=n),
            text=wire.text + f"\n\nCopyright {outlet}. All rights reserved.",
        )
        for n, outlet in enumerate(OUTLETS, start=1)
    ]
    return [wire, *reprints]


def links(articles: list[Article]) -> set[tuple[str, str]]:
    run = cluster_articles(articles)
    return {(c.source, c.target) for s in run.stories for c in s.copies}


WIRE_TO_EACH = {("strike-wire", f"reprint-{n}") for n in range(1, len(OUTLETS) + 1)}


def test_each_reprint_is_linked_to_the_origin_only() -> None:
    assert links(wire_and_reprints()) == WIRE_TO_EACH


def test_reprints_added_later_are_linked_to_the_origin_only(tmp_path: Path) -> None:
    articles = wire_and_reprints()
    options = CorpusOptions(state=tmp_path)
    for part in ([articles[0], articles[1]], articles[2:4], articles[4:]):
        with open_index(tmp_path) as index:
            run = run_on_index(index, part, options)
    assert {(c.source, c.target) for s in run.stories for c in s.copies} == WIRE_TO_EACH


def test_without_the_origin_the_earliest_reprint_is_the_source() -> None:
    found = links(wire_and_reprints()[1:])
    assert found == {("reprint-1", f"reprint-{n}") for n in range(2, len(OUTLETS) + 1)}


def paragraph_copier() -> Article:
    """A later article of its own that takes one long paragraph of the wire story."""
    wire = wire_and_reprints()[0]
    assert wire.published is not None
    paragraph = max(wire.text.split("\n\n"), key=len)
    by_id = {a.id: a for a in collection()}
    own = f"{by_id['launch'].text}\n\n{by_id['flood-a'].text}"  # long: the paragraph is a part
    return dataclasses.replace(
        by_id["launch"],
        id="copier",
        outlet="Midland Examiner",
        published=wire.published + dt.timedelta(days=1),
        text=f"{own}\n\n{paragraph}",
    )


def test_reprints_inherit_the_origins_other_relations() -> None:
    copier = paragraph_copier()
    found = links([*wire_and_reprints(), copier])
    alone = cluster_articles([wire_and_reprints()[0], copier]).stories
    relations = [r for story in alone for r in story.copies]
    assert [r.near_duplicate for r in relations] == [False]  # a copied paragraph, no reprint
    # The copier shares its paragraph with every reprint too; the wire answers for them.
    assert found == WIRE_TO_EACH | {("strike-wire", "copier")}
