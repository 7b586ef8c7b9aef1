"""The output of ``newsweave cluster``: text listing, streamed JSON against its schema, HTML page.

The run below is what clustering a small folder gives: a bridge closure reported by a wire
agency, reprinted by one paper and partly copied by another; a council budget vote in two
papers; a festival in one. ``make_run`` and ``make_hostile_run`` are shared with the browser
test.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave import __version__
from newsweave.errors import SchemaError
from newsweave.model import (
    Article,
    CopyRelation,
    Rejected,
    RejectReason,
    SharedSpan,
    Story,
    StoryRun,
)
from newsweave.render.stories import STORY_ARTICLES_SHOWN, render_stories_text
from newsweave.render.stories_html import (
    CONTEXT_CHARS,
    PASSAGE_CHARS_MAX,
    excerpt,
    render_stories_html,
)
from newsweave.render.stories_json import (
    STORIES_SCHEMA_VERSION,
    check_story_references,
    load_stories_schema,
    stories_to_dict,
    stories_to_json,
    validate_stories_json,
    write_stories_json,
)
from newsweave.schema.schema import load_schema

lxml_html: Any = importlib.import_module("lxml.html")  # no type stubs; installed with trafilatura

WIRE = (
    "PORT CALDER (CPA) — The Calder Bridge will close to all traffic for three weeks starting "
    "Monday while crews replace corroded support cables, city engineers said on Tuesday.\n\n"
    "The 62-year-old span carries about 40,000 vehicles a day between the harbor district and "
    "the northern suburbs. Inspectors found rust on six of the bridge's 48 suspension cables "
    "during a routine survey in September.\n\n"
    "“We cannot ask drivers to cross a bridge we are not certain about,” said Mayor Elena Voss "
    "at a news conference. “Three weeks of detours is the price of getting this right.”\n\n"
    "The repairs are expected to cost $4.2 million, paid from the city's infrastructure "
    "reserve. Ferry service across the harbor will run every 15 minutes during the closure, "
    "and two extra bus lines will connect the suburbs to downtown.\n\n"
    "The city last closed the bridge in 2009, for five days of resurfacing."
)
WIRE_BODY = WIRE[: WIRE.index("\n\nThe city last closed")]  # the reprint trims the ending
REPRINT = "Calder Bridge shuts for three weeks of cable repairs\n\n" + WIRE_BODY
COPIED = (
    "The 62-year-old span carries about 40,000 vehicles a day between the harbor district and "
    "the northern suburbs."
)
COMMUTERS = (
    "Commuters in the northern suburbs are bracing for longer trips after the city announced "
    "that the Calder Bridge will be shut from Monday.\n\n"
    f"{COPIED}\n\n"
    "Bus driver Tomas Reyes, who crosses the bridge eight times a shift, said the detour "
    "through Millbrook adds twenty minutes each way. “It is going to be a long three weeks,” "
    "he said."
)
BUDGET_VOTE = (
    "RIVERSIDE — The city council voted 7-2 late Wednesday to approve an $18 million budget "
    "for harbor-area schools, ending a month of debate over class sizes.\n\n"
    "Councillor Amara Okafor, who drafted the plan, said it would hire 40 teachers by January."
)
BUDGET_LATE = (
    "After a session that ran past midnight, councillors passed the school budget, with "
    "Councillor Amara Okafor's class-size amendment intact.\n\n"
    "Two members voted against, citing the cost of the new teaching posts."
)
FESTIVAL = (
    "The lantern festival returns to Old Market Square on Saturday after a two-year pause, "
    "with 300 paper lanterns made by local schools and a parade along the river at dusk."
)


def _article(
    id: str, outlet: str, day: int, title: str, text: str, url: str | None = None
) -> Article:
    return Article(
        id=id,
        source=f"collection/{id}.json",
        text=text,
        title=title,
        outlet=outlet,
        published=dt.date(2025, 10, day),
        url=url,
        input_format="json",
    )


def make_articles() -> tuple[Article, ...]:
    return (
        _article("a1", "Continental Press Agency", 7, "Calder Bridge to close for three weeks",
                 WIRE, "https://cpa.example.com/calder-bridge"),
        _article("a2", "Harbor Gazette", 7, "Calder Bridge shuts for three weeks of cable repairs",
                 REPRINT),
        _article("a3", "Valley Post", 8, "Suburb commuters brace for bridge detours", COMMUTERS),
        _article("a4", "Riverside Ledger", 9, "Council approves $18 million for harbor schools",
                 BUDGET_VOTE),
        _article("a5", "Harbor Gazette", 10, "School budget passes after late-night session",
                 BUDGET_LATE),
        _article("a6", "Valley Post", 11, "Lantern festival returns to Old Market Square",
                 FESTIVAL),
    )  # fmt: skip


def shared_span(source: str, target: str, passage: str) -> SharedSpan:
    """Offsets of ``passage`` in both texts (it must occur in each)."""
    start, copy_start = source.index(passage), target.index(passage)
    return SharedSpan(start, start + len(passage), copy_start, copy_start + len(passage))


REPRINT_SPAN = shared_span(WIRE, REPRINT, WIRE_BODY)
COPIED_SPAN = shared_span(WIRE, COMMUTERS, COPIED)


def make_run() -> StoryRun:
    bridge = Story(
        id="s-bridge",
        title="Calder Bridge to close for three weeks",
        start=dt.date(2025, 10, 7),
        end=dt.date(2025, 10, 8),
        documents=("a1", "a2", "a3"),
        outlets=("Continental Press Agency", "Harbor Gazette", "Valley Post"),
        copies=(
            CopyRelation("a1", "a2", len(WIRE_BODY), (REPRINT_SPAN,), near_duplicate=True),
            CopyRelation("a1", "a3", len(COPIED), (COPIED_SPAN,)),
        ),
    )
    council = Story(
        id="s-council",
        title="Council approves $18 million for harbor schools",
        start=dt.date(2025, 10, 9),
        end=dt.date(2025, 10, 10),
        documents=("a4", "a5"),
        outlets=("Riverside Ledger", "Harbor Gazette"),
    )
    festival = Story(
        id="s-festival",
        title="Lantern festival returns to Old Market Square",
        start=dt.date(2025, 10, 11),
        end=dt.date(2025, 10, 11),
        documents=("a6",),
        outlets=("Valley Post",),
    )
    broken = Rejected("feeds/city.jsonl#4", RejectReason.MALFORMED, "record without text")
    return StoryRun(
        stories=(festival, council, bridge),  # the renderers order them, largest first
        rejected=(broken,),
        warnings=("1 input was rejected",),
        added=6,
        known=0,
    )


SCRIPT_TAG = "<script>alert(1)</script>"
HOSTILE_PASSAGE = f'Officials said <img src=x onerror="alert(2)"> and {SCRIPT_TAG} nothing more.'


def make_hostile_articles() -> tuple[Article, ...]:
    origin = "Opening words of the first report. " + HOSTILE_PASSAGE + " The end."
    copier = "A different opening \x1b[31mline. " + HOSTILE_PASSAGE
    return (
        _article("h1", "Mirror <i>Daily</i>", 3, f"</title>{SCRIPT_TAG}", origin,
                 "javascript:alert(3)"),
        _article("h2", "Echo & \"Sons\"", 4, "Quotes ' and \" in a\x1b[2J title", copier),
    )  # fmt: skip


def make_hostile_run() -> StoryRun:
    origin, copier = (article.text for article in make_hostile_articles())
    story = Story(
        id='s-"x"',
        title=f"</title>{SCRIPT_TAG}",
        start=dt.date(2025, 10, 3),
        end=dt.date(2025, 10, 4),
        documents=("h1", "h2"),
        outlets=("Mirror <i>Daily</i>", 'Echo & "Sons"'),
        copies=(
            CopyRelation(
                "h1", "h2", len(HOSTILE_PASSAGE), (shared_span(origin, copier, HOSTILE_PASSAGE),)
            ),
        ),
    )
    return StoryRun(stories=(story,), warnings=(f"odd input {SCRIPT_TAG}",))


def _by_id(articles: tuple[Article, ...]) -> dict[str, Article]:
    return {article.id: article for article in articles}


# Text ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def listing() -> str:
    return render_stories_text(make_run(), _by_id(make_articles()))


def test_text_header_counts_everything(listing: str) -> None:
    assert listing.splitlines()[0] == (
        "3 stories · 6 articles · 2 multi-article stories · 2 copies · 1 rejected"
    )


def test_text_lists_stories_largest_first_with_their_articles(listing: str) -> None:
    lines = listing.splitlines()
    bridge = lines.index("s-bridge · Calder Bridge to close for three weeks")
    council = lines.index("s-council · Council approves $18 million for harbor schools")
    assert bridge < council < lines.index("Single-article stories (1)")
    outlets = "Continental Press Agency, Harbor Gazette, Valley Post"
    assert lines[bridge + 1] == f"    7 Oct 2025 – 8 Oct 2025 · 3 articles · {outlets}"
    assert lines[bridge + 2 : bridge + 5] == [
        "    • 7 Oct 2025 · Continental Press Agency · Calder Bridge to close for three weeks (a1)",
        "    • 7 Oct 2025 · Harbor Gazette · Calder Bridge shuts for three weeks of cable repairs "
        "(a2)",
        "    • 8 Oct 2025 · Valley Post · Suburb commuters brace for bridge detours (a3)",
    ]


def test_text_names_who_copied_whom(listing: str) -> None:
    reprint = f"    copy: Harbor Gazette <- Continental Press Agency: reprint, {len(WIRE_BODY):,} "
    assert f"{reprint}chars shared" in listing.splitlines()
    assert (
        "    copy: Valley Post <- Continental Press Agency: 1 copied passage, 110 chars shared"
        in listing.splitlines()
    )


def test_text_summarises_singletons_and_rejected_inputs(listing: str) -> None:
    tail = listing[listing.index("Single-article stories (1)") :].splitlines()
    assert tail[1] == (
        "s-festival · 11 Oct 2025 · Valley Post · Lantern festival returns to Old Market Square"
    )
    assert "  • feeds/city.jsonl#4: malformed (record without text)" in tail
    assert tail[-1] == "warning: 1 input was rejected"


def test_text_without_documents_names_articles_by_id() -> None:
    listing = render_stories_text(make_run())
    assert "    articles: a1, a2, a3" in listing.splitlines()
    assert "copy: a3 <- a1: 1 copied passage, 110 chars shared" in listing


def test_text_colour_only_when_asked_and_control_characters_removed() -> None:
    hostile = render_stories_text(make_hostile_run(), _by_id(make_hostile_articles()))
    assert "\x1b" not in hostile
    assert '    • 4 Oct 2025 · Echo & "Sons" · Quotes \' and " in a[2J title (h2)' in hostile
    coloured = render_stories_text(make_run(), _by_id(make_articles()), color=True)
    assert "\x1b[1ms-bridge · Calder Bridge" in coloured
    assert "\x1b" not in render_stories_text(make_run(), _by_id(make_articles()))


def test_text_caps_the_articles_of_a_huge_story() -> None:
    ids = tuple(f"w{i}" for i in range(STORY_ARTICLES_SHOWN + 3))
    story = Story("s-wire", "Wire story everyone ran", None, None, ids, ("Agency",))
    listing = render_stories_text(StoryRun(stories=(story,)), {})
    assert "      … and 3 more articles" in listing.splitlines()
    assert "w14" not in listing and f"w{STORY_ARTICLES_SHOWN - 1}" in listing
    assert "undated" in listing


# JSON ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return stories_to_dict(make_run(), make_articles())


def test_json_validates_and_every_link_holds(data: dict[str, Any]) -> None:
    validate_stories_json(data)
    assert check_story_references(data) == []
    assert data["schema_version"] == STORIES_SCHEMA_VERSION == "1.1"
    assert data["generator"] == f"newsweave {__version__}"
    assert (data["added"], data["known"], data["warnings"]) == (6, 0, ["1 input was rejected"])
    assert data["rejected"] == [
        {"source": "feeds/city.jsonl#4", "reason": "malformed", "detail": "record without text"}
    ]


def test_json_story_shape(data: dict[str, Any]) -> None:
    bridge = next(story for story in data["stories"] if story["id"] == "s-bridge")
    assert {key: bridge[key] for key in ("start", "end", "documents", "size")} == {
        "start": "2025-10-07",
        "end": "2025-10-08",
        "documents": ["a1", "a2", "a3"],
        "size": 3,
    }
    reprint, passage = bridge["copies"]
    assert reprint["near_duplicate"] and not passage["near_duplicate"]
    assert passage == {
        "from": "a1",
        "to": "a3",
        "shared_chars": 110,
        "near_duplicate": False,
        "spans": [{"from": [COPIED_SPAN.source_start, COPIED_SPAN.source_end],
                   "to": [COPIED_SPAN.target_start, COPIED_SPAN.target_end]}],
    }  # fmt: skip
    texts = {doc["id"]: doc["text"] for doc in data["documents"]}
    (span,) = passage["spans"]
    assert texts["a1"][slice(*span["from"])] == texts["a3"][slice(*span["to"])] == COPIED


def test_json_documents_and_rejected_follow_the_brief_schema() -> None:
    ours, brief = load_stories_schema()["$defs"], load_schema()["$defs"]
    for name in ("document", "rejected", "isodate"):
        assert ours[name] == brief[name], name


def _streamed(run: StoryRun, articles: tuple[Article, ...]) -> tuple[str, list[str]]:
    """Write with a generator that notes, before each document, which ids were already out."""
    out = io.StringIO()
    seen: list[str] = []

    def documents() -> Iterator[Article]:
        for article in articles:
            written = json.loads(out.getvalue() + "]}") if seen else {"documents": []}
            seen.append(",".join(doc["id"] for doc in written["documents"]))
            yield article

    write_stories_json(run, documents(), out)
    return out.getvalue(), seen


def test_json_streams_documents_one_at_a_time() -> None:
    text, seen = _streamed(make_run(), make_articles())
    assert seen == ["", "a1", "a1,a2", "a1,a2,a3", "a1,a2,a3,a4", "a1,a2,a3,a4,a5"]
    assert text == stories_to_json(make_run(), make_articles())
    assert json.loads(text) == stories_to_dict(make_run(), make_articles())


def test_json_of_an_empty_collection() -> None:
    out = io.StringIO()
    write_stories_json(StoryRun(stories=()), iter(()), out)
    assert out.getvalue() == stories_to_json(StoryRun(stories=()), ())
    validate_stories_json(json.loads(out.getvalue()))


_text = st.text(st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=40, deadline=None)
@given(titles=st.lists(_text, min_size=0, max_size=4), extra=_text, known=st.integers(0, 9))
def test_streamed_json_equals_the_in_memory_json(titles: list[str], extra: str, known: int) -> None:
    articles = tuple(
        Article(id=f"d{i}", source=title, text=title + extra, title=title or None)
        for i, title in enumerate(titles)
    )
    stories = tuple(
        Story(f"s{i}", article.text, None, None, (article.id,), ())
        for i, article in enumerate(articles)
    )
    run = StoryRun(stories=stories, warnings=(extra,), added=len(titles), known=known)
    out = io.StringIO()
    write_stories_json(run, (article for article in articles), out)
    assert out.getvalue() == stories_to_json(run, articles)
    validate_stories_json(json.loads(out.getvalue()))


@pytest.mark.parametrize(
    ("path", "value", "error"),
    [
        (("stories", 0, "size"), 0, "$.stories[0].size"),
        (("stories", 2, "copies", 0, "spans", 0, "from"), [-1, 4], "$.stories[2].copies[0].spans"),
        (("stories", 0, "start"), "11 Oct 2025", "$.stories[0].start"),
        (("documents", 0, "format"), "pdf", "$.documents[0].format"),
    ],
)
def test_schema_rejects_broken_output(
    data: dict[str, Any], path: tuple[str | int, ...], value: object, error: str
) -> None:
    broken = json.loads(json.dumps(data))
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SchemaError, match=error.replace("$", r"\$").replace("[", r"\[")):
        validate_stories_json(broken)


def test_reference_check_finds_broken_links(data: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(data))
    stories = {story["id"]: story for story in broken["stories"]}
    stories["s-council"]["documents"].append("a6")  # a6 is also the festival story
    stories["s-council"]["size"] = 3
    copy = stories["s-bridge"]["copies"][1]
    copy["to"], copy["spans"][0]["to"] = "a4", [0, 5000]
    assert check_story_references(broken) == [
        "$.stories[1].documents[2]: 'a6' is also in $.stories[0]",
        "$.stories[2].copies[1].to: 'a4' is not in the story",
        f"$.stories[2].copies[1].spans[0].to: [0, 5000) outside 'a4' of length {len(BUDGET_VOTE)}",
    ]


# HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "before", "marked", "after", "cuts"),
    [
        ("Short text here.", 6, 10, "Short ", "text", " here.", (False, False)),
        ("Short text here.", -5, 99, "", "Short text here.", "", (False, False)),
        ("x" * 20 + " one two three", 21, 24, "x" * 20 + " ", "one", " two three", (False, False)),
    ],
)  # fmt: skip
def test_excerpt_cuts_context_at_words(
    text: str,
    start: int,
    end: int,
    before: str,
    marked: str,
    after: str,
    cuts: tuple[bool, bool],
) -> None:
    ex = excerpt(text, start, end)
    assert (ex.before, ex.marked, ex.after, (ex.cut_before, ex.cut_after)) == (
        before,
        marked,
        after,
        cuts,
    )
    assert len(ex.before) <= CONTEXT_CHARS and len(ex.after) <= CONTEXT_CHARS


_words_text = st.lists(st.text("abcdé‘’", min_size=1, max_size=9), min_size=1, max_size=80).map(
    " ".join
)


@settings(max_examples=200, deadline=None)
@given(text=_words_text, data=st.data())
def test_excerpt_is_the_text_around_the_span_cut_at_words(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ex = excerpt(text, start, end)
    left, right = start - len(ex.before), end - ex.omitted + len(ex.after)
    assert text[left:right] == ex.before + ex.marked + ex.after
    assert ex.marked == text[start:end][:PASSAGE_CHARS_MAX]
    assert len(ex.before) <= CONTEXT_CHARS and len(ex.after) <= CONTEXT_CHARS
    assert left == 0 or text[left - 1] == " " or " " not in ex.before  # whole words only
    assert ex.omitted or right == len(text) or text[right] == " " or " " not in ex.after
    assert ex.cut_before == (start > CONTEXT_CHARS)


@pytest.fixture(scope="module")
def tree() -> Any:
    return lxml_html.document_fromstring(render_stories_html(make_run(), _by_id(make_articles())))


def _words(element: Any) -> str:
    return " ".join(element.text_content().split())


def test_html_lists_stories_largest_first_and_singletons_compactly(tree: Any) -> None:
    assert [d.get("id") for d in tree.xpath("//details")] == ["story-s-bridge", "story-s-council"]
    (single,) = tree.xpath('//li[@class="single"]')
    assert _words(single) == (
        "11 Oct 2025 Valley Post Lantern festival returns to Old Market Square s-festival"
    )
    assert _words(tree.xpath("//summary")[0]).startswith(
        "3 Calder Bridge to close for three weeks 2 copies 7 Oct 2025 – 8 Oct 2025"
    )
    assert tree.get_element_by_id("shown").text == "3 of 3 stories"
    assert "feeds/city.jsonl#4" in _words(tree.get_element_by_id("rejected"))


def test_html_marks_the_shared_passage_at_its_offsets(tree: Any) -> None:
    articles = _by_id(make_articles())
    passage = tree.xpath('//li[@class="copy"][@data-to="a3"]//div[@class="passage"]')[0]
    origin, copier = passage.xpath('.//p[@class="excerpt"]')
    assert (
        [m.text for m in origin.iter("mark")] == [COPIED] == [m.text for m in copier.iter("mark")]
    )
    for element, doc_id, start, end in (
        (origin, "a1", COPIED_SPAN.source_start, COPIED_SPAN.source_end),
        (copier, "a3", COPIED_SPAN.target_start, COPIED_SPAN.target_end),
    ):
        ex, text = excerpt(articles[doc_id].text, start, end), articles[doc_id].text
        assert ex.before and ex.after
        assert text[start - len(ex.before) : end + len(ex.after)] == ex.before + COPIED + ex.after
        assert element.text_content() == f"…{ex.before}{COPIED}{ex.after}…"
    assert _words(passage).startswith(
        f"origin · Continental Press Agency · a1:{COPIED_SPAN.source_start}"
    )


def test_html_shows_the_start_of_a_long_reprinted_passage(tree: Any) -> None:
    (passage,) = tree.xpath('//li[@class="copy"][@data-to="a2"]//div[@class="passage"]')
    marks = [m.text for m in passage.iter("mark")]
    assert marks == [WIRE_BODY[:PASSAGE_CHARS_MAX]] * 2
    omitted = len(WIRE_BODY) - PASSAGE_CHARS_MAX
    assert f"[… {omitted:,} more shared characters]" in _words(passage)


def test_html_is_self_contained() -> None:
    page = render_stories_html(make_run(), _by_id(make_articles()))
    tree = lxml_html.document_fromstring(page)
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert csp.startswith("default-src 'none';")
    assert tree.xpath("//script/@src | //link | //img | //iframe") == []
    links = tree.xpath("//a/@href")
    assert links == ["https://cpa.example.com/calder-bridge"]


def test_html_escapes_hostile_text() -> None:
    articles = make_hostile_articles()
    page = render_stories_html(make_hostile_run(), _by_id(articles))
    tree = lxml_html.document_fromstring(page)
    assert len(tree.xpath("//script")) == 1 and tree.xpath("//img | //i | //a") == []
    assert tree.findtext(".//title") == "1 story in 2 articles · newsweave"
    assert _words(tree.xpath("//summary/span[@class='title']")[0]) == f"</title>{SCRIPT_TAG}"
    outlets = tree.xpath("//summary/span[@class='outlets']")[0]
    assert outlets.text == 'Mirror <i>Daily</i>, Echo & "Sons"'
    assert [m.text for m in tree.iter("mark")] == [HOSTILE_PASSAGE, HOSTILE_PASSAGE]
    assert tree.xpath("//details/@id") == ['story-s-"x"']
    for raw in (SCRIPT_TAG, "<img", "<i>", "\x1b", 'onerror="', "javascript:"):
        assert raw not in page, raw
