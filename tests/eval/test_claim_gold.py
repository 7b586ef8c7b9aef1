"""The claim-gold scorer on hand-made system outputs, and the gold files against the data."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from eval.claim_gold import (
    GOLD_DIR,
    SPLIT_FILE,
    GoldError,
    Span,
    SystemDisagreement,
    SystemFact,
    SystemOutput,
    baseline_candidates,
    baseline_output,
    load_gold,
    matches,
    parse_gold,
    read_split,
    score_story,
    sentences,
    story_texts,
    system_from_brief_json,
)
from eval.claim_stories import DEFAULT_DATA, STORIES, materialise
from newsweave.ingest import read_inputs

# Two tiny invented articles (our own words, no third-party text).
TEXTS = {
    "a": "The storm killed 12 people on Monday. Officials expect more rain. The mayor resigned.\n",
    "b": "Twelve people died in the storm. Officials said 14 were hurt. Rain will go on.\n",
    "c": "The storm killed 15 people. It hit on Monday.\n",
}


def anchor(doc: str, snippet: str) -> dict[str, Any]:
    start = TEXTS[doc].index(snippet)
    end = start + len(snippet)
    sha = hashlib.sha1(snippet.encode("utf-8")).hexdigest()
    return {"document": doc, "start": start, "end": end, "sha1": sha}


def span(doc: str, snippet: str) -> Span:
    a = anchor(doc, snippet)
    return Span(doc, a["start"], a["end"])


RAW_GOLD: dict[str, Any] = {
    "story": "toy",
    "documents": [{"id": d} for d in TEXTS],
    "facts": [
        {
            "id": "f1",
            "label": "12 dead",
            "anchors": [
                anchor("a", "The storm killed 12 people"),
                anchor("b", "Twelve people died"),
            ],
            "independent_sources": 2,
        },
        {
            "id": "f2",
            "label": "more rain",
            "anchors": [anchor("a", "Officials expect more rain"), anchor("b", "Rain will go on")],
        },
        {
            "id": "f3",
            "label": "storm on Monday",
            "anchors": [anchor("a", "on Monday"), anchor("c", "It hit on Monday")],
        },
    ],
    "disagreements": [
        {
            "id": "d1",
            "label": "death toll",
            "relation": "contradict",
            "slot": "figure",
            "sides": [
                {"value": "12", "anchors": [anchor("a", "The storm killed 12 people")]},
                {"value": "15", "anchors": [anchor("c", "The storm killed 15 people")]},
            ],
        }
    ],
    "traps": [
        {
            "id": "t1",
            "label": "dead vs hurt",
            "anchors": [anchor("b", "Twelve people died"), anchor("b", "14 were hurt")],
        },
        {
            "id": "t2",
            "label": "dead (a) vs hurt (b)",
            "anchors": [anchor("a", "The storm killed 12 people"), anchor("b", "14 were hurt")],
        },
    ],
    "copy_groups": [],
}


def gold() -> Any:
    return parse_gold(RAW_GOLD, TEXTS)


def test_matching_needs_half_of_the_shorter_span() -> None:
    anchor_span = Span("a", 10, 20)
    assert matches(Span("a", 0, 100), anchor_span)  # a whole sentence covers a clause
    assert matches(Span("a", 15, 40), anchor_span)  # 5 of 10
    assert not matches(Span("a", 16, 40), anchor_span)  # 4 of 10
    assert not matches(Span("b", 10, 20), anchor_span)


def test_a_shifted_span_is_caught_by_its_sha1() -> None:
    raw = json.loads(json.dumps(RAW_GOLD))
    raw["facts"][0]["anchors"][0]["start"] += 1
    with pytest.raises(GoldError, match="sha1"):
        parse_gold(raw, TEXTS)


def test_a_system_finding_all_gold() -> None:
    g = gold()
    system = SystemOutput(
        (
            SystemFact(
                (
                    span("a", "The storm killed 12 people"),
                    span("b", "Twelve people died"),
                    span("c", "The storm killed 15 people"),
                ),
                (
                    SystemDisagreement(
                        "contradict",
                        "figure",
                        ((span("a", "The storm killed 12 people"),), (span("c", "killed 15"),)),
                    ),
                ),
                independent_sources=2,
            ),
            SystemFact((span("a", "Officials expect more rain"), span("b", "Rain will go on"))),
            SystemFact((span("a", "on Monday"), span("c", "It hit on Monday"))),
        )
    )
    score = score_story(g, system)
    # gold pairs: f1 a-b, f2 a-b, f3 a-c, d1 a-c
    assert score.gold_pairs == 4
    assert score.recall == 1.0
    # the system pair b-c (12 dead vs 15 dead) is in no gold unit
    assert score.system_pairs == 5 and score.system_pairs_correct == 4
    assert score.precision_all == pytest.approx(4 / 5)
    assert score.system_pairs_on_gold == 5  # so the restricted precision counts it: 4/5
    assert score.precision == pytest.approx(4 / 5)
    assert (score.disagreements_found, score.relation_right) == (1, 1)
    assert score.false_contradictions == 0
    assert (score.counts, score.counts_exact) == (1, 1)


def test_pairs_of_unannotated_spans_only_lower_unrestricted_precision() -> None:
    system = SystemOutput(
        (
            SystemFact((span("a", "Officials expect more rain"), span("b", "Rain will go on"))),
            SystemFact((span("a", "The mayor resigned"), span("c", "It hit on"))),
        )
    )
    score = score_story(gold(), system)
    assert score.system_pairs == 2 and score.system_pairs_on_gold == 1
    assert score.precision == 1.0 and score.precision_all == 0.5
    assert score.recall == pytest.approx(1 / 4)


def test_false_contradictions_from_traps_and_agreeing_facts() -> None:
    trap = SystemDisagreement(
        "contradict", "figure", ((span("a", "killed 12 people"),), (span("b", "14 were hurt"),))
    )
    agreeing = SystemDisagreement(
        "contradict",
        "figure",
        ((span("a", "The storm killed 12 people"),), (span("b", "Twelve people died"),)),
    )
    wording = SystemDisagreement(
        "differ",
        "wording",
        ((span("a", "The storm killed 12 people"),), (span("b", "Twelve people died"),)),
    )
    system = SystemOutput((SystemFact((), (trap, agreeing, wording)),))
    score = score_story(gold(), system)
    assert score.system_contradictions == 2
    assert score.false_contradictions == 2
    assert score.disagreements_found == 0


def test_a_found_disagreement_with_the_wrong_relation() -> None:
    differ = SystemDisagreement(
        "differ",
        "figure",
        ((span("c", "The storm killed 15 people"),), (span("a", "killed 12"),)),
    )
    score = score_story(gold(), SystemOutput((SystemFact((), (differ,)),)))
    assert (score.disagreements_found, score.relation_right) == (1, 0)


def test_independent_count_wrong_or_missing() -> None:
    wrong = SystemFact(
        (span("a", "The storm killed 12 people"), span("b", "Twelve people died")),
        independent_sources=1,
    )
    assert score_story(gold(), SystemOutput((wrong,))).counts_exact == 0
    assert score_story(gold(), SystemOutput(())).counts_exact == 0


def mention(doc: str, snippet: str) -> dict[str, Any]:
    a = anchor(doc, snippet)
    return {"document": doc, "start": a["start"], "end": a["end"], "text": snippet}


def test_adapter_reads_schema_1_1() -> None:
    m12, m15 = mention("a", "killed 12 people"), mention("c", "killed 15 people")
    data = {
        "schema_version": "1.1",
        "facts": [
            {
                "mentions": [m12, m15],
                "independent_sources": 2,
                "conflicts": [
                    {
                        "kind": "figure",
                        "sides": [
                            {"value": "12", "mentions": [m12]},
                            {"value": "15", "mentions": [m15]},
                        ],
                        "mentions": [m12, m15],
                    },
                    {"kind": "wording", "sides": [], "mentions": []},
                ],
            }
        ],
    }
    out = system_from_brief_json(data)
    (fact,) = out.facts
    assert fact.mentions == (span("a", "killed 12 people"), span("c", "killed 15 people"))
    assert [d.relation for d in fact.disagreements] == ["contradict", "differ"]
    assert fact.disagreements[0].sides[1] == (span("c", "killed 15 people"),)
    assert fact.independent_sources == 2


def test_adapter_prefers_schema_2_0_claims() -> None:
    c1 = {"id": "c1", **mention("a", "killed 12 people")}
    c2 = {"id": "c2", **mention("c", "killed 15 people")}
    data = {
        "claims": [c1, c2],
        "facts": [
            {
                "claims": ["c1", "c2"],
                "mentions": [],
                "independent_sources": 2,
                "disagreements": [
                    {
                        "relation": "progression",
                        "slot": "figure",
                        "sides": [
                            {"value": "12", "claims": ["c1"], "outlets": [], "mentions": []},
                            {"value": "15", "claims": ["c2"], "outlets": []},
                        ],
                    }
                ],
                "conflicts": [{"kind": "figure", "sides": [], "mentions": []}],
            }
        ],
    }
    (fact,) = system_from_brief_json(data).facts
    assert fact.mentions == (span("a", "killed 12 people"), span("c", "killed 15 people"))
    (d,) = fact.disagreements
    assert d.relation == "progression"
    assert d.sides == ((span("a", "killed 12 people"),), (span("c", "killed 15 people"),))


def test_baseline_pairs_similar_sentences() -> None:
    assert [TEXTS["a"][s.start : s.end] for s in sentences(TEXTS["a"])] == [
        "The storm killed 12 people on Monday.",
        "Officials expect more rain.",
    ]  # "The mayor resigned." is under 20 characters
    candidates = baseline_candidates(TEXTS)
    output = baseline_output(candidates, 0.3)
    pairs = {tuple(sorted(m.document for m in f.mentions)) for f in output.facts}
    assert ("a", "c") in pairs  # "storm killed ... people" in both
    assert baseline_output(candidates, 1.01).facts == ()


# ---------------------------------------------------------------- the real gold

needs_data = pytest.mark.skipif(
    not (DEFAULT_DATA / "neus-allsides").is_dir(), reason="../shared/data is absent"
)


def test_split_is_disjoint_and_names_known_stories() -> None:
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    dev, test = set(split["dev"]), set(split["test"])
    assert not dev & test and len(test) >= 4
    assert dev | test == set(STORIES)
    assert {p.stem for p in GOLD_DIR.glob("*.json")} - {"SPLIT"} == set(STORIES)
    assert read_split("all") == [*split["dev"], *split["test"]]


@needs_data
@pytest.mark.parametrize("story_id", sorted(STORIES))
def test_gold_offsets_validate_against_materialised_texts(story_id: str) -> None:
    g = load_gold(story_id)  # raises GoldError on any sha1 mismatch
    assert len(g.facts) >= 5
    assert all(len({a.document for a in f.anchors}) == len(f.anchors) for f in g.facts)


@needs_data
@pytest.mark.parametrize("story_id", sorted(STORIES))
def test_newsweave_reads_the_materialised_story_as_the_gold_expects(
    story_id: str, tmp_path: Path
) -> None:
    paths = materialise(story_id, tmp_path / "one")
    again = materialise(story_id, tmp_path / "two")
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    result = read_inputs([str(tmp_path / "one")])
    assert result.rejected == ()
    read = {a.id: a.text for a in result.articles}
    assert read == story_texts(story_id)
    assert all(a.outlet for a in result.articles)
