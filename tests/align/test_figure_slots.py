"""Figures of one thing in claims that did not align: slots and their conflicts."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.align.conflicts import ClaimFacts
from newsweave.align.figure_slots import figure_slot, slot_conflicts
from newsweave.model import ConflictKind
from tests.align.test_conflicts import GAZETTE, OBSERVER, facts


def _slot(text: str) -> tuple[str, str, str] | None:
    item = facts(text, "s1", GAZETTE)
    (figure,) = item.figures
    start, end = figure.mention.start, figure.mention.end
    return figure_slot(figure, text[end : end + 40], text[:start])


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("The two ministers held a 90-minute meeting in the palace on Thursday.", "meeting"),
        ("The meeting at the palace on Thursday lasted two and a half hours.", "meeting"),
        ("Engineers inspected a 1,600-km line that crosses both countries.", "line"),
    ],
)
def test_a_figure_that_names_what_it_measures_has_a_slot(text: str, noun: str) -> None:
    slot = _slot(text)
    assert slot is not None and slot[2] == noun


@pytest.mark.parametrize(
    "text",
    [
        "About 300 dockworkers gathered at the port gates on Friday morning.",
        "Officials said the repairs would take two and a half hours at most.",
    ],
)
def test_a_figure_without_its_noun_has_no_slot(text: str) -> None:
    assert _slot(text) is None


def _items() -> list[ClaimFacts]:
    return [
        facts(
            "The two ministers held a 90-minute meeting in the palace on Thursday.", "a", GAZETTE
        ),
        facts("The meeting at the palace on Thursday lasted two and a half hours.", "b", OBSERVER),
    ]


def test_disagreeing_durations_of_the_central_meeting_conflict_across_facts() -> None:
    items = _items()
    texts = {i.claim.sentence.document: i.claim.sentence.text for i in items}
    unrelated = np.eye(2, 384, dtype=np.float32)  # cosine 0: only the central noun links them
    found = slot_conflicts(items, texts, unrelated, cluster_of=[0, 1])
    (conflict,) = found[0]
    assert conflict.kind is ConflictKind.FIGURE
    assert [s.outlets for s in conflict.sides] == [(GAZETTE,), (OBSERVER,)]


def test_a_noun_most_articles_do_not_use_is_not_central() -> None:
    items = _items()
    texts = {i.claim.sentence.document: i.claim.sentence.text for i in items}
    texts |= {f"x{n}": "Freight trains carried grain to the port." for n in range(3)}
    unrelated = np.eye(2, 384, dtype=np.float32)
    assert slot_conflicts(items, texts, unrelated, cluster_of=[0, 1]) == {}
