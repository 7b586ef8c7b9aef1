"""HTML pages, JSON and JSON Lines records, RSS and Atom feeds, and sniffing standard input."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.model import RejectReason
from tests.ingest.helpers import FIXTURES, read_one, reject_one, write

RECORD = {
    "id": "courier-17",
    "title": "Water main bursts on Mill Lane",
    "url": "https://www.millcourier.example/news/water-main",
    "published": "2025-06-03T14:20:00+01:00",
    "text": "A water main burst on Mill Lane on Monday.\r\nRepairs take two days.  ",
}


def test_html_page_gives_main_text_and_metadata() -> None:
    article = read_one(FIXTURES / "ferry_strike.html")
    assert article.input_format == "html"
    assert article.title == "Ferry crews walk out over rota changes"
    assert article.author == "Ines Halloran"
    assert article.published == dt.date(2025, 2, 11)
    assert article.outlet == "Harbour Gazette"  # site name: no URL known
    paragraphs = article.text.split("\n")
    assert "Crews on the Lisk Island ferry began a 48-hour strike" in paragraphs[1]
    assert any(p.startswith("The operator, Skerry Lines") for p in paragraphs)
    assert "Share this article" not in article.text
    assert "Sport" not in article.text
    assert article.headings == ("Ferry crews walk out over rota changes",)


def test_html_page_without_main_text_is_empty() -> None:
    rejected = reject_one(FIXTURES / "nav_only.html")
    assert rejected.reason is RejectReason.EMPTY
    assert "main text" in rejected.detail


@pytest.mark.parametrize(
    "payload",
    [RECORD, [RECORD], {"articles": [RECORD]}],
    ids=["object", "list", "articles-key"],
)
def test_json_record_shapes(tmp_path: Path, payload: object) -> None:
    article = read_one(write(tmp_path, "desk.json", json.dumps(payload)))
    assert article.id == "courier-17"
    assert article.text == RECORD["text"]
    assert article.title == "Water main bursts on Mill Lane"
    assert article.url == RECORD["url"]
    assert article.outlet == "millcourier.example"
    assert article.published == dt.date(2025, 6, 3)
    assert article.input_format == "json"


def test_json_list_numbers_sources_and_ids(tmp_path: Path) -> None:
    records = [{"text": "First wire item about the flood."}, {"text": "Second item on repairs."}]
    path = write(tmp_path, "wire.json", json.dumps(records))
    result = read_inputs([str(path)])
    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]
    assert [a.source for a in result.articles] == [f"{path}#1", f"{path}#2"]


def test_jsonl_with_broken_line_keeps_the_other_records() -> None:
    path = FIXTURES / "wire.jsonl"
    result = read_inputs([str(path)])
    assert [a.id for a in result.articles] == ["wire-001", "wire-2", "wire-6"]
    assert [a.source for a in result.articles] == [f"{path}#1", f"{path}#2", f"{path}#6"]
    assert [a.outlet for a in result.articles] == ["portnews.example", "Farm Weekly", None]
    assert result.articles[2].published == dt.date(2025, 5, 21)
    assert [(r.source, r.reason) for r in result.rejected] == [
        (f"{path}#3", RejectReason.MALFORMED),
        (f"{path}#4", RejectReason.MALFORMED),
    ]
    assert result.rejected[0].detail.startswith("line 3, column")
    assert "no text field" in result.rejected[1].detail


@pytest.mark.parametrize(
    ("record", "reason", "detail"),
    [
        ({"title": "No body"}, RejectReason.MALFORMED, "no text field"),
        ({"text": 42}, RejectReason.MALFORMED, "not a string"),
        ({"text": "   \n"}, RejectReason.EMPTY, "empty"),
        ({"text": "Body.", "title": ["a"]}, RejectReason.MALFORMED, "'title' must be a string"),
        (["not", "an", "object"], RejectReason.MALFORMED, "not an object"),
    ],
)
def test_bad_records_are_rejected_alone(
    tmp_path: Path, record: object, reason: RejectReason, detail: str
) -> None:
    good = {"text": "The harbour reopened on Friday."}
    lines = "\n".join(json.dumps(item) for item in (good, record))
    path = write(tmp_path, "mixed.ndjson", lines)
    result = read_inputs([str(path)])
    assert [a.text for a in result.articles] == [good["text"]]
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#2", reason)]
    assert detail in result.rejected[0].detail


def test_rss_items_use_full_content_with_paragraph_lines() -> None:
    path = FIXTURES / "council.rss"
    result = read_inputs([str(path)])
    first, second = result.articles
    assert first.text == (
        "The district council voted 9 to 4 on Tuesday to build a bus depot on the old quarry "
        "site.\nCouncillor Abel Marsh said the project would cost £12 million."
    )
    assert (first.id, first.source, first.input_format) == ("council-1", f"{path}#1", "feed")
    assert first.title == "Council approves new bus depot"
    assert first.published == dt.date(2025, 3, 5)
    assert first.outlet == "Valley Courier"  # the feed title (site name) beats the URL host
    assert second.outlet == "Valley Courier"
    assert second.text.startswith("Engineers found no structural damage")
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#3", RejectReason.EMPTY)]


def test_atom_entry_content() -> None:
    article = read_one(FIXTURES / "observatory.atom")
    assert article.text.split("\n") == [
        "The Carrow Hill observatory reopened on Tuesday after a six-month repair of its main "
        "mirror.",
        "Director Sam Ibekwe said public viewing nights resume in May.",
    ]
    assert article.author == "Lena Oduya"
    assert article.outlet == "Northern Science Desk"  # site name beats the URL host
    assert article.published == dt.date(2025, 4, 2)


@pytest.mark.parametrize(
    ("name", "expected_format"),
    [
        ("ferry_strike.html", "html"),
        ("observatory.atom", "feed"),
        ("wire.jsonl", "jsonl"),
    ],
)
def test_stdin_format_is_sniffed(name: str, expected_format: str) -> None:
    data = (FIXTURES / name).read_bytes()
    result = read_inputs(["-"], stdin=io.BytesIO(data))
    assert result.articles
    assert {a.input_format for a in result.articles} == {expected_format}
    assert all(a.source.startswith("<stdin>") for a in result.articles)


def test_stdin_plain_text_and_json() -> None:
    text = "[Updated] Storm closes the coast road.\r\n"
    result = read_inputs(["-"], stdin=io.BytesIO(text.encode()))
    (article,) = result.articles
    assert (article.id, article.source, article.text) == ("stdin", "<stdin>", text)
    payload = json.dumps({"text": "Ferry service resumed.", "outlet": "Isle Radio"}).encode()
    (record,) = read_inputs(["-"], stdin=io.BytesIO(payload)).articles
    assert (record.input_format, record.outlet) == ("json", "Isle Radio")


def test_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    html = (FIXTURES / "ferry_strike.html").read_bytes()
    assert read_one(write(tmp_path, "saved_page", html)).input_format == "html"
    assert read_one(write(tmp_path, "notes", "Plain words here.")).input_format == "text"
