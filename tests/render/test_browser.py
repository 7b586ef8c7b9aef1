"""The HTML report in a real browser (Debian's Chromium through Playwright).

Clicking a fact opens each outlet's sentence side by side with the shared words marked;
charts draw; hostile article text shows as text and runs nothing; the page logs no error and
makes no request beyond its own file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, sync_playwright

from newsweave.model import Brief
from newsweave.render.html import render_html
from tests.render.brief_builder import SCRIPT_TAG, make_brief, make_hostile_brief

CHROMIUM = Path("/usr/bin/chromium")
# Headless in a container: no sandbox (no user namespaces), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}  # wide enough for the brief and articles side by side

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)


@dataclass
class Watched:
    """A page and everything it did that a self-contained, inert report must never do."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def on_request(self, request: Request) -> None:
        if not request.url.startswith("file://"):
            self.requests.append(request.url)

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert (self.errors, self.requests, self.dialogs) == ([], [], [])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for name, brief in (("calder", make_brief()), ("hostile", make_hostile_brief())):
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(render_html(brief), encoding="utf-8")
    return paths


def open_watched(
    browser: Browser, url: str, viewport: dict[str, int] = VIEWPORT
) -> Iterator[Watched]:
    """A page of ``url`` whose console, errors, requests and dialogs are watched; asserted
    clean when the test is done."""
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    watched = Watched(page)
    page.on("console", watched.on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("request", watched.on_request)
    page.on("requestfailed", lambda request: watched.requests.append(f"failed {request.url}"))
    page.on("dialog", watched.on_dialog)
    page.goto(url)
    yield watched
    watched.assert_clean()
    page.close()


@pytest.fixture
def calder(browser: Browser, reports: dict[str, Path]) -> Iterator[Watched]:
    yield from open_watched(browser, reports["calder"].as_uri())


@pytest.fixture
def hostile(browser: Browser, reports: dict[str, Path]) -> Iterator[Watched]:
    yield from open_watched(browser, reports["hostile"].as_uri())


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, reports: dict[str, Path]) -> Iterator[Watched]:
    yield from open_watched(browser, reports["calder"].as_uri(), PHONE)


DESKTOP = {"width": 1200, "height": 1000}


@pytest.fixture
def desktop(browser: Browser, tmp_path: Path) -> Iterator[Watched]:
    """The bundled example story's report: seven outlets, copy notes, long outlet labels."""
    from newsweave.api import brief

    story = Path(__file__).resolve().parents[2] / "examples" / "story"
    path = tmp_path / "story.html"
    path.write_text(render_html(brief([str(story)])), encoding="utf-8")
    yield from open_watched(browser, path.as_uri(), DESKTOP)


def test_on_a_wide_screen_the_facts_table_stays_beside_the_viewer(desktop: Watched) -> None:
    page = desktop.page
    table = page.locator("table.facts").bounding_box()
    viewer = page.locator(".viewer").bounding_box()
    assert table is not None and viewer is not None
    assert table["x"] + table["width"] <= viewer["x"], (table, viewer)
    cells = page.eval_on_selector_all(
        "table.facts tr.fact-row td", "tds => tds.map(td => td.getBoundingClientRect().right)"
    )
    assert max(cells) <= viewer["x"], (max(cells), viewer)


def _shown_facts(page: Page) -> list[str]:
    result: list[str] = page.eval_on_selector_all(
        "tr.fact-row",
        "rows => rows.filter(row => row.offsetParent !== null).map(row => row.dataset.fact)",
    )
    return result


def test_status_filter_hides_and_shows_facts(calder: Watched) -> None:
    page = calder.page
    assert _shown_facts(page) == ["f1", "f3", "f2", "f4", "f5", "f6", "f7"]
    page.click('.status-filter button[data-status="disputed"]')
    assert _shown_facts(page) == ["f2", "f4"]
    assert page.get_attribute('button[data-status="disputed"]', "aria-pressed") == "true"
    assert page.get_attribute('button[data-status="all"]', "aria-pressed") == "false"
    assert page.text_content(".status-filter .filter-count") == "2 facts shown"
    page.click('.status-filter button[data-status="single-source"]')
    assert _shown_facts(page) == ["f5", "f6", "f7"]
    page.click('.status-filter button[data-status="corroborated"]')
    assert _shown_facts(page) == ["f1", "f3"]
    page.click('tr[data-fact="f3"] .stmt')  # a shown fact still opens its comparison
    assert page.locator("#compare").is_visible()
    page.click("#compare-close")
    page.click('.status-filter button[data-status="all"]')
    assert _shown_facts(page) == ["f1", "f3", "f2", "f4", "f5", "f6", "f7"]


