"""Outlets: a name from metadata for display, registered domains for identity."""

from __future__ import annotations

from newsweave.model import Article
from newsweave.outlets import outlet_name, registered_domain, same_outlet
from tests.align.wire_stories import example_news_pair, ledger_articles


def test_hosts_of_one_registered_domain_are_one_outlet() -> None:
    us, intl = example_news_pair()
    assert (outlet_name(us), outlet_name(intl)) == ("Example News", "Example News International")
    assert same_outlet(us, intl)
    assert registered_domain("https://edition.cnn.com/2026/04/14/x") == "cnn.com"
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("https://news.harbor-gazette.example/x") == "harbor-gazette.example"


def test_a_host_guessed_as_the_outlet_shows_as_its_registered_domain() -> None:
    guessed = Article(
        "a",
        "a.html",
        "t",
        outlet="edition.example-news.com",
        url="https://edition.example-news.com/x",
    )
    assert outlet_name(guessed) == "example-news.com"
    bare = Article("b", "https://www.example-news.com/y", "t")
    assert outlet_name(bare) == "example-news.com"
    assert same_outlet(guessed, bare)


def test_different_sites_are_different_outlets_and_names_still_join() -> None:
    ledger = ledger_articles()[0]
    us = example_news_pair()[0]
    assert not same_outlet(ledger, us)
    no_url = Article("c", "c.txt", "t", outlet="The Example News")
    assert same_outlet(no_url, us)  # "The Example News" and "Example News" are one name
