"""Normalising one date expression against an anchor day: pure rules, no spaCy, no I/O.

``normalize_date("late Thursday", dt.date(2025, 10, 17), "past")`` returns the value, the
granularity the text supports and the inclusive days it covers. Rules are regular expressions
over a cleaned lower-case string, tried in order; the first that matches wins.

Decisions (each is pinned by tests/analysis/test_dates.py):

- ``is_relative`` means "the value depends on the anchor": "Oct. 17" is relative (its year comes
  from the anchor), "October 17, 2025" is not. Without an anchor only absolute forms resolve.
- Weekdays: past tense or no tense (news reports the past) -> the most recent such day on or
  before the anchor; future tense -> the next such day on or after the anchor. "next Friday" is
  the first Friday after the anchor, "last Friday" the last one before it.
- A month without a year: past -> the most recent such month up to the anchor's month; future ->
  the next one from the anchor's month; no tense -> the nearer of the two (ties go to the past).
  "last August" is the most recent August before the anchor's month, "next August" the first after.
- A month and day without a year: past -> the latest on or before the anchor, future -> the first
  on or after it (each with ``DIRECTION_GRACE_DAYS`` of slack), no tense -> the nearest.
- A quarter without a year ("the third quarter") is the anchor year's, unless the tense is past
  and it has not begun; "the quarter" in past tense and "the latest quarter" are the last one.
- early/mid/late split a month into days 1-10, 11-20, 21-end and a year into Jan-Apr, May-Aug,
  Sep-Dec; the value is a range. On a day ("late Thursday") they give TIME with the day's value.
- Decades ("the 1990s") are a year range "1990/1999"; quarters, halves and seasons are month
  ranges ("2025-07/2025-09"); meteorological seasons, winter Y = Dec Y .. Feb Y+1.
- Durations ("four years", "two and a half hours") and ordinals ("its fourth year") are not
  dates: they return None. "within two weeks" is the range anchor..anchor+14 days; "in two weeks"
  is the week that holds anchor+14 days; "two days ago" the day anchor-2.
- A clock time or part of day ("3 p.m.", "Thursday night") gives TIME with the day's value; a bare
  clock time falls on the anchor day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.analysis.date_calendar import (
    COMING_DAYS_SPAN,
    COMING_MONTHS_SPAN,
    COMING_WEEKS_SPAN,
    FUTURE,
    HOLIDAYS,
    MONTH_NAMES,
    MONTH_THIRD_ENDS,
    NUMBER_WORDS,
    ORDINALS,
    PAST,
    SEASON_START,
    WEEKDAY_NAMES,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_THIRD_ENDS,
    Normalized,
    add_months,
    as_time,
    at_unit,
    calendar_unit_of,
    count_of,
    day_range,
    day_value,
    holiday_date,
    month_range,
    month_value,
    month_year,
    nearest_month_day,
    shift,
    unit_offset,
    week_value,
    weekday_near,
    year_value,
)
from newsweave.model import Granularity

__all__ = ["FUTURE", "PAST", "Normalized", "normalize_date"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_NUMBER = r"(?P<count>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: dt.date | None
    tense: str | None


_Rule = Callable[[re.Match[str], _Context], Normalized | None]


# ---- rules: absolute ---------------------------------------------------------------------------


def _iso(match: re.Match[str], ctx: _Context) -> Normalized | None:
    parts = [int(p) for p in match.group(0).split("-")]
    if len(parts) == 3:
        return day_value(dt.date(*parts), False)
    if len(parts) == 2:
        return month_value(parts[0], parts[1], False)
    return year_value(parts[0], False)


def _iso_week(match: re.Match[str], ctx: _Context) -> Normalized:
    monday = dt.date.fromisocalendar(int(match["year"]), int(match["week"]), 1)
    return week_value(monday, False)


def _iso_range(match: re.Match[str], ctx: _Context) -> Normalized | None:
    first = normalize_date(match["first"], None)
    last = normalize_date(match["last"], None)
    if first is None or last is None or first.start > last.end:
        return None
    return Normalized(match.group(0), Granularity.RANGE, first.start, last.end, False)


def _month_day(match: re.Match[str], ctx: _Context) -> Normalized | None:
    month, day = MONTH_NAMES[match["month"]], int(match["day"])
    if match["year"]:
        return day_value(dt.date(int(match["year"]), month, day), False)
    if ctx.anchor is None:
        return None
    found = nearest_month_day(ctx.anchor, month, day, ctx.tense)
    return None if found is None else day_value(found, True)


def _month_day_range(match: re.Match[str], ctx: _Context) -> Normalized | None:
    first = _month_day(match, ctx)
    if first is None:
        return None
    try:
        last = first.start.replace(day=int(match["day2"]))
    except ValueError:
        return None
    return day_range(first.start, last, first.is_relative) if last > first.start else None


def _month_year_rule(match: re.Match[str], ctx: _Context) -> Normalized:
    return month_value(int(match["year"]), MONTH_NAMES[match["month"]], False)


def _month_of_year(match: re.Match[str], ctx: _Context) -> Normalized | None:
    """ "January this year", "June last year"."""
    if ctx.anchor is None:
        return None
    year = ctx.anchor.year + unit_offset(match["modifier"])
    return month_value(year, MONTH_NAMES[match["month"]], True)


def _bare_year(match: re.Match[str], ctx: _Context) -> Normalized | None:
    year = int(match["year"])
    return year_value(year, False) if YEAR_MIN <= year <= YEAR_MAX else None


def _decade(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if match["century"]:
        first = int(match["century"] + match["decade"])
    elif ctx.anchor is not None:  # "the '90s": the latest such decade not after the anchor's
        first = (ctx.anchor.year // 100) * 100 + int(match["decade"])
        if first > ctx.anchor.year:
            first -= 100
    else:
        return None
    start, end = dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    return Normalized(f"{first}/{first + 9}", Granularity.RANGE, start, end, not match["century"])


def _fiscal_year(match: re.Match[str], ctx: _Context) -> Normalized:
    return year_value(int(match["year"]), False)


# ---- rules: relative to the anchor -------------------------------------------------------------

_NAMED_DAY_SHIFT = {
    "today": 0, "earlier today": 0, "later today": 0, "tomorrow": 1, "yesterday": -1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def _named_day(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if ctx.anchor is None:
        return None
    return day_value(ctx.anchor + dt.timedelta(days=_NAMED_DAY_SHIFT[match.group(0)]), True)


def _weekday(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if ctx.anchor is None:
        return None
    weekday, modifier = WEEKDAY_NAMES[match["weekday"]], match["modifier"] or ""
    anchor = ctx.anchor
    if modifier in ("next", "the following", "coming", "this coming"):
        day = weekday_near(anchor + dt.timedelta(days=1), weekday, FUTURE)
    elif modifier in ("last", "the previous", "previous", "this past", "past"):
        day = weekday_near(anchor - dt.timedelta(days=1), weekday, PAST)
    elif modifier == "this":
        day = anchor + dt.timedelta(days=weekday - anchor.weekday())
    else:
        day = weekday_near(anchor, weekday, ctx.tense)
    return day_value(day, True)


def _ago(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if ctx.anchor is None:
        return None
    if match["direction"] == "in" and ctx.tense == PAST:  # "doubled in two weeks": a duration
        return None
    sign = -1 if match["direction"] in ("ago", "earlier", "before") else 1
    return at_unit(shift(ctx.anchor, sign * count_of(match["count"]), match["unit"]), match["unit"])


def _window(match: re.Match[str], ctx: _Context) -> Normalized | None:
    """A span that starts or ends at the anchor: "within two weeks", "the past three days"."""
    if ctx.anchor is None:
        return None
    count = count_of(match["count"]) if match["count"] else 1
    other = shift(ctx.anchor, count, match["unit"])
    if match["direction"] in ("past", "last", "previous"):
        other = shift(ctx.anchor, -count, match["unit"])
        return day_range(other, ctx.anchor, True)
    return day_range(ctx.anchor, other, True)


_SPAN_DAYS = {"day": COMING_DAYS_SPAN, "week": COMING_WEEKS_SPAN, "month": COMING_MONTHS_SPAN}


def _vague_window(match: re.Match[str], ctx: _Context) -> Normalized | None:
    """ "the coming days", "recent weeks": spans of a conventional length from the anchor."""
    if ctx.anchor is None:
        return None
    span = dt.timedelta(days=_SPAN_DAYS[match["unit"]])
    if match.groupdict().get("future"):
        return day_range(ctx.anchor, ctx.anchor + span, True)
    return day_range(ctx.anchor - span, ctx.anchor, True)


def _calendar_unit(match: re.Match[str], ctx: _Context) -> Normalized | None:
    """ "this week", "next month", "last year", "this decade"."""
    if ctx.anchor is None:
        return None
    offset, unit, anchor = unit_offset(match["modifier"]), match["unit"], ctx.anchor
    if unit == "week":
        return week_value(anchor + dt.timedelta(weeks=offset), True)
    if unit == "month":
        return month_value(*add_months(anchor, offset), True)
    if unit == "year":
        return year_value(anchor.year + offset, True)
    first = (anchor.year // 10 + offset) * 10
    return day_range(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), True)


def _weekend(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if ctx.anchor is None:
        return None
    anchor, modifier = ctx.anchor, match["modifier"] or ""
    monday = anchor - dt.timedelta(days=anchor.weekday())
    if modifier == "this":
        saturday = monday + dt.timedelta(days=5)
    elif modifier:
        saturday = monday + dt.timedelta(days=5 + 7 * unit_offset(modifier))
    elif ctx.tense == FUTURE and anchor.weekday() != 6:
        saturday = weekday_near(anchor, 5, FUTURE)
    else:
        saturday = weekday_near(anchor, 5, PAST)
    return day_range(saturday, saturday + dt.timedelta(days=1), True)


def _rest_of_unit(match: re.Match[str], ctx: _Context) -> Normalized | None:
    """ "earlier this month" = its first day..anchor; "later this year" = anchor..its last day."""
    if ctx.anchor is None:
        return None
    anchor, unit = ctx.anchor, match["unit"]
    whole = calendar_unit_of(anchor, unit)
    if match["side"] == "earlier":
        return day_range(whole.start, anchor, True)
    return day_range(anchor, whole.end, True)


def _month_alone(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if ctx.anchor is None:
        return None
    month, modifier, anchor = MONTH_NAMES[match["month"]], match["modifier"] or "", ctx.anchor
    if modifier == "this":
        year = anchor.year
    elif modifier in ("last", "this past", "past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif modifier in ("next", "this coming", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = month_year(anchor, month, ctx.tense)
    return month_value(year, month, True)


def _quarter_year(match: re.Match[str], ctx: _Context, months: int, index: int) -> int | None:
    """The year of quarter/half ``index``: given, or the nearest to the anchor by tense."""
    given = match["year"] or match["year2"]
    if given:
        return int(given)
    if ctx.anchor is None:
        return None
    first_month = (index - 1) * months + 1
    year = ctx.anchor.year
    # Business copy names quarters of the current year; only a past quarter not yet begun is
    # last year's.
    return year - 1 if ctx.tense == PAST and first_month > ctx.anchor.month else year


def _quarter(match: re.Match[str], ctx: _Context) -> Normalized | None:
    months = 3 if match["part"] == "quarter" else 6
    index = ORDINALS[match["ordinal"]]
    if index * months > 12:
        return None
    year = _quarter_year(match, ctx, months, index)
    if year is None:
        return None
    relative = not (match["year"] or match["year2"])
    return month_range(year, (index - 1) * months + 1, months, relative)


def _quarter_code(match: re.Match[str], ctx: _Context) -> Normalized:
    index = int(match["index"] or match["index2"])
    return month_range(int(match["year"] or match["year2"]), (index - 1) * 3 + 1, 3, False)


def _current_quarter(match: re.Match[str], ctx: _Context) -> Normalized | None:
    if ctx.anchor is None:
        return None
    modifier = match["modifier"] or ("latest" if match["latest"] else "this")
    offset = unit_offset(modifier)
    if modifier == "latest" or (modifier == "this" and not match["current"] and ctx.tense == PAST):
        offset = -1  # "the latest quarter", "the quarter" in past tense: the last one reported
    year, month = add_months(ctx.anchor, 3 * offset)
    return month_range(year, (month - 1) // 3 * 3 + 1, 3, True)


def _season(match: re.Match[str], ctx: _Context) -> Normalized | None:
    first, modifier = SEASON_START[match["season"]], match["modifier"] or ""
    if match["year"]:
        return month_range(int(match["year"]), first, 3, False)
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor
    # The season's year is the year it starts in; this winter started last December until March.
    current = anchor.year - 1 if first == 12 and anchor.month < 3 else anchor.year
    offset = unit_offset(modifier) if modifier != "this" else 0
    if not modifier:
        started = dt.date(current, first, 1) <= anchor
        offset = -1 if ctx.tense == PAST and not started else 0
        offset = (
            1
            if ctx.tense == FUTURE and month_range(current, first, 3, True).end < anchor
            else offset
        )
    return month_range(current + offset, first, 3, True)


def _holiday(match: re.Match[str], ctx: _Context) -> Normalized | None:
    name = match["holiday"]
    if match["year"]:
        return day_value(holiday_date(name, int(match["year"])), False)
    if ctx.anchor is None:
        return None
    month = HOLIDAYS.get(name, (11, 0))[0]  # Thanksgiving is in November
    return day_value(holiday_date(name, month_year(ctx.anchor, month, ctx.tense)), True)


def _part(match: re.Match[str], ctx: _Context) -> Normalized | None:
    """ "early next year", "mid-October", "late Thursday", "the end of the month"."""
    inner = _normalize_clean(match["rest"], ctx)
    if inner is None:
        return None
    if inner.granularity in (Granularity.DAY, Granularity.TIME):
        return as_time(inner)
    if match["part"] in ("earlier", "later"):  # only "earlier Sunday"; "later this month" differs
        return None
    third = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1}.get(match["part"], 2)
    if inner.granularity is Granularity.YEAR:
        ends = (0, *YEAR_THIRD_ENDS, 12)
        months = ends[third + 1] - ends[third]
        return month_range(inner.start.year, ends[third] + 1, months, inner.is_relative)
    if inner.granularity is Granularity.MONTH:
        last_day = inner.end.day
        ends = (0, *MONTH_THIRD_ENDS, last_day)
        start = inner.start.replace(day=ends[third] + 1)
        return day_range(start, inner.start.replace(day=ends[third + 1]), inner.is_relative)
    return _part_of_span(inner, third)


def _part_of_span(inner: Normalized, third: int) -> Normalized:
    """A third of any other span (a week, a decade, a range), by days."""
    days = (inner.end - inner.start).days + 1
    cuts = [inner.start + dt.timedelta(days=days * i // 3) for i in range(4)]
    end = cuts[third + 1] - dt.timedelta(days=1)
    if inner.value.count("/") and len(inner.value) == 9:  # a decade "1990/1999": whole years
        first = inner.start.year + (0, 3, 7)[third]
        last = inner.start.year + (2, 6, 9)[third]
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
        return Normalized(f"{first}/{last}", Granularity.RANGE, start, end, inner.is_relative)
    return day_range(cuts[third], max(end, cuts[third]), inner.is_relative)


# ---- the rule table ----------------------------------------------------------------------------

_NEXT = (
    r"(?P<modifier>this coming|this past|the following|the previous|previous|coming|next|last"
    r"|this|past)"
)
_COUNT_UNIT = _NUMBER + r"\s+" + _UNIT
_YEAR2 = _YEAR.replace("year", "year2")
_ORDINAL = r"(?P<ordinal>" + "|".join(ORDINALS) + r")"
_PART = (
    r"(?:(?:the\s+)?(?P<part>early|mid|late|end|beginning|start|middle|earlier|later)"
    r"(?:\s+of)?[-\s]+)"
)
_HOLIDAY = r"(?P<holiday>" + "|".join(sorted([*HOLIDAYS, "thanksgiving day", "thanksgiving"],
                                             key=len, reverse=True)) + r")"  # fmt: skip

_RULES: tuple[tuple[re.Pattern[str], _Rule], ...] = tuple(
    (re.compile(pattern + r"$"), rule)
    for pattern, rule in (
        (r"\d{4}(?:-\d{2}){0,2}", _iso),
        (r"(?P<year>\d{4})-w(?P<week>\d{2})", _iso_week),
        (r"(?P<first>\d{4}(?:-\d{2}){0,2})/(?P<last>\d{4}(?:-\d{2}){0,2})", _iso_range),
        (rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", _month_day),
        (
            rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?(?:\s+{_YEAR})?",
            _month_day,
        ),
        (
            rf"{_MONTH}\s+{_DAY}\s*(?:-|to|through|until|and)\s*(?P<day2>\d{{1,2}})(?:,?\s+{_YEAR})?",
            _month_day_range,
        ),
        (rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year_rule),
        (rf"{_MONTH}\s+(?:of\s+)?(?P<modifier>this|last|next)\s+year", _month_of_year),
        (r"(?:the\s+)?(?:year\s+)?" + _YEAR, _bare_year),
        (r"(?:fiscal|fy|fiscal year|the fiscal year)\s*" + _YEAR, _fiscal_year),
        (r"(?:the\s+)?(?:(?P<century>1\d|20)|')(?P<decade>\d0)'?s", _decade),
        (r"|".join(_NAMED_DAY_SHIFT), _named_day),
        (rf"(?:{_NEXT}\s+)?{_WEEKDAY}", _weekday),
        (rf"{_COUNT_UNIT}\s+(?P<direction>ago|earlier|before|from now|hence)", _ago),
        (rf"(?P<direction>in)\s+{_COUNT_UNIT}(?:'\s*time)?", _ago),
        (
            rf"(?:within|in|over|during)?\s*(?:the\s+)?(?P<direction>next|coming|past|last|previous)"
            rf"\s+{_COUNT_UNIT}",
            _window,
        ),
        (rf"(?P<direction>within)\s+(?:the\s+next\s+)?(?:{_NUMBER}\s+)?{_UNIT}", _window),
        (
            r"(?:within|in|over|during)?\s*the\s+(?P<direction>next|coming|past|last|previous)"
            r"\s+(?P<count>)(?P<unit>day|week|fortnight|month|year)",  # singular: "the past week"
            _window,
        ),
        (
            r"(?:the\s+)?(?P<future>coming|next few|next several|following few)\s+"
            r"(?P<unit>day|week|month)s",
            _vague_window,
        ),
        (r"(?:the\s+)?(?P<unit>day|week|month)s\s+(?P<future>ahead)", _vague_window),
        (
            r"(?:the\s+)?(?:recent|past few|last few|past several|last several)\s+"
            r"(?P<unit>day|week|month)s",
            _vague_window,
        ),
        (rf"(?:the\s+)?(?:{_NEXT}\s+)?weekend", _weekend),
        (
            r"(?:the\s+)?(?P<side>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)",
            _rest_of_unit,
        ),
        (rf"(?:the\s+)?{_NEXT}\s+(?P<unit>week|month|year|decade)", _calendar_unit),
        (r"(?:the\s+)?(?P<modifier>current)\s+(?P<unit>week|month|year|decade)", _calendar_unit),
        (r"(?P<modifier>the)\s+(?P<unit>week|month|year|decade)", _calendar_unit),
        (rf"(?:{_NEXT}\s+)?{_MONTH}", _month_alone),
        (
            rf"(?:the\s+)?(?:{_YEAR}\s+)?{_ORDINAL}[-\s]+(?:fiscal\s+)?(?P<part>quarter|half)"
            rf"(?:\s+of\s+(?:fiscal\s+)?{_YEAR2})?",
            _quarter,
        ),
        (rf"(?:q(?P<index>[1-4])\s*{_YEAR}|{_YEAR2}\s*q(?P<index2>[1-4]))", _quarter_code),
        (
            rf"(?:the\s+)?(?:{_NEXT}\s+|(?P<current>current)\s+"
            r"|(?P<latest>latest|most recent)\s+)?quarter",
            _current_quarter,
        ),
        (
            rf"(?:the\s+)?(?:{_NEXT}\s+)?(?P<season>spring|summer|fall|autumn|winter)"
            rf"(?:\s+(?:of\s+)?{_YEAR})?",
            _season,
        ),
        (rf"{_HOLIDAY}(?:,?\s+{_YEAR})?", _holiday),
        (_PART + r"(?P<rest>.+)", _part),
    )
)

# ---- times of day, cleaning, entry point -------------------------------------------------------

_CLOCK = (
    r"(?:(?:at|around|about|by|until|before|after|shortly (?:before|after)|just (?:before|after))"
    r"\s+)?(?:\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|\d{1,2}:\d{2}|noon|midday|midnight)"
    r"(?:\s+(?:[ecmp][sd]t|et|gmt|utc|bst|cet|cest|local time|local))?"
)
_DAY_PART = r"(?:(?:early|late|mid)[-\s]?)?(?:morning|afternoon|evening|night|overnight)"
_TIME_WORDS = re.compile(rf"\b(?:{_CLOCK}|{_DAY_PART})(?=\W|$)")
_TIME_PHRASES = {
    "tonight": "today night", "last night": "yesterday night", "this morning": "today morning",
    "this afternoon": "today afternoon", "this evening": "today evening",
}  # fmt: skip
_LEADING = re.compile(
    r"^(?:on|at|by|during|around|about|as of|since|until|till|from|through|of|for|before|after"
    r"|as early as|as late as|no later than|sometime|some time|almost|nearly|about|roughly|some"
    r"|more than|less than|just|only|in(?!\s+" + _COUNT_UNIT + r"))\s+"
)
# "the" stays in front of words where it changes the meaning ("the past week" vs "past week").
_LEADING_THE = re.compile(r"^the\s+(?!past|last|next|coming|following|previous|week\b|month\b"
                          r"|year\b|decade\b|day\b|end|beginning|start|middle)")  # fmt: skip


def _clean(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip(' ,;:!?"()[]')
    text = re.sub(r"'s$", "", text).rstrip(".").strip()
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_THE.sub("", _LEADING.sub("", text))
    return text


def _normalize_time(text: str, ctx: _Context) -> Normalized | None:
    """ "Thursday night", "3 p.m. Friday", "this morning": TIME on the day the rest names."""
    for phrase, replacement in _TIME_PHRASES.items():
        text = re.sub(rf"\b{phrase}\b", replacement, text)
    rest = _TIME_WORDS.sub(" ", text)
    if rest == text:
        return None
    rest = re.sub(r"\s+", " ", rest).strip(" ,;-")
    rest = re.sub(r"^(?:on|of)\s+|\s+(?:on|of)$", "", rest)
    if not rest:
        if ctx.anchor is None:
            return None
        return as_time(day_value(ctx.anchor, True))
    day = _normalize_clean(rest, ctx)
    if day is None or day.granularity not in (Granularity.DAY, Granularity.TIME):
        return None
    return as_time(day)


def _normalize_clean(text: str, ctx: _Context) -> Normalized | None:
    text = _clean(text)
    for pattern, rule in _RULES:
        match = pattern.match(text)
        if match is None:
            continue
        try:
            found = rule(match, ctx)
        except (ValueError, OverflowError):  # impossible dates such as "February 30"
            found = None
        if found is not None:
            return found
    return _normalize_time(text, ctx)


def normalize_date(
    text: str, anchor: dt.date | None, tense_hint: str | None = None
) -> Normalized | None:
    """Normalise one date expression; None when it is not a date (or needs a missing anchor).

    ``tense_hint`` is ``"past"``, ``"future"`` or None; it picks the direction of ambiguous
    expressions ("Thursday", "in February").

    >>> normalize_date("late Thursday", dt.date(2025, 10, 17), "past").value
    '2025-10-16'
    >>> normalize_date("in February", dt.date(2025, 10, 17), "future").value
    '2026-02'
    >>> normalize_date("two and a half hours", dt.date(2025, 10, 17)) is None
    True
    """
    return _normalize_clean(text, _Context(anchor, tense_hint))
