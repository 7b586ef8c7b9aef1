"""The web pages on a real store: readable without JavaScript, article text escaped
everywhere, no inline script or handler, and adding articles from the form."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsweave.render.layout import format_day
from newsweave.serve import ServeOptions
from tests.serve.conftest import HOSTILE, make_client
from tests.serve.test_api import main_story, wait_for


class Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def assert_inert(page: str) -> None:
    """No script but the app's own file, no event handler, no link to a script URL."""
    for tag, attrs in tags_of(page):
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (tag, attrs)
    assert "\u202e" not in page


def page(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    assert_inert(response.text)
    return response.text


def test_story_list_shows_titles_spans_outlets_and_counts(client: TestClient) -> None:
    html = page(client, "/?sort=size")
    story = main_story(client)
    link = f'<a href="/stories/{story["id"]}">{escape(story["title"])}</a>'
    assert link in html
    counts = f"{story['articles']} articles · {len(story['outlets'])} outlets"
    start, end = (format_day(dt.date.fromisoformat(story[k])) for k in ("start", "end"))
    assert f"{start if start == end else f'{start} – {end}'} · {counts}" in html
    assert f"{story['established']} established" in html
    assert html.index(link) < html.index("/stories/", html.index(link) + len(link))  # first


def test_search_and_filters_work_as_a_plain_form(client: TestClient) -> None:
    form = next(attrs for tag, attrs in tags_of(page(client, "/")) if tag == "form")
    assert form["method"] == "get" and form["action"] == "/"
    found = page(client, "/?q=Varga&outlet=The+Northbridge+Herald&disagreements=on")
    assert f'href="/stories/{main_story(client)["id"]}"' in found
    assert "1 story" in found and found.count('<li class="story">') == 1
    assert "No story matches" in page(client, "/?q=zebra+unicorn")
    assert client.get("/?since=yesterday").status_code == 400


def test_story_page_is_the_brief(client: TestClient) -> None:
    html = page(client, f"/stories/{main_story(client)['id']}")
    for section in ("established", "disagreements", "single-source", "quotes", "timeline",
                    "comparison", "articles"):  # fmt: skip
        assert f'<section id="{section}"' in html
    assert "What is established" in html and "What outlets disagree on" in html
    assert "Vennerholm Palace" in html
    assert 'href="https://eastgate-daily.example/world/2026/03/12/' in html
    assert "copies" in html and "Continental Press Agency" in html


def test_a_fact_opens_on_its_reports_side_by_side(client: TestClient) -> None:
    html = page(client, f"/stories/{main_story(client)['id']}")
    facts = re.findall(r'<details class="fact status-corroborated" id="fact-(\w+)">', html)
    assert facts
    body = html[html.index(f'id="fact-{facts[0]}"') :]
    body = body[: body.index("</details>")]
    outlets = re.findall(
        r'<article class="report role-\w+" role="listitem">\s*<h4><a [^>]+>([^<]+)<', body
    )
    assert len(set(outlets)) >= 2  # an established fact: two outlets at least
    assert body.count("<mark>") == len(outlets)
    fact_page = page(client, f"/stories/{main_story(client)['id']}/facts/{facts[0]}")
    assert fact_page.count("<mark>") == len(outlets)


def test_hostile_article_is_shown_as_text(client: TestClient) -> None:
    listing = page(client, "/?q=Lindqvist")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in listing
    assert "\ufffdgnp.exe" in listing  # the right-to-left override is shown, not obeyed
    story = re.search(r'href="/stories/([\w-]+)"', listing)
    assert story is not None
    html = page(client, f"/stories/{story.group(1)}")
    assert "&lt;img src=x onerror=alert(&#39;outlet&#39;)&gt;" in html
    article = page(client, "/articles/hostile-1")
    assert "&lt;/textarea&gt;&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in article
    assert "javascript:" not in article  # the URL is not linked
    assert "&lt;b onmouseover=alert(2)&gt;" in article
    assert HOSTILE["author"] not in article


def test_article_and_outlet_pages(client: TestClient) -> None:
    article = page(client, "/articles/eastgate-halvik-talks")
    assert "Rail link to reopen after Halvik talks" in article
    assert 'href="/articles/continental-press"' in article  # the article it copies
    outlet = page(client, "/outlets/Continental%20Press%20Agency")
    assert "Whom it copies" in outlet and "Who copies it" in outlet
    assert "What it alone reports" in outlet
    copied = outlet[outlet.index("Who copies it") : outlet.index("What it alone reports")]
    assert "Eastgate Daily" in copied
    alone = re.search(r'<a href="(/stories/[\w-]+/facts/\w+)">', outlet)
    assert alone is not None and "Continental Press Agency" in page(client, alone.group(1))
    assert "Korvask Courier" in page(client, "/outlets")


@pytest.mark.parametrize("url", ["/stories/s-none", "/articles/none", "/outlets/None", "/jobs/x"])
def test_missing_pages_are_404_pages(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in response.text
    assert_inert(response.text)


def test_upload_files_and_paste_from_the_form(client: TestClient) -> None:
    files = [
        ("files", ("harbour.txt", HARBOUR_TEXT.encode(), "text/plain")),
        ("files", ("photo.jpg.zip", b"PK\x03\x04 not read", "application/zip")),
        ("files", ("../../escape.txt", b"\x00\x01\x02\xff" * 50, "text/plain")),
    ]
    data = {"paste": PASTED, "outlet": "Skarv Tidende", "published": "2026-02-02"}
    response = client.post("/add", files=files, data=data, follow_redirects=False)
    assert response.status_code == 303
    job_url = response.headers["location"]
    assert job_url.startswith("/jobs/")
    running = page(client, job_url)
    assert 'id="job-progress"' in running
    job = wait_for(client, "/api" + job_url)
    assert job["state"] == "done" and job["added"] == 2, job
    reasons = dict(job["rejected"])
    assert set(reasons) == {"photo.jpg.zip", "escape.txt"}
    assert reasons["photo.jpg.zip"].startswith("unsupported")
    assert reasons["escape.txt"].startswith("binary")
    done = page(client, job_url)
    assert "Stories the new articles joined" in done and "photo.jpg.zip" in done
    assert "Lindqvist" in page(client, "/?q=Lindqvist+Skarv")


def test_form_errors_are_pages(client: TestClient) -> None:
    assert client.post("/add", data={"paste": "  "}).status_code == 400
    no_fetch = client.post("/add", data={"urls": "https://example.org/a"})
    assert no_fetch.status_code == 400 and "--fetch" in no_fetch.text
    bad_day = client.post("/add", data={"paste": "Some text.", "published": "soon"})
    assert bad_day.status_code == 400


HARBOUR_TEXT = (
    "Lindqvist harbour reopened on Wednesday after Monday's storm, the port authority said. "
    "About 40 lorries that had waited at the gate boarded the first ferries to Skarv."
)
PASTED = (
    "Ferries left Skarv for Lindqvist again on Wednesday, two days after the storm closed "
    "the harbour. Drivers said they had waited at the gate since Monday."
)


def test_urls_are_read_only_with_fetch(store: Path) -> None:
    with make_client(store, ServeOptions(fetch=True)) as client:
        assert 'name="urls"' in page(client, "/add")
        assert client.post("/add", data={"urls": "ftp://files.example/a.txt"}).status_code == 400
        # Loopback is refused by the fetcher: the run reports it and reaches no network.
        response = client.post("/add", data={"urls": "http://127.0.0.1:9/story"})
        assert response.status_code == 200  # followed to the run's page
        job_id = response.url.path.rsplit("/", 1)[-1]
        job = wait_for(client, f"/api/jobs/{job_id}")
        assert job["state"] == "done" and job["added"] == 0
        assert [name for name, _ in job["rejected"]] == ["http://127.0.0.1:9/story"]


def test_a_story_without_a_brief_lists_its_articles(tmp_path: Path) -> None:
    from newsweave.ingest import ReadOptions, iter_inputs
    from newsweave.store import UpdateOptions, update
    from tests.serve.conftest import EXAMPLES, make_client

    items = iter_inputs([str(EXAMPLES)], ReadOptions(), None, warnings=[])
    update(tmp_path, items, UpdateOptions(workers=1, briefs=False))
    with make_client(tmp_path) as plain:
        listing = plain.get("/api/stories", params={"sort": "size"}).json()
        story = listing["stories"][0]
        page = plain.get(f"/stories/{story['id']}")
        assert page.status_code == 200
        assert "has not been computed yet" in page.text
        assert page.text.count('href="/articles/') >= story["articles"]
        assert plain.get(f"/api/stories/{story['id']}/brief").status_code == 404
