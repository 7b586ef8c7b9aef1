"""Score newsweave's date normalisation and extraction on TempEval-3 TBAQ (TimeBank + AQUAINT).

    .venv/bin/python eval/tempeval_dates.py [--limit N] [--data DIR]

(a) value accuracy on gold spans: ``normalize_date(gold text, DCT, tense from the parse)`` against
    the gold TIMEX3 value, for type DATE and TIME separately;
(b) end-to-end extraction on the raw <TEXT>: strict and relaxed span P/R/F1 and value F1
    (TempEval-3 style: a system timex counts for value F1 when its span overlaps a gold one and
    its value is right). Only DATE and TIME are scored: gold DURATION/SET are ignored, and so
    are system dates that overlap only a DURATION/SET gold span.

A value is right "at the gold's granularity" when every day the system's value covers lies in
the gold value's period (gold "1998-08-07T14:00" is its day, "1989-Q3" July-September, "199"
the 1990s); "exact" also asks for the same period. Gold values with no period (PRESENT_REF,
"1989-WXX", durations) count as wrong. These are training data (the TempEval-3 test set is not
here), so the published test-set figures are a reference, not a like-for-like comparison.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from newsweave.analysis.date_calendar import Normalized
from newsweave.analysis.date_rules import normalize_date
from newsweave.analysis.dates import find_dates, tense_of
from newsweave.analysis.parse import parse_articles
from newsweave.analysis.parsed import ParsedArticle
from newsweave.model import Article, DateExpr

SCORED_TYPES = ("DATE", "TIME")
PUBLISHED = "HeidelTime (TempEval-3 test): relaxed F1 90.3, strict F1 81.3, value F1 77.6"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    dct: dt.date
    text: str
    timexes: tuple[Timex, ...]


def _flatten(node: ET.Element, parts: list[str], timexes: list[Timex]) -> None:
    """Append the text under ``node`` (tags removed) to ``parts``, recording TIMEX3 offsets."""
    for child in node:
        start = sum(map(len, parts))
        if child.tag == "TIMEX3":
            inner = "".join(child.itertext())
            attrs = child.attrib
            timexes.append(Timex(start, start + len(inner), inner, attrs["type"], attrs["value"]))
            parts.append(inner)
        else:
            parts.append(child.text or "")
            _flatten(child, parts, timexes)
        parts.append(child.tail or "")


def read_tml(path: Path) -> TimeMLDoc:
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    text_node = root.find("TEXT")
    if dct_node is None or text_node is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    dct = dt.date.fromisoformat(dct_node.attrib["value"][:10])
    parts: list[str] = [text_node.text or ""]
    timexes: list[Timex] = []
    _flatten(text_node, parts, timexes)
    return TimeMLDoc(path.stem, dct, "".join(parts), tuple(timexes))


_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    last_year, last_month = divmod(year * 12 + first - 1 + count - 1, 12)
    end_day = calendar.monthrange(last_year, last_month + 1)[1]
    return dt.date(year, first, 1), dt.date(last_year, last_month + 1, end_day)


def gold_period(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a TimeML value covers, or None (PRESENT_REF, XX, durations)."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return _months(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
    if (m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)) is not None:
        return _months(int(m[1]), *_SEASONS[m[2]])
    if m := re.fullmatch(r"(\d{2,4})", value):
        width = 10 ** (4 - len(m[1]))
        first = int(m[1]) * width
        return dt.date(first, 1, 1), dt.date(first + width - 1, 12, 31)
    return None


def value_matches(gold: str, system: Normalized | None, exact: bool = False) -> bool:
    period = gold_period(gold)
    if system is None or period is None:
        return False
    if exact:
        return (system.start, system.end) == period
    return period[0] <= system.start and system.end <= period[1]


def load_corpus(data: Path, limit: int | None) -> list[TimeMLDoc]:
    paths = sorted((data / "tempeval3" / "TBAQ-cleaned").glob("*/*.tml"))
    return [read_tml(p) for p in paths[:limit]]


def score_values(docs: list[TimeMLDoc], parsed_docs: list[ParsedArticle]) -> None:
    print("\n(a) value accuracy on gold spans (normalize_date(gold text, DCT, tense))")
    print(f"{'type':6} {'n':>5} {'at-gran':>8} {'exact':>7} {'n repr':>7} {'acc repr':>9}")
    for kind in SCORED_TYPES:
        n = right = exact = representable = 0
        for doc, parsed in zip(docs, parsed_docs, strict=True):
            for timex in (t for t in doc.timexes if t.type == kind):
                tense = tense_of(parsed.doc, timex.start, timex.end)
                system = normalize_date(timex.text, doc.dct, tense)
                n += 1
                representable += gold_period(timex.value) is not None
                right += value_matches(timex.value, system)
                exact += value_matches(timex.value, system, exact=True)
        print(
            f"{kind:6} {n:5d} {right / n:8.1%} {exact / n:7.1%} {representable:7d}"
            f" {right / max(representable, 1):9.1%}"
        )


def _prf(correct: int, system: int, gold: int) -> str:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:6.1%}  R {r:6.1%}  F1 {f:6.1%}"


def _overlaps(date: DateExpr, timex: Timex) -> bool:
    return date.mention.start < timex.end and timex.start < date.mention.end


def _hits(date: DateExpr, timexes: list[Timex]) -> bool:
    return any(_overlaps(date, t) for t in timexes)


def score_extraction(docs: list[TimeMLDoc], parsed_docs: list[ParsedArticle]) -> None:
    strict = relaxed = valued = n_system = n_gold = n_unrepresentable = relaxed_repr = 0
    for doc, parsed in zip(docs, parsed_docs, strict=True):
        gold = [t for t in doc.timexes if t.type in SCORED_TYPES]
        ignored = [t for t in doc.timexes if t.type not in SCORED_TYPES]
        found = find_dates(parsed, parsed.sentences)

        found = tuple(
            d for d in found if any(_overlaps(d, t) for t in gold) or not _hits(d, ignored)
        )
        n_gold += len(gold)
        n_unrepresentable += sum(gold_period(t.value) is None for t in gold)
        n_system += len(found)
        unmatched = list(gold)
        for date in found:
            match = next((t for t in unmatched if _overlaps(date, t)), None)
            if match is None:
                continue
            unmatched.remove(match)
            relaxed += 1
            relaxed_repr += gold_period(match.value) is not None
            strict += (date.mention.start, date.mention.end) == (match.start, match.end)
            normalized = Normalized(
                date.value, date.granularity, date.start, date.end, date.is_relative
            )
            valued += value_matches(match.value, normalized)
    print("\n(b) end-to-end extraction on raw text (DATE+TIME; DURATION/SET ignored)")
    print(f"gold {n_gold}, system {n_system}")
    print(f"strict span   {_prf(strict, n_system, n_gold)}")
    print(f"relaxed span  {_prf(relaxed, n_system, n_gold)}")
    print(f"value         {_prf(valued, n_system, n_gold)}")
    print(
        f"(gold without a period, e.g. PRESENT_REF 'now', which newsweave does not extract: "
        f"{n_unrepresentable}; recall over the rest: relaxed "
        f"{relaxed_repr / max(n_gold - n_unrepresentable, 1):.1%}, value "
        f"{valued / max(n_gold - n_unrepresentable, 1):.1%})"
    )


def main(argv: list[str] | None = None) -> int:
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    docs = load_corpus(args.data, args.limit)
    articles = [Article(id=d.name, source=d.name, text=d.text, published=d.dct) for d in docs]
    parsed_docs: list[ParsedArticle] = list(parse_articles(articles))
    parsed_at = time.perf_counter()
    score_values(docs, parsed_docs)
    score_extraction(docs, parsed_docs)
    done = time.perf_counter()
    words = sum(len(d.text.split()) for d in docs)
    print(
        f"\n{len(docs)} documents, {words} words; parse {parsed_at - started:.1f} s, "
        f"dates {done - parsed_at:.1f} s"
    )
    print(f"published reference: {PUBLISHED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
