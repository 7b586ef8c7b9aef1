"""Relayed claims: which credited names are news organisations, with exact spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.align.relay import find_relay, is_news_name, match_outlet, outlet_key, relays_in_run
from newsweave.model import Sentence
from tests.align.claim_builders import article, claims_of

PREFIX = "HALVIK, Oct 17 - "


def sentence_at(text: str, offset: int = len(PREFIX)) -> Sentence:
    return Sentence("d1", 3, offset, offset + len(text), text)


# (sentence, credit phrase, origin)
CREDITED = [
    ("The talks ended without a deal, according to Reuters.", "according to Reuters", "Reuters"),
    (
        "As first reported by The Washington Post, the plan would cut aid by a third.",
        "As first reported by The Washington Post",
        "The Washington Post",
    ),
    (
        "The envoy's plan was first reported by the Valdora Observer on Monday.",
        "first reported by the Valdora Observer",
        "Valdora Observer",
    ),
    (
        "The port minister told CBS News that the bridge would reopen in May.",
        "told CBS News",
        "CBS News",
    ),
    ("Axios reported that the envoy had left Geneva late on Tuesday.", "Axios reported", "Axios"),
    (
        "According to the Harbor Gazette, the mayor resigned after the vote.",
        "According to the Harbor Gazette",
        "Harbor Gazette",
    ),
    (
        "Citing Bloomberg, the paper said a merger was close.",
        "Citing Bloomberg",
        "Bloomberg",
    ),
    (
        "The ministry said, according to TASS, that the talks were useful.",
        "according to TASS",
        "TASS",
    ),
    (
        "The letter, obtained by NBC News, sets out the terms of the truce.",
        "obtained by NBC News",
        "NBC News",
    ),
    (
        "The Associated Press reported the result of the vote on Tuesday.",
        "The Associated Press reported",
        "Associated Press",
    ),
    (
        "He said in an interview with the BBC that he would stay in office.",
        "in an interview with the BBC",
        "BBC",
    ),
    # Two outlets credited together: the first is the origin.
    (
        "Officials told The New York Times and Reuters that a deal was close.",
        "told The New York Times",
        "The New York Times",
    ),
    ("Reuters and AFP reported the strike on the depot.", "Reuters and AFP reported", "Reuters"),
    # Words that open the sentence are not part of the outlet's name.
    (
        "On Monday The Washington Post reported that the envoy had resigned.",
        "The Washington Post reported",
        "The Washington Post",
    ),
    # Hard-wrapped plain text: the phrase keeps the line break, the name reads as one line.
    (
        "The pier will close, according to The Washington\nPost, for a year.",
        "according to The Washington\nPost",
        "The Washington Post",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "origin"), CREDITED)
def test_credited_outlets_are_found_with_exact_spans(text: str, phrase: str, origin: str) -> None:
    full = PREFIX + text
    found = find_relay(sentence_at(text))
    assert found is not None
    mention, name = found
    assert name == origin
    assert mention.text == phrase
    assert full[mention.start : mention.end] == mention.text
    assert mention.document == "d1"


NOT_CREDITED = [
    "The ceasefire held overnight, according to officials.",
    "The strikes hit three cities, according to the Kremlin.",
    "Casualties rose sharply, according to Ukraine's defence ministry.",
    "The envoy told reporters that talks would resume on Monday.",
    "The bridge will reopen in May, according to White House Press Secretary Anna Bell.",
    "The mayor told residents that the harbour would stay open.",
    "According to the latest figures, exports fell by a fifth.",
    "Prices rose, the central bank reported on Friday.",
]


@pytest.mark.parametrize("text", NOT_CREDITED)
def test_sourcing_that_is_not_a_news_outlet_is_not_a_relay(text: str) -> None:
    assert find_relay(sentence_at(text)) is None


def test_the_first_credit_in_the_sentence_wins() -> None:
    text = "Citing Reuters, the paper said that, according to Bloomberg, talks had stalled."
    found = find_relay(sentence_at(text, 0))
    assert found is not None
    assert found[1] == "Reuters"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The New York Times", "new york times"),
        ("the Guardian", "guardian"),
        ("  The   Hill ", "hill"),
        ("Agence France-Presse", "agence france presse"),
        ("Süddeutsche Zeitung", "suddeutsche zeitung"),
        ("AP", "ap"),
        ("Theater Weekly", "theater weekly"),
        ("", ""),
    ],
)
def test_outlet_key(name: str, key: str) -> None:
    assert outlet_key(name) == key


@given(st.text(max_size=40))
def test_outlet_key_is_idempotent(name: str) -> None:
    assert outlet_key(outlet_key(name)) == outlet_key(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Reuters", True),
        ("the Valdora Observer", True),
        ("Harbor Gazette", True),
        ("Le Monde", True),
        ("the Kremlin", False),
        ("Ukraine's defence ministry", False),
        ("Press Secretary Anna Bell", False),
    ],
)
def test_is_news_name(name: str, expected: bool) -> None:
    assert is_news_name(name) is expected


def test_match_outlet_finds_the_runs_outlet_by_a_short_name() -> None:
    outlets = ["Harbor Gazette", "The Valdora Observer"]
    assert match_outlet("the Observer", outlets) == "The Valdora Observer"
    assert match_outlet("Valdora Observer", outlets) == "The Valdora Observer"
    assert match_outlet("Reuters", outlets) is None
    assert match_outlet("", outlets) is None


def test_relays_in_run_resolve_to_run_outlets_and_drop_self_credit() -> None:
    gazette = article(
        "g", "Harbor Gazette", "The mayor resigned, according to the Valdora Observer."
    )
    observer = article(
        "o", "The Valdora Observer", "The mayor told the Valdora Observer that she would resign."
    )
    wire = article("w", "Coast News", "Dock workers walked out, according to Reuters.")
    claims = claims_of(gazette, observer, wire)
    outlets = {"g": "Harbor Gazette", "o": "The Valdora Observer", "w": "Coast News"}
    resolved = relays_in_run(claims, outlets)
    assert [c.relay_origin for c in resolved] == ["The Valdora Observer", None, "Reuters"]
    assert resolved[1].relay is None
    assert resolved[0].relay is not None
    assert resolved[0].relay.text == "according to the Valdora Observer"
