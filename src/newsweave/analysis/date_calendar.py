"""Calendar arithmetic for date normalisation: value builders and tense-directed choices.

Pure helpers shared by ``date_rules``: every function takes plain dates and returns plain
values (``Normalized`` or ``datetime.date``); none reads text.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from newsweave.model import Granularity

PAST = "past"
FUTURE = "future"

# "the coming days" and "recent days" span a week; "the coming weeks" a month; "the coming months"
# a quarter year. Chosen as the usual reading in news copy (no corpus gives a better figure).
COMING_DAYS_SPAN = 7
COMING_WEEKS_SPAN = 28
COMING_MONTHS_SPAN = 91
# Day cut-offs for early/mid/late of a month, and month cut-offs for a year: equal thirds.
MONTH_THIRD_ENDS = (10, 20)
YEAR_THIRD_ENDS = (4, 8)
# Years we accept as a bare four-digit number: wider than any news story needs, narrow enough
# that "1200 troops" style counts are rare (candidates are filtered by the extractor anyway).
YEAR_MIN, YEAR_MAX = 1000, 2999
# A month and day on the "wrong" side of the anchor for the tense, by up to this many days, is
# still this year's: in TBAQ a document's creation date is sometimes days off the events it
# reports (5 p.m. EST Nov. 9 in a past-tense sentence of a Nov. 8 document). One week.
DIRECTION_GRACE_DAYS = 7

MONTH_NAMES = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
WEEKDAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2, "a few": 3, "several": 3,
}  # fmt: skip
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
# Fixed-date holidays that news copy names without a date.
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "independence day": (7, 4), "valentine's day": (2, 14),
}  # fmt: skip
SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised date: ISO ``value`` at ``granularity``, covering ``start``..``end``."""

    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date
    is_relative: bool


# ---- building values ---------------------------------------------------------------------------


def day_value(day: dt.date, relative: bool) -> Normalized:
    return Normalized(day.isoformat(), Granularity.DAY, day, day, relative)


def month_value(year: int, month: int, relative: bool) -> Normalized:
    last = calendar.monthrange(year, month)[1]
    start, end = dt.date(year, month, 1), dt.date(year, month, last)
    return Normalized(f"{year:04d}-{month:02d}", Granularity.MONTH, start, end, relative)


def year_value(year: int, relative: bool) -> Normalized:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Normalized(f"{year:04d}", Granularity.YEAR, start, end, relative)


def week_value(day: dt.date, relative: bool) -> Normalized:
    iso_year, iso_week, weekday = day.isocalendar()
    start = day - dt.timedelta(days=weekday - 1)
    value = f"{iso_year:04d}-W{iso_week:02d}"
    return Normalized(value, Granularity.WEEK, start, start + dt.timedelta(days=6), relative)


def day_range(start: dt.date, end: dt.date, relative: bool) -> Normalized:
    value = f"{start.isoformat()}/{end.isoformat()}"
    return Normalized(value, Granularity.RANGE, start, end, relative)


def month_range(year: int, first: int, months: int, relative: bool) -> Normalized:
    """``months`` calendar months from ``year``-``first`` (may run into the next year)."""
    last_index = year * 12 + first - 1 + months - 1
    end_year, end_month = divmod(last_index, 12)
    start = dt.date(year, first, 1)
    end = dt.date(end_year, end_month + 1, calendar.monthrange(end_year, end_month + 1)[1])
    value = f"{year:04d}-{first:02d}/{end_year:04d}-{end_month + 1:02d}"
    return Normalized(value, Granularity.RANGE, start, end, relative)


def as_time(day: Normalized) -> Normalized:
    return Normalized(day.value, Granularity.TIME, day.start, day.end, day.is_relative)


def add_months(day: dt.date, months: int) -> tuple[int, int]:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return year, month + 1


def count_of(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


# ---- choosing among candidates by tense --------------------------------------------------------


def weekday_near(anchor: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The ``weekday`` on or before ``anchor`` (past/None) or on or after it (future)."""
    back = (anchor.weekday() - weekday) % 7
    if direction == FUTURE:
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=back)


def month_year(anchor: dt.date, month: int, direction: str | None) -> int:
    """The year of the ``month`` nearest ``anchor`` in ``direction`` (None: nearer; ties past)."""
    past = anchor.year if month <= anchor.month else anchor.year - 1
    future = anchor.year if month >= anchor.month else anchor.year + 1
    if direction == PAST:
        return past
    if direction == FUTURE:
        return future
    past_gap = (anchor.year - past) * 12 + anchor.month - month
    future_gap = (future - anchor.year) * 12 + month - anchor.month
    return past if past_gap <= future_gap else future


def nearest_month_day(
    anchor: dt.date, month: int, day: int, direction: str | None = None
) -> dt.date | None:
    """The date ``month``/``day`` within a year of ``anchor``: up to it (past), from it (future)
    or nearest (None)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    grace = dt.timedelta(days=DIRECTION_GRACE_DAYS)
    if direction == PAST:
        candidates = [d for d in candidates if d <= anchor + grace]
    elif direction == FUTURE:
        candidates = [d for d in candidates if d >= anchor - grace]
    return min(candidates, key=lambda d: abs((d - anchor).days), default=None)


def shift(anchor: dt.date, count: int, unit: str) -> dt.date:
    """``anchor`` moved by ``count`` units (months and years keep the day, clamped)."""
    if unit in ("day", "week", "fortnight"):
        return anchor + dt.timedelta(days=count * UNIT_DAYS[unit])
    months = count * (12 if unit == "year" else 1)
    year, month = add_months(anchor, months)
    return dt.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def at_unit(day: dt.date, unit: str) -> Normalized:
    if unit == "day":
        return day_value(day, True)
    if unit in ("week", "fortnight"):
        return week_value(day, True)
    if unit == "month":
        return month_value(day.year, day.month, True)
    return year_value(day.year, True)


def unit_offset(modifier: str) -> int:
    if modifier in ("next", "the next", "the following", "the coming", "coming"):
        return 1
    if modifier in ("last", "previous", "the previous", "past"):
        return -1
    return 0


def calendar_unit_of(anchor: dt.date, unit: str) -> Normalized:
    if unit == "week":
        return week_value(anchor, True)
    if unit == "month":
        return month_value(anchor.year, anchor.month, True)
    return year_value(anchor.year, True)


def holiday_date(name: str, year: int) -> dt.date:
    """A holiday in ``HOLIDAYS``, or (US) Thanksgiving: the fourth Thursday of November."""
    if name in HOLIDAYS:
        return dt.date(year, *HOLIDAYS[name])
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7, weeks=3)
