"""Gold-pair derivation from CAT XML (ECB+, MEANTIME) and the pairwise alignment metric."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.align_pairs import (
    PairScore,
    content_words,
    overlap_scores,
    pairs_at,
    parse_grid,
    predicted_pairs,
    reachable_score,
    score_pairs,
    sentence_at,
    tune_threshold,
)
from eval.ecbplus_data import (
    GoldDocument,
    Pair,
    detokenize,
    gold_pairs,
    load_ecbplus,
    parse_ecbplus,
    rebuild_text,
)
from eval.meantime_data import parse_meantime
from newsweave.model import Brief, Fact, FactStatus, Mention, Support
from tests.builders import make_article

# An ECB-style document written by hand: two sentences, an event ("struck") linked across
# documents, a participant linked across documents (not an event: must not make pairs), and
# the unanchored instance markable that CAT XML lists for each cross-document chain.
ECB_DOC = """<Document doc_name="7_1ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">Storm</token>
<token t_id="2" sentence="0" number="1">hits</token>
<token t_id="3" sentence="0" number="2">coast</token>
<token t_id="4" sentence="1" number="0">A</token>
<token t_id="5" sentence="1" number="1">storm</token>
<token t_id="6" sentence="1" number="2">struck</token>
<token t_id="7" sentence="1" number="3">Harbor</token>
<token t_id="8" sentence="1" number="4">Town</token>
<token t_id="9" sentence="1" number="5">on</token>
<token t_id="10" sentence="1" number="6">Monday</token>
<token t_id="11" sentence="1" number="7">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<LOC_GEO m_id="3"><token_anchor t_id="7"/><token_anchor t_id="8"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="4" TAG_DESCRIPTOR="t7_strike" instance_id="ACT100"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="10" note="ACT100"><source m_id="1"/><source m_id="2"/><target m_id="4"/>
</CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="11" note="LOC200"><source m_id="3"/><target m_id="5"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""

MEANTIME_DOC = """<?xml version="1.0" ?><Document doc_id="9" doc_name="9_Mill_closes" lang="en">
<token number="0" sentence="0" t_id="1">Mill</token>
<token number="1" sentence="0" t_id="2">closes</token>
<token number="0" sentence="1" t_id="3">May</token>
<token number="1" sentence="1" t_id="4">4</token>
<token number="2" sentence="1" t_id="5">,</token>
<token number="3" sentence="1" t_id="6">2011</token>
<token number="0" sentence="2" t_id="7">The</token>
<token number="1" sentence="2" t_id="8">mill</token>
<token number="2" sentence="2" t_id="9">shut</token>
<token number="3" sentence="2" t_id="10">and</token>
<token number="4" sentence="2" t_id="11">workers</token>
<token number="5" sentence="2" t_id="12">protested</token>
<token number="6" sentence="2" t_id="13">.</token>
<Markables>
<EVENT_MENTION m_id="1" pred="close"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="2" pred="shut"><token_anchor t_id="9"/></EVENT_MENTION>
<EVENT_MENTION m_id="3" pred="protest"><token_anchor t_id="12"/></EVENT_MENTION>
<ENTITY_MENTION m_id="4"><token_anchor t_id="8"/></ENTITY_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="5" type="DATE" value="2011-05-04">
<token_anchor t_id="3"/></TIMEX3>
<EVENT class="OTHER" instance_id="EV1" m_id="20"/>
<EVENT class="OTHER" instance_id="EV2" m_id="21"/>
<ENTITY ent_type="FAC" instance_id="EN1" m_id="22"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="22"/></REFERS_TO>
</Relations>
</Document>
"""


def gold_doc(
    id: str,
    subtopic: str,
    lines: Sequence[str],
    instances: Mapping[int, frozenset[str]],
    annotated: frozenset[int] | None = None,
) -> GoldDocument:
    text, spans = rebuild_text([(n, line.split()) for n, line in enumerate(lines)])
    return GoldDocument(
        id=id,
        group=id.split("_")[0],
        subtopic=subtopic,
        text=text,
        sentences=spans,
        annotated=frozenset(range(len(lines))) if annotated is None else annotated,
        instances=instances,
    )


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Rain", "fell", ",", "then", "stopped", "."], "Rain fell, then stopped."),
        (["``", "We", "are", "safe", ",", "''", "he", "said", "."], '"We are safe," he said.'),
        (["the", "mayor", "'s", "office"], "the mayor's office"),
        (["a", "$", "5", "million", "fund", "(", "new", ")"], "a $5 million fund (new)"),
        (["a", "three", "-", "day", "search"], "a three-day search"),
        (["rose", "4", "%", ";", "fell"], "rose 4%; fell"),
        (["a", "6", ".", "1", "quake", "at", "2", ":", "09"], "a 6.1 quake at 2:09"),
        (["the", "U", ".", "S", ".", "coast"], "the U.S. coast"),
        (["July", "23", ",", "2008", ".", "4", ":", "49", "pm"], "July 23, 2008. 4:49 pm"),
        (["May", "4", ",", "2011", ",", "1", ",", "500", "homes"], "May 4, 2011, 1,500 homes"),
    ],
)
def test_detokenize(tokens: list[str], text: str) -> None:
    assert detokenize(tokens) == text


