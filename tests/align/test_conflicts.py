"""Conflicts between aligned claims: figures, dates, negation; look-alikes that must stay quiet."""

from __future__ import annotations

import datetime as dt
import functools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.claims import extract_claims
from newsweave.align.conflicts import ClaimFacts, fact_conflicts
from newsweave.analysis.dates import extract_dates
from newsweave.analysis.figures import extract_figures
from newsweave.model import Conflict, ConflictKind, Figure, FigureKind, Mention
from tests.align.claim_builders import article, claim, sentences
from tests.builders import make_parsed

OCT_17 = dt.date(2025, 10, 17)
GAZETTE, OBSERVER, COURIER = "Harbor Gazette", "Valdora Observer", "Morning Courier"


@functools.cache
def facts(text: str, document: str, outlet: str) -> ClaimFacts:
    """A sentence's first claim, with every figure and date of the sentence, through the real
    claim, figure and date extractors."""
    parsed = make_parsed(text, id=document, outlet=outlet, published=OCT_17)
    found = extract_claims(parsed)[0]
    return ClaimFacts(found, outlet, extract_figures(parsed), extract_dates(parsed))


def conflicts_of(*texts: tuple[str, str]) -> tuple[Conflict, ...]:
    """``texts`` are (outlet, sentence) pairs, one document each."""
    return fact_conflicts([facts(text, f"d{n}", outlet) for n, (outlet, text) in enumerate(texts)])


def kinds(found: tuple[Conflict, ...]) -> list[ConflictKind]:
    return [c.kind for c in found]


def test_a_90_minute_call_conflicts_with_a_two_and_a_half_hour_call() -> None:
    found = conflicts_of(
        (GAZETTE, "The two leaders spoke in a 90-minute call on Thursday."),
        (OBSERVER, "The two leaders spoke in a two-and-a-half-hour call on Thursday."),
    )
    assert kinds(found) == [ConflictKind.FIGURE]
    (conflict,) = found
    assert [s.value for s in conflict.sides] == ["90-minute", "two-and-a-half-hour"]
    assert [s.outlets for s in conflict.sides] == [(GAZETTE,), (OBSERVER,)]
    assert [m.text for m in conflict.mentions] == ["90-minute", "two-and-a-half-hour"]
    assert conflict.disputes
    assert "90-minute (Harbor Gazette)" in conflict.summary


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "The new missile has a range of about 1,600 km.",
            "The new missile has a range of more than 1,000 miles.",
        ),
        ("The call lasted about two and a half hours.", "The call lasted more than two hours."),
        ("Officials said about 40 people were hurt.", "Officials said 41 people were hurt."),
    ],
)
def test_figures_that_agree_after_units_and_qualifiers_are_no_conflict(
    first: str, second: str
) -> None:
    assert conflicts_of((GAZETTE, first), (OBSERVER, second)) == ()


def test_two_figures_in_one_claim_are_not_compared_with_each_other() -> None:
    text = "The attack killed 3 people and injured 5 people."
    first, second = facts(text, "d0", GAZETTE), facts(text, "d1", OBSERVER)
    assert len(first.figures) == 2
    assert fact_conflicts([first, second]) == ()


def test_a_figure_conflict_between_three_outlets_has_the_agreeing_ones_on_one_side() -> None:
    found = conflicts_of(
        (GAZETTE, "The call lasted 90 minutes."),
        (OBSERVER, "The call lasted two and a half hours."),
        (COURIER, "The call lasted about 150 minutes."),
    )
    (conflict,) = found
    assert [set(s.outlets) for s in conflict.sides] == [{GAZETTE}, {OBSERVER, COURIER}]


def test_one_outlet_contradicting_itself_is_not_reported() -> None:
    found = fact_conflicts(
        [
            facts("The call lasted 90 minutes.", "g1", GAZETTE),
            facts("The call lasted two and a half hours.", "g2", GAZETTE),
        ]
    )
    assert found == ()


