"""What the brief shows and in which order (shared by every format)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsweave.model import (
    Brief,
    Fact,
    FactStatus,
    Mention,
    Sentence,
    Support,
    SupportRole,
    TimelineEntry,
)
from newsweave.render.layout import (
    UNTITLED_STORY,
    RefTable,
    SentenceFinder,
    guess_title,
    layout_brief,
    side_support,
    support_note,
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


def test_lead_is_the_best_supported_undisputed_facts() -> None:
    layout = layout_brief(make_brief())
    assert [fact.id for fact in layout.lead] == ["f1", "f3"]  # f2, f4 are disputed
    assert [fact.id for fact in layout.facts] == ["f1", "f3", "f2", "f4", "f5", "f6", "f7"]


def _fact(fact_id: str, status: FactStatus, sources: int, start: int) -> Fact:
    mention = Mention("a1", start, start + 1, make_brief().documents[0].text[start])
    return Fact(fact_id, "x", status, sources, (mention,), "", ("Harbor Gazette",))


@pytest.mark.parametrize(
    ("facts", "lead"),
    [
        # most independent sources first, then story order; never a disputed fact
        ([("a", "corroborated", 2, 5), ("b", "corroborated", 4, 9), ("c", "disputed", 5, 0)],
         ["b", "a"]),
        # once something is corroborated, single-source facts stay out of the lead
        ([("a", "single-source", 1, 0), ("b", "corroborated", 2, 9)], ["b"]),
        # a story told by one outlet leads with its first facts
        ([("a", "single-source", 1, 9), ("b", "single-source", 1, 0), ("c", "single-source", 1, 5),
          ("d", "single-source", 1, 7)], ["b", "c", "d"]),
        ([("a", "disputed", 3, 0)], []),
    ],
)  # fmt: skip
def test_lead_rules(facts: list[tuple[str, str, int, int]], lead: list[str]) -> None:
    built = tuple(_fact(i, FactStatus(status), n, start) for i, status, n, start in facts)
    brief = dataclasses.replace(make_brief(), facts=built)
    assert [fact.id for fact in layout_brief(brief).lead] == lead


def test_support_label_outlets_and_reasons() -> None:
    layout = layout_brief(make_brief())
    f1, f5 = (next(f for f in layout.facts if f.id == i) for i in ("f1", "f5"))
    assert layout.support_label(f1) == "3 of 3 outlets, 2 independent"
    assert layout.support_summary(f1) == "3 of 3 outlets, 2 independent: Harbor Gazette, Reuters"
    assert layout.outlet_labels(f1) == (
        "Harbor Gazette",
        "Valley Post (cites Reuters)",
        "Coastline Wire (copies Harbor Gazette)",
    )
    assert "Coastline Wire copies Harbor Gazette" in layout.explanation(f1)
    assert (layout.support_label(f5), layout.explanation(f5)) == ("1 of 3 outlets", "")
    cited = dataclasses.replace(f5, attributed_to="Mayor Elena Voss")
    assert layout.support_label(cited) == "1 of 3 outlets, all citing Mayor Elena Voss"


def test_established_and_disagreements() -> None:
    layout = layout_brief(make_brief())
    assert [fact.id for fact in layout.established] == ["f1", "f3"]
    found = [(fact.id, c.relation.value, c.kind.value) for fact, c in layout.disagreements]
    assert found == [
        ("f2", "contradict", "figure"),
        ("f4", "contradict", "speaker"),
        ("f1", "differ", "modality"),
        ("f3", "differ", "wording"),
    ]


def test_side_support_names_independent_sources_only_when_it_says_more() -> None:
    sides = {c.kind.value: c.sides for fact in make_brief().facts for c in fact.conflicts}
    assert [side_support(side) for side in sides["modality"]] == ["1 independent", ""]
    assert [side_support(side) for side in sides["figure"]] == ["", ""]
    two = dataclasses.replace(sides["figure"][0], outlets=("A", "B"), independent_sources=2)
    assert side_support(two) == "2 independent"
    assert side_support(dataclasses.replace(two, independent_sources=0)) == ""  # not counted


def test_shared_quotes_are_those_two_outlets_carry_or_carry_differently() -> None:
    layout = layout_brief(make_brief())
    shared = [(speaker, u.wordings[0].text[:20]) for speaker, u in layout.shared_quotes]
    assert shared == [
        ("Elena Voss", "We cannot keep a cra"),
        ("Daniel Reyes", "Detours will add abo"),
    ]
    brief = make_brief()
    alone = (dataclasses.replace(brief.quotes[0], variants=()),)
    assert layout_brief(dataclasses.replace(brief, quotes=alone)).shared_quotes == ()


def test_support_note_falls_back_to_the_role() -> None:
    mention = Mention("a3", 0, 3, "The")
    assert support_note(Support("Wire", mention, "Gazette", SupportRole.COPY)) == "copies Gazette"
    assert support_note(Support("Wire", mention, "Wire")) == ""
    assert (
        support_note(Support("Post", mention, "AP", SupportRole.RELAY, note="via AP")) == "via AP"
    )


def test_fact_without_support_counts_its_mentions() -> None:
    layout = layout_brief(make_brief())
    fact = dataclasses.replace(layout.facts[0], support=(), outlets=())
    assert [s.outlet for s in layout.support_of(fact)] == [
        "Harbor Gazette",
        "Valley Post",
        "Coastline Wire",
    ]
    assert layout.support_label(fact) == "3 of 3 outlets, 2 independent"


def test_single_source_grouped_by_outlet_in_text_order() -> None:
    groups = layout_brief(make_brief()).single_source
    assert [group.outlet for group in groups] == ["Harbor Gazette", "Valley Post"]
    assert [[f.id for f in group.facts] for group in groups] == [["f5"], ["f6", "f7"]]


def test_single_source_copy_goes_under_its_original_outlet() -> None:
    brief = make_brief()
    copied = dataclasses.replace(
        brief.facts[0],
        status=FactStatus.SINGLE_SOURCE,
        support=(brief.facts[0].support[2], brief.facts[0].support[0]),
    )
    groups = layout_brief(dataclasses.replace(brief, facts=(copied,))).single_source
    assert [group.outlet for group in groups] == ["Harbor Gazette"]


def test_quotes_by_speaker_group_variants_into_utterances() -> None:
    layout = layout_brief(make_brief())
    assert [(g.speaker, [q.id for q in g.quotes]) for g in layout.quotes] == [
        ("Elena Voss", ["q1", "q5"]),
        ("Daniel Reyes", ["q3", "q4"]),
    ]
    voss = layout.quotes[0].utterances[0]
    assert [(w.text, w.outlets) for w in voss.wordings] == [
        ("We cannot keep a cracked bridge open to 40,000 drivers a day", ("Harbor Gazette",)),
        ("We can't keep a cracked bridge open to 40,000 drivers every day", ("Valley Post",)),
    ]
    assert voss.other_speakers == ()
    detours = layout.quotes[1].utterances[0]
    assert [w.outlets for w in detours.wordings] == [("Valley Post", "Coastline Wire")]
    assert [(a.speaker, a.outlets) for a in detours.other_speakers] == [
        ("Elena Voss", ("Coastline Wire",))
    ]
    assert [q.text for q in layout.scare_quotes] == ["serious but fixable"]
    assert layout.speaker_label("Elena Voss") == "Elena Voss (Mayor)"


def test_utterance_speaker_is_the_one_most_outlets_name() -> None:
    brief = make_brief()
    q3, q4 = (q for q in brief.quotes if q.id in ("q3", "q4"))
    q6 = dataclasses.replace(q4, id="q6", mention=q3.mention, variants=("q3",))
    quotes = (dataclasses.replace(q3, variants=("q4", "q6")), q4, q6)
    groups = layout_brief(dataclasses.replace(brief, quotes=quotes)).quotes
    assert [g.speaker for g in groups] == ["Elena Voss"]
    assert [a.speaker for a in groups[0].utterances[0].other_speakers] == ["Daniel Reyes"]


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
