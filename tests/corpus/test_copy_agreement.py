"""One copy detector: the brief's copies (``corpus.copies.relations_among``) and corpus mode's
(``corpus.api.find_copies``: LSH candidates, the same verification) link the same articles."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from newsweave.corpus.api import find_copies
from newsweave.corpus.copies import prepare, relations_among, verify_pair
from newsweave.corpus.text_units import quoted_ranges
from newsweave.model import Article, CopyRelation
from tests.align.wire_stories import (
    AP_BODY,
    ap_reprints,
    ap_story,
    example_news_pair,
    gazette_reuters,
    ledger_articles,
    paragraph_copy,
    reuters_story,
    speech_reports,
)


def everything() -> list[Article]:
    return [
        ap_story(),
        *ap_reprints(),
        reuters_story(),
        *ledger_articles(),
        gazette_reuters(),
        *example_news_pair(),
        paragraph_copy(),
        *speech_reports(),
    ]


def components(relations: Iterable[CopyRelation]) -> set[frozenset[str]]:
    """The groups of articles the relations link (what independence counts)."""
    groups: list[set[str]] = []
    for relation in relations:
        ends = {relation.source, relation.target}
        joined = [g for g in groups if g & ends]
        merged = set(ends).union(*joined)
        groups = [g for g in groups if not g & ends] + [merged]
    return {frozenset(g) for g in groups}


def test_the_brief_and_corpus_mode_link_the_same_articles() -> None:
    articles = everything()
    brief, corpus = relations_among(articles), find_copies(articles)
    assert components(brief) == components(corpus)
    ap = {"ap-compact", "sentinel-compact", "register-compact", "star-compact", "ledger-ap"}
    assert components(brief) == {
        frozenset(ap | {"courier-compact"}),
        frozenset({"reuters-compact", "ledger-reuters", "gazette-reuters"}),
    }
    reprints = {(r.source, r.target) for r in brief if r.near_duplicate}
    assert {target for _, target in reprints} == (ap - {"ap-compact"}) | {
        "ledger-reuters",
        "gazette-reuters",
    }


def test_each_reprint_is_verified_against_the_origin_only() -> None:
    articles = [ap_story(), *ap_reprints(), ledger_articles()[0], paragraph_copy()]
    found = relations_among(articles)
    assert {r.source for r in found} == {"ap-compact"}
    assert len(found) == len(articles) - 1


def test_a_quotation_running_on_across_paragraphs_is_quoted_to_the_paragraph_end() -> None:
    text = speech_reports()[0].text
    quoted = "".join(text[a:b] for a, b in quoted_ranges(text))
    assert "split the river into winners and losers" in quoted  # the open paragraph
    assert "rather than by lawsuits in federal court" in quoted  # the closed one
    assert "brass band" not in quoted and "applauded politely" not in quoted


def test_a_closing_mark_is_not_taken_for_an_opening_one() -> None:
    text = '"We are done," Lind said.\n"We are not," Varga replied.'
    assert [text[a:b] for a, b in quoted_ranges(text)] == ['"We are done,"', '"We are not,"']


def test_one_outlet_on_two_hosts_does_not_copy_itself() -> None:
    us, intl = example_news_pair()
    copied = AP_BODY + "\n\n" + AP_BODY
    us, intl = dataclasses.replace(us, text=copied), dataclasses.replace(intl, text=copied)
    assert verify_pair(prepare(us), prepare(intl)) is None
    other = dataclasses.replace(intl, url="https://another-paper.example/x", outlet="Another")
    assert verify_pair(prepare(us), prepare(other)) is not None


def test_a_paragraph_closing_a_quotation_opened_earlier_is_quoted_up_to_the_mark() -> None:
    text = (
        "“We did not come here to split the river.\n\n"
        "Every farm will carry a share of the water we saved,” Marrowick said on Tuesday."
    )
    quoted = [text[a:b] for a, b in quoted_ranges(text)]
    assert quoted == [
        "“We did not come here to split the river.",
        "Every farm will carry a share of the water we saved,”",
    ]
