"""Agencies and credit lines: whose copy an article is, whichever site carries it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsweave.align.agencies import agency_name, copies_from, credited_agency
from newsweave.model import Article
from tests.align.wire_stories import AP_LEAD, ap_story

DAY = dt.date(2026, 4, 14)


def site(text: str, *, author: str | None = None, outlet: str = "Lakeshore Ledger") -> Article:
    return Article(
        "x",
        "x.html",
        text,
        outlet=outlet,
        published=DAY,
        url="https://www.lakeshore-ledger.example/a/1",
        author=author,
    )


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("Reuters", "Reuters"),
        ("Reuters staff", "Reuters"),
        ("Thomson Reuters", "Reuters"),
        ("The Associated Press", "Associated Press"),
        ("By The Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("AP News", "Associated Press"),
        ("via AP", "Associated Press"),
        ("apnews.com", "Associated Press"),
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("Agence France Presse", "AFP"),
        ("Japan", None),
        ("ap", None),  # lower-case "ap" is no credit
        ("The Valdora Observer", None),
        ("Reuters reported", None),
    ],
)
def test_agency_names(name: str, agency: str | None) -> None:
    assert agency_name(name) == agency


@pytest.mark.parametrize(
    ("text", "author", "agency"),
    [
        ("SAN JOSE, Dec 31 (Reuters) - Chipmakers rallied on the last day of the year.", None,
         "Reuters"),
        ("WASHINGTON (AP) — The Senate adjourned without a vote on the bill.", None,
         "Associated Press"),
        ("PARIS (AFP) - Rail workers walked out for a third day.", None, "AFP"),
        ("Rail workers walked out for a third day.", "Agence France-Presse", "AFP"),
        ("Chipmakers rallied on the last day of the year.", "Reuters staff", "Reuters"),
        ("Chipmakers rallied on the last day of the year.", "Jane Okafor, Associated Press",
         "Associated Press"),
        ("By The Associated Press\n\nThe Senate adjourned without a vote.", None,
         "Associated Press"),
        ("The Senate adjourned without a vote on the bill.\n\nvia AP", None, "Associated Press"),
        ("The Senate adjourned without a vote.\n\n— Agence France-Presse", None, "AFP"),
        ("HALVIK (Continental Press Agency) - Talks resumed.", None, "Continental Press Agency"),
    ],
)  # fmt: skip
def test_a_credit_line_or_byline_makes_the_article_the_agency_s_copy(
    text: str, author: str | None, agency: str
) -> None:
    assert credited_agency(site(text, author=author)) == agency


@pytest.mark.parametrize(
    "text",
    [
        "The Senate adjourned without a vote.\n\nThe Associated Press contributed to this report.",
        "Senators leave the chamber on Tuesday. (AP Photo/Jane Okafor)\n\nThe Senate adjourned.",
        "The Senate adjourned, according to Reuters, after a long debate over the budget bill.",
        "Exporters to Japan said the new rules would cost them dearly this year.",
        "The Senate adjourned without a vote.\n\nAdditional reporting by Reuters",
    ],
)
def test_a_partial_credit_or_a_mention_is_not_agency_copy(text: str) -> None:
    assert credited_agency(site(text, author="Mara Lind")) is None


def test_an_agency_s_own_site_is_the_agency() -> None:
    assert credited_agency(ap_story()) == "Associated Press"
    reuters = site("Chipmakers rallied.", outlet="Reuters")
    assert credited_agency(dataclasses.replace(reuters, url="https://www.reuters.com/x")) == (
        "Reuters"
    )


def test_on_the_same_day_the_reprint_crediting_the_agency_copies_its_site() -> None:
    reprint = site("BRENNFORD, Ore. (AP) — " + AP_LEAD)
    origin = ap_story()
    outlets = {reprint.id: "Lakeshore Ledger", origin.id: "AP News"}
    assert copies_from(reprint, origin, outlets)
    assert not copies_from(origin, reprint, outlets)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("(Reuters)\nChipmakers rallied.", "Reuters"),
        ("SAN JOSE, Dec 31 (Reuters) Chipmakers rallied.", "Reuters"),
        ("BRENNFORD, Ore. (AP) The compact was signed.", "Associated Press"),
        ("Watch more! (Reuters)\n\nThe show acknowledged the error.", None),
        ("The ministers met (AFP) in the capital.", None),
    ],
)
def test_a_credit_in_parentheses_counts_after_a_dateline_or_before_a_dash(
    text: str, agency: str | None
) -> None:
    assert credited_agency(site(text)) == agency


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("(Jane Okafor/Reuters)\n\nHow the exchange came to be.", None),
        (
            "Dockers held a rally at the gates on Friday, demanding a wage rise of 6% and an end "
            "to weekend shifts, and the union said it would ballot members next week.\n\n"
            "HALVIK (Reuters) - The port authority said talks would resume.",
            None,
        ),
        (
            "FILE PHOTO: The port of Halvik is seen at dawn, as cranes stand idle during the "
            "strike, in Halvik, Norvenia, March 3, 2026. REUTERS/Jane Okafor/File Photo\n\n"
            "HALVIK (Reuters) - The port authority said talks would resume.",
            "Reuters",
        ),
    ],
)
def test_photo_credits_and_datelines_of_later_passages_are_not_the_article_s_credit(
    text: str, agency: str | None
) -> None:
    assert credited_agency(site(text)) == agency
