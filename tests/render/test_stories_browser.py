"""The stories page in a real browser (Debian's Chromium through Playwright).

Typing in the filter box hides the stories that miss a word; opening a story shows its
articles and each copied passage side by side, marked; hostile text shows as text. The page
logs no error, opens no dialog and makes no request beyond its own file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from newsweave.model import Article, Story, StoryRun
from newsweave.render.stories_html import render_stories_html
from tests.render.test_browser import CHROMIUM, CHROMIUM_ARGS, Watched, open_watched
from tests.render.test_stories import (
    COPIED,
    HOSTILE_PASSAGE,
    SCRIPT_TAG,
    make_articles,
    make_hostile_articles,
    make_hostile_run,
    make_run,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


MANY_STORIES = 2_500  # above the page's FAST_FILTER_ITEMS: the filter waits for a pause in typing
DISTRICTS = ("Northgate", "Harborside", "Millbrook", "Old Market", "Riverside")


def make_many_singles() -> tuple[StoryRun, dict[str, Article]]:
    """One brief local report per story, as a crawl of a city's news sites gives."""
    articles: dict[str, Article] = {}
    stories = []
    for i in range(MANY_STORIES):
        district, day = DISTRICTS[i % len(DISTRICTS)], dt.date(2025, 1, 1) + dt.timedelta(i % 300)
        title = f"{district} residents meet over plan number {i}"
        text = f"Residents of {district} met on Tuesday to discuss plan number {i}."
        articles[f"n{i}"] = Article(f"n{i}", f"crawl/{i}.html", text, title, "City Wire", day)
        stories.append(Story(f"s{i}", title, day, day, (f"n{i}",), ("City Wire",)))
    return StoryRun(stories=tuple(stories)), articles


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("stories")
    runs = {
        "calder": (make_run(), make_articles()),
        "hostile": (make_hostile_run(), make_hostile_articles()),
    }
    paths = {}
    for name, (run, articles) in runs.items():
        paths[name] = folder / f"{name}.html"
        page = render_stories_html(run, {article.id: article for article in articles})
        paths[name].write_text(page, encoding="utf-8")
    paths["many"] = folder / "many.html"
    paths["many"].write_text(render_stories_html(*make_many_singles()), encoding="utf-8")
    return paths


@pytest.fixture
def calder(browser: Browser, pages: dict[str, Path]) -> Iterator[Watched]:
    yield from open_watched(browser, pages["calder"].as_uri())


@pytest.fixture
def hostile(browser: Browser, pages: dict[str, Path]) -> Iterator[Watched]:
    yield from open_watched(browser, pages["hostile"].as_uri())


def _visible_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "[data-search]", "items => items.filter(i => !i.hidden).map(i => i.id)"
    )
    return ids


def test_the_filter_box_hides_stories_that_miss_a_word(calder: Watched) -> None:
    page = calder.page
    everything = ["story-s-bridge", "story-s-council", "story-s-festival"]
    assert _visible_ids(page) == everything
    page.fill("#filter", "lantern")
    assert _visible_ids(page) == ["story-s-festival"]
    assert page.locator("details.story").first.is_hidden()
    assert page.text_content("#shown") == "1 of 3 stories"
    page.fill("#filter", "HARBOR gazette")  # any case, every word, in titles or outlets
    assert _visible_ids(page) == ["story-s-bridge", "story-s-council"]
    page.fill("#filter", "gazette detours")  # an article title of the bridge story
    assert _visible_ids(page) == ["story-s-bridge"]
    page.press("#filter", "Escape")
    assert _visible_ids(page) == everything
    assert page.text_content("#shown") == "3 of 3 stories"


def test_opening_a_story_shows_the_copied_passage_side_by_side(calder: Watched) -> None:
    page = calder.page
    copy = page.locator('li.copy[data-to="a3"]')
    assert copy.is_hidden()
    page.keyboard.press("/")  # the slash key focuses the filter box
    page.keyboard.type("bridge")
    page.click("#story-s-bridge > summary")
    assert copy.is_visible()
    assert page.locator("#story-s-bridge table.articles tbody tr").count() == 3
    marks = copy.locator("mark")
    assert marks.all_text_contents() == [COPIED, COPIED]
    origin, copier = (copy.locator(f".side.{role}").bounding_box() for role in ("origin", "copier"))
    assert origin is not None and copier is not None
    assert round(origin["y"]) == round(copier["y"]) and origin["x"] < copier["x"]
    assert copy.locator(".copy-head").text_content() == (
        "Valley Post <- Continental Press Agency: 1 copied passage, 110 chars shared"
    )
    page.click("#story-s-bridge > summary")
    assert copy.is_hidden()


def test_a_link_to_a_story_opens_it(browser: Browser, pages: dict[str, Path]) -> None:
    for watched in open_watched(browser, pages["calder"].as_uri() + "#story-s-council"):
        assert watched.page.locator("#story-s-council table.articles").is_visible()
        assert watched.page.locator("#story-s-bridge table.articles").is_hidden()


def test_hostile_text_shows_as_text_and_runs_nothing(hostile: Watched) -> None:
    page = hostile.page
    assert page.title() == "1 story in 2 articles · newsweave"
    assert page.text_content("summary .title") == f"</title>{SCRIPT_TAG}"
    page.fill("#filter", "<script>")
    assert _visible_ids(page) == ['story-s-"x"']
    page.click("details.story > summary")
    assert page.locator("mark").all_text_contents() == [HOSTILE_PASSAGE, HOSTILE_PASSAGE]
    counts = page.evaluate(
        """() => [document.querySelectorAll("img, iframe, object, embed, i, a").length,
                  document.querySelectorAll("script").length]"""
    )
    assert counts == [0, 1]


def test_a_large_page_filters_once_typing_pauses(browser: Browser, pages: dict[str, Path]) -> None:
    for watched in open_watched(browser, pages["many"].as_uri()):
        page = watched.page
        assert page.locator("li.single").count() == MANY_STORIES
        page.type("#filter", "millbrook 1232", delay=20)
        shown_one = "() => document.getElementById('shown').textContent[0] === '1'"
        page.wait_for_function(shown_one, timeout=5_000)
        assert page.text_content("#shown") == "1 of 2,500 stories"
        assert _visible_ids(page) == ["story-s1232"]
