"""Datelines at the start of an article: "Washington, D.C. – October 17, 2025 –",
"KYIV, Oct 17 (Reuters) -".

A dateline without a year ("KYIV, Oct 17 (Reuters) -") names its day only against a nearby date
(``Dateline.near``): the occurrence of that month and day nearest to it.

Shared by ingestion (a dateline gives the publication date when nothing else does) and
segmentation (the dateline is kept out of the first claim).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_DASH = r"[\u2013\u2014\-]{1,2}|\(\w[\w ]*\)\s*[\u2013\u2014\-]{1,2}"
# Longest place prefix we accept before the date: a city, state, country ("Washington, D.C.").
DATELINE_PLACE_MAX_CHARS = 60  # longest dateline place in the seeds is 16 chars; generous margin
_DATELINE = re.compile(
    rf"""^\s*
    (?P<place>[A-Z][^\n\u2013\u2014]{{0,{DATELINE_PLACE_MAX_CHARS}}}?)\s*(?:{_DASH}|,)\s*
    (?P<month>[A-Za-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?
    \s*(?:{_DASH}|:)\s*""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # end of the dateline including the trailing dash and spaces
    place: str
    date: dt.date | None  # None when the dateline gives no year
    month: int
    day: int

    def near(self, anchor: dt.date | None) -> dt.date | None:
        """The dateline's day: as written, or for a yearless one the occurrence of its month
        and day nearest ``anchor`` (None without an anchor or for an impossible day)."""
        if self.date is not None or anchor is None:
            return self.date
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(dt.date(year, self.month, self.day))
            except ValueError:
                continue
        return min(candidates, key=lambda day: abs((day - anchor).days), default=None)


def find_dateline(text: str) -> Dateline | None:
    """Return the dateline that opens ``text``, if any.

    >>> find_dateline("Washington, D.C. – October 17, 2025 – In a move...").date
    datetime.date(2025, 10, 17)
    >>> find_dateline("The call lasted two hours.") is None
    True
    >>> line = find_dateline("KYIV, Oct 17 (Reuters) - Ukraine said...")
    >>> line.date, line.near(dt.date(2025, 10, 18)), line.place
    (None, datetime.date(2025, 10, 17), 'KYIV')
    """
    match = _DATELINE.match(text)
    if match is None:
        return None
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    day = int(match["day"])
    try:
        date = dt.date(int(match["year"]), month, day) if match["year"] else None
        dt.date(2000, month, day)  # a leap year: the day must exist in some year
    except ValueError:
        return None
    start = match.start("place")
    return Dateline(start, match.end(), match["place"].strip(" ,"), date, month, day)
