"""What the brief shows and in which order (shared by every format)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsweave.model import Brief, FactStatus, Mention, Sentence, TimelineEntry
from newsweave.render.layout import (
    UNTITLED_STORY,
    RefTable,
    SentenceFinder,
    guess_title,
    layout_brief,
)
from tests.render.brief_builder import make_brief, make_dates


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        ([], UNTITLED_STORY),
        ([None, "  "], UNTITLED_STORY),
        (["Only one"], "Only one"),
        (
            ["Port strike ends", "Dockers return to work as port strike ends", "Weather"],
            "Port strike ends",
        ),
        (["Flood in Tarn", "Tarn flood: live updates", "Rain"], "Flood in Tarn"),
        (["A", "B"], "A"),  # nothing shared: the first title
    ],
)
def test_guess_title(titles: list[str | None], expected: str) -> None:
    assert guess_title(titles) == expected


def test_title_from_entities_when_no_article_has_one() -> None:
    brief = make_brief()
    docs = tuple(dataclasses.replace(doc, title=None) for doc in brief.documents)
    layout = layout_brief(dataclasses.replace(brief, documents=docs))
    assert layout.title == "Calder Bridge · Elena Voss · Daniel Reyes"


def test_header_counts_and_date_span() -> None:
    layout = layout_brief(make_brief())
    assert layout.outlets == ("Harbor Gazette", "Valley Post", "Coastline Wire")
    assert layout.date_span == "17 Oct 2025 – 18 Oct 2025"


def test_lead_prefers_support_then_position() -> None:
    layout = layout_brief(make_brief())
    assert [fact.status for fact in layout.lead] == [
        FactStatus.CORROBORATED,
        FactStatus.DISPUTED,
        FactStatus.SINGLE_SOURCE,
    ]
    assert layout.lead[2].text.startswith("The Calder Bridge will close for three weeks")


def test_single_source_grouped_by_outlet_in_text_order() -> None:
    groups = layout_brief(make_brief()).single_source
    assert [group.outlet for group in groups] == ["Harbor Gazette", "Valley Post"]
    starts = [fact.mentions[0].start for fact in groups[0].facts]
    assert starts == sorted(starts)


def test_quotes_by_speaker_keep_statements_only() -> None:
    layout = layout_brief(make_brief())
    assert [(g.speaker, len(g.quotes)) for g in layout.quotes] == [
        ("Elena Voss", 1),
        ("Daniel Reyes", 1),
    ]
    assert [q.text for q in layout.scare_quotes] == ["serious but fixable"]
    assert layout.speaker_label("Elena Voss") == "Elena Voss (Mayor)"


def test_figures_of_one_kind_sit_together() -> None:
    kinds = [figure.kind.value for figure in layout_brief(make_brief()).figures]
    assert kinds == ["duration"] * 3 + ["money"] * 2 + ["count"] * 2


def test_timeline_from_dates_is_sorted_and_skips_datelines() -> None:
    timeline = layout_brief(make_brief()).timeline
    assert [item.start for item in timeline] == sorted(item.start for item in timeline)
    assert "October 17, 2025" not in [item.date_text for item in timeline]
    assert timeline[0].text == "Engineers found the cracks in September."


def test_timeline_entries_from_the_brief_win_over_dates() -> None:
    date = make_dates()[1]
    entry = TimelineEntry(date, "The bridge closes.", (date.mention,))
    brief = dataclasses.replace(make_brief(), timeline=(entry,))
    assert [item.text for item in layout_brief(brief).timeline] == ["The bridge closes."]


def test_empty_brief_lays_out() -> None:
    layout = layout_brief(Brief((), (), (), (), (), (), ()))
    assert (layout.title, layout.date_span, layout.lead) == (UNTITLED_STORY, "undated", ())


def test_ref_table_numbers_spans_once_in_citation_order() -> None:
    refs = RefTable()
    a, b = Mention("d", 0, 3, "abc"), Mention("d", 4, 6, "de")
    assert refs.cite([b, a], "fact") == [1, 2]
    assert refs.cite([a, a], "quote") == [2]
    assert [ref.mention for ref in refs.refs] == [b, a]
    assert refs.kinds(2) == {"fact", "quote"}


def test_sentence_finder() -> None:
    sentences = [Sentence("d", 1, 10, 20, "x" * 10), Sentence("d", 0, 0, 9, "y" * 9)]
    finder = SentenceFinder(sentences)
    assert finder.containing(Mention("d", 12, 15, "xxx")) is sentences[0]
    assert finder.containing(Mention("d", 8, 12, "yxxx")) is None  # crosses a boundary
    assert finder.containing(Mention("e", 0, 1, "y")) is None


def test_published_span_of_one_day() -> None:
    brief = make_brief()
    docs = tuple(dataclasses.replace(doc, published=dt.date(2025, 1, 2)) for doc in brief.documents)
    assert layout_brief(dataclasses.replace(brief, documents=docs)).date_span == "2 Jan 2025"
