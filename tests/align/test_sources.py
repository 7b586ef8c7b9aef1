"""The source comparison: profiles per outlet, pairwise overlap, relays."""

from __future__ import annotations

from newsweave.align.sources import compare_sources
from newsweave.model import Fact, FactStatus, Mention, Support
from tests.align.claim_builders import article, claims_of


def fact(fact_id: str, *outlets: str) -> Fact:
    support = tuple(
        Support(outlet, Mention(outlet[0].lower(), 0, 4, "Port"), outlet) for outlet in outlets
    )
    return Fact(
        fact_id, "Port", FactStatus.SINGLE_SOURCE, len(outlets), (), "", outlets, (), support
    )


def test_profiles_overlap_and_relays() -> None:
    docs = [
        article("g", "Harbor Gazette", "Port workers struck, according to Reuters."),
        article("o", "Valdora Observer", "Port workers struck on Friday."),
        article("h", "Harbor Gazette", "Port workers voted on Monday."),
    ]
    outlets = {d.id: d.outlet or "" for d in docs}
    facts = [fact("f1", "Harbor Gazette", "Valdora Observer"), fact("f2", "Harbor Gazette")]
    compared = compare_sources(facts, docs, outlets, [], claims_of(*docs))
    gazette, observer = compared.outlets
    assert (gazette.outlet, gazette.documents, gazette.facts) == (
        "Harbor Gazette",
        ("g", "h"),
        ("f1", "f2"),
    )
    assert gazette.exclusive == ("f2",)
    assert (observer.facts, observer.exclusive) == (("f1",), ())
    assert [(o.outlets, o.shared_facts) for o in compared.overlap] == [
        (("Harbor Gazette", "Valdora Observer"), 1)
    ]
    (relay,) = compared.relays
    assert (relay.outlet, relay.origin, relay.mention.text) == (
        "Harbor Gazette",
        "Reuters",
        "according to Reuters",
    )
