"""Materialise the hand-annotated claim stories from ``../shared/data`` as folders of articles.

The gold of ``eval/gold/claim_stories/`` holds character offsets, never article text: this
module rebuilds, at run time and deterministically, the exact texts those offsets point into.
Each story becomes a folder of plain-text articles ``NAME.txt`` with a ``NAME.meta.json``
sidecar (title, url, outlet, published as YYYY-MM-DD where known). newsweave reads a ``.txt``
file's decoded text unchanged and names the document after the slug of the file stem, so
``NAME`` (lowercase letters, digits, ``_``) is the document id the gold refers to.

Sources (read-only, third-party):

- ``neus-allsides``: one AllSides story = the lead paragraphs (``newBody``) of a left, a center
  and a right outlet, joined by blank lines. The published date is the AllSides story date
  (the articles' own dates are not in the crawl; AllSides lists a story the day it breaks).
- ``giveme5w1h-news``: whole articles (``text``) of one event, date from ``date_publish``.
- ``ecbplus``: the documents of one ECB+ sub-topic, text rebuilt from the tokens by
  ``eval.ecbplus_data`` (one sentence per line). ECB+ gives no outlet or date: each document
  is its own outlet (its id) and no date is written.

Usage: ``.venv/bin/python eval/claim_stories.py DEST [STORY_ID ...]`` writes one folder per
story under DEST.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the sibling eval modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.ecbplus_data import parse_ecbplus

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEUS_FILE = Path("neus-allsides") / "allsides_stories_crawled_2021-10-19.jsonl"
GIVEME_DIR = Path("giveme5w1h-news") / "gold_standard_5w1h"
ECB_DIR = Path("ecbplus") / "ECB+"
NEUS_SIDES = ("left", "center", "right")


@dataclass(frozen=True, slots=True)
class StorySpec:
    """Where a story's articles come from.

    ``items`` are, per source: ``neus-allsides`` the AllSides story id (one item);
    ``giveme5w1h-news`` the article ``dId`` prefixes (12 hex digits, unique in the set);
    ``ecbplus`` the document stems ("20_1ecb").
    """

    id: str
    source: str  # "neus-allsides" | "giveme5w1h-news" | "ecbplus"
    items: tuple[str, ...]
    title: str  # our own short description of the story


@dataclass(frozen=True, slots=True)
class MaterialArticle:
    name: str  # file stem = newsweave document id
    text: str
    meta: Mapping[str, str]


STORIES: Mapping[str, StorySpec] = {
    spec.id: spec
    for spec in (
        StorySpec("neus-5750-kabul-airport", "neus-allsides", ("5750",), "Kabul airport bombing"),
        StorySpec("neus-5668-fbi-murders", "neus-allsides", ("5668",), "FBI 2020 murder figures"),
        StorySpec("neus-5634-jobs-sept", "neus-allsides", ("5634",), "US jobs report Sep 2021"),
        StorySpec("neus-5802-jobs-july", "neus-allsides", ("5802",), "US jobs report Jul 2021"),
        StorySpec(
            "g5w1h-consulate-attack",
            "giveme5w1h-news",
            (
                "0e7ab2ce71c1",
                "4b279c948714",
                "51bd183bdd5c",
                "761de7078d56",
                "921a73cf9c92",
                "d5239a8dab10",
                "fde1ee4d648e",
            ),
            "Taliban attack on the German consulate in Mazar-i-Sharif",
        ),
        StorySpec(
            "g5w1h-china-well",
            "giveme5w1h-news",
            ("1e471fa6844b", "38e6814a263c", "7b1f91bcb6dc", "f402d5c8e826"),
            "Boy in a well in Hebei",
        ),
        StorySpec(
            "g5w1h-seattle-shooting",
            "giveme5w1h-news",
            ("49df90c6ca20", "dccb7b8de2a8", "eff840c72c63"),
            "Shooting near an anti-Trump protest in Seattle",
        ),
        StorySpec(
            "ecb-20-qeshm-quake",
            "ecbplus",
            ("20_1ecb", "20_2ecb", "20_3ecb", "20_4ecb", "20_5ecb"),
            "Earthquake on Qeshm island (ECB+ topic 20, ecb)",
        ),
        StorySpec(
            "ecb-14-waitrose-fire",
            "ecbplus",
            ("14_1ecb", "14_6ecb", "14_7ecb", "14_8ecb", "14_9ecb"),
            "Fire at the Waitrose store in Banstead (ECB+ topic 14, ecb)",
        ),
        StorySpec(
            "ecb-8-woodburn-bank-bomb",
            "ecbplus",
            ("8_1ecb", "8_2ecb", "8_3ecb", "8_4ecb", "8_6ecb"),
            "Bomb at a bank in Woodburn, Oregon (ECB+ topic 8, ecb)",
        ),
    )
}


def story_articles(story_id: str, data: Path = DEFAULT_DATA) -> list[MaterialArticle]:
    """The articles of one story, in a fixed order (texts exactly as they will be written)."""
    spec = STORIES[story_id]
    if spec.source == "neus-allsides":
        return _neus_articles(spec, data)
    if spec.source == "giveme5w1h-news":
        return _giveme_articles(spec, data)
    if spec.source == "ecbplus":
        return _ecb_articles(spec, data)
    raise ValueError(f"unknown source {spec.source!r} of story {story_id}")


def materialise(story_id: str, dest_dir: Path, data: Path = DEFAULT_DATA) -> list[Path]:
    """Write the story's articles (``NAME.txt`` + ``NAME.meta.json``) into ``dest_dir``.

    Returns the article paths in story order. Existing files of the same names are replaced;
    the output is byte-identical on every run.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for article in story_articles(story_id, data):
        path = dest_dir / f"{article.name}.txt"
        path.write_bytes(article.text.encode("utf-8"))
        meta = json.dumps(dict(article.meta), ensure_ascii=False, indent=2, sort_keys=True)
        (dest_dir / f"{article.name}.meta.json").write_bytes((meta + "\n").encode("utf-8"))
        paths.append(path)
    return paths


