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
from newsweave.schema.schema import check_mentions, check_references, validate_brief_json
from tests.render.brief_builder import make_brief, make_hostile_brief, make_long_brief

SECTION_IDS = ["lead", "facts", "disagreements", "single-source", "quotes", "timeline",
               "comparison", "figures", "articles", "compare"]  # fmt: skip
OUR_SCRIPTS = 4  # three JSON data blocks and the page script
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
    rejected = tree.xpath('//section[@id="articles"]//table[2]/tbody/tr')
    cells = [[_text(td) for td in row.iter("td")] for row in rejected]
    assert cells == [["stories/broken.json", "malformed", "line 3: expecting ','"]]
    legend = [badge.text for badge in tree.xpath('//p[@class="legend"]/span')]
    assert legend == ["2 corroborated", "2 disputed", "3 single-source"]


def test_lead_and_fact_rows_open_their_fact(tree: Any) -> None:
    lead = tree.xpath('//section[@id="lead"]//*[@data-fact]/@data-fact')
    assert lead == ["f1", "f3"]
    rows = tree.xpath('//table[@class="facts"]/tbody/tr')
    assert [row.get("data-fact") for row in rows] == ["f1", "f3", "f2", "f4", "f5", "f6", "f7"]
    assert [row.get("data-status") for row in rows] == [
        "corroborated", "corroborated", "disputed", "disputed", "single-source", "single-source",
        "single-source",
    ]  # fmt: skip
    cells = [_text(td) for td in rows[0].iter("td")]
    assert cells[1] == "3 of 3 outlets, 2 independent"
    assert "Coastline Wire (copies Harbor Gazette)" in cells[2]
    assert "Valley Post cites Reuters; Coastline Wire copies Harbor Gazette" in cells[3]


def test_status_filter_has_a_button_per_status_with_its_count(tree: Any) -> None:
    (group,) = tree.xpath('//section[@id="facts"]//div[@class="status-filter"]')
    buttons = group.xpath(".//button")
    assert [(b.get("data-status"), _text(b)) for b in buttons] == [
        ("all", "All 7"),
        ("corroborated", "corroborated 2"),
        ("disputed", "disputed 2"),
        ("single-source", "single-source 3"),
    ]
    assert [b.get("aria-pressed") for b in buttons] == ["true", "false", "false", "false"]
    assert all(b.get("type") == "button" for b in buttons)


def test_disagreements_show_relation_and_both_sides_with_support(tree: Any) -> None:
    items = tree.xpath('//ul[@class="disagreements"]/li')
    assert [(li.get("data-relation"), li.get("data-fact-id")) for li in items] == [
        ("contradict", "f2"), ("contradict", "f4"), ("differ", "f1"), ("differ", "f3"),
    ]  # fmt: skip
    sides = [  # without the reference pill at the end
        [_text(side).rstrip("0123456789") for side in li.xpath('.//ul[@class="sides"]/li')]
        for li in items
    ]
    assert sides[0] == [
        "Harbor Gazette 1 outlet, 1 independent: about $4.2 million",
        "Valley Post 1 outlet, 1 independent: $4.5 million",
    ]
    assert sides[2][0].startswith(
        "Harbor Gazette, Coastline Wire 2 outlets, 1 independent: asserted"
    )
    head = _text(items[0].xpath("./p")[0])
    assert head == "contradict figure the cost: about $4.2 million or $4.5 million"
    assert items[1].xpath('.//*[@data-fact="f4"]')  # the fact, which opens its comparison
    assert "disputed" not in _text(tree.get_element_by_id("disagreements")).replace(
        "the fact is disputed", ""
    )


def test_figures_are_shown_as_written_with_only_faithful_readings(tree: Any) -> None:
    rows = tree.xpath('//section[@id="figures"]//tbody/tr')
    cells = {_text(row[0]).rstrip("0123456789"): _text(row[1]) for row in rows}
    assert cells == {
        "three weeks": "", "21 days": "", "15 minutes": "",  # never "30,240 min"
        "$4.2 million": "",  # "about": a range, not a value
        "$4.5 million": "4,500,000 USD",
        "40,000 drivers": "", "300 workers": "",  # never "40,000 × driver"
    }  # fmt: skip
    assert "×" not in _text(tree.get_element_by_id("figures"))


def test_quotes_show_one_utterance_with_wordings_and_speakers(tree: Any) -> None:
    quotes = tree.get_element_by_id("quotes")
    assert len(quotes.xpath(".//blockquote")) == 2
    variants = [_text(li) for li in quotes.xpath('.//ul[@class="variants"]/li')]
    assert variants[0].startswith("worded “We can't keep a cracked bridge open to 40,000 drivers")
    assert variants[0].endswith("— Valley Post")
    assert variants[1].startswith("speaker attributed to Elena Voss")
    assert variants[1].endswith("by Coastline Wire")


def test_source_comparison(tree: Any) -> None:
    section = tree.get_element_by_id("comparison")
    rows = [[_text(td) for td in tr.iter("td")] for tr in section.xpath(".//tbody/tr")]
    assert rows[0] == ["Harbor Gazette", "1", "4", "1"]
    copies = _text(section.xpath('.//ul[@class="copies"]')[0])
    assert copies.startswith("Coastline Wire (a3) copies Harbor Gazette (a1): 14 words, 52%")
    assert "Valley Post cites Reuters: “according to Reuters”" in _text(section)