@given(
    st.lists(
        st.lists(st.sampled_from(["Fire", "crews", ",", "''", "``", "-", "'s", "(", "ok"])),
        min_size=1,
        max_size=6,
    )
)
def test_rebuilt_sentences_are_lines_of_the_text(sentences: list[list[str]]) -> None:
    text, spans = rebuild_text(list(enumerate(sentences)))
    assert text.split("\n") == [text[s.start : s.end] for s in spans]
    assert [s.number for s in spans] == list(range(len(sentences)))


def test_parse_ecbplus_keeps_event_links_only(tmp_path: Path) -> None:
    path = tmp_path / "7_1ecb.xml"
    path.write_text(ECB_DOC, encoding="utf-8")
    doc = parse_ecbplus(path, frozenset({1}))
    assert (doc.id, doc.group, doc.subtopic) == ("7_1ecb", "7", "7ecb")
    assert doc.text == "Storm hits coast\nA storm struck Harbor Town on Monday."
    assert dict(doc.instances) == {0: {"ACT100"}, 1: {"ACT100"}}
    assert doc.annotated == {1}
    assert doc.article().outlet == "7_1ecb"
    assert doc.article().published is None


def test_gold_pairs_need_shared_instance_other_document_same_subtopic() -> None:
    quake = frozenset({"ACT1"})
    docs = [
        gold_doc("3_1ecb", "3ecb", ["Quake shakes city", "Homes were damaged ."], {0: quake}),
        gold_doc(
            "3_2ecb", "3ecb", ["A quake shook the city .", "Quake felt"], {0: quake, 1: quake}
        ),
        gold_doc("3_3ecb", "3ecb", ["Tremor hits", "It shook ."], {1: quake}, frozenset({0})),
        gold_doc("3_1ecbplus", "3ecbplus", ["Another quake shook a town ."], {0: quake}),
    ]
    assert gold_pairs(docs) == {
        (("3_1ecb", 0), ("3_2ecb", 0)),
        (("3_1ecb", 0), ("3_2ecb", 1)),
    }


def test_load_ecbplus_reads_only_listed_documents(tmp_path: Path) -> None:
    topic = tmp_path / "ecbplus" / "ECB+" / "7"
    topic.mkdir(parents=True)
    (topic / "7_1ecb.xml").write_text(ECB_DOC, encoding="utf-8")
    (topic / "7_2ecb.xml").write_text(ECB_DOC.replace("7_1ecb", "7_2ecb"), encoding="utf-8")
    (topic / "7_3ecb.xml").write_text(ECB_DOC, encoding="utf-8")
    csv = "Topic,File,Sentence Number\n7,1ecb,1\n7,2ecb,0\n7,2ecb,1\n"
    (tmp_path / "ecbplus" / "ECBplus_coreference_sentences.csv").write_text(csv)
    docs = load_ecbplus(tmp_path, [7])
    assert [d.id for d in docs] == ["7_1ecb", "7_2ecb"]
    assert gold_pairs(docs) == {(("7_1ecb", 1), ("7_2ecb", 0)), (("7_1ecb", 1), ("7_2ecb", 1))}


def test_parse_meantime_follows_refers_to_events(tmp_path: Path) -> None:
    path = tmp_path / "9_Mill_closes.xml"
    path.write_text(MEANTIME_DOC, encoding="utf-8")
    doc = parse_meantime(path, "gm")
    assert (doc.group, doc.subtopic, doc.published) == ("gm", "gm", dt.date(2011, 5, 4))
    assert doc.text.split("\n") == [
        "Mill closes",
        "May 4, 2011",
        "The mill shut and workers protested.",
    ]
    assert dict(doc.instances) == {0: {"EV1"}, 2: {"EV1", "EV2"}}
    assert doc.annotated == {0, 2}  # the dateline holds no event mention


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ({(("a", 1), ("b", 2))}, {(("a", 1), ("b", 2))}, PairScore(1, 1, 1)),
        ({(("b", 2), ("a", 1))}, {(("a", 1), ("b", 2))}, PairScore(1, 1, 1)),  # unordered
        (set(), {(("a", 1), ("b", 2))}, PairScore(0, 0, 1)),
        ({(("a", 1), ("c", 0)), (("a", 1), ("b", 2))}, {(("a", 1), ("b", 2))}, PairScore(1, 2, 1)),
    ],
)
def test_score_pairs(predicted: set[Pair], gold: set[Pair], expected: PairScore) -> None:
    assert score_pairs(predicted, gold) == expected