def _slug(value: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "_" for c in value.lower())
    return "_".join(part for part in out.split("_") if part)


def _neus_articles(spec: StorySpec, data: Path) -> list[MaterialArticle]:
    (wanted,) = spec.items
    with (data / NEUS_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if str(record["id"]) == wanted:
                break
        else:
            raise KeyError(f"AllSides story {wanted} not in {NEUS_FILE}")
    published = str(record["date"])[:10]
    articles: list[MaterialArticle] = []
    for side in NEUS_SIDES:
        news = record["news"][side]
        paragraphs = [str(p).strip() for p in news["newBody"] if str(p).strip()]
        outlet = str(news["newsSource"])
        meta = {
            "title": str(news["newsTitle"]).strip(),
            "url": str(news["newsLink"]),
            "outlet": outlet,
            "published": published,
        }
        name = f"{side}_{_slug(outlet)}"
        articles.append(MaterialArticle(name, "\n\n".join(paragraphs) + "\n", meta))
    return articles


def _giveme_articles(spec: StorySpec, data: Path) -> list[MaterialArticle]:
    folder = data / GIVEME_DIR
    articles: list[MaterialArticle] = []
    for prefix in spec.items:
        matches = sorted(folder.glob(f"{prefix}*.json"))
        if len(matches) != 1:
            raise KeyError(f"{len(matches)} Giveme5W1H files start with {prefix}")
        record = json.loads(matches[0].read_text(encoding="utf-8"))
        publisher = str(record.get("publisher") or "unknown")
        meta = {"title": str(record["title"]).strip(), "outlet": publisher}
        if record.get("url"):
            meta["url"] = str(record["url"])
        day = str(record.get("date_publish") or "")[:10]
        if len(day) == 10 and day[4] == "-" and day[7] == "-":
            meta["published"] = day
        text = str(record["text"]).strip() + "\n"
        articles.append(MaterialArticle(f"{_slug(publisher)}_{prefix[:8]}", text, meta))
    return articles


def _ecb_articles(spec: StorySpec, data: Path) -> list[MaterialArticle]:
    articles: list[MaterialArticle] = []
    for stem in spec.items:
        topic = stem.split("_", 1)[0]
        doc = parse_ecbplus(data / ECB_DIR / topic / f"{stem}.xml", frozenset())
        meta = {"outlet": stem}
        articles.append(MaterialArticle(stem, doc.text + "\n", meta))
    return articles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("stories", nargs="*", help="story ids (default: all)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    for story_id in args.stories or list(STORIES):
        paths = materialise(story_id, args.dest / story_id, args.data)
        print(f"{story_id}: {len(paths)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
