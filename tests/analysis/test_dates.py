"""Dates: the normaliser's conformance table, its laws, and extraction from news paragraphs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.analysis.date_calendar import FUTURE, PAST, Normalized
from newsweave.analysis.date_rules import normalize_date
from newsweave.analysis.dates import _CANDIDATE, extract_dates, may_hold_date
from newsweave.dateline import find_dateline
from newsweave.ingest.metadata import ArticleDraft, complete_metadata
from newsweave.ingest.options import ReadOptions
from newsweave.model import Granularity
from tests.builders import make_parsed

FRI = dt.date(2025, 10, 17)  # a Friday, the publication date of most cases
JAN = dt.date(2026, 1, 14)  # a Wednesday in January, for year-boundary cases
DAY, MONTH, YEAR, WEEK, TIME, RANGE = (
    Granularity.DAY,
    Granularity.MONTH,
    Granularity.YEAR,
    Granularity.WEEK,
    Granularity.TIME,
    Granularity.RANGE,
)

CONFORMANCE = [
    # absolute days, months, years
    ("October 17, 2025", FRI, None, "2025-10-17", DAY),
    ("17 October 2025", FRI, None, "2025-10-17", DAY),
    ("the 3rd of October 2025", FRI, None, "2025-10-03", DAY),
    ("Friday, Oct. 10, 2025", FRI, None, "2025-10-10", DAY),
    ("Sept. 30, 1989", FRI, None, "1989-09-30", DAY),
    ("on Oct. 17", FRI, None, "2025-10-17", DAY),
    ("Dec. 30", JAN, None, "2025-12-30", DAY),  # nearest occurrence crosses the year
    ("Jan. 20", FRI, PAST, "2025-01-20", DAY),
    ("Jan. 20", FRI, FUTURE, "2026-01-20", DAY),
    ("October 2025", FRI, None, "2025-10", MONTH),
    ("May 2024", FRI, None, "2024-05", MONTH),
    ("2024", FRI, None, "2024", YEAR),
    ("in 2024", FRI, None, "2024", YEAR),
    ("fiscal 1989", FRI, None, "1989", YEAR),
    ("October 20-31", FRI, None, "2025-10-20/2025-10-31", RANGE),
    # a month without a year: by tense, else the nearer
    ("in February", FRI, FUTURE, "2026-02", MONTH),
    ("in February", FRI, PAST, "2025-02", MONTH),
    ("in February", FRI, None, "2026-02", MONTH),
    ("in June", FRI, None, "2025-06", MONTH),
    ("in October", FRI, FUTURE, "2025-10", MONTH),
    ("in December", JAN, PAST, "2025-12", MONTH),
    ("last August", FRI, None, "2025-08", MONTH),
    ("next August", FRI, None, "2026-08", MONTH),
    ("January this year", FRI, None, "2025-01", MONTH),
    # parts of periods
    ("mid-October", FRI, None, "2025-10-11/2025-10-20", RANGE),
    ("early October", FRI, None, "2025-10-01/2025-10-10", RANGE),
    ("late November 2025", FRI, None, "2025-11-21/2025-11-30", RANGE),
    ("early next year", FRI, None, "2026-01/2026-04", RANGE),
    ("late last year", FRI, None, "2024-09/2024-12", RANGE),
    ("mid-2024", FRI, None, "2024-05/2024-08", RANGE),
    ("the end of the year", FRI, None, "2025-09/2025-12", RANGE),
    ("the 1990s", FRI, None, "1990/1999", RANGE),
    ("the late 1970s", FRI, None, "1977/1979", RANGE),
    ("the '90s", FRI, None, "1990/1999", RANGE),
    ("the third quarter", FRI, PAST, "2025-07/2025-09", RANGE),
    ("the fourth quarter of 2024", FRI, None, "2024-10/2024-12", RANGE),
    ("Q1 2026", FRI, None, "2026-01/2026-03", RANGE),
    ("the first half of 2024", FRI, None, "2024-01/2024-06", RANGE),
    ("this summer", FRI, None, "2025-06/2025-08", RANGE),
    ("last winter", FRI, None, "2024-12/2025-02", RANGE),
    # days relative to the anchor
    ("today", FRI, None, "2025-10-17", DAY),
    ("tomorrow", FRI, None, "2025-10-18", DAY),
    ("yesterday", FRI, None, "2025-10-16", DAY),
    ("two days ago", FRI, None, "2025-10-15", DAY),
    ("on Thursday", FRI, None, "2025-10-16", DAY),  # news defaults to the past
    ("on Thursday", FRI, PAST, "2025-10-16", DAY),
    ("on Thursday", FRI, FUTURE, "2025-10-23", DAY),
    ("Friday", FRI, PAST, "2025-10-17", DAY),  # the anchor's own weekday is the anchor
    ("Friday", FRI, FUTURE, "2025-10-17", DAY),
    ("next Friday", FRI, None, "2025-10-24", DAY),
    ("last Friday", FRI, None, "2025-10-10", DAY),
    ("Thanksgiving", FRI, None, "2025-11-27", DAY),
    # times of day carry the day's value
    ("late Thursday", FRI, PAST, "2025-10-16", TIME),
    ("Thursday night", FRI, None, "2025-10-16", TIME),
    ("early Friday", FRI, None, "2025-10-17", TIME),
    ("last night", FRI, None, "2025-10-16", TIME),
    ("this morning", FRI, None, "2025-10-17", TIME),
    ("3 p.m. EST, Oct. 16", FRI, None, "2025-10-16", TIME),
    ("noon Monday", FRI, None, "2025-10-13", TIME),
    # weeks, months, years relative to the anchor
    ("next week", FRI, None, "2025-W43", WEEK),
    ("this week", FRI, None, "2025-W42", WEEK),
    ("last week", JAN, None, "2026-W02", WEEK),
    ("next week", dt.date(2025, 12, 26), None, "2026-W01", WEEK),  # ISO year differs
    ("in two weeks", FRI, FUTURE, "2025-W44", WEEK),
    ("last month", FRI, None, "2025-09", MONTH),
    ("last month", JAN, None, "2025-12", MONTH),
    ("this year", FRI, None, "2025", YEAR),
    ("next year", FRI, None, "2026", YEAR),
    ("a year ago", FRI, None, "2024", YEAR),
    # spans from the anchor
    ("within two weeks", FRI, None, "2025-10-17/2025-10-31", RANGE),
    ("within 30 days", FRI, None, "2025-10-17/2025-11-16", RANGE),
    ("the past two weeks", FRI, None, "2025-10-03/2025-10-17", RANGE),
    ("earlier this month", FRI, None, "2025-10-01/2025-10-17", RANGE),
    ("later this year", FRI, None, "2025-10-17/2025-12-31", RANGE),
    ("the coming days", FRI, None, "2025-10-17/2025-10-24", RANGE),
    ("in recent weeks", FRI, None, "2025-09-19/2025-10-17", RANGE),
    ("the weekend", FRI, PAST, "2025-10-11/2025-10-12", RANGE),
    ("this weekend", FRI, None, "2025-10-18/2025-10-19", RANGE),
    # ISO input
    ("2025-10-17", None, None, "2025-10-17", DAY),
    ("2025-W43", None, None, "2025-W43", WEEK),
    ("2025-10-20/2025-10-31", None, None, "2025-10-20/2025-10-31", RANGE),
]


@pytest.mark.parametrize(("text", "anchor", "tense", "value", "granularity"), CONFORMANCE)
def test_conformance(
    text: str, anchor: dt.date | None, tense: str | None, value: str, granularity: Granularity
) -> None:
    found = normalize_date(text, anchor, tense)
    assert found is not None
    assert (found.value, found.granularity) == (value, granularity)


NOT_DATES = [
    "four years",
    "two and a half hours",
    "its fourth year",
    "We",
    "Sunday Times",
    "now",
    "the 1,200 troops",
    "February 30, 2025",
]


# The normaliser reads spans the extractor already chose, so a lower-case "may" is the month
# there; the modal is rejected by the extractor (test_no_false_dates_from_names_modals_and_verbs).
@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert normalize_date(text, FRI) is None


def test_in_weeks_is_a_duration_in_the_past_tense() -> None:
    """ "Cases doubled in two weeks" measures a span, it does not point at a date."""
    assert normalize_date("in two weeks", FRI, PAST) is None


def test_start_and_end_of_a_day_range() -> None:
    found = normalize_date("within two weeks", FRI)
    assert found is not None
    assert (found.start, found.end, found.is_relative) == (FRI, dt.date(2025, 10, 31), True)


@pytest.mark.parametrize("text", ["tomorrow", "next week", "in February", "Oct. 17", "Thursday"])
def test_relative_needs_an_anchor(text: str) -> None:
    assert normalize_date(text, FRI) is not None
    assert normalize_date(text, None) is None


# ---- laws --------------------------------------------------------------------------------------

_MONTHS = ["January", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct."]
_TEMPLATES = [
    "{month} {day}, {year}",
    "{day} {month} {year}",
    "{month} {day}",
    "in {month}",
    "{month} {year}",
    "{year}",
    "early {year}",
    "late {month}",
    "mid-{month} {year}",
    "the {decade}0s",
    "{weekday}",
    "late {weekday}",
    "{weekday} night",
    "last {month}",
    "next {weekday}",
    "{count} days ago",
    "within {count} weeks",
    "in {count} months",
    "the past {count} years",
    "the coming weeks",
    "next week",
    "last year",
    "earlier this month",
    "the weekend",
    "the second quarter",
]
expressions = st.builds(
    lambda template, month, day, year, decade, weekday, count: template.format(
        month=month, day=day, year=year, decade=decade, weekday=weekday, count=count
    ),
    st.sampled_from(_TEMPLATES),
    st.sampled_from(_MONTHS),
    st.integers(1, 28),
    st.integers(1950, 2060),
    st.integers(195, 205),
    st.sampled_from(["Monday", "Wednesday", "Friday", "Sunday"]),
    st.sampled_from(["two", "three", "10", "a"]),
)
anchors = st.dates(dt.date(1990, 1, 1), dt.date(2050, 12, 31))
tenses = st.sampled_from([None, PAST, FUTURE])


def _resolve(text: str, anchor: dt.date, tense: str | None) -> Normalized | None:
    """Every generated expression normalises, except "in N units" in the past tense."""
    found = normalize_date(text, anchor, tense)
    if found is None:
        assert tense == PAST
        assert text.startswith("in ")
    return found


@given(expressions, anchors, tenses)
def test_start_never_after_end(text: str, anchor: dt.date, tense: str | None) -> None:
    found = _resolve(text, anchor, tense)
    if found is not None:
        assert found.start <= found.end


@given(expressions, anchors, anchors, tenses)
def test_absolute_value_does_not_depend_on_anchor(
    text: str, anchor: dt.date, other: dt.date, tense: str | None
) -> None:
    found = _resolve(text, anchor, tense)
    if found is not None and not found.is_relative:
        assert normalize_date(text, other, tense) == found
        assert normalize_date(text, None, tense) == found


@given(expressions, anchors, tenses)
def test_normalising_a_value_is_idempotent(text: str, anchor: dt.date, tense: str | None) -> None:
    found = _resolve(text, anchor, tense)
    if found is None:
        return
    again = normalize_date(found.value, None)
    assert again is not None
    assert (again.value, again.start, again.end) == (found.value, found.start, found.end)


# ---- extraction --------------------------------------------------------------------------------


def _found(text: str, **kwargs: object) -> list[tuple[str, int, str, Granularity]]:
    parsed = make_parsed(text, **kwargs)
    dates = extract_dates(parsed)
    for date in dates:
        assert text[date.mention.start : date.mention.end] == date.mention.text
    return [(d.mention.text, d.mention.start, d.value, d.granularity) for d in dates]


def test_extracts_relative_and_absolute_dates_with_offsets() -> None:
    text = (
        "Officials met late Thursday in Geneva and will meet again next week, a spokeswoman "
        "said. The agreement, signed on October 3, 2025, gives both sides until mid-November "
        "to respond."
    )
    assert _found(text) == [
        ("late Thursday", 14, "2025-10-16", TIME),
        ("next week", 58, "2025-W43", WEEK),
        ("October 3, 2025", 114, "2025-10-03", DAY),
        ("mid-November", 154, "2025-11-11/2025-11-20", RANGE),
    ]


def test_no_false_dates_from_names_modals_and_verbs() -> None:
    text = (
        "The Sunday Times reported that Theresa May met union leaders. We may see more strikes, "
        "she said. March with us, the organisers urged, as thousands prepared to march on "
        "parliament."
    )
    assert _found(text) == []


def test_tense_sets_the_direction_of_a_bare_month() -> None:
    text = (
        "The ministers will travel to Oslo in February. The delegation travelled there in February."
    )
    assert _found(text) == [
        ("February", 37, "2026-02", MONTH),
        ("February", 81, "2025-02", MONTH),
    ]


def test_tense_sets_the_direction_of_a_weekday() -> None:
    text = "The two leaders will speak on Thursday. The two leaders spoke on Thursday night."
    assert _found(text) == [
        ("Thursday", 30, "2025-10-23", DAY),
        ("Thursday night", 65, "2025-10-16", TIME),
    ]


def test_durations_and_ordinals_are_not_dates() -> None:
    text = (
        "The call lasted two and a half hours. It came four years after the war began, now in "
        "its fourth year."
    )
    assert _found(text) == []


def test_spans_from_the_publication_date() -> None:
    text = (
        "The company must respond within two weeks. It filed the complaint two days ago and "
        "expects a ruling in the coming days. Prices rose sharply earlier this month."
    )
    assert _found(text) == [
        ("within two weeks", 25, "2025-10-17/2025-10-31", RANGE),
        ("two days ago", 66, "2025-10-15", DAY),
        ("the coming days", 103, "2025-10-17/2025-10-24", RANGE),
        ("earlier this month", 140, "2025-10-01/2025-10-17", RANGE),
    ]


def test_headings_are_not_analysed() -> None:
    text = (
        "Ceasefire Talks Set For Next Week\n"
        "Negotiators said on Monday that a deal could come by early next year, a goal first set "
        "in the 1990s."
    )
    assert _found(text) == [
        ("Monday", 54, "2025-10-13", DAY),
        ("early next year", 87, "2026-01/2026-04", RANGE),
        ("the 1990s", 124, "1990/1999", RANGE),
    ]


def test_without_publication_date_only_absolute_dates_are_kept() -> None:
    text = (
        "The accord, signed on 3 October 2025, takes effect tomorrow, and a review is due in 2027."
    )
    with_anchor = _found(text)
    assert [t for t, *_ in with_anchor] == ["3 October 2025", "tomorrow", "2027"]
    assert _found(text, published=None) == [
        ("3 October 2025", 22, "2025-10-03", DAY),
        ("2027", 84, "2027", YEAR),
    ]


def test_relative_dates_record_their_anchor() -> None:
    parsed = make_parsed("The vote was held on Oct. 9 and the results came out in March 2025.")
    vote, results = extract_dates(parsed)
    assert (vote.value, vote.is_relative, vote.anchor) == ("2025-10-09", True, FRI)
    assert (results.value, results.is_relative, results.anchor) == ("2025-03", False, None)


# ---- issue 9 §4: tense, anchor and dateline ----------------------------------------------------

TUE = dt.date(2025, 10, 21)  # a Tuesday; "2025-10-21T00:00" and "2025-10-21" both anchor here

# A weekday by tense: past (or none) is the most recent such day on or before the anchor, the
# same day included; future is the next on or after it.
WEEKDAY_CASES = [
    ("Monday", PAST, "2025-10-20"),  # the day before a Tuesday anchor, not a week later
    ("Tuesday", PAST, "2025-10-21"),  # the publication day itself, not a week earlier
    ("Wednesday", PAST, "2025-10-15"),
    ("Monday", None, "2025-10-20"),
    ("Monday", FUTURE, "2025-10-27"),
    ("Tuesday", FUTURE, "2025-10-21"),
    ("Wednesday", FUTURE, "2025-10-22"),
    ("last Tuesday", None, "2025-10-14"),
    ("next Tuesday", None, "2025-10-28"),
]


@pytest.mark.parametrize(("text", "tense", "value"), WEEKDAY_CASES)
def test_weekday_by_tense_against_a_tuesday(text: str, tense: str | None, value: str) -> None:
    found = normalize_date(text, TUE, tense)
    assert found is not None
    assert found.value == value


# (sentence, [(date text, value)]) on a Tuesday anchor: the reporting verb's date against the
# event date of the clause after it.
REPORTING_CASES = [
    ("The minister said Monday that the port will reopen.", [("Monday", "2025-10-20")]),
    ("The minister said on Tuesday that the port will reopen.", [("Tuesday", "2025-10-21")]),
    (
        "The minister said Monday the port would reopen on Thursday.",
        [("Monday", "2025-10-20"), ("Thursday", "2025-10-23")],
    ),
    # look-alikes: the date belongs to what was said, not to the saying
    ("The minister said the port will reopen Monday.", [("Monday", "2025-10-27")]),
    ("The minister says Monday will be decisive.", [("Monday", "2025-10-27")]),
    ("Officials say the port will reopen Wednesday.", [("Wednesday", "2025-10-22")]),
    ("The ministry announced Sunday that exports will rise.", [("Sunday", "2025-10-19")]),
]


@pytest.mark.parametrize(("text", "expected"), REPORTING_CASES)
def test_a_reporting_verbs_date_against_the_event_date(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(t, v) for t, _, v, _ in _found(text, published=TUE)] == expected


DATELINES = [
    ("Valdora – March 12, 2026 – The harbour reopened.", "Valdora", dt.date(2026, 3, 12)),
    ("KESSIN, Oct 17 (Reuters) - The harbour reopened.", "KESSIN", None),
    ("PORT ARDEN, Oct. 17 (AP) — The harbour reopened.", "PORT ARDEN", None),
]


@pytest.mark.parametrize(("text", "place", "date"), DATELINES)
def test_datelines_with_and_without_a_year(text: str, place: str, date: dt.date | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.date) == (place, date)
    assert text[found.end :].startswith("The harbour")


@pytest.mark.parametrize(
    "text",
    [
        "The harbour reopened on Oct 17 - officials said so.",  # a date, but not at the start
        "Kessin, the port city, reopened its harbour.",  # a place, but no date after it
        "KESSIN (Reuters) - The harbour reopened.",  # no date at all
        "KESSIN, Feb 30 (Reuters) - The harbour reopened.",  # no such day
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_a_yearless_dateline_takes_the_nearest_year() -> None:
    found = find_dateline("KESSIN, Dec 30 (Reuters) - The harbour reopened.")
    assert found is not None
    assert found.near(dt.date(2026, 1, 2)) == dt.date(2025, 12, 30)
    assert found.near(None) is None


def _draft(**fields: object) -> ArticleDraft:
    values: dict[str, object] = {
        "source": "page.html",
        "text": "KESSIN, Oct 17 (Reuters) - The harbour reopened.",
        "input_format": "html",
        "default_id": "page",
    }
    values.update(fields)
    return ArticleDraft(**values)  # type: ignore[arg-type]


URL = "https://news.example.com/2025/10/19/harbour-reopens"


@pytest.mark.parametrize(
    ("draft", "options", "published"),
    [
        # metadata beats the dateline
        (_draft(published=dt.date(2025, 10, 18)), ReadOptions(), dt.date(2025, 10, 18)),
        (_draft(), ReadOptions(published=dt.date(2025, 10, 18)), dt.date(2025, 10, 18)),
        # the dateline beats a date that only repeats the URL's (its year comes from it)
        (_draft(url=URL, published=dt.date(2025, 10, 19)), ReadOptions(), dt.date(2025, 10, 17)),
        # look-alike: a sidecar's date equal to the URL's is metadata, not a guess
        (
            _draft(url=URL, published=dt.date(2025, 10, 19), published_explicit=True),
            ReadOptions(),
            dt.date(2025, 10, 19),
        ),
        # a yearless dateline with nothing to date it against gives no date
        (_draft(), ReadOptions(), None),
        (_draft(text="Valdora – March 12, 2026 – The harbour reopened."), ReadOptions(),
         dt.date(2026, 3, 12)),
    ],
)  # fmt: skip
def test_metadata_beats_dateline_beats_url_guess(
    draft: ArticleDraft, options: ReadOptions, published: dt.date | None
) -> None:
    assert complete_metadata(draft, options).published == published


date_pieces = st.sampled_from(
    ["Monday", "monday", "Sept.", "Sept", "May", "may", "12", "2019", "1880", "in", "since",
     "within", "the", "next", "few", "days", "Weeks", "MONTHS", "year", "fortnight", "ago",
     "from now", "earlier", "this", "week", "late", "mid-", "coming", "recent", "morning", ","]
)  # fmt: skip


@given(st.lists(date_pieces, max_size=8), st.sampled_from([" ", "  ", "-"]))
def test_the_date_prefilter_never_hides_a_candidate(pieces: list[str], joiner: str) -> None:
    text = joiner.join(pieces)
    if _CANDIDATE.search(text) is not None:
        assert may_hold_date(text)