def test_pair_score_figures() -> None:
    score = PairScore(true_positives=3, predicted=4, gold=6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert score.f1 == pytest.approx(0.6)
    assert PairScore().f1 == 0.0
    assert score + PairScore(1, 1, 2) == PairScore(4, 5, 8)


keys = st.tuples(st.sampled_from("abcd"), st.integers(0, 3))
pair_sets = st.sets(st.tuples(keys, keys).filter(lambda p: p[0][0] != p[1][0]), max_size=12)


@given(pair_sets, pair_sets)
def test_f1_lies_between_precision_and_recall(predicted: set[Pair], gold: set[Pair]) -> None:
    score = score_pairs(predicted, gold)
    low, high = sorted((score.precision, score.recall))
    assert low - 1e-9 <= score.f1 <= high + 1e-9
    assert score_pairs(gold, gold).f1 == (1.0 if gold else 0.0)


def test_reachable_score_counts_pairs_of_claim_sentences() -> None:
    gold: set[Pair] = {(("a", 0), ("b", 0)), (("a", 1), ("b", 0))}
    assert reachable_score(gold, {("a", 0), ("b", 0)}) == PairScore(1, 1, 2)


def test_sentence_at_prefers_largest_overlap() -> None:
    doc = gold_doc("1_1ecb", "1ecb", ["Crews fought the fire .", "It spread fast ."], {})
    first, second = doc.sentences
    assert sentence_at(doc, first.start, first.end) == 0
    assert sentence_at(doc, first.end - 3, second.end) == 1  # spans both, mostly the second
    assert sentence_at(doc, len(doc.text) + 5, len(doc.text) + 9) is None


def test_predicted_pairs_map_supports_to_annotated_sentences() -> None:
    one = gold_doc("4_1ecb", "4ecb", ["Police arrested a suspect .", "Weather was mild ."], {})
    two = gold_doc("4_2ecb", "4ecb", ["A suspect was arrested by police ."], {}, frozenset({0}))
    three = gold_doc("4_3ecb", "4ecb", ["Unlisted sentence ."], {}, frozenset())
    supports = [support(one, 0), support(two, 0), support(one, 1), support(three, 0)]
    facts = (Fact("f1", "arrest", FactStatus.CORROBORATED, 3, (), "", support=tuple(supports)),)
    brief = make_brief(facts, [one, two, three])
    assert predicted_pairs(brief, {d.id: d for d in (one, two, three)}) == {
        (("4_1ecb", 0), ("4_2ecb", 0)),
        (("4_1ecb", 1), ("4_2ecb", 0)),
    }


def support(doc: GoldDocument, number: int) -> Support:
    span = doc.sentences[number]
    text = doc.text[span.start : span.end]
    return Support(doc.id, Mention(doc.id, span.start, span.end, text), origin=doc.id)


def make_brief(facts: tuple[Fact, ...], docs: Sequence[GoldDocument]) -> Brief:
    documents = tuple(make_article(d.text, id=d.id, outlet=d.id) for d in docs)
    return Brief(documents, (), (), (), (), (), (), facts=facts)


def test_baseline_pairs_overlapping_sentences_of_other_documents() -> None:
    docs = [
        gold_doc(
            "5_1ecb", "5ecb", ["Firefighters rescued two hikers on Mount Ash .", "Fog lifted ."], {}
        ),
        gold_doc("5_2ecb", "5ecb", ["Two hikers were rescued from Mount Ash ."], {}),
    ]
    scores = overlap_scores(docs)
    assert set(scores) == {(("5_1ecb", 0), ("5_2ecb", 0)), (("5_1ecb", 1), ("5_2ecb", 0))}
    assert pairs_at(scores, 0.3) == {(("5_1ecb", 0), ("5_2ecb", 0))}
    gold: set[Pair] = {(("5_1ecb", 0), ("5_2ecb", 0))}
    assert tune_threshold(scores, gold, grid=(0.0, 0.3, 0.9)) == 0.3


def test_content_words_drop_stop_words_and_case() -> None:
    assert content_words("The Mayor said 12 homes were lost.") == {
        "mayor",
        "said",
        "12",
        "homes",
        "lost",
    }


def test_parse_grid_takes_every_combination_with_field_types() -> None:
    grid = parse_grid(["min_score=0.6,0.7", "neighbours=5"])
    assert [(p.min_score, p.neighbours) for p in grid] == [(0.6, 5), (0.7, 5)]
    assert isinstance(grid[0].neighbours, int)
    with pytest.raises(SystemExit, match="min_score"):
        parse_grid(["min_scor=0.5"])