def test_a_phone_screen_never_scrolls_sideways(phone: Watched) -> None:
    page = phone.page
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"
    )
    assert widths[0] <= PHONE["width"] and widths[1] <= PHONE["width"], widths
    # the facts table is stacked: each row fits, its fact text beneath its status
    box = page.locator('tr[data-fact="f1"]').bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    status = page.locator('tr[data-fact="f1"] td.status').bounding_box()
    text = page.locator('tr[data-fact="f1"] td.fact-text').bounding_box()
    assert status is not None and text is not None and text["y"] > status["y"]
    page.click('.status-filter button[data-status="disputed"]')
    assert _shown_facts(page) == ["f2", "f4"]  # the filter works on a phone too
    page.click('tr[data-fact="f2"] .stmt')
    assert page.locator("#compare").is_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def _columns(page: Page) -> list[dict[str, object]]:
    """Each comparison column: outlet, role line, sentence words and the marked words."""
    result: list[dict[str, object]] = page.eval_on_selector_all(
        "#compare .compare-col",
        """cols => cols.map(col => ({
            outlet: col.querySelector("h3").textContent,
            role: col.querySelector(".role").textContent,
            sentence: Array.from(col.querySelector(".sentence").childNodes)
                .filter(node => !(node.nodeType === 1 && node.tagName === "SUP"))
                .map(node => node.textContent).join(""),
            shared: Array.from(col.querySelectorAll("mark.shared")).map(m => m.textContent),
            conflict: Array.from(col.querySelectorAll("mark.conflict")).map(m => m.textContent),
        }))""",
    )
    return result


def _support_texts(brief: Brief, fact_id: str) -> list[str]:
    fact = next(fact for fact in brief.facts if fact.id == fact_id)
    return [support.mention.text for support in fact.support]


def test_clicking_a_fact_row_compares_the_outlets_side_by_side(calder: Watched) -> None:
    page = calder.page
    assert page.locator("#compare").is_hidden()
    page.click('tr[data-fact="f1"] .stmt')
    assert page.locator("#compare").is_visible()
    assert page.text_content("#compare-title") == (
        "The Calder Bridge will close for three weeks starting next Monday."
    )
    columns = _columns(page)
    assert [c["outlet"] for c in columns] == ["Harbor Gazette", "Valley Post", "Coastline Wire"]
    assert [c["role"] for c in columns] == [
        "original",
        "relay · cites Reuters",
        "copy · copies Harbor Gazette",
    ]
    assert [c["sentence"] for c in columns] == _support_texts(make_brief(), "f1")
    assert all("Calder Bridge" in c["shared"] for c in columns)  # type: ignore[operator]
    assert columns[1]["shared"] == ["Calder Bridge", "Monday"]
    boxes = [page.locator(".compare-col").nth(i).bounding_box() for i in range(3)]
    assert all(box is not None for box in boxes)
    tops = {round(box["y"]) for box in boxes if box}
    assert len(tops) == 1  # side by side: one row of columns
    # the article pane lights up the fact's words too
    assert page.locator("article.doc.shown mark.active").count() > 0


def test_a_disputed_fact_outlines_the_conflicting_values(calder: Watched) -> None:
    page = calder.page
    page.click('tr[data-fact="f2"] .stmt')
    columns = _columns(page)
    assert [c["conflict"] for c in columns] == [["$4.2 million"], ["$4.5 million"]]
    assert [c["sentence"] for c in columns] == _support_texts(make_brief(), "f2")
    conflicts = page.text_content(".compare-conflicts") or ""
    assert conflicts.startswith("contradict figure: the cost: about $4.2 million or $4.5 million")
    assert (
        "about $4.2 million (Harbor Gazette; 1 outlet, 1 independent) vs "
        "$4.5 million (Valley Post; 1 outlet, 1 independent)" in conflicts
    )


def test_lead_sentence_keyboard_and_chart_bar_open_facts(calder: Watched) -> None:
    page = calder.page
    page.focus('#lead .stmt[data-fact="f3"]')
    page.keyboard.press("Enter")
    assert page.locator("#compare").is_visible()
    assert [c["outlet"] for c in _columns(page)] == ["Harbor Gazette", "Valley Post"]
    page.keyboard.press("Escape")
    assert page.locator("#compare").is_hidden()
    page.click('#chart-support g[data-fact="f4"] text.label')
    assert [c["outlet"] for c in _columns(page)] == ["Valley Post", "Coastline Wire"]
    page.click("#compare-close")
    assert page.locator("#compare").is_hidden()


def test_a_reference_pill_selects_its_span_only(calder: Watched) -> None:
    page = calder.page
    page.click('tr[data-fact="f1"] a.ref >> nth=0')
    assert page.locator("#compare").is_hidden()
    assert page.text_content("#span-info .where") == "[1] Harbor Gazette · a1:94-193 "


def test_charts_are_drawn(calder: Watched) -> None:
    page = calder.page
    for chart in ("support", "timeline", "overlap"):
        box = page.locator(f"#chart-{chart} svg").bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, chart
        assert page.locator(f"#chart-{chart} svg > title").text_content()
    assert page.locator("#chart-support g[data-fact]").count() == len(make_brief().facts)


def test_hostile_text_shows_as_text_and_runs_nothing(hostile: Watched) -> None:
    page = hostile.page
    assert page.title() == "</title><script>alert(4)</script> · newsweave brief"
    assert page.text_content("h1") == "</title><script>alert(4)</script>"
    page.click('tr[data-fact="f1"] .stmt')
    columns = _columns(page)
    assert [c["sentence"] for c in columns] == _support_texts(make_hostile_brief(), "f1")
    assert SCRIPT_TAG in str(columns[1]["sentence"])
    assert columns[1]["outlet"] == "Mirror <i>Daily</i>"
    counts = page.evaluate(
        """() => [document.querySelectorAll("img, iframe, object, embed, script[src]").length,
                  document.querySelectorAll("script").length,
                  document.querySelectorAll("#compare i, #compare b, #compare script").length]"""
    )
    assert counts == [0, 4, 0]
    page.click(".doc-text mark >> nth=0")  # clicking article text must not do anything odd
