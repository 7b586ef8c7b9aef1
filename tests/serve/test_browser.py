"""The app in a real browser (Debian's Chromium through Playwright), served by uvicorn on
127.0.0.1: the story list, search, a story, a fact's reports side by side, uploading an
article that joins a story; on a desktop and a 390 px phone, by keyboard and without
JavaScript. No console error, and no request leaves 127.0.0.1 (any other is blocked)."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route, expect

from newsweave.serve import ServeOptions, StoreBackend, create_app
from tests.render.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.serve.conftest import MAIN_ARTICLE

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
JOB_TIMEOUT_MS = 120_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    port = free_port()
    app = create_app(StoreBackend(store), ServeOptions(port=port))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watched:
    """A page whose console errors and off-machine requests are recorded (and blocked)."""

    page: Page
    origin: str
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def route(self, route: Route) -> None:
        if route.request.url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


def watched_page(
    browser: Browser, origin: str, viewport: dict[str, int], javascript: bool = True
) -> Iterator[Watched]:
    context: BrowserContext = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        java_script_enabled=javascript,
    )
    page = context.new_page()
    watched = Watched(page, origin)
    context.route("**/*", watched.route)
    page.on("console", watched.on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    yield watched
    assert (watched.errors, watched.blocked) == ([], [])
    context.close()


@pytest.fixture
def desktop(browser: Browser, server: str) -> Iterator[Watched]:
    yield from watched_page(browser, server, DESKTOP)


@pytest.fixture
def phone(browser: Browser, server: str) -> Iterator[Watched]:
    yield from watched_page(browser, server, PHONE)


@pytest.fixture
def no_script(browser: Browser, server: str) -> Iterator[Watched]:
    yield from watched_page(browser, server, PHONE, javascript=False)


def main_story(origin: str) -> dict[str, Any]:
    """The example's main story as the API gives it (found by one of its articles)."""
    with urllib.request.urlopen(f"{origin}/api/articles/{MAIN_ARTICLE}") as response:
        story_id = json.load(response)["story"]
    with urllib.request.urlopen(f"{origin}/api/stories/{story_id}") as response:
        story: dict[str, Any] = json.load(response)
    return story


def open_main_story(watched: Watched) -> Page:
    title = main_story(watched.origin)["title"]
    page = watched.page
    page.goto(watched.origin + "/")
    page.get_by_label("Search titles, people, places, outlets").fill("Varga Halvik")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=Varga+Halvik*")
    expect(page.locator("#count")).to_contain_text("stor")
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page


def test_search_open_a_story_and_compare_a_fact(desktop: Watched) -> None:
    page = open_main_story(desktop)
    fact = page.locator("#established details.fact").first
    reports = fact.locator(".report")
    expect(reports.first).to_be_hidden()
    fact.locator("summary").click()
    expect(reports.first).to_be_visible()
    assert reports.count() >= 2
    first, second = reports.nth(0).bounding_box(), reports.nth(1).bounding_box()
    assert first is not None and second is not None
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]  # side by side
    expect(reports.first.locator("mark")).not_to_be_empty()
    original = reports.first.get_by_role("link", name="original")
    expect(original).to_have_attribute("href", re.compile(r"^https://"))


def test_keyboard_opens_a_fact(desktop: Watched) -> None:
    page = open_main_story(desktop)
    summary = page.locator("#established details.fact summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#established details.fact").first).to_have_attribute("open", "")


def test_keyboard_reaches_the_content_and_the_search_first(desktop: Watched) -> None:
    page = desktop.page
    page.goto(desktop.origin + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # from the main content: the search field comes first
    expect(page.locator(":focus")).to_have_attribute("id", "q")
    page.keyboard.type("Halvik")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=Halvik*")


def test_phone_layout_stacks_and_fits(phone: Watched) -> None:
    page = open_main_story(phone)
    fact = page.locator("#established details.fact").first
    fact.locator("summary").click()
    reports = fact.locator(".report")
    first, second = reports.nth(0).bounding_box(), reports.nth(1).bounding_box()
    assert first is not None and second is not None
    assert second["y"] > first["y"] and abs(first["x"] - second["x"]) < 2  # stacked
    for url in ("/", page.url, "/outlets/Continental%20Press%20Agency", "/add"):
        page.goto(url if url.startswith("http") else phone.origin + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (url, width)


def test_lists_and_briefs_read_without_javascript(no_script: Watched) -> None:
    page = open_main_story(no_script)
    fact = page.locator("#established details.fact").first
    fact.locator("summary").click()  # <details> needs no script
    expect(fact.locator(".report").first).to_be_visible()


def test_upload_an_article_and_see_it_join_the_story(desktop: Watched, tmp_path: Path) -> None:
    article = tmp_path / "lakeside-ledger.txt"
    article.write_text(LEDGER_TEXT, encoding="utf-8")
    page = desktop.page
    page.goto(desktop.origin + "/add")
    page.get_by_label("Files").set_input_files(str(article))
    page.get_by_label("Outlet, where an input names none").fill("Lakeside Ledger")
    page.get_by_label("Published, where an input gives no date").fill("2026-03-13")
    page.get_by_role("button", name="Add and index").click()
    expect(page.locator("#job")).to_be_visible()
    joined = page.locator("ul.joined a").first
    expect(joined).to_be_visible(timeout=JOB_TIMEOUT_MS)  # the page follows the run, then shows it
    story_url = joined.get_attribute("href")
    joined.click()
    chips = page.locator(".story-head .chips a")
    expect(chips.filter(has_text="Lakeside Ledger")).to_have_count(1)
    assert chips.count() >= 2  # it joined other outlets' articles
    page.goto(desktop.origin + "/?outlet=Lakeside+Ledger")
    expect(page.locator(f'a[href="{story_url}"]')).to_be_visible()


LEDGER_TEXT = (
    "HALVIK — The foreign ministers of Valdora and Drevnia, Aleksandr Varga and Milena "
    "Dušková, agreed at Vennerholm Palace on Thursday to reopen the Northern Corridor rail "
    "link after a 90-minute meeting. Under the deal the 12 sailors of the cargo ship Selka "
    "Star are to return home within two weeks, and freight trains are expected to run again "
    "in April. Technical teams from both state railways will inspect the line next week."
)
