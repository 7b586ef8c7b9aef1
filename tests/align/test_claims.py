"""Claim features: content words, negation of the main verb, the relay, short fragments dropped."""

from __future__ import annotations

import pytest

from newsweave.align.claims import content_words, embed_claims, extract_claims
from newsweave.model import ArticleAnalysis
from tests.builders import make_parsed


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The talks did not produce a deal.", True),
        ("The envoy never met the rebel commander.", True),
        ("The ministry said the ceasefire had not been broken.", True),
        ("The talks produced a deal.", False),
        ("No one was hurt in the blast, police said.", False),
        ("The strike, which began on Monday, ended on Friday.", False),
    ],
)
def test_negation_of_the_main_verb(text: str, negated: bool) -> None:
    (claim,) = extract_claims(make_parsed(text))
    assert claim.negated is negated


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
    assert [c.sentence.text for c in claims] == [
        "Port workers in Halvik ended their strike on Friday, according to Reuters.",
        "The union said members would vote on the offer next week.",
    ]
    first = claims[0]
    assert first.relay_origin == "Reuters"
    assert first.relay is not None
    assert text[first.relay.start : first.relay.end] == first.relay.text == "according to Reuters"
    assert claims[1].relay is None
    assert all(len(c.vector) == 384 * 4 for c in claims)


def test_content_words_drop_stop_negation_and_reporting_words() -> None:
    assert content_words("The union said it would not accept the offer.") == frozenset(
        {"union", "accept", "offer"}
    )
