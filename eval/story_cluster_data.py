"""Read the story-clustering gold sets of ../shared/data as (article, gold story label) pairs.

Each loader returns a ``GoldSet``: the labelled articles, in story order, and the count of
records skipped per reason (a dropped record is data, shown by the evaluation script).

| name             | folder           | gold label                                   |
|------------------|------------------|----------------------------------------------|
| ecbplus-topic    | ecbplus          | the ECB+ topic ("1")                         |
| ecbplus-subtopic | ecbplus          | topic and document kind ("1/ecb", "1/ecbplus")|
| giveme5w1h       | giveme5w1h-news  | the ``category`` field                       |
| neus-allsides    | neus-allsides    | the AllSides story id                        |
| duc2004          | duc2004-task2    | the DUC cluster ("d30001t")                  |

ECB+ and DUC documents have no title; ECB+ documents have no date either.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the sibling eval modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.ecbplus_data import DEFAULT_DATA, ECB_DIR, parse_ecbplus
from newsweave.model import Article

Labelled = tuple[Article, str]

GIVEME_DIR = Path("giveme5w1h-news") / "gold_standard_5w1h"
NEUS_STORIES = Path("neus-allsides") / "allsides_stories_crawled_2021-10-19.jsonl"
NEUS_SIDES = ("left", "center", "right")
DUC_DIR = Path("duc2004-task2") / "docs"
# A TREC/DUC document number: agency, date (YYYYMMDD), then a serial ("APW19981016.0240").
DOCNO = re.compile(r"(?P<agency>[A-Z]+)(?P<date>\d{8})\.\d+")


@dataclass(frozen=True, slots=True)
class GoldSet:
    items: list[Labelled]
    skipped: Mapping[str, int] = field(default_factory=dict)  # reason -> records skipped


def load_ecbplus_docs(data_dir: Path, level: str) -> GoldSet:
    """Every ECB+ document (982), labelled by topic (``level="topic"``) or sub-topic."""
    if level not in ("topic", "subtopic"):
        raise ValueError(f"level must be 'topic' or 'subtopic', not {level!r}")
    return GoldSet(
        [
            (article, topic if level == "topic" else f"{topic}/{kind}")
            for article, topic, kind in _ecb_documents(data_dir)
        ]
    )


@functools.cache
def _ecb_documents(data_dir: Path) -> tuple[tuple[Article, str, str], ...]:
    """(article, topic, "ecb" or "ecbplus") of every document; parsed once for both levels."""
    found: list[tuple[Article, str, str]] = []
    for path in sorted((data_dir / ECB_DIR / "ECB+").glob("*/*.xml"), key=_ecb_order):
        doc = parse_ecbplus(path, frozenset())
        found.append((doc.article(), doc.group, doc.subtopic.removeprefix(doc.group)))
    return tuple(found)


def _ecb_order(path: Path) -> tuple[int, bool, int]:
    topic, stem = path.stem.split("_", 1)
    digits = "".join(c for c in stem if c.isdigit())
    return int(topic), stem.endswith("ecbplus"), int(digits or 0)


def load_giveme5w1h(data_dir: Path) -> GoldSet:
    """The 5W1H gold-standard articles; ``category`` is the event (one article has none)."""
    items: list[Labelled] = []
    skipped: Counter[str] = Counter()
    for path in sorted((data_dir / GIVEME_DIR).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        category, text = record.get("category"), (record.get("text") or "").strip()
        if not category or not text:
            skipped["no category" if not category else "empty text"] += 1
            continue
        article = Article(
            id=record.get("dId") or path.stem,
            source=str(path),
            text=text,
            title=record.get("title") or None,
            outlet=record.get("source_domain") or record.get("publisher") or None,
            published=_date_prefix(record.get("date_publish")),
            url=record.get("url") or None,
            input_format="json",
        )
        items.append((article, str(category)))
    items.sort(key=lambda item: (item[1], item[0].id))
    return GoldSet(items, dict(skipped))


def load_neus_allsides(data_dir: Path) -> GoldSet:
    """Each AllSides story's left, center and right articles (lead paragraphs), by story id."""
    path = data_dir / NEUS_STORIES
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    items: list[Labelled] = []
    skipped: Counter[str] = Counter()
    for story in sorted(stories, key=lambda s: int(s["id"])):
        for side, news in _sides(story):
            body = "\n\n".join(p.strip() for p in news.get("newBody") or [] if p.strip())
            if not body:
                skipped["empty body"] += 1
                continue
            article = Article(
                id=f"{story['id']}-{side}",
                source=f"{path}#{story['id']}-{side}",
                text=body,
                title=news.get("newsTitle") or None,
                outlet=news.get("newsSource") or None,
                published=_date_prefix(story.get("date")),
                url=news.get("newsLink") or None,
                input_format="jsonl",
            )
            items.append((article, str(story["id"])))
    return GoldSet(items, dict(skipped))


def _sides(story: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    news = story.get("news") or {}
    for side in NEUS_SIDES:
        if isinstance(news.get(side), Mapping):
            yield side, news[side]


def load_duc2004(data_dir: Path) -> GoldSet:
    """DUC 2004 task 2 documents by cluster; agency and date come from the document number.

    Eleven documents sit in two clusters each; an article can have one gold story only, so a
    document is kept in the first cluster (by name) that holds it and skipped in the second.
    """
    items: list[Labelled] = []
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    for path in sorted((data_dir / DUC_DIR).glob("*/*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        match = DOCNO.fullmatch(path.stem)
        if not text or path.stem in seen:
            skipped["empty text" if not text else "in an earlier cluster too"] += 1
            continue
        seen.add(path.stem)
        article = Article(
            id=path.stem,
            source=str(path),
            text=text,
            outlet=match["agency"] if match else None,
            published=_parse_docno_date(match["date"]) if match else None,
        )
        items.append((article, path.parent.name))
    return GoldSet(items, dict(skipped))


def _parse_docno_date(digits: str) -> dt.date | None:
    """The date of a DOCNO's eight digits, or None.

    >>> _parse_docno_date("19981016"), _parse_docno_date("19981399")
    (datetime.date(1998, 10, 16), None)
    """
    try:
        return dt.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


def _date_prefix(value: object) -> dt.date | None:
    """The calendar date an ISO-like timestamp starts with, as written (no time-zone shift).

    >>> _date_prefix("2021-10-18T16:15:00-07:00"), _date_prefix("2016-11-09 00:00:00")
    (datetime.date(2021, 10, 18), datetime.date(2016, 11, 9))
    >>> _date_prefix(None) is None, _date_prefix("n/a") is None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


LOADERS: Mapping[str, Callable[[Path], GoldSet]] = {
    "ecbplus-topic": lambda data: load_ecbplus_docs(data, "topic"),
    "ecbplus-subtopic": lambda data: load_ecbplus_docs(data, "subtopic"),
    "giveme5w1h": load_giveme5w1h,
    "neus-allsides": load_neus_allsides,
    "duc2004": load_duc2004,
}


def load_gold_set(name: str, data_dir: Path = DEFAULT_DATA) -> GoldSet:
    """The gold set ``name`` (one of ``LOADERS``), with its skip counts."""
    if name not in LOADERS:
        raise ValueError(f"unknown dataset {name!r}; choose from {', '.join(LOADERS)}")
    return LOADERS[name](data_dir)


def load(name: str, data_dir: Path = DEFAULT_DATA) -> list[Labelled]:
    """The labelled articles of the gold set ``name`` (one of ``LOADERS``)."""
    return load_gold_set(name, data_dir).items