def test_charts_are_inline_svg_with_titles(tree: Any) -> None:
    charts = {fig.get("id"): fig for fig in tree.xpath('//figure[@class="chart"]')}
    assert set(charts) == {"chart-support", "chart-timeline", "chart-overlap"}
    for figure in charts.values():
        svg = figure.find("svg")
        labelled = svg.get("aria-labelledby").split()
        assert svg.get("role") == "img"
        assert all(svg.xpath(f'.//*[@id="{ident}"]') for ident in labelled)
    bars = charts["chart-support"].xpath(".//g[@data-fact]")
    assert [bar.get("data-fact") for bar in bars][:2] == ["f1", "f3"]
    assert "2/3" in _text(bars[0])
    assert len(charts["chart-timeline"].xpath(".//g[@class='chart-row']")) == 5
    cells = charts["chart-overlap"].xpath(".//g/title/text()")
    assert "Harbor Gazette and Valley Post: 3 shared facts" in cells
    assert len(cells) == 9


def _facts_data(tree: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(tree.get_element_by_id("newsweave-facts").text)
    return data


def test_fact_comparison_data_has_each_outlets_sentence(tree: Any) -> None:
    facts = _facts_data(tree)
    assert list(facts) == ["f1", "f3", "f2", "f4", "f5", "f6", "f7"]
    brief = make_brief()
    for fact in brief.facts:
        columns = facts[fact.id]["columns"]
        assert ["".join(text for text, _ in c["pieces"]) for c in columns] == [
            s.mention.text for s in fact.support
        ]
        assert [c["outlet"] for c in columns] == [s.outlet for s in fact.support]
    closing = facts["f1"]["columns"]
    assert [(c["role"], c["note"]) for c in closing] == [
        ("original", ""),
        ("relay", "cites Reuters"),
        ("copy", "copies Harbor Gazette"),
    ]
    marked = {text for text, flags in closing[1]["pieces"] if "s" in flags}
    assert marked == {"Calder Bridge", "Monday"}  # what the Post shares with the others


def test_fact_comparison_marks_the_conflicting_values(tree: Any) -> None:
    cost = _facts_data(tree)["f2"]
    conflict = [[t for t, flags in c["pieces"] if "c" in flags] for c in cost["columns"]]
    assert conflict == [["$4.2 million"], ["$4.5 million"]]
    assert cost["disagreements"][0]["sides"][1] == {
        "value": "$4.5 million",
        "outlets": ["Valley Post"],
        "support": "1 outlet, 1 independent",
    }
    assert (cost["disagreements"][0]["relation"], cost["disagreements"][0]["slot"]) == (
        "contradict",
        "figure",
    )
    wording = _facts_data(tree)["f3"]  # a wording variant disputes nothing: no conflict marks
    assert all("c" not in flags for c in wording["columns"] for _, flags in c["pieces"])


def test_fact_comparison_refs_resolve(tree: Any) -> None:
    refs = json.loads(tree.get_element_by_id("newsweave-refs").text)
    for fact in _facts_data(tree).values():
        for column in fact["columns"]:
            (number,) = column["refs"]
            assert refs[str(number)]["where"] == column["where"]


def test_no_disagreements_reads_none_found() -> None:
    tree = lxml_html.document_fromstring(render_html(Brief((), (), (), (), (), (), ())))
    assert tree.xpath('//section[@id="disagreements"]/p/text()') == ["none found"]


def test_compare_panel_is_empty_and_hidden_until_a_fact_is_chosen(tree: Any) -> None:
    panel = tree.get_element_by_id("compare")
    assert panel.get("hidden") is not None
    assert panel.get("role") == "dialog"
    assert _text(tree.get_element_by_id("compare-body")) == ""


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
    assert data["schema_version"] == "2.0"
    assert (check_mentions(data), check_references(data)) == ([], [])
    assert data == brief_to_dict(make_brief())


def test_the_report_keeps_every_fact_and_every_single_source_detail() -> None:
    brief = make_long_brief(corroborated=30, single=20, differences=10)
    tree = lxml_html.document_fromstring(render_html(brief))
    rows = tree.xpath('//table[@class="facts"]/tbody/tr/@data-fact')
    assert sorted(rows) == sorted(fact.id for fact in brief.facts)
    details = tree.xpath('//section[@id="single-source"]//*[@data-fact]/@data-fact')
    single = [f.id for f in brief.facts if f.status.value == "single-source"]
    assert sorted(details) == sorted(single)  # each once, none capped
    assert len(tree.xpath('//ul[@class="disagreements"]/li')) == 4 + 10
    assert "more" not in _text(tree.get_element_by_id("single-source"))


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
    assert "<svg onload" not in page
    assert tree.xpath("//svg//text[contains(., '<script>alert(1)</script>')]")  # chart label
    handlers = [a for a in tree.xpath("//@*") if a.attrname.lower().startswith("on")]
    assert handlers == []
    assert "<script>alert(1)</script> appeared in the page." in tree.text_content()
    data = json.loads(tree.get_element_by_id("newsweave-brief").text)
    assert data["documents"][0]["title"] == "</title><script>alert(4)</script>"
    facts = json.loads(tree.get_element_by_id("newsweave-facts").text)
    assert facts["f1"]["columns"][1]["outlet"] == "Mirror <i>Daily</i>"
