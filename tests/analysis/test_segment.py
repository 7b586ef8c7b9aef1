"""Segmentation: offsets, line breaks inside sentences, and segment kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.analysis.segment import classify_line
from newsweave.model import SentenceKind
from tests.builders import make_parsed

STORY = (
    "Harbour Talks Resume After Long Pause\n"
    "By Maren Tolliver\n"
    "Officials from both ports met on Tuesday. The meeting lasted three hours.\n"
    "The U.S.\n"
    "delegation, which arrived late, said the talks were useful.\n"
    "Share this article\n"
    "Leave a Reply\n"
)


def test_offsets_point_into_the_text() -> None:
    parsed = make_parsed(STORY)
    for sentence in parsed.sentences:
        assert STORY[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_line_break_after_abbreviation_stays_inside_the_sentence() -> None:
    texts = [s.text for s in make_parsed(STORY).sentences]
    assert "The U.S.\ndelegation, which arrived late, said the talks were useful." in texts


def test_kinds_of_segments() -> None:
    kinds = {s.text: s.kind for s in make_parsed(STORY).sentences}
    assert kinds["Harbour Talks Resume After Long Pause"] is SentenceKind.HEADING
    assert kinds["By Maren Tolliver"] is SentenceKind.BYLINE
    assert kinds["Share this article"] is SentenceKind.BOILERPLATE
    assert kinds["Leave a Reply"] is SentenceKind.BOILERPLATE
    assert kinds["Officials from both ports met on Tuesday."] is SentenceKind.CLAIM
    assert kinds["The meeting lasted three hours."] is SentenceKind.CLAIM


def test_dateline_is_its_own_segment() -> None:
    text = "Valdora \u2013 March 12, 2026 \u2013 The ministers met for two hours. They agreed."
    sentences = make_parsed(text).sentences
    assert sentences[0].kind is SentenceKind.DATELINE
    assert sentences[0].text == "Valdora \u2013 March 12, 2026 \u2013"
    assert sentences[1].text == "The ministers met for two hours."
    assert sentences[1].kind is SentenceKind.CLAIM


def test_quote_spanning_a_line_break_is_one_sentence() -> None:
    text = 'The minister said: "We will not accept\nthese terms under any condition," and left.\n'
    claims = [s.text for s in make_parsed(text).claim_sentences]
    assert claims == [text.strip()]


def test_paragraph_numbers_follow_lines() -> None:
    parsed = make_parsed("First paragraph here.\nSecond paragraph. Still second.\n")
    assert [s.paragraph for s in parsed.sentences] == [0, 1, 1]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Leave a Reply", SentenceKind.BOILERPLATE),
        ("Subscribe to our newsletter for daily updates", SentenceKind.BOILERPLATE),
        ("Share this article", SentenceKind.BOILERPLATE),
        ("Your email address will not be published.", SentenceKind.BOILERPLATE),
        ("By Maren Tolliver and Jonas Pell", SentenceKind.BYLINE),
        ("Photo: Port workers gather at the gate on Monday", SentenceKind.CAPTION),
        ("Fighting Continues Amid Diplomatic Hopes", SentenceKind.HEADING),
        ("The Stakes of the Harbour Deal", SentenceKind.HEADING),
        ("By the end of the week, both sides had signed.", SentenceKind.CLAIM),
        ("Subsequent talks were held in the capital.", SentenceKind.CLAIM),
        ("The minister spoke for an hour", SentenceKind.CLAIM),
        ("Minister Calls Harbour Talks \u201cProductive\u201d", SentenceKind.HEADING),
        ('The minister called the talks "productive."', SentenceKind.CLAIM),
        ("\u201cWe will not sign,\u201d", SentenceKind.CLAIM),
    ],
)
def test_classify_line(line: str, kind: SentenceKind) -> None:
    assert classify_line(line) is kind


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["The port reopened.", "Talks", "U.S.", "\n", " ", '"', "\u201c", "said", "Share this"]
        ),
        max_size=30,
    )
)
def test_segments_are_exact_ordered_and_disjoint(parts: list[str]) -> None:
    text = " ".join(parts)
    previous_end = 0
    for sentence in make_parsed(text).sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


def test_headings_known_from_markup_or_title() -> None:
    text = (
        "Ministers agree to reopen the rail corridor\n"
        "Will the trains run by spring?\n"
        "The ministers met in Halvik on Thursday.\n"
    )
    parsed = make_parsed(
        text,
        headings=("Will the trains run by spring?",),
        title="Ministers agree to reopen the rail corridor",
    )
    kinds = [s.kind for s in parsed.sentences]
    assert kinds == [SentenceKind.HEADING, SentenceKind.HEADING, SentenceKind.CLAIM]
