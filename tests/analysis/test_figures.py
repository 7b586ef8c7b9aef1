"""Figures: conformance table, negatives, offsets, agreement, and laws."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.analysis import units
from newsweave.analysis.figures import (
    ABOUT_TOLERANCE,
    admitted_interval,
    extract_figures,
    figures_agree,
    parse_figure,
)
from newsweave.model import Figure, FigureKind, Mention, Qualifier
from tests.builders import make_parsed

L, D, M, P, C, A = (
    FigureKind.LENGTH,
    FigureKind.DURATION,
    FigureKind.MONEY,
    FigureKind.PERCENTAGE,
    FigureKind.COUNT,
    FigureKind.OTHER,
)
Q = Qualifier
HOUR = 60.0
DAY = 24 * HOUR
YEAR = units.DAYS_PER_YEAR * DAY

CONFORMANCE: list[tuple[str, FigureKind, float, str, Qualifier]] = [
    # lengths
    ("The missiles have a range of about 1,600 km.", L, 1_600_000, "m", Q.ABOUT),
    ("It can fly more than 1,000 miles.", L, 1_609_344, "m", Q.MORE_THAN),
    ("They built a 1,600-kilometre route.", L, 1_600_000, "m", Q.EXACT),
    ("The convoy stretched 10-15 km along the road.", L, 12_500, "m", Q.EXACT),
    ("The drone flew at 10,000 feet.", L, 3_048, "m", Q.EXACT),
    ("Troops advanced roughly 3 kilometers.", L, 3_000, "m", Q.ABOUT),
    ("The wall is 450 metres long.", L, 450, "m", Q.EXACT),
    ("The ship stayed 12 nautical miles offshore.", L, 22_224, "m", Q.EXACT),
    ("Shelling hit a town some 20 miles from the front.", L, 32_186.88, "m", Q.ABOUT),
    # durations
    ("The call lasted nearly two and a half hours.", D, 150, "min", Q.NEARLY),
    ("They held a two-and-a-half-hour phone call.", D, 150, "min", Q.EXACT),
    ("It followed a 90-minute call in February.", D, 90, "min", Q.EXACT),
    ("The meeting ran for half an hour.", D, 30, "min", Q.EXACT),
    ("Talks dragged on for an hour and a half.", D, 90, "min", Q.EXACT),
    ("The discussion lasted more than two hours.", D, 120, "min", Q.MORE_THAN),
    ("The war has gone on for four years.", D, 4 * YEAR, "min", Q.EXACT),
    ("A summit could follow within two weeks.", D, 14 * DAY, "min", Q.UP_TO),
    ("Strikes were paused for 30 days.", D, 30 * DAY, "min", Q.EXACT),
    ("The siege lasted almost three months.", D, 3 * units.DAYS_PER_MONTH * DAY, "min", Q.NEARLY),
    ("He spoke for 45 seconds.", D, 0.75, "min", Q.EXACT),
    ("The talks lasted 2 1/2 hours.", D, 150, "min", Q.EXACT),
    ("The talks lasted 2½ hours.", D, 150, "min", Q.EXACT),
    ("The nearly four-year-old war goes on.", D, 4 * YEAR, "min", Q.NEARLY),
    ("The alliance has stood for over seven decades.", D, 70 * YEAR, "min", Q.MORE_THAN),
    # money
    ("The package is worth $40 billion.", M, 40e9, "USD", Q.EXACT),
    ("Brussels offered 40bn euros in loans.", M, 40e9, "EUR", Q.EXACT),
    ("The grant totals €1.2 million.", M, 1.2e6, "EUR", Q.EXACT),
    ("The council spent £3m on repairs.", M, 3e6, "GBP", Q.EXACT),
    ("Kyiv raised UAH 40 billion in bonds.", M, 40e9, "UAH", Q.EXACT),
    ("Moscow set aside 500 billion rubles.", M, 500e9, "RUB", Q.EXACT),
    ("The fund pays 2,000 hryvnias a month.", M, 2_000, "UAH", Q.EXACT),
    ("The EU has given over €100 billion in support.", M, 100e9, "EUR", Q.MORE_THAN),
    ("Trade reached 35 billion US dollars.", M, 35e9, "USD", Q.EXACT),
    ("Officials discussed $10-15 billion in aid.", M, 12.5e9, "USD", Q.EXACT),
    ("The deal is worth up to US$2.5bn.", M, 2.5e9, "USD", Q.UP_TO),
    # percentages
    ("Prices rose 12%.", P, 12, "percent", Q.EXACT),
    ("Turnout fell to 12 percent.", P, 12, "percent", Q.EXACT),
    ("Russia controls roughly 20% of the territory.", P, 20, "percent", Q.ABOUT),
    ("Exports dropped by less than 5 per cent.", P, 5, "percent", Q.LESS_THAN),
    ("Support rose 3 percentage points.", P, 3, "percentage-point", Q.EXACT),
    ("Support rose from 42% to 58%.", P, 42, "percent", Q.EXACT),
    # counts
    ("More than 20,000 children were deported.", C, 20_000, "child", Q.MORE_THAN),
    ("The U.S. could send 3 Tomahawk missiles.", C, 3, "missile", Q.EXACT),
    ("Between 20 and 30 people were hurt.", C, 25, "person", Q.EXACT),
    ("A dozen drones were shot down.", C, 12, "drone", Q.EXACT),
    ("Twenty-five soldiers were captured.", C, 25, "soldier", Q.EXACT),
    ("One hundred volunteers arrived.", C, 100, "volunteer", Q.EXACT),
    ("Russia fired hundreds of drones overnight.", C, 600, "drone", Q.EXACT),
    ("The strike injured 57 people.", C, 57, "person", Q.EXACT),
    ("At least 12 civilians were killed.", C, 12, "civilian", Q.AT_LEAST),
    ("Poland pledged some 10,000 troops.", C, 10_000, "troop", Q.ABOUT),
    ("Two million people fled the region.", C, 2e6, "person", Q.EXACT),
    ("Over 500,000 casualties have been reported.", C, 500_000, "casualty", Q.MORE_THAN),
    ("Three long years have passed.", D, 3 * YEAR, "min", Q.EXACT),
    # areas (kind OTHER)
    ("Forces gained about 1.2 square kilometers a day.", A, 1.2e6, "m2", Q.ABOUT),
]


@pytest.mark.parametrize(("text", "kind", "value", "unit", "qualifier"), CONFORMANCE)
def test_conformance(
    text: str, kind: FigureKind, value: float, unit: str, qualifier: Qualifier
) -> None:
    parsed = parse_figure(text)
    assert parsed is not None, text
    got_kind, got_value, got_unit, got_qualifier, low, high = parsed
    assert (got_kind, got_unit, got_qualifier) == (kind, unit, qualifier)
    assert got_value == pytest.approx(value)
    assert low <= value <= high


NEGATIVES = [
    "The talks were held in 2025.",
    "They last spoke on October 17.",
    "They last spoke on 17 October.",
    "The war is now in its fourth year.",
    "Call the hotline at (202) 555-0143 for details.",
    "The figures are on page 12 of the report.",
    "It is one of the largest attacks of the war.",
    "The two leaders spoke by phone.",
    "Ukraine wants Su-35 jets and F-16s.",
    "The G7 leaders met at 10:30 on Friday.",
    "Trade fell in the 1990s.",
    "The deadline is mid-2026.",
    "The 1991 Gulf War changed the region.",
    "They spoke two weeks ago.",
    "Article 5 of the treaty was invoked.",
    "The service runs 24/7.",
    "The Boeing 737 jets were grounded.",
    "Kyiv unveiled a 10-point plan.",
    "Ukraine won 3-1 in the final.",
    "The blast happened at 3 p.m. local time.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert parse_figure(text) is None


PARAGRAPH = (
    "Russian drones struck eight regions overnight, injuring 57 people. "
    "Officials said the missiles have a range of approximately 1,600 km (1,000 miles).\n"
    "The call on October 16, 2025 lasted more than two hours, and the EU has given "
    "over €100 billion since 2022."
)


def test_extraction_offsets_and_values() -> None:
    parsed = make_parsed(PARAGRAPH)
    figures = extract_figures(parsed)
    expected = [
        "eight regions",
        "57 people",
        "approximately 1,600 km",
        "1,000 miles",
        "more than two hours",
        "over €100 billion",
    ]
    assert [f.mention.text for f in figures] == expected
    for figure, text in zip(figures, expected, strict=True):
        start = PARAGRAPH.index(text)
        assert figure.mention == Mention("a1", start, start + len(text), text)
    miles = figures[3]
    assert (miles.surface_value, miles.surface_unit, miles.unit) == (1000.0, "miles", "m")
    assert figures_agree(figures[2], figures[3])


def test_change_from_to_is_two_figures_not_a_range() -> None:
    figures = extract_figures(make_parsed("The toll rose from 10 to 15 people, and 10-15 km."))
    assert [(f.mention.text, f.value) for f in figures] == [("15 people", 15), ("10-15 km", 12_500)]


def test_headings_are_not_analysed() -> None:
    parsed = make_parsed("Russia Fires 300 Drones At Kyiv\nThe attack injured 12 people.")
    assert [f.mention.text for f in extract_figures(parsed)] == ["12 people"]


def _figure_of(text: str) -> Figure:
    figures = extract_figures(make_parsed(text))
    assert len(figures) == 1, (text, figures)
    return figures[0]


AGREEMENT = [
    ("a range of about 1,600 km", "a range of more than 1,000 miles", True),
    ("a range of 1,600 km", "a range of 1,000 miles", True),
    ("a 90-minute call", "a two-and-a-half-hour call", False),
    ("a call of about two and a half hours", "a call of more than two hours", True),
    ("a call of nearly two and a half hours", "a 90-minute call", False),
    ("The strike injured 57 people.", "The strike injured 50 people.", False),
    ("The strike injured 57 people.", "The strike injured 57 patients.", False),
    ("The fund holds $40 billion.", "The fund holds €40 billion.", False),
    ("Russia fired dozens of missiles.", "Russia fired 50 missiles.", True),
    ("Russia fired hundreds of drones.", "Russia fired more than 2,000 drones.", False),
    ("Russia controls roughly 20% of the land.", "Russia controls 30% of the land.", False),
    ("A summit could follow within two weeks.", "A summit could follow in 10 days.", True),
    ("Exports fell less than 5%.", "Exports fell 12%.", False),
    ("A 30-kilometre trip.", "A 30-minute trip.", False),
]


@pytest.mark.parametrize(("first", "second", "agree"), AGREEMENT)
def test_figures_agree_table(first: str, second: str, agree: bool) -> None:
    a, b = _figure_of(first), _figure_of(second)
    assert figures_agree(a, b) is agree
    assert figures_agree(b, a) is agree


def test_about_interval_matches_tolerance() -> None:
    low, high = admitted_interval(1600, 1600, 50, Qualifier.ABOUT)
    assert (low, high) == pytest.approx(
        (1600 * (1 - ABOUT_TOLERANCE), 1600 * (1 + ABOUT_TOLERANCE))
    )
    assert admitted_interval(1000, 1000, 500, Qualifier.MORE_THAN) == (1000, math.inf)


_KIND_UNITS = [(L, "m"), (D, "min"), (M, "USD"), (M, "EUR"), (C, "person")]
_values = st.floats(min_value=0.01, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def figures(draw: st.DrawFn) -> Figure:
    kind, unit = draw(st.sampled_from(_KIND_UNITS))
    value = draw(_values)
    qualifier = draw(st.sampled_from(list(Qualifier)))
    rounding = draw(st.floats(min_value=0, max_value=1e6, allow_nan=False))
    low, high = admitted_interval(value, value, rounding, qualifier)
    mention = Mention("a1", 0, 1, "x")
    return Figure(mention, kind, value, unit, qualifier, low, high, value, unit)


@given(figures(), figures())
def test_agreement_is_symmetric(a: Figure, b: Figure) -> None:
    assert figures_agree(a, b) == figures_agree(b, a)


@given(figures())
def test_agreement_is_reflexive_and_interval_holds_value(a: Figure) -> None:
    assert figures_agree(a, a)
    assert a.low <= a.value <= a.high


@given(_values, st.sampled_from(sorted(units.UNITS)))
def test_conversion_round_trip(value: float, unit_word: str) -> None:
    _, base, _ = units.to_base(value, unit_word)
    assert units.from_base(base, unit_word) == pytest.approx(value, rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2, max_value=99_999), st.sampled_from(["km", "kilometres", "miles"]))
def test_written_lengths_parse_to_metres(number: int, unit_word: str) -> None:
    parsed = parse_figure(f"The road is {number:,} {unit_word} long.")
    assert parsed is not None
    assert parsed[1] == pytest.approx(units.to_base(number, unit_word)[1])
