"""Claims: one assertion per clause, with predicate, negation, modality, attribution and spans.

Conformance tables of invented sentences: what each sentence asserts, and what is not a claim.
"""

from __future__ import annotations

import pytest

from newsweave.align.claims import content_words, embed_claims, extract_claims
from newsweave.align.static_embed import DIMENSIONS as STATIC_DIMENSIONS
from newsweave.model import ArticleAnalysis, Claim, ClaimForm, Modality
from tests.builders import make_parsed


def claims_of(text: str) -> tuple[Claim, ...]:
    return extract_claims(make_parsed(text))


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The talks did not produce a deal.", True),
        ("The envoy never met the rebel commander.", True),
        ("The ministry said the ceasefire had not been broken.", True),
        ("The talks produced a deal.", False),
        ("No one was hurt in the blast, police said.", True),
        ("No date has been set for the second round of talks.", True),
        ("Several dates were proposed for the second round of talks.", False),
    ],
)
def test_negation_of_the_claim(text: str, negated: bool) -> None:
    (claim,) = claims_of(text)
    assert claim.negated is negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The four-hour meeting, requested by the mayor of Halvik, ended the dispute over "
            "the harbour fees.",
            [
                "The four-hour meeting requested by the mayor of Halvik",
                "The four-hour meeting ended the dispute over the harbour fees",
            ],
        ),
        (
            "Rebels shelled the depot overnight and cut the road to Ostrava.",
            ["Rebels shelled the depot overnight", "Rebels cut the road to Ostrava"],
        ),
        (
            "The ferry, which sank near Korvask on Sunday, carried 212 passengers.",
            ["The ferry sank near Korvask on Sunday", "The ferry carried 212 passengers"],
        ),
        (
            "Evacuations from the port resumed on Friday, following twin bomb attacks at the gate.",
            [
                "Evacuations from the port resumed on Friday",
                "following twin bomb attacks at the gate",
            ],
        ),
        (
            "Interior minister Hanna Roe, a former police chief, resigned on Tuesday.",
            [
                "Interior minister Hanna Roe, a former police chief",
                "Interior minister Hanna Roe resigned on Tuesday",
            ],
        ),
    ],
)
def test_a_sentence_gives_one_claim_per_assertion(text: str, expected: list[str]) -> None:
    assert sorted(c.text for c in claims_of(text)) == sorted(expected)


def test_spans_point_into_the_text_and_pieces_exclude_nested_claims() -> None:
    text = "The ferry, which sank near Korvask on Sunday, carried 212 passengers."
    parsed = make_parsed(text)
    by_text = {c.text: c for c in extract_claims(parsed)}
    main = by_text["The ferry carried 212 passengers"]
    assert text[main.span.start : main.span.end] == main.span.text
    sunday = text.index("Sunday")
    assert not main.covers(sunday, sunday + 6)
    assert by_text["The ferry sank near Korvask on Sunday"].covers(sunday, sunday + 6)


def test_a_reporting_verbs_date_stays_in_the_frame() -> None:
    text = "Investigators said Monday that the airliner crashed shortly after takeoff."
    (claim,) = claims_of(text)
    assert claim.text == "the airliner crashed shortly after takeoff"
    assert claim.form is ClaimForm.REPORTED
    assert claim.attribution is not None and claim.attribution.text == "Investigators"
    monday = text.index("Monday")
    assert not claim.covers(monday, monday + 6)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The blockade will end on Friday, port director Ilse Brandt said.",
            "port director Ilse Brandt",
        ),
        ("The blockade, Brandt said, will end on Friday.", "Brandt"),
        ("The blockade will end on Friday, according to the port authority.", "the port authority"),
        ("Officials believe the blockade will end on Friday.", "Officials"),
    ],
)
def test_attribution(text: str, speaker: str) -> None:
    (claim,) = [c for c in claims_of(text) if "blockade" in c.text]
    assert claim.attribution is not None and claim.attribution.text == speaker
    assert "according" not in claim.text and "said" not in claim.text


@pytest.mark.parametrize(
    ("text", "modality", "predicate"),
    [
        ("The summit is expected to take place in Halvik.", Modality.EXPECTED, "take"),
        ("The ministers will meet in Halvik next week.", Modality.EXPECTED, "meet"),
        ("The strike could spread to other ports.", Modality.POSSIBLE, "spread"),
        ("The minister reportedly offered his resignation.", Modality.HEDGED, "offer"),
        ("The ministers met in Halvik on Monday.", Modality.ASSERTED, "meet"),
    ],
)
def test_modality_and_predicate(text: str, modality: Modality, predicate: str) -> None:
    (claim,) = claims_of(text)
    assert (claim.modality, claim.predicate) == (modality, predicate)


@pytest.mark.parametrize(
    "text",
    [
        "Will the ceasefire hold?",
        "What comes next remains to be seen.",
        "The whole region holds its breath.",
        "It is unclear.",
        "Sign up for our morning newsletter.",
        "We should all ask ourselves what this means.",
        "Kremlin officials said.",
    ],
)
def test_not_claims(text: str) -> None:
    assert claims_of(text) == ()


def test_a_datelines_credit_is_not_a_claim_but_an_apposition_is() -> None:
    credit = "HALVIK (Continental Press Agency) - The two ministers met on Thursday in the palace."
    assert [c.form for c in claims_of(credit)] == [ClaimForm.CLAUSE]
    named = "NATO (the North Atlantic Treaty Organization) will send four ships to the strait."
    assert ClaimForm.APPOSITION in [c.form for c in claims_of(named)]


def test_a_quoted_statement_is_a_claim_attributed_to_its_speaker() -> None:
    (claim,) = claims_of('"We need more ferries before winter," the mayor said.')
    assert claim.text == "We need more ferries before winter"
    assert claim.attribution is not None and claim.attribution.text == "the mayor"


def test_claims_carry_their_sentence_relay_and_vector() -> None:
    text = (
        "Port workers in Halvik ended their strike on Friday, according to Reuters.\n\n"
        '"Yes."\n\n'
        "The union said members would vote on the offer next week."
    )
    parsed = make_parsed(text, id="d7")
    claims = extract_claims(parsed)
    assert all(c.vector == b"" for c in claims)  # embedded later, several articles at once
    analysis = ArticleAnalysis(parsed.article, parsed.sentences, (), (), (), (), claims)
    claims = embed_claims([analysis])[0].claims
    assert [c.text for c in claims] == [
        "Port workers in Halvik ended their strike on Friday",
        "members would vote on the offer next week",
    ]
    assert [c.id for c in claims] == ["d7#c0", "d7#c1"]
    first = claims[0]
    assert first.relay_origin == "Reuters"
    assert first.relay is not None
    assert text[first.relay.start : first.relay.end] == first.relay.text == "according to Reuters"
    assert claims[1].relay is None
    assert all(len(c.vector) == STATIC_DIMENSIONS * 4 for c in claims)


def test_content_words_drop_stop_negation_and_reporting_words() -> None:
    assert content_words("The union said it would not accept the offer.") == frozenset(
        {"union", "accept", "offer"}
    )
