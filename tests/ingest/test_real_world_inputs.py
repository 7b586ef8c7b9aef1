"""Crawler and dataset shapes read without conversion: records, feeds, WARC files, URLs."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.ingest import ReadOptions, read_inputs
from newsweave.ingest import fetch as fetch_module
from newsweave.model import RejectReason
from tests.ingest.helpers import read_one, reject_one, write

BODY = "The harbour authority reopened the northern pier on Friday after two weeks of repairs."
PAGE = f"""<!doctype html><html><head><title>Pier reopens</title>
<meta property="og:site_name" content="Harbor Gazette"></head>
<body><article><h1>Pier reopens</h1><p>{BODY}</p>
<p>Ferries will resume their normal timetable on Monday, officials said.</p></article></body></html>
"""


def test_news_please_record(tmp_path: Path) -> None:
    record = {
        "maintext": BODY,
        "title": "Pier reopens",
        "date_publish": "2025-10-17 08:00:00",
        "source_domain": "harbor-gazette.example",
        "authors": ["Ana Ruiz", "Tom Berg"],
        "url": "https://harbor-gazette.example/pier",
        "language": "en",
    }
    article = read_one(write(tmp_path, "np.json", json.dumps(record)))
    assert (article.text, article.title, article.published) == (
        BODY,
        "Pier reopens",
        dt.date(2025, 10, 17),
    )
    assert (article.outlet, article.author) == ("harbor-gazette.example", "Ana Ruiz, Tom Berg")


def test_allsides_and_newsapi_shapes_in_json_lines(tmp_path: Path) -> None:
    lines = [
        {"content": BODY, "source": "Port Weekly", "date": "October 17, 2025"},
        {
            "body": BODY,
            "source": {"id": None, "name": "Wire"},
            "pubDate": "Fri, 17 Oct 2025 08:00:00 GMT",
        },
        {"text": BODY, "publisher": "Daily", "published": "2025-10-17T23:30:00-04:00"},
        {"content": BODY, "headline": "Pier", "author": "Ana Ruiz"},
    ]
    path = write(tmp_path, "set.jsonl", "\n".join(json.dumps(line) for line in lines))
    result = read_inputs([str(path)])
    assert result.rejected == ()
    assert [a.outlet for a in result.articles[:3]] == ["Port Weekly", "Wire", "Daily"]
    assert {a.published for a in result.articles[:3]} == {dt.date(2025, 10, 17)}
    assert (result.articles[3].title, result.articles[3].author) == ("Pier", "Ana Ruiz")


@pytest.mark.parametrize("value", ["last Tuesday", "October", 20251017, ["2025"]])
def test_unreadable_date_keeps_the_article_undated_with_a_warning(
    tmp_path: Path, value: object
) -> None:
    path = write(tmp_path, "a.json", json.dumps({"text": BODY, "date": value}))
    result = read_inputs([str(path)])
    assert result.rejected == ()
    assert result.articles[0].published is None
    assert len(result.warnings) == 1
    assert "kept undated" in result.warnings[0]


def test_unreadable_sidecar_date_warns_and_keeps_the_article(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", BODY)
    write(tmp_path, "a.meta.json", json.dumps({"published": "someday", "outlet": "Port"}))
    result = read_inputs([str(path)])
    assert (result.articles[0].outlet, result.articles[0].published) == ("Port", None)
    assert "sidecar a.meta.json" in result.warnings[0]


AGGREGATOR = """<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>News Digest</title><link>https://digest.example/</link>
<item><title>A</title><link>https://digest.example/r/1</link>
  <source url="https://www.port-weekly.example/feed">Port Weekly</source>
  <content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>
<item><title>B</title><link>https://digest.example/r/2</link><dc:creator>Wire Service</dc:creator>
  <content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>
<item><title>C</title><link>https://news.daily-mail.example/pier</link><dc:creator>Daily</dc:creator>
  <content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>
<item><title>D</title><link>https://www.coast-times.example/pier</link>
  <description>{body}</description></item>
</channel></rss>
""".replace("{body}", BODY)


def test_aggregator_items_keep_their_own_outlets(tmp_path: Path) -> None:
    path = write(tmp_path, "digest.xml", AGGREGATOR)
    result = read_inputs([str(path)])
    assert [a.outlet for a in result.articles] == [
        "Port Weekly",
        "News Digest",
        "Daily",
        "coast-times.example",
    ]
    assert result.warnings == (f"{path}#4: the feed item carries only a summary, not the article",)


def _warc_bytes(pages: list[tuple[str, str, bytes]], *, gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, content_type, body in pages:
        http_headers = StatusAndHeaders(
            "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": "2025-10-18T06:00:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_are_articles(tmp_path: Path, name: str, gzip: bool) -> None:
    pages = [
        ("https://harbor-gazette.example/pier", "text/html; charset=utf-8", PAGE.encode()),
        ("https://harbor-gazette.example/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://coast-times.example/empty", "text/html", b"<html><body>Hi</body></html>"),
    ]
    path = write(tmp_path, name, _warc_bytes(pages, gzip=gzip))
    result = read_inputs([str(tmp_path)])
    assert len(result.articles) == 1
    article = result.articles[0]
    assert BODY in article.text
    assert (article.url, article.published) == (
        "https://harbor-gazette.example/pier",
        dt.date(2025, 10, 18),
    )
    assert (article.input_format, article.source) == ("warc", f"{path}#1")
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#2", RejectReason.EMPTY)]


def test_a_file_named_warc_that_is_not_one_is_rejected(tmp_path: Path) -> None:
    rejected = reject_one(write(tmp_path, "fake.warc", "hello, not an archive"))
    assert rejected.reason is RejectReason.MALFORMED


def test_url_without_fetch_says_how_to_allow_it() -> None:
    rejected = reject_one("https://example.com/story")
    assert rejected.reason is RejectReason.UNSUPPORTED
    assert "pass --fetch to download it" in rejected.detail
    assert "\n" not in rejected.detail


ROUTES: dict[str, tuple[str, bytes]] = {
    "/pier.html": ("text/html; charset=utf-8", PAGE.encode()),
    "/feed.xml": ("application/rss+xml", AGGREGATOR.encode()),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", route[0])
        self.send_header("Content-Length", str(len(route[1])))
        self.end_headers()
        self.wfile.write(route[1])

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def local_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A server on 127.0.0.1, which trafilatura's SSRF protection must be told to allow."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    monkeypatch.setattr(fetch_module, "fetch_config", lambda: config)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_refuses_loopback_by_default() -> None:
    rejected = reject_one("http://127.0.0.1:9/story", ReadOptions(fetch=True))
    assert rejected.reason is RejectReason.UNREADABLE


def test_fetch_reads_pages_and_feeds(local_server: str) -> None:
    page, feed, missing = (f"{local_server}/{p}" for p in ("pier.html", "feed.xml", "gone"))
    result = read_inputs([page, feed, missing], ReadOptions(fetch=True))
    assert len(result.articles) == 5
    assert BODY in result.articles[0].text
    assert result.articles[0].url == page
    assert result.articles[1].outlet == "Port Weekly"
    assert [(r.source, r.reason) for r in result.rejected] == [(missing, RejectReason.UNREADABLE)]
    assert "404" in result.rejected[0].detail
