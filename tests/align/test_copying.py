"""Copied text: wire reprints are copies, shared quotes and stock names are not."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.align.copying import COPY_RUN_WORDS, DERIVED_SHARE, CopyAnalysis, find_copies
from newsweave.corpus import copies as corpus_copies
from newsweave.model import Article, Claim
from tests.align.claim_builders import article, claims_of, quoted_spans
from tests.align.wire_stories import (
    AP_BODY,
    AP_LEAD,
    SPEECH,
    ap_reprints,
    ap_story,
    paragraph_copy,
    speech_reports,
)

WIRE_PARAGRAPH = (
    "Port workers in Halvik walked off the job on Wednesday after talks over a new wage "
    "contract collapsed late on Tuesday night. The dockers' union said the strike would "
    "continue until the harbour authority returned to the negotiating table with a better offer."
)
OCT_16, OCT_17 = dt.date(2025, 10, 16), dt.date(2025, 10, 17)


def wire(published: dt.date | None = OCT_16, id: str = "wire") -> Article:
    return article(id, "Continental Press Agency", "HALVIK (CPA) - " + WIRE_PARAGRAPH, published)


def reprint(published: dt.date | None = OCT_17, id: str = "gazette") -> Article:
    own = " Ferry services to the islands were cancelled, the Gazette learned."
    return article(id, "Harbor Gazette", WIRE_PARAGRAPH + own, published)


def document_of(claims: list[Claim], index: int) -> str:
    return claims[index].sentence.document


def test_a_reprinted_wire_paragraph_is_a_copy_of_the_earlier_article() -> None:
    docs = [reprint(), wire()]  # input order must not matter when the dates differ
    claims = claims_of(*docs)
    found = find_copies(claims, [], docs)
    assert len(found.links) == 1
    link = found.links[0]
    assert (link.copier, link.origin) == ("gazette", "wire")
    assert link.shared_words >= 30
    assert 0.5 < link.share <= 1.0
    assert (link.copier, link.origin) in found.derived
    by_id = {d.id: d for d in docs}
    assert link.passages
    for passage in link.passages:
        assert passage.document == "gazette"
        assert by_id["gazette"].text[passage.start : passage.end] == passage.text
        assert passage.text in WIRE_PARAGRAPH
    # Both wire sentences are paired with their reprints, across documents only.
    assert len(found.claim_pairs) == 2
    for i, j in found.claim_pairs:
        assert i < j
        assert document_of(claims, i) != document_of(claims, j)
        texts = sorted((claims[i].sentence.text, claims[j].sentence.text), key=len)
        assert texts[0] in texts[1]


def test_the_later_article_copies_whatever_the_input_order() -> None:
    docs = [wire(published=OCT_17), reprint(published=OCT_16)]
    found = find_copies(claims_of(*docs), [], docs)
    assert [(k.copier, k.origin) for k in found.links] == [("wire", "gazette")]


def test_on_the_same_day_the_news_agency_is_the_origin() -> None:
    docs = [reprint(published=OCT_16), wire(published=OCT_16)]
    found = find_copies(claims_of(*docs), [], docs)
    assert [(k.copier, k.origin) for k in found.links] == [("gazette", "wire")]


def test_on_the_same_day_the_article_crediting_the_other_copies_it() -> None:
    origin = article("ledger", "The Ledger", WIRE_PARAGRAPH, OCT_16)
    credited = article("courier", "Morning Courier", "(The Ledger) " + WIRE_PARAGRAPH, OCT_16)
    docs = [credited, origin]
    found = find_copies(claims_of(*docs), [], docs)
    assert [(k.copier, k.origin) for k in found.links] == [("courier", "ledger")]


def test_on_the_same_day_without_other_evidence_the_later_input_copies() -> None:
    # "ledgers" in the first article's head is not a credit to The Ledger.
    first = article(
        "courier", "Morning Courier", "Auditors reviewed the ledgers. " + WIRE_PARAGRAPH, OCT_16
    )
    second = article("ledger", "The Ledger", WIRE_PARAGRAPH, OCT_16)
    docs = [first, second]
    found = find_copies(claims_of(*docs), [], docs)
    assert [(k.copier, k.origin) for k in found.links] == [("ledger", "courier")]


LONG_QUOTE = (
    "We will not return to work until the harbour authority puts a fair and final offer "
    "on the table for every one of our members"
)


def test_two_outlets_quoting_the_same_long_quote_do_not_copy_each_other() -> None:
    a = article("a", "Harbor Gazette", f'"{LONG_QUOTE}," the union leader Mara Lind told a rally.')
    b = article(
        "b",
        "Valdora Observer",
        f"Speaking to strikers outside the gates, Lind said: “{LONG_QUOTE}.”",
    )
    docs = [a, b]
    claims = claims_of(*docs)
    quoted = quoted_spans(a) + quoted_spans(b)
    assert len(quoted) == 2
    found = find_copies(claims, quoted, docs)
    assert found.claim_pairs == frozenset()
    assert found.links == ()
    # Quotations are read from the text, as corpus mode reads them: the quote spans of the
    # analysis are not needed, so both modes find the same copies.
    assert find_copies(claims, [], docs) == found


def test_stock_name_runs_are_not_copies() -> None:
    a = article(
        "a",
        "Harbor Gazette",
        "President Donald Trump and Russian President Vladimir Putin spoke by phone on "
        "Thursday about the war.",
    )
    b = article(
        "b",
        "Valdora Observer",
        "President Donald Trump and Russian President Vladimir Putin held a call that both "
        "sides called productive.",
    )
    found = find_copies(claims_of(a, b), [], [a, b])
    assert found.claim_pairs == frozenset()


def test_a_short_shared_phrase_is_not_a_copy() -> None:
    a = article("a", "Harbor Gazette", "The union said the strike would continue for a week.")
    b = article("b", "Valdora Observer", "The union said the strike would continue despite fines.")
    found = find_copies(claims_of(a, b), [], [a, b])
    assert found.claim_pairs == frozenset()


OWN_REPORTING = (
    "The mayor called for calm and asked both sides to meet at the town hall on Friday. "
    "Shops near the docks closed early as pickets gathered outside the main gate. "
    "Fishermen said their catch was rotting on the quay because no lorries could leave. "
    "A ferry captain told the Observer he had never seen the harbour so empty in autumn. "
    "Local councillors plan an emergency session on the cost of the dispute next week. "
    "Two supermarkets reported shortages of fresh fruit and dairy products by the evening. "
    "Police said the protest outside the authority's offices had remained peaceful. "
    "The regional governor is expected to visit the port on Saturday morning. "
)


def test_a_copied_paragraph_in_a_longer_article_links_without_deriving_it() -> None:
    a = wire()
    b = article("b", "Valdora Observer", OWN_REPORTING + WIRE_PARAGRAPH, OCT_17)
    found = find_copies(claims_of(a, b), [], [a, b])
    assert len(found.claim_pairs) == 2
    assert [(k.copier, k.origin) for k in found.links] == [("b", "wire")]
    assert found.links[0].share < DERIVED_SHARE
    assert found.derived == frozenset()


def test_one_copied_sentence_neither_pairs_claims_nor_links_articles() -> None:
    # One shared sentence (under corpus mode's MIN_SHARED_CHARS) is not a copy in either mode.
    sentence = WIRE_PARAGRAPH.split(". ")[0] + "."
    assert len(sentence.split()) >= COPY_RUN_WORDS
    a = article("a", "Harbor Gazette", sentence + " Ferries were cancelled.", OCT_16)
    b = article("b", "Valdora Observer", "The mayor called for calm. " + sentence, OCT_17)
    found = find_copies(claims_of(a, b), [], [a, b])
    assert found.claim_pairs == frozenset()
    assert found.links == ()


def test_sentences_within_one_article_are_never_copies_of_each_other() -> None:
    a = article("a", "Harbor Gazette", WIRE_PARAGRAPH + " " + WIRE_PARAGRAPH)
    found = find_copies(claims_of(a), [], [a])
    assert found.claim_pairs == frozenset()
    assert found.links == ()


def test_two_reprints_of_one_wire_story_copy_the_wire_not_each_other() -> None:
    docs = [
        wire(published=dt.date(2025, 10, 15)),
        reprint(published=OCT_16, id="gazette"),
        article("obs", "Valdora Observer", WIRE_PARAGRAPH, OCT_17),
    ]
    found = find_copies(claims_of(*docs), [], docs)
    assert [(k.copier, k.origin) for k in found.links] == [("gazette", "wire"), ("obs", "wire")]


# --- wire copy dense with names (tests/align/wire_stories.py) ---------------------------------


def _pairs(found: CopyAnalysis) -> set[tuple[str, str]]:
    return {(k.copier, k.origin) for k in found.links}


def test_verbatim_reprints_dense_with_names_are_copies_of_the_agency_story() -> None:
    docs = [ap_story(), *ap_reprints()]
    # Few ordinary words between the names: the brief's former rule (four plain lower-case
    # words in an 8-word run) found no copy in the lead.
    plain = [w for w in AP_LEAD.split() if w.islower() and len(w) > 3]
    assert len(plain) <= 6
    found = find_copies(claims_of(*docs), [], docs)
    reprints = {"sentinel-compact", "register-compact", "star-compact"}
    assert _pairs(found) == {(r, "ap-compact") for r in reprints}
    assert found.derived == {(r, "ap-compact") for r in reprints}
    for link in found.links:
        assert link.share > 0.9  # the site footer and the trimmed ending aside, all of it


def test_a_reprint_stripped_of_its_dateline_and_credit_is_still_a_copy() -> None:
    docs = [ap_story(), ap_reprints()[1]]
    assert not docs[1].text.startswith("BRENNFORD") and docs[1].author is None
    found = find_copies(claims_of(*docs), [], docs)
    assert _pairs(found) == {("register-compact", "ap-compact")}
    # Every claim of the reprint is paired with the same claim of the origin.
    claims = claims_of(*docs)
    paired = {j for _, j in found.claim_pairs}
    assert paired == {n for n, c in enumerate(claims) if c.sentence.document == "register-compact"}


def test_one_copied_paragraph_of_an_original_article_is_a_partial_copy() -> None:
    docs = [ap_story(), paragraph_copy()]
    claims = claims_of(*docs)
    found = find_copies(claims, [], docs)
    assert _pairs(found) == {("courier-compact", "ap-compact")}
    assert found.derived == frozenset()  # the rest of the article is its own
    copied = AP_BODY.split("\n\n")[1]
    for i, j in found.claim_pairs:
        assert claims[i].sentence.text in copied and claims[j].sentence.text in copied


def test_two_outlets_quoting_one_long_speech_across_paragraphs_are_not_copies() -> None:
    docs = speech_reports()
    assert SPEECH[0] in docs[0].text and SPEECH[0] in docs[1].text
    found = find_copies(claims_of(*docs), [], docs)
    assert found.links == () and found.claim_pairs == frozenset()


def test_a_paragraph_of_the_wire_story_is_linked_to_the_story_not_to_each_reprint() -> None:
    docs = [ap_story(), *ap_reprints(), paragraph_copy()]
    found = find_copies(claims_of(*docs), [], docs)
    assert ("courier-compact", "ap-compact") in _pairs(found)
    assert all(k.origin == "ap-compact" for k in found.links)


STOCK = (
    "Gov. Celia Marrowick, Senate President Tomas Ebbing and House Speaker Rhoda Vantreese",
    "Klamath Tribal Chairman Joseph Redhawk-Sims and Deputy Interior Secretary Anneliese Corvo",
    "the Brennford Irrigation District and the Lower Sallis Water Board",
    "Sen. Mireille Okonjo and Rep. Dax Thornbury of the Joint Committee on Ways and Means",
)


def test_names_and_titles_every_outlet_writes_alike_are_not_copies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Four strings of names and titles, ~300 characters in all, shared by two reports that
    # are otherwise written independently: more than corpus mode's MIN_SHARED_CHARS, but
    # stock phrasing, so no copy.
    a = article(
        "a",
        "Harbor Gazette",
        f"A deal was reached by {STOCK[0]} late on Monday. Also at the table were {STOCK[1]}. "
        f"Water managers from {STOCK[2]} had pushed for it for years. It now goes to {STOCK[3]}.",
        OCT_16,
    )
    b = article(
        "b",
        "Valdora Observer",
        f"After months of talks, {STOCK[0]} agreed on the text. Praise came from {STOCK[1]}. "
        f"Officials of {STOCK[2]} welcomed the news. A hearing is planned by {STOCK[3]}.",
        OCT_17,
    )
    assert sum(len(s) for s in STOCK) > 200
    found = find_copies(claims_of(a, b), [], [a, b])
    assert found.links == () and found.claim_pairs == frozenset()
    # Counting every run, the stock strings would make a copy: the rule is what works.
    monkeypatch.setattr(corpus_copies, "MIN_PLAIN_WORDS", 0)
    assert find_copies(claims_of(a, b), [], [a, b]).links
