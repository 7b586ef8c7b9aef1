"""Hostile article text in the HTML outputs (brief report, stories page) stays inert text.

Markup, event handlers, ``javascript:`` URLs, CSS injection and bidi override characters go
through the real pipeline (``api.brief``, ``cluster_articles``) into each page; the page's
Content-Security-Policy lets only its own script run (by hash), and in Chromium nothing else
runs, nothing is requested and nothing is logged.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsweave.api import brief
from newsweave.corpus.api import cluster_articles
from newsweave.model import Article
from newsweave.render.html import BIDI_CONTROLS, isolate_bidi, render_html
from newsweave.render.stories_html import render_stories_html

RLO, LRI, PDI, PDF = "\u202e", "\u2066", "\u2069", "\u202c"
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "<svg onload=alert(4)>",
    '</style><style>body{background:url("http://127.0.0.1:9/css")}</style>',
    "<link rel=stylesheet href=http://127.0.0.1:9/x.css>",
    '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">',
    "<base href=http://127.0.0.1:9/>",
    '<iframe srcdoc="<script>alert(5)</script>"></iframe>',
    '" onmouseover="alert(6)" x="',
    "javascript:alert(7)",
    f"price {RLO}0001${PDF} and {LRI}txet{PDI}",
)
HOSTILE = " ".join(PAYLOADS)


def _articles() -> list[Article]:
    lead = (
        "The Valdora council approved a 12 million euro budget for the new bridge on Monday, "
        "the mayor said. "
    )
    return [
        Article(
            id=f"h{n}",
            source=f"uploads/{n}<img src=x onerror=alert(8)>.txt",
            title=f"Bridge {RLO}vote{PDF} <script>alert(9)</script> {n}",
            outlet=f"Outlet {n} <b onclick=alert(10)>x</b> {RLO}lieve",
            published=dt.date(2026, 3, 12),
            url="javascript:alert(11)",
            text=f"{lead}{HOSTILE} Construction starts in May, officials said. {HOSTILE}",
        )
        for n in (1, 2)
    ]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    inputs = []
    for article in _articles():
        path = folder / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        meta = {"outlet": article.outlet, "title": article.title, "published": "2026-03-12"}
        (folder / f"{article.id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        inputs.append(str(path))
    report = folder / "report.html"
    report.write_text(render_html(brief(inputs)), encoding="utf-8")
    articles = _articles()
    stories = folder / "stories.html"
    run = cluster_articles(articles)
    stories.write_text(render_stories_html(run, {a.id: a for a in articles}), encoding="utf-8")
    return {"report": report, "stories": stories}


class _Markup(HTMLParser):
    """Every element's attributes and every script's text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str | None]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None


def _parse(page: str) -> _Markup:
    markup = _Markup()
    markup.feed(page)
    return markup


def _csp(page: str) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert found is not None
    return found.group(1).replace("&#x27;", "'")


@pytest.mark.parametrize("name", ["report", "stories"])
def test_the_policy_names_the_one_script_by_hash(pages: dict[str, Path], name: str) -> None:
    page = pages[name].read_text(encoding="utf-8")
    policy = _csp(page)
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    runnable = [text for attrs, text in _parse(page).scripts if "type" not in attrs]
    assert len(runnable) == 1
    digest = base64.b64encode(hashlib.sha256(runnable[0].encode("utf-8")).digest()).decode()
    assert script_src.split() == ["script-src", f"'sha256-{digest}'"]
    assert "default-src 'none'" in policy


@pytest.mark.parametrize("name", ["report", "stories"])
def test_no_handler_link_or_element_comes_from_article_text(
    pages: dict[str, Path], name: str
) -> None:
    markup = _parse(pages[name].read_text(encoding="utf-8"))
    assert [a for a in markup.attributes if a[1].startswith("on")] == []
    links = [v or "" for tag, n, v in markup.attributes if n in ("href", "src", "action")]
    assert not [link for link in links if link.strip().lower().startswith("javascript:")]
    assert not {"img", "iframe", "base", "link", "object", "embed"} & set(markup.tags)
    assert ("meta", "http-equiv", "refresh") not in markup.attributes
    assert markup.tags.count("style") == 1


@pytest.mark.parametrize("name", ["report", "stories"])
def test_bidi_controls_never_reach_the_page(pages: dict[str, Path], name: str) -> None:
    page = pages[name].read_text(encoding="utf-8")
    assert not set(page) & {chr(c) for c in BIDI_CONTROLS}
    assert "Bridge \ufffdvote\ufffd" in page  # shown, one character for one
    if name == "report":
        assert "\ufffd0001$" in page


def test_isolate_bidi_keeps_lengths() -> None:
    text = "".join(chr(c) for c in BIDI_CONTROLS) + "abc\u200f"
    assert len(isolate_bidi(text)) == len(text)
    assert isolate_bidi(text).endswith("abc\u200f")  # marks (LRM, RLM) are not overrides


# ---- in Chromium ----------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    from tests.render.test_browser import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("name", ["report", "stories"])
def test_hostile_text_is_inert_in_chromium(
    chromium: object, pages: dict[str, Path], name: str
) -> None:
    from playwright.sync_api import Browser

    from tests.render.test_browser import Watched

    assert isinstance(chromium, Browser)
    page = chromium.new_page()
    watched = Watched(page)
    page.on("console", watched.on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("request", watched.on_request)
    page.on("requestfailed", lambda request: watched.requests.append(f"failed {request.url}"))
    page.on("dialog", watched.on_dialog)
    page.goto(pages[name].as_uri())
    # the page's own script ran (its hash is in the policy) ...
    assert page.evaluate("() => document.documentElement.classList.contains('js')")
    # ... and nothing from the articles became markup, ran or loaded
    found = page.evaluate(
        """() => [
            document.querySelectorAll("img, iframe, svg image, base, link, object, embed").length,
            document.querySelectorAll("script[src]").length,
            document.querySelectorAll("style").length,
            getComputedStyle(document.body).backgroundImage,
            /[\\u202A-\\u202E\\u2066-\\u2069]/.test(document.documentElement.outerHTML),
            document.body.innerText.includes("<script>alert("),
        ]"""
    )
    assert found == [0, 0, 1, "none", False, True]
    for link in page.locator("a").all()[:40]:
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
    page.mouse.move(200, 200)
    page.mouse.move(600, 400)
    page.wait_for_timeout(200)
    assert (watched.errors, watched.requests, watched.dialogs) == ([], [], [])
    page.close()
