"""One utterance quoted by several outlets: variants, wording and speaker conflicts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.quote_groups import group_quotes, same_utterance
from newsweave.model import Attribution, ConflictKind, Quote
from tests.align.claim_builders import quote

OUTLETS = {"g": "Harbor Gazette", "o": "Valdora Observer", "c": "Morning Courier"}

VERY_USEFUL = "It was a very useful meeting, and we agreed to meet again in Geneva next month"
MOST_USEFUL = "It was a most useful meeting, and we agreed to meet once more in Geneva next month"


def test_a_translation_variant_is_one_utterance_with_a_wording_conflict() -> None:
    quotes = [
        quote("q1", VERY_USEFUL, document="g", speaker="Irina Volkova"),
        quote("q2", MOST_USEFUL, document="o", speaker="Irina Volkova"),
    ]
    grouped = group_quotes(quotes, OUTLETS)
    assert [q.variants for q in grouped.quotes] == [("q2",), ("q1",)]
    (conflict,) = grouped.conflicts
    assert conflict.kind is ConflictKind.WORDING
    assert not conflict.disputes
    assert [s.value for s in conflict.sides] == [VERY_USEFUL, MOST_USEFUL]
    assert [s.outlets for s in conflict.sides] == [("Harbor Gazette",), ("Valdora Observer",)]
    assert conflict.summary.startswith("worded differently: ")


def test_a_partial_quote_is_a_variant_but_not_a_wording_conflict() -> None:
    quotes = [
        quote("q1", VERY_USEFUL, document="g", speaker="Irina Volkova"),
        quote("q2", "agreed to meet again in Geneva next month", document="o"),
    ]
    grouped = group_quotes(quotes, OUTLETS)
    assert [q.variants for q in grouped.quotes] == [("q2",), ("q1",)]
    assert grouped.conflicts == ()


def test_the_same_wording_in_two_outlets_is_no_conflict() -> None:
    quotes = [
        quote("q1", VERY_USEFUL, document="g", speaker="Irina Volkova"),
        quote("q2", VERY_USEFUL + ".", document="o", speaker="Irina Volkova"),
    ]
    grouped = group_quotes(quotes, OUTLETS)
    assert grouped.quotes[0].variants == ("q2",)
    assert grouped.conflicts == ()


SAME_WORDS = "We will not sign any agreement that gives away a single harbour"


def test_the_same_words_from_two_resolved_speakers_is_a_speaker_conflict() -> None:
    quotes = [
        quote("q1", SAME_WORDS, document="g", speaker="Irina Volkova"),
        quote("q2", SAME_WORDS, document="o", speaker="Anton Berg"),
    ]
    (conflict,) = group_quotes(quotes, OUTLETS).conflicts
    assert conflict.kind is ConflictKind.SPEAKER
    assert conflict.disputes
    assert [s.value for s in conflict.sides] == ["Irina Volkova", "Anton Berg"]
    assert [s.outlets for s in conflict.sides] == [("Harbor Gazette",), ("Valdora Observer",)]
    # Each side points at the quote and at the speaker's name.
    assert [m.text for m in conflict.sides[1].mentions] == [SAME_WORDS, "Anton Berg"]
    assert "is attributed to Irina Volkova (Harbor Gazette) and to Anton Berg" in conflict.summary


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        # A pronoun's antecedent is a guess: not enough to accuse an outlet.
        (SAME_WORDS, Attribution.PRONOUN),
        # Five words: two people may well say them.
        ("We want peace harbour workers", Attribution.SAME_SENTENCE),
    ],
)
def test_no_speaker_conflict_without_a_reliable_attribution_of_a_long_quote(
    text: str, attribution: Attribution
) -> None:
    quotes = [
        quote("q1", text, document="g", speaker="Irina Volkova"),
        quote("q2", text, document="o", speaker="Anton Berg", attribution=attribution),
    ]
    grouped = group_quotes(quotes, OUTLETS)
    assert grouped.quotes[0].variants == ("q2",)
    assert ConflictKind.SPEAKER not in [c.kind for c in grouped.conflicts]


def test_two_speakers_in_one_document_are_no_speaker_conflict() -> None:
    quotes = [
        quote("q1", SAME_WORDS, document="g", speaker="Irina Volkova"),
        quote("q2", SAME_WORDS, document="g", speaker="Anton Berg"),
    ]
    assert group_quotes(quotes, OUTLETS).conflicts == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("productive", "productive"),
        ("a good deal", "a good deal"),
        ("very productive talks", "very productive talks"),
        ("We will not sign the deal", "We will sign a new deal on grain"),
        (
            "The harbour will reopen when the union accepts the offer",
            "Our members will never accept an offer that cuts their pay",
        ),
    ],
)
def test_short_phrases_and_different_remarks_are_not_one_utterance(a: str, b: str) -> None:
    assert not same_utterance(a, b)


def test_short_scare_quotes_are_never_grouped() -> None:
    quotes = [
        quote("q1", "very useful talks", document="g", is_statement=False),
        quote("q2", "very useful talks", document="o"),
    ]
    assert [q.variants for q in group_quotes(quotes, OUTLETS).quotes] == [(), ()]


def test_a_quoted_phrase_worded_with_one_other_word_is_a_variant() -> None:
    quotes = [
        quote("q1", "extremely frank and trustful", document="g", is_statement=False),
        quote("q2", "The talks were useful, yet also extremely frank and confidential",
              document="o"),
        quote("q3", "the talks with Korvask", document="c", is_statement=False),
        quote("q4", "the talks with Valdora were long", document="c"),
    ]  # fmt: skip
    grouped = group_quotes(quotes, OUTLETS)
    assert [q.variants for q in grouped.quotes] == [("q2",), ("q1",), (), ()]
    assert [c.kind for c in grouped.conflicts] == [ConflictKind.WORDING]


def test_variants_chain_into_one_utterance() -> None:
    quotes = [
        quote("q1", VERY_USEFUL, document="g"),
        quote("q2", MOST_USEFUL, document="o"),
        quote("q3", "agreed to meet once more in Geneva", document="c"),
        quote("q4", "The dockers will strike again on Monday morning", document="c"),
    ]
    grouped = group_quotes(quotes, OUTLETS)
    assert [set(q.variants) for q in grouped.quotes] == [
        {"q2", "q3"},
        {"q1", "q3"},
        {"q1", "q2"},
        set(),
    ]


WORDS = ["harbour", "strike", "union", "offer", "pay", "geneva", "meeting", "useful", "we", "the"]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join)


@given(phrases, phrases)
def test_same_utterance_is_symmetric(a: str, b: str) -> None:
    assert same_utterance(a, b) == same_utterance(b, a)


@given(phrases)
def test_a_long_enough_quote_is_the_same_utterance_as_itself(a: str) -> None:
    distinct = {w for w in a.split() if w not in ("we", "the")}
    assert same_utterance(a, a) == (len(distinct) >= 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(phrases, st.sampled_from(sorted(OUTLETS))), max_size=8))
def test_variants_are_symmetric_and_never_list_the_quote_itself(
    drawn: list[tuple[str, str]],
) -> None:
    quotes = [quote(f"q{n}", text, document=doc) for n, (text, doc) in enumerate(drawn)]
    grouped = group_quotes(quotes, OUTLETS)
    by_id: dict[str, Quote] = {q.id: q for q in grouped.quotes}
    assert [q.id for q in grouped.quotes] == [q.id for q in quotes]
    for q in grouped.quotes:
        assert q.id not in q.variants
        for other in q.variants:
            assert q.id in by_id[other].variants


def test_a_quote_joined_from_fragments_is_a_variant_of_the_whole_quote_elsewhere() -> None:
    """ "“We are ready,” he said, “to …”" is one quote; another outlet's wording still groups."""
    from tests.analysis.test_quotes import quotes_of

    (joined,) = quotes_of(
        "“We are ready,” Irina Volkova said, “to reopen the harbour talks in Geneva next month.”"
    )
    whole = quote(
        "q2",
        "We are ready to reopen the harbour negotiations in Geneva next month",
        document="o",
        speaker="Irina Volkova",
    )
    grouped = group_quotes([joined, whole], OUTLETS)
    assert [q.variants for q in grouped.quotes] == [("q2",), (joined.id,)]
