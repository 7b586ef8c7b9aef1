"""Independent support: copies, relays and one outlet's documents each count once."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.copying import find_copies
from newsweave.align.independence import SupportInput, count_support, earliest_first, explain
from newsweave.align.relay import relays_in_run
from newsweave.model import Article, Support, SupportRole
from newsweave.outlets import outlet_name
from tests.align.claim_builders import article, claims_of
from tests.align.wire_stories import (
    ap_reprints,
    ap_story,
    example_news_pair,
    gazette_reuters,
    ledger_articles,
    paragraph_copy,
    reuters_story,
    speech_reports,
)

OCT_16, OCT_17 = dt.date(2025, 10, 16), dt.date(2025, 10, 17)
NO_COPIES: frozenset[tuple[int, int]] = frozenset()
NO_DERIVED: frozenset[tuple[str, str]] = frozenset()


def inputs(*docs: Article, resolve: bool = False) -> list[SupportInput]:
    """One support per article (its first sentence), earliest first."""
    outlets = {d.id: d.outlet or d.id for d in docs}
    claims = claims_of(*docs)
    if resolve:
        claims = relays_in_run(claims, outlets)
    by_id = {d.id: d for d in docs}
    items = [
        SupportInput(n, c, by_id[c.sentence.document], outlets[c.sentence.document], 0.9)
        for n, c in enumerate(claims)
    ]
    return earliest_first(items)


def test_three_outlets_reporting_on_their_own_are_three_sources() -> None:
    items = inputs(
        article("a", "Harbor Gazette", "The port reopened on Friday."),
        article("b", "Valdora Observer", "Dockers returned to work on Friday."),
        article("c", "Coast News", "The harbour was open again by Friday."),
    )
    support = count_support(items, NO_COPIES, NO_DERIVED)
    count, reason = explain(support)
    assert count == 3
    assert reason == "3 independent sources (Harbor Gazette, Valdora Observer, Coast News)"
    assert all(s.role is SupportRole.ORIGINAL and s.note == "" for s in support)


def test_a_copied_claim_counts_with_its_origin() -> None:
    items = inputs(
        article("wire", "Continental Press Agency", "The port reopened on Friday.", OCT_16),
        article("gaz", "Harbor Gazette", "The port reopened on Friday.", OCT_17),
    )
    support = count_support(items, frozenset({(0, 1)}), NO_DERIVED)
    count, reason = explain(support)
    assert count == 1
    copy = next(s for s in support if s.outlet == "Harbor Gazette")
    assert copy.role is SupportRole.COPY
    assert copy.origin == "Continental Press Agency"
    assert copy.note == "copies Continental Press Agency"
    assert reason == (
        "2 outlets, one source: Continental Press Agency; "
        "Harbor Gazette copies Continental Press Agency"
    )


def test_a_claim_of_a_derived_article_counts_with_its_origin() -> None:
    items = inputs(
        article("wire", "Continental Press Agency", "The port reopened on Friday.", OCT_16),
        article("gaz", "Harbor Gazette", "Dock gates opened again on Friday.", OCT_17),
        article("obs", "Valdora Observer", "The harbour was back at work on Friday.", OCT_17),
    )
    support = count_support(items, NO_COPIES, frozenset({("gaz", "wire")}))
    count, reason = explain(support)
    assert count == 2
    assert "Harbor Gazette copies Continental Press Agency" in reason


def test_outlets_relaying_the_same_agency_count_once_for_it() -> None:
    items = inputs(
        article("a", "Harbor Gazette", "The port reopened on Friday, according to Reuters."),
        article("b", "Valdora Observer", "Reuters reported that the port reopened on Friday."),
    )
    support = count_support(items, NO_COPIES, NO_DERIVED)
    count, reason = explain(support)
    assert count == 1
    assert {s.origin for s in support} == {"Reuters"}
    assert all(s.role is SupportRole.RELAY and s.note == "cites Reuters" for s in support)
    assert reason.startswith("2 outlets, one source: Reuters")
    assert "Harbor Gazette cites Reuters" in reason


def test_a_relay_counts_for_the_organisation_named_not_the_outlet() -> None:
    items = inputs(
        article("a", "Harbor Gazette", "The port reopened on Friday."),
        article("b", "Valdora Observer", "The port reopened on Friday, according to Reuters."),
    )
    support = count_support(items, NO_COPIES, NO_DERIVED)
    assert explain(support)[0] == 2
    assert [s.origin for s in support] == ["Harbor Gazette", "Reuters"]


def test_a_relay_to_an_outlet_of_the_run_joins_that_outlet() -> None:
    items = inputs(
        article("a", "The Valdora Observer", "The mayor resigned on Friday.", OCT_16),
        article("b", "Harbor Gazette", "The mayor resigned, the Observer reported.", OCT_17),
        resolve=True,
    )
    support = count_support(items, NO_COPIES, NO_DERIVED)
    count, reason = explain(support)
    assert count == 1
    assert [s.origin for s in support] == ["The Valdora Observer"] * 2
    assert support[1].role is SupportRole.RELAY
    assert "Harbor Gazette cites The Valdora Observer" in reason


def test_two_documents_of_one_outlet_count_once() -> None:
    items = inputs(
        article("a1", "Harbor Gazette", "The port reopened on Friday.", OCT_16),
        article("a2", "Harbor Gazette", "Dockers went back to work on Friday.", OCT_17),
    )
    support = count_support(items, NO_COPIES, NO_DERIVED)
    assert explain(support) == (1, "reported only by Harbor Gazette")
    assert all(s.role is SupportRole.ORIGINAL for s in support)


def test_earliest_first_puts_undated_last_and_keeps_input_order_on_ties() -> None:
    items = inputs(
        article("u", "Coast News", "The port reopened.", None),
        article("b", "Valdora Observer", "The port reopened.", OCT_17),
        article("a", "Harbor Gazette", "The port reopened.", OCT_17),
        article("w", "Continental Press Agency", "The port reopened.", OCT_16),
    )
    assert [i.article.id for i in items] == ["w", "b", "a", "u"]


OUTLETS = ["Harbor Gazette", "Valdora Observer", "Coast News", "Morning Courier", "Isle Times"]
SENTENCES = [
    "The port reopened on Friday.",
    "The port reopened on Friday, according to Reuters.",
    "The port reopened on Friday, according to the Valdora Observer.",
    "AFP reported that the port reopened on Friday.",
]


@st.composite
def support_cases(
    draw: st.DrawFn,
) -> tuple[list[SupportInput], frozenset[tuple[int, int]], frozenset[tuple[str, str]]]:
    """Up to six documents of up to five outlets, with random copies and derived pairs."""
    size = draw(st.integers(1, 6))
    docs = [
        article(
            f"d{n}",
            draw(st.sampled_from(OUTLETS)),
            draw(st.sampled_from(SENTENCES)),
            OCT_17,
        )
        for n in range(size)
    ]
    pairs = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))
    copied = frozenset((min(p), max(p)) for p in draw(st.lists(pairs, max_size=3)) if p[0] != p[1])
    derived = frozenset((f"d{a}", f"d{b}") for a, b in draw(st.lists(pairs, max_size=2)) if a != b)
    return inputs(*docs, resolve=True), copied, derived


@settings(max_examples=60, deadline=None)
@given(support_cases())
def test_the_count_is_between_one_and_the_number_of_sources_named(
    case: tuple[list[SupportInput], frozenset[tuple[int, int]], frozenset[tuple[str, str]]],
) -> None:
    items, copied, derived = case
    count, reason = explain(count_support(items, copied, derived))
    outlets = {i.outlet for i in items}
    named = outlets | {i.claim.relay_origin for i in items if i.claim.relay_origin}
    assert 1 <= count <= min(len(named), len(items))
    if all(i.claim.relay_origin is None for i in items):
        assert count <= len(outlets)
    assert reason


@settings(max_examples=60, deadline=None)
@given(support_cases(), st.randoms(use_true_random=False))
def test_the_order_of_items_of_one_date_does_not_change_the_count(
    case: tuple[list[SupportInput], frozenset[tuple[int, int]], frozenset[tuple[str, str]]],
    shuffler: random.Random,
) -> None:
    items, copied, derived = case
    shuffled = list(items)
    shuffler.shuffle(shuffled)
    expected = explain(count_support(items, copied, derived))[0]
    assert explain(count_support(shuffled, copied, derived))[0] == expected


def test_one_outlet_relaying_an_agency_is_reported_only_by_it_citing_the_agency() -> None:
    items = inputs(
        article("a", "Harbor Gazette", "The port reopened, according to Reuters.", OCT_16)
    )
    support = count_support(items, NO_COPIES, NO_DERIVED)
    assert explain(support) == (1, "reported only by Harbor Gazette; Harbor Gazette cites Reuters")
    assert support[0].origin == "Reuters"


# --- wire copy, agencies and outlets (tests/align/wire_stories.py) ----------------------------


def count_fact(
    docs: Sequence[Article], needles: dict[str, str], *, copies: bool = True
) -> tuple[tuple[int, str], tuple[Support, ...]]:
    """The count of one fact made of the claim containing ``needles[doc]`` in each document,
    with the copies ``find_copies`` finds among all claims of ``docs``."""
    claims = claims_of(*docs)
    found = find_copies(claims, [], docs)
    by_id = {d.id: d for d in docs}
    items = [
        SupportInput(n, c, by_id[doc], outlet_name(by_id[doc]), 0.9)
        for n, c in enumerate(claims)
        if (doc := c.sentence.document) in needles and needles[doc] in c.sentence.text
    ]
    assert {i.article.id for i in items} == set(needles)
    pairs, derived = (found.claim_pairs, found.derived) if copies else (NO_COPIES, NO_DERIVED)
    support = count_support(earliest_first(items), pairs, derived)
    return explain(support), support


SIGNED_AP = "signed the Sallis Basin Water Compact"
SIGNED_REUTERS = "put their names on Tuesday"


def test_an_agency_story_and_three_verbatim_reprints_are_one_source() -> None:
    docs = [ap_story(), *ap_reprints()]
    (count, reason), support = count_fact(docs, {d.id: SIGNED_AP for d in docs})
    assert count == 1
    assert reason.startswith("4 outlets, one source: Associated Press")
    assert {s.origin for s in support} == {"Associated Press"}
    roles = {s.outlet: (s.role, s.note) for s in support}
    assert roles["AP News"] == (SupportRole.ORIGINAL, "")
    for outlet in ("Coastline Sentinel", "Valley Register", "Pinecrest Daily Star"):
        assert roles[outlet] == (SupportRole.COPY, "copies Associated Press")


def test_credit_lines_join_agency_copy_and_copy_detection_joins_the_uncredited_reprint() -> None:
    docs = [ap_story(), *ap_reprints()]
    (count, _), support = count_fact(docs, {d.id: SIGNED_AP for d in docs}, copies=False)
    # Without copy detection the uncredited reprint (no dateline, no byline) stands alone.
    assert count == 2
    alone = next(s for s in support if s.outlet == "Valley Register")
    assert alone.origin == "Valley Register"


def test_agency_copies_on_one_site_count_for_their_agencies_not_the_site() -> None:
    docs = [ap_story(), reuters_story(), *ledger_articles(), gazette_reuters()]
    ledger_ap, ledger_reuters = ledger_articles()
    assert outlet_name(ledger_ap) == outlet_name(ledger_reuters)  # one site carries both
    needles = {
        "ap-compact": SIGNED_AP,
        "ledger-ap": SIGNED_AP,
        "reuters-compact": SIGNED_REUTERS,
        "ledger-reuters": SIGNED_REUTERS,
        "gazette-reuters": SIGNED_REUTERS,
    }
    (count, reason), support = count_fact(docs, needles)
    assert count == 2
    assert reason.startswith("2 independent sources (Associated Press, Reuters)")
    origin = {s.mention.document: s.origin for s in support}
    assert origin == {
        "ap-compact": "Associated Press",
        "ledger-ap": "Associated Press",
        "reuters-compact": "Reuters",
        "ledger-reuters": "Reuters",
        "gazette-reuters": "Reuters",
    }


def test_an_agency_reprint_is_not_joined_with_the_site_s_own_reporting() -> None:
    own = Article(
        "ledger-own",
        "ledger-own.html",
        "Ledger reporters counted 40 tractors parked outside the Brennford courthouse while "
        "the leaders signed the Sallis Basin Water Compact on Tuesday.",
        outlet="Lakeshore Ledger",
        published=dt.date(2026, 4, 14),
        url="https://www.lakeshore-ledger.example/local/tractors",
    )
    docs = [ap_story(), ledger_articles()[0], own]
    (count, reason), _ = count_fact(
        docs, {"ap-compact": SIGNED_AP, "ledger-ap": SIGNED_AP, "ledger-own": "tractors"}
    )
    assert count == 2
    assert "Associated Press" in reason and "Lakeshore Ledger" in reason


def test_one_outlet_on_two_hosts_of_its_domain_counts_once() -> None:
    us, intl = example_news_pair()
    docs = [us, intl, ap_story()]
    needles = {"exnews-us": "compact was signed", "exnews-intl": "signed", "ap-compact": SIGNED_AP}
    (count, reason), support = count_fact(docs, needles)
    assert count == 2
    assert reason.startswith("2 independent sources (Example News, Associated Press)")
    intl_support = next(s for s in support if s.outlet == "Example News International")
    assert (intl_support.origin, intl_support.role) == ("Example News", SupportRole.ORIGINAL)


def test_a_copied_paragraph_counts_with_its_origin_and_the_rest_of_the_article_for_itself() -> None:
    docs = [ap_story(), paragraph_copy(), reuters_story()]
    (count, _), support = count_fact(
        docs, {"ap-compact": "$240 million", "courier-compact": "$240 million"}
    )
    assert count == 1
    assert {s.origin for s in support} == {"Associated Press"}
    (count, reason), _ = count_fact(
        docs, {"courier-compact": "farm bureau", "reuters-compact": "Growers in the lower valley"}
    )
    assert count == 2
    assert "Medrow Courier" in reason and "Reuters" in reason


def test_two_outlets_quoting_the_same_long_speech_are_two_sources() -> None:
    docs = speech_reports()
    needle = "split the river into winners and losers"
    (count, reason), _ = count_fact(docs, {d.id: needle for d in docs})
    assert count == 2
    assert reason.startswith("2 independent sources (Sallis Valley Tribune, Harbor Gazette)")


def test_a_relay_of_an_agency_joins_the_agency_s_copy() -> None:
    relay = article(
        "obs",
        "Valdora Observer",
        "State leaders signed the Sallis Basin Water Compact on Tuesday, the AP reported.",
        dt.date(2026, 4, 15),
    )
    docs = [ap_reprints()[0], relay]
    (count, reason), support = count_fact(
        docs, {"sentinel-compact": SIGNED_AP, "obs": "Sallis Basin Water Compact"}
    )
    assert count == 1
    assert {s.origin for s in support} == {"Associated Press"}
    assert "Coastline Sentinel copies Associated Press" in reason
    assert "Valdora Observer cites AP" in reason


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4)), min_size=1, max_size=12),
    st.sets(st.tuples(st.integers(0, 6), st.integers(0, 6))),
    st.sets(st.tuples(st.integers(0, 4), st.integers(0, 4))),
)
def test_walking_the_copy_pairs_joins_what_testing_every_pair_joins(
    keys: list[tuple[int, int]],
    copied_raw: set[tuple[int, int]],
    derived_raw: set[tuple[int, int]],
) -> None:
    """The linear path (facts of many claims) and the pairwise path give the same groups."""
    from newsweave.align.independence import _copies, _join_known_pairs, _Union

    base = claims_of(article("a0", "O", "The port reopened on Monday."))[0]
    items = [
        SupportInput(claim, base, article(f"d{doc}", f"O{doc}", "The port reopened."), "O", 0.9)
        for claim, doc in keys
    ]
    copied = frozenset((min(a, b), max(a, b)) for a, b in copied_raw)
    derived = frozenset((f"d{a}", f"d{b}") for a, b in derived_raw)
    pairwise, walked = _Union(len(items)), _Union(len(items))
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            if _copies(items[a], items[b], copied, derived):
                pairwise.join(a, b)
    _join_known_pairs(items, copied, derived, walked)
    assert [pairwise.find(n) for n in range(len(items))] == [
        walked.find(n) for n in range(len(items))
    ]