def test_day_precise_dates_that_differ_conflict() -> None:
    found = conflicts_of(
        (GAZETTE, "The summit took place on October 16."),
        (OBSERVER, "The summit took place on October 14."),
    )
    assert kinds(found) == [ConflictKind.DATE]
    assert [s.value for s in found[0].sides] == [
        "October 14 (2025-10-14)",
        "October 16 (2025-10-16)",
    ]
    assert [s.outlets for s in found[0].sides] == [(OBSERVER,), (GAZETTE,)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A week that holds the day.
        ("The summit took place this week.", "The summit took place on Wednesday."),
        # "Thursday" before a Friday publication is October 16.
        ("The summit took place on Thursday.", "The summit took place on October 16."),
        # A month is not day-precise.
        ("The summit took place in October.", "The summit took place on October 3."),
    ],
)
def test_overlapping_or_coarse_dates_are_no_conflict(first: str, second: str) -> None:
    assert conflicts_of((GAZETTE, first), (OBSERVER, second)) == ()


@pytest.mark.parametrize(
    ("denial", "assertion"),
    [
        ("The talks did not produce a deal.", "The talks produced a deal."),
        (
            "The ministers did not sign the accord in Vienna.",
            "The ministers signed the accord in Vienna on Monday.",
        ),
        ("The envoy never met the rebel commander.", "The envoy met the rebel commander."),
    ],
)
def test_near_identical_claims_of_which_one_is_negated_conflict(
    denial: str, assertion: str
) -> None:
    found = conflicts_of((GAZETTE, denial), (OBSERVER, assertion))
    assert kinds(found) == [ConflictKind.NEGATION]
    asserts, denies = found[0].sides
    assert (asserts.value, asserts.outlets) == ("asserts", (OBSERVER,))
    assert (denies.value, denies.outlets) == ("denies", (GAZETTE,))
    assert [m.text for m in denies.mentions] == [denial.rstrip(".")]


def test_a_negated_claim_about_something_else_is_no_conflict() -> None:
    found = conflicts_of(
        (GAZETTE, "The talks produced a deal on grain exports."),
        (OBSERVER, "The mayor did not attend the ceremony at the harbour."),
    )
    assert found == ()


def test_a_negation_within_one_outlet_is_not_reported() -> None:
    found = fact_conflicts(
        [
            facts("The talks did not produce a deal.", "g1", GAZETTE),
            facts("The talks produced a deal.", "g2", GAZETTE),
        ]
    )
    assert found == ()


# Property: sides are built from intervals, whose agreement is not transitive; the answer must not
# depend on the order in which a fact's claims arrive.


def figure_facts(n: int, low: float, high: float, outlet: str) -> ClaimFacts:
    doc = article(f"d{n}", outlet, f"The call lasted {low:g} minutes.")
    surface = f"{low:g} minutes"
    start = doc.text.index(surface)
    mention = Mention(doc.id, start, start + len(surface), surface)
    figure = Figure(mention, FigureKind.DURATION, (low + high) / 2, "min", low=low, high=high)
    return ClaimFacts(claim(sentences(doc)[0]), outlet, (figure,), ())


intervals = st.tuples(st.integers(0, 200), st.one_of(st.integers(0, 60), st.just(10_000)))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(intervals, st.sampled_from([GAZETTE, OBSERVER, COURIER])), max_size=6),
    st.randoms(use_true_random=False),
)
def test_figure_conflicts_do_not_depend_on_claim_order(
    values: list[tuple[tuple[int, int], str]], shuffler: random.Random
) -> None:
    items = [
        figure_facts(n, float(low), math.inf if width == 10_000 else float(low + width), outlet)
        for n, ((low, width), outlet) in enumerate(values)
    ]
    shuffled = list(items)
    shuffler.shuffle(shuffled)
    expected = fact_conflicts(items)
    assert fact_conflicts(shuffled) == expected
    disagreeing = any(
        a.outlet != b.outlet
        and not (a.figures[0].low <= b.figures[0].high and b.figures[0].low <= a.figures[0].high)
        for a in items
        for b in items
    )
    assert any(c.disputes for c in expected) == disagreeing
