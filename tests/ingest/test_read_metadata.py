"""Metadata precedence: sidecar > the input's own > run-wide options > URL host and dateline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsweave.errors import OptionsError
from newsweave.ingest import ReadOptions, read_inputs
from newsweave.ingest.metadata import outlet_from_url, parse_published
from newsweave.ingest.rejection import InputRejectedError
from tests.ingest.helpers import FIXTURES, read_one, write

DATELINED = "Port Alder, Maine – March 4, 2025 – The harbour bridge reopened to traffic."
UNDATED = "The harbour bridge reopened to traffic on Tuesday, officials said."
OPTIONS = ReadOptions(outlet="Run Default", published=dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/europe/budapest-summit-2025-10-17/", "reuters.com"),
        ("https://m.bbc.co.uk/news/world-123", "bbc.co.uk"),
        ("https://amp.theguardian.com/world/2025/oct/17/story", "theguardian.com"),
        ("http://apnews.com/article/abc", "apnews.com"),
        ("https://WWW.Example.ORG:8443/path", "example.org"),
        ("https://www.com/", "www.com"),
        ("reuters.com/world", None),
        ("https://localhost/story", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-10-17", dt.date(2025, 10, 17)),
        ("2025-10-17T08:00:00Z", dt.date(2025, 10, 17)),
        ("2025-10-17T23:30:00-04:00", dt.date(2025, 10, 17)),
        ("2025-10-17 06:15", dt.date(2025, 10, 17)),
        ("Fri, 17 Oct 2025 08:00:00 GMT", dt.date(2025, 10, 17)),
        ("October 17, 2025", dt.date(2025, 10, 17)),
        ("17/10/2025", dt.date(2025, 10, 17)),
        ("2025-10-17T08:00:00.123456+05:30", dt.date(2025, 10, 17)),
        (None, None),
    ],
)
def test_parse_published(value: str | None, day: dt.date | None) -> None:
    assert parse_published(value) == day


@pytest.mark.parametrize(
    "value", ["2025-13-01", "October", "17 Oct", "last Tuesday", "9" * 5000, "x" * 10_000]
)
def test_parse_published_rejects_what_names_no_day(value: str) -> None:
    with pytest.raises(InputRejectedError, match="not a date newsweave can read"):
        parse_published(value)


def test_dateline_gives_published_when_nothing_else_does(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "bridge.txt", DATELINED))
    assert article.published == dt.date(2025, 3, 4)
    assert article.text == DATELINED


def test_run_wide_option_beats_the_dateline(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "bridge.txt", DATELINED), OPTIONS)
    assert article.published == dt.date(2025, 1, 1)


def test_options_fill_only_what_is_missing(tmp_path: Path) -> None:
    bare = read_one(write(tmp_path, "bare.txt", UNDATED), OPTIONS)
    assert (bare.outlet, bare.published) == ("Run Default", dt.date(2025, 1, 1))
    record = {"text": UNDATED, "outlet": "Alder Post", "published": "2025-03-05"}
    own = read_one(write(tmp_path, "own.json", json.dumps(record)), OPTIONS)
    assert (own.outlet, own.published) == ("Alder Post", dt.date(2025, 3, 5))
    with_url = read_one(
        write(
            tmp_path,
            "url.json",
            json.dumps({"text": UNDATED, "url": "https://www.alder.example/a"}),
        ),
        OPTIONS,
    )
    assert with_url.outlet == "Run Default"  # the user's option beats a guess from the URL
    guessed = read_one(
        write(
            tmp_path,
            "guess.json",
            json.dumps({"text": UNDATED, "url": "https://www.alder.example/a"}),
        )
    )
    assert guessed.outlet == "alder.example"


@pytest.mark.parametrize("sidecar_name", ["story.txt.meta.json", "story.meta.json"])
def test_sidecar_gives_metadata(tmp_path: Path, sidecar_name: str) -> None:
    path = write(tmp_path, "story.txt", DATELINED)
    sidecar = {
        "title": "Bridge reopens",
        "url": "https://www.alderpost.example/bridge",
        "published": "2025-03-05",
        "author": "Jo Park",
    }
    write(tmp_path, sidecar_name, json.dumps(sidecar))
    article = read_one(path, OPTIONS)
    assert article.title == "Bridge reopens"
    assert article.url == "https://www.alderpost.example/bridge"
    assert article.outlet == "Run Default"  # the sidecar gives no outlet; options beat the URL
    assert article.published == dt.date(2025, 3, 5)  # sidecar beats the dateline
    assert article.author == "Jo Park"


def test_sidecar_overrides_html_metadata(tmp_path: Path) -> None:
    html = (FIXTURES / "ferry_strike.html").read_bytes()
    path = write(tmp_path, "ferry.html", html)
    sidecar = {
        "title": "Ferry strike",
        "outlet": "Island Radio",
        "url": "https://www.gazette.example/f",
    }
    write(tmp_path, "ferry.html.meta.json", json.dumps(sidecar))
    article = read_one(path)
    assert (article.title, article.outlet) == ("Ferry strike", "Island Radio")
    assert article.url == "https://www.gazette.example/f"
    assert article.author == "Ines Halloran"  # not in the sidecar: detected value kept
    assert article.published == dt.date(2025, 2, 11)


def test_sidecar_only_fills_gaps_of_multi_record_files(tmp_path: Path) -> None:
    records = [{"text": UNDATED, "outlet": "Alder Post"}, {"text": UNDATED, "title": "Second"}]
    path = write(tmp_path, "batch.json", json.dumps(records))
    write(tmp_path, "batch.meta.json", '{"outlet": "Wire Desk", "published": "2025-03-06"}')
    first, second = read_inputs([str(path)]).articles
    assert (first.outlet, second.outlet) == ("Alder Post", "Wire Desk")
    assert first.published == second.published == dt.date(2025, 3, 6)


def test_ids_are_readable_and_unique(tmp_path: Path) -> None:
    write(tmp_path, "a/000_d93fcb1c765fd467.txt", UNDATED)
    write(tmp_path, "b/000_d93fcb1c765fd467.txt", UNDATED)
    write(tmp_path, "c/Harbour News – Bridge.txt", UNDATED)
    records = [{"id": "000_d93fcb1c765fd467", "text": UNDATED}, {"id": 7, "text": UNDATED}]
    write(tmp_path, "d/feed.json", json.dumps(records))
    result = read_inputs([str(tmp_path)])
    assert [a.id for a in result.articles] == [
        "000_d93fcb1c765fd467",
        "000_d93fcb1c765fd467-2",
        "harbour-news-bridge",
        "000_d93fcb1c765fd467-3",
        "7",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_bytes": 0}, "max_bytes must be a positive"),
        ({"max_bytes": True}, "max_bytes must be a positive"),
        ({"outlet": "  "}, "outlet must be a non-empty"),
        ({"published": "2025-10-17"}, "published must be a datetime.date"),
        ({"published": dt.datetime(2025, 10, 17, 9)}, "published must be a datetime.date"),
    ],
)
def test_read_options_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        ReadOptions(**kwargs)  # type: ignore[arg-type]


def test_single_string_spec_is_an_options_error() -> None:
    with pytest.raises(OptionsError, match="list of paths"):
        read_inputs("story.txt")
