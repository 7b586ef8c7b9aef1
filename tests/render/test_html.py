"""The HTML brief: one self-contained page, spans that light up the right words, inert data."""

from __future__ import annotations

import importlib
import json
import re
from typing import Any

import pytest

from newsweave.model import Brief
from newsweave.render.html import render_html
from newsweave.render.json_out import brief_to_dict
from newsweave.schema.schema import validate_brief_json
from tests.render.brief_builder import make_brief, make_hostile_brief

SECTION_IDS = ["lead", "facts", "disputed", "single-source", "quotes", "figures", "timeline",
               "sources"]  # fmt: skip
OUR_SCRIPTS = 3  # two JSON data blocks and the page script
lxml_html: Any = importlib.import_module("lxml.html")  # no type stubs; installed with trafilatura


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(make_brief())


@pytest.fixture(scope="module")
def tree(page: str) -> Any:
    return lxml_html.document_fromstring(page)


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def test_sections_in_order(tree: Any) -> None:
    assert [s.get("id") for s in tree.iter("section")] == SECTION_IDS


def test_quotes_facts_and_rejected_input_are_shown(tree: Any) -> None:
    quotes = _text(tree.get_element_by_id("quotes"))
    assert "Elena Voss (Mayor)" in quotes
    assert "“We cannot keep a cracked bridge open to 40,000 drivers a day”" in quotes
    facts = _text(tree.get_element_by_id("facts"))
    assert "Engineers found the cracks in September." in facts
    rejected = tree.xpath('//section[@id="sources"]//table[2]/tbody/tr')
    cells = [[_text(td) for td in row.iter("td")] for row in rejected]
    assert cells == [["stories/broken.json", "malformed", "line 3: expecting ','"]]
    legend = [badge.text for badge in tree.find_class("badge") if badge.getparent().tag == "p"]
    assert legend == ["1 corroborated", "1 disputed", "8 single-source"]


def test_no_disputed_points_reads_none_found() -> None:
    tree = lxml_html.document_fromstring(render_html(Brief((), (), (), (), (), (), ())))
    assert tree.xpath('//section[@id="disputed"]/p/text()') == ["none found"]


def test_every_reference_lights_up_exactly_its_span(tree: Any) -> None:
    refs = json.loads(tree.get_element_by_id("newsweave-refs").text)
    texts = {doc.id: doc.text for doc in make_brief().documents}
    for number, ref in refs.items():
        marks = tree.xpath(f'//mark[contains(concat(" ", @data-refs, " "), " r{number} ")]')
        assert "".join(mark.text_content() for mark in marks) == ref["text"], number
        document, _, bounds = ref["where"].partition(":")
        start, end = map(int, bounds.split("-"))
        assert texts[document][start:end] == ref["text"]
        article = marks[0].xpath("ancestor::article")[0]
        assert article.get("data-doc") == str(ref["doc"])


def test_every_statement_and_link_points_into_the_page(tree: Any) -> None:
    ids = set(tree.xpath("//@id"))
    assert all(href[1:] in ids for href in tree.xpath("//a/@href"))
    refs = json.loads(tree.get_element_by_id("newsweave-refs").text)
    for cited in tree.xpath("//*[@data-refs][not(self::mark)]/@data-refs"):
        assert set(cited.split()) <= set(refs)
    figures = tree.get_element_by_id("figures")
    assert len(figures.find_class("stmt")) == len(make_brief().figures)


def test_documents_are_in_the_page_with_their_full_text(tree: Any) -> None:
    articles = tree.xpath('//article[@class="doc"]')
    texts = [article.find_class("doc-text")[0].text_content() for article in articles]
    assert texts == [doc.text for doc in make_brief().documents]


def test_embedded_brief_json_validates(tree: Any) -> None:
    data = json.loads(tree.get_element_by_id("newsweave-brief").text)
    validate_brief_json(data)
    assert data == brief_to_dict(make_brief())


def test_self_contained(page: str, tree: Any) -> None:
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert not re.search(r"@import|url\(", page)
    assert tree.xpath("//link|//img|//iframe|//object|//embed") == []
    assert all(script.get("src") is None for script in tree.iter("script"))
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert csp.startswith("default-src 'none'")


def test_hostile_text_is_inert() -> None:
    page = render_html(make_hostile_brief())
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "<b>Evil" not in page
    assert page.count("</script>") == OUR_SCRIPTS
    tree = lxml_html.document_fromstring(page)
    assert len(tree.xpath("//script")) == OUR_SCRIPTS
    assert tree.xpath("//img|//b|//i|//svg[@onload]") == []
    handlers = [a for a in tree.xpath("//@*") if a.attrname.lower().startswith("on")]
    assert handlers == []
    assert "<script>alert(1)</script> appeared in the page." in tree.text_content()
    data = json.loads(tree.get_element_by_id("newsweave-brief").text)
    assert data["documents"][0]["title"] == "</title><script>alert(4)</script>"
