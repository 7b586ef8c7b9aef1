"""The JSON contract: schema validity, enum agreement with the model, mention offsets."""

from __future__ import annotations

import copy
import dataclasses
import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave import __version__, model
from newsweave.errors import SchemaError
from newsweave.model import Brief, Figure, FigureKind, Mention, Qualifier
from newsweave.render.json_out import brief_to_dict, brief_to_json, figure_to_dict, render_json
from newsweave.schema.schema import (
    SCHEMA_VERSION,
    check_mentions,
    check_references,
    load_schema,
    validate_brief_json,
)
from tests.render.brief_builder import make_brief, make_hostile_brief


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return brief_to_dict(make_brief())


def test_brief_validates_against_schema(data: dict[str, Any]) -> None:
    validate_brief_json(data)


def test_every_mention_points_at_its_text(data: dict[str, Any]) -> None:
    assert check_mentions(data) == []


def test_every_id_names_something(data: dict[str, Any]) -> None:
    assert check_references(data) == []


def test_header_fields(data: dict[str, Any]) -> None:
    assert data["schema_version"] == SCHEMA_VERSION == "2.0"
    assert data["generator"] == f"newsweave {__version__}"
    assert [doc["id"] for doc in data["documents"]] == ["a1", "a2", "a3"]
    assert data["documents"][0]["published"] == "2025-10-17"
    assert data["rejected"] == [
        {"source": "stories/broken.json", "reason": "malformed", "detail": "line 3: expecting ','"}
    ]


def test_schema_file_version_matches_constant() -> None:
    schema = load_schema()
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert schema["$id"].endswith(f":{SCHEMA_VERSION}")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_empty_brief_validates() -> None:
    validate_brief_json(brief_to_dict(Brief((), (), (), (), (), (), ())))


def test_json_text_is_strict_json_and_keeps_unicode() -> None:
    text = brief_to_json(make_brief())
    assert "“We cannot" in text
    assert json.loads(text) == brief_to_dict(make_brief())


def test_render_json_is_one_document_with_a_final_newline() -> None:
    text = render_json(make_brief())
    assert text.endswith("}\n")
    validate_brief_json(json.loads(text))


def test_fact_support_and_disagreement_sides(data: dict[str, Any]) -> None:
    closing = data["facts"][0]
    assert [(s["outlet"], s["origin"], s["role"], s["note"]) for s in closing["support"]] == [
        ("Harbor Gazette", "Harbor Gazette", "original", ""),
        ("Valley Post", "Reuters", "relay", "cites Reuters"),
        ("Coastline Wire", "Harbor Gazette", "copy", "copies Harbor Gazette"),
    ]
    assert closing["support"][0]["mention"]["text"].startswith("The Calder Bridge will close")
    assert "conflicts" not in closing  # 2.0: disagreements replace conflicts
    (hedged,) = closing["disagreements"]
    assert (hedged["relation"], hedged["slot"]) == ("differ", "modality")
    assert [(s["value"], s["outlets"], s["independent_sources"]) for s in hedged["sides"]] == [
        ("asserted", ["Harbor Gazette", "Coastline Wire"], 1),  # the wire copies the Gazette
        ("hedged", ["Valley Post"], 1),
    ]
    assert [s["claims"] for s in hedged["sides"]] == [["a1#c0", "a3#c0"], ["a2#c0"]]
    cost = data["facts"][1]["disagreements"][0]
    assert (cost["relation"], cost["slot"]) == ("contradict", "figure")
    assert [(side["value"], side["outlets"]) for side in cost["sides"]] == [
        ("about $4.2 million", ["Harbor Gazette"]),
        ("$4.5 million", ["Valley Post"]),
    ]
    assert cost["mentions"] == [m for side in cost["sides"] for m in side["mentions"]]
    wording = data["facts"][2]["disagreements"][0]
    assert (wording["relation"], wording["slot"]) == ("differ", "wording")
    assert [data["facts"][i]["status"] for i in range(4)] == [
        "corroborated", "disputed", "corroborated", "disputed",
    ]  # fmt: skip


def test_fact_counts_k_of_n_outlets(data: dict[str, Any]) -> None:
    counts = {f["id"]: (f["outlet_count"], f["story_outlets"]) for f in data["facts"]}
    assert counts == {
        "f1": (3, 3), "f2": (2, 3), "f3": (2, 3), "f4": (2, 3), "f5": (1, 3), "f6": (1, 3),
        "f7": (1, 3),
    }  # fmt: skip
    assert all(f["outlet_count"] == len(f["outlets"]) for f in data["facts"])
    assert [f["attributed_to"] for f in data["facts"]] == [None] * 7


def test_fact_without_outlets_counts_its_mentions_outlets() -> None:
    data = brief_to_dict(make_hostile_brief())
    red = data["facts"][1]
    assert (red["outlets"], red["outlet_count"], red["story_outlets"]) == ([], 1, 2)
    assert data["facts"][0]["attributed_to"] == "<script>alert(1)</script> officials"


def test_claims_are_listed_with_their_fact(data: dict[str, Any]) -> None:
    claims = {claim["id"]: claim for claim in data["claims"]}
    assert len(claims) == len(data["claims"]) == 12  # ids are unique
    for fact in data["facts"]:
        assert fact["claims"], fact["id"]
        for claim_id in fact["claims"]:
            assert claims[claim_id]["fact"] == fact["id"]
        # in support order: the n-th claim is the n-th report's span
        spans = [(claims[c]["document"], claims[c]["start"]) for c in fact["claims"]]
        assert spans == [(s["mention"]["document"], s["mention"]["start"]) for s in fact["support"]]
    held = [claim_id for fact in data["facts"] for claim_id in fact["claims"]]
    assert sorted(held) == sorted(claims)  # every claim is in exactly one fact
    cost = claims["a1#c1"]
    assert cost["text"] == cost["statement"] == "the repairs would cost about $4.2 million"
    assert (cost["form"], cost["modality"], cost["negated"], cost["predicate"]) == (
        "reported", "expected", False, "cost",
    )  # fmt: skip
    assert cost["attribution"]["text"] == "Mayor Elena Voss"
    assert claims["a2#c5"]["text"] == "more than 300 workers will take part"  # a clause of a2#c4's


def test_claim_outside_every_fact_has_no_fact() -> None:
    brief = make_brief()
    extra = dataclasses.replace(brief.claims[0], id="a1#c9")
    data = brief_to_dict(dataclasses.replace(brief, claims=(*brief.claims, extra)))
    validate_brief_json(data)
    assert data["claims"][-1]["fact"] == ""
    assert check_references(data) == []


def test_quote_variants_are_quote_ids(data: dict[str, Any]) -> None:
    variants = {quote["id"]: quote["variants"] for quote in data["quotes"]}
    assert variants == {"q1": ["q5"], "q2": [], "q3": ["q4"], "q4": ["q3"], "q5": ["q1"]}


def test_sources_comparison(data: dict[str, Any]) -> None:
    sources = data["sources"]
    assert sources["outlets"][0] == {
        "outlet": "Harbor Gazette",
        "documents": ["a1"],
        "facts": ["f1", "f2", "f3", "f5"],
        "exclusive": ["f5"],
    }
    assert {"outlets": ["Harbor Gazette", "Valley Post"], "shared_facts": 3} in sources["overlap"]
    (copy,) = sources["copies"]
    assert (copy["copier"], copy["origin"], copy["shared_words"]) == ("a3", "a1", 14)
    assert copy["share"] == pytest.approx(14 / 27)
    assert sources["relays"][0]["origin"] == "Reuters"
    assert sources["relays"][0]["mention"]["text"] == "according to Reuters"


def test_empty_brief_has_an_empty_comparison() -> None:
    sources = brief_to_dict(Brief((), (), (), (), (), (), ()))["sources"]
    assert sources == {"outlets": [], "overlap": [], "copies": [], "relays": []}


def test_unbounded_figure_limit_is_null(data: dict[str, Any]) -> None:
    workers = next(f for f in data["figures"] if f["text"] == "300 workers")
    assert (workers["low"], workers["high"], workers["qualifier"]) == (301, None, "more-than")


def test_nan_figure_value_becomes_null() -> None:
    figure = Figure(Mention("a1", 0, 3, "few"), FigureKind.COUNT, math.nan, "", Qualifier.ABOUT)
    assert figure_to_dict(figure)["value"] is None


# (JSON path into the schema, model enum whose values it must list)
ENUMS = [
    (("rejected", "reason"), model.RejectReason),
    (("sentence", "kind"), model.SentenceKind),
    (("entity", "type"), model.EntityType),
    (("quote", "attribution"), model.Attribution),
    (("figure", "kind"), model.FigureKind),
    (("figure", "qualifier"), model.Qualifier),
    (("date", "granularity"), model.Granularity),
    (("timeline_entry", "granularity"), model.Granularity),
    (("fact", "status"), model.FactStatus),
    (("disagreement", "slot"), model.ConflictKind),
    (("disagreement", "relation"), model.Relation),
    (("claim", "form"), model.ClaimForm),
    (("claim", "modality"), model.Modality),
    (("support", "role"), model.SupportRole),
]


@pytest.mark.parametrize(("where", "enum_type"), ENUMS, ids=lambda v: str(v))
def test_schema_enums_match_model(where: tuple[str, str], enum_type: type[enum.Enum]) -> None:
    definition, prop = where
    listed = load_schema()["$defs"][definition]["properties"][prop]["enum"]
    assert set(listed) == {member.value for member in enum_type}


def _broken(data: dict[str, Any], path: list[str | int], value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    target: Any = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return broken


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["facts", 0, "status"], "confirmed", "$.facts[0].status"),
        (["rejected", 0, "reason"], "broken", "$.rejected[0].reason"),
        (["documents", 0, "published"], "17/10/2025", "$.documents[0].published"),
        (["quotes", 0, "mentions", 0, "offset"], 3, "$.quotes[0].mentions[0]"),
        (["schema_version"], "0.9", "$.schema_version"),
        (["figures", 0, "high"], "Infinity", "$.figures[0].high"),
        (["entities", 0, "mentions", 0, "start"], -1, "$.entities[0].mentions[0].start"),
        (["facts", 0, "support", 1, "role"], "reprint", "$.facts[0].support[1].role"),
        (["facts", 1, "disagreements", 0, "slot"], "cost", "$.facts[1].disagreements[0].slot"),
        (
            ["facts", 1, "disagreements", 0, "relation"],
            "disputes",
            "$.facts[1].disagreements[0].relation",
        ),
        (
            ["facts", 1, "disagreements", 0, "sides", 0, "side"],
            "a",
            "$.facts[1].disagreements[0].sides[0]",
        ),
        (["facts", 1, "disagreements", 0, "sides"], [], "$.facts[1].disagreements[0].sides"),
        (["facts", 1, "conflicts"], [], "$.facts[1]"),
        (["facts", 1, "claims"], [], "$.facts[1].claims"),
        (["facts", 1, "outlet_count"], 0, "$.facts[1].outlet_count"),
        (["facts", 1, "attributed_to"], 3, "$.facts[1].attributed_to"),
        (["claims", 0, "form"], "sentence", "$.claims[0].form"),
        (["claims", 0, "modality"], "certain", "$.claims[0].modality"),
        (["claims", 0, "negated"], "no", "$.claims[0].negated"),
        (["claims", 1, "attribution"], "Voss", "$.claims[1].attribution"),
        (["quotes", 0, "variants", 0], 5, "$.quotes[0].variants[0]"),
        (["sources", "overlap", 0, "outlets"], ["a"], "$.sources.overlap[0].outlets"),
        (["sources", "copies", 0, "share"], 1.5, "$.sources.copies[0].share"),
        (["sources", "relays", 0, "mention"], None, "$.sources.relays[0].mention"),
        (["sources", "extra"], [], "$.sources"),
    ],
)
def test_schema_rejects(
    data: dict[str, Any], path: list[str | int], value: Any, expected: str
) -> None:
    with pytest.raises(SchemaError) as raised:
        validate_brief_json(_broken(data, path, value))
    assert str(raised.value).startswith(expected)


def test_schema_rejects_unknown_top_level_field(data: dict[str, Any]) -> None:
    with pytest.raises(SchemaError, match="extra"):
        validate_brief_json({**data, "extra": 1})


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("start", 1, "!= document text"),
        ("text", "CALDER", "!= document text"),
        ("document", "a9", "unknown document 'a9'"),
        ("end", 10_000, "outside document 'a1'"),
    ],
)
def test_check_mentions_finds_a_corrupted_mention(
    data: dict[str, Any], field: str, value: Any, problem: str
) -> None:
    broken = _broken(data, ["quotes", 0, "mentions", 0, field], value)
    problems = check_mentions(broken)
    assert len(problems) == 1
    assert problems[0].startswith("$.quotes[0].mentions[0]: ")
    assert problem in problems[0]


def test_check_mentions_covers_sentences_claims_and_disagreements(data: dict[str, Any]) -> None:
    broken = _broken(data, ["sentences", 0, "text"], "x")
    broken = _broken(broken, ["facts", 1, "disagreements", 0, "mentions", 0, "end"], 0)
    broken = _broken(broken, ["claims", 2, "document"], "a9")
    paths = [problem.split(":")[0] for problem in check_mentions(broken)]
    assert paths == ["$.sentences[0]", "$.facts[1].disagreements[0].mentions[0]", "$.claims[2]"]


@pytest.mark.parametrize(
    "path",
    [
        ["facts", 0, "support", 2, "mention"],
        ["facts", 1, "disagreements", 0, "sides", 1, "mentions", 0],
        ["facts", 0, "disagreements", 0, "sides", 0, "mentions", 1],
        ["claims", 4],
        ["claims", 1, "attribution"],
        ["sources", "copies", 0, "passages", 0],
        ["sources", "relays", 0, "mention"],
    ],
    ids=lambda path: ".".join(map(str, path)),
)
def test_check_mentions_covers_the_new_spans(data: dict[str, Any], path: list[str | int]) -> None:
    target: Any = data
    for key in path:
        target = target[key]
    broken = _broken(data, [*path, "start"], target["start"] + 1)
    expected = "$" + "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path)
    assert [problem.split(": ")[0] for problem in check_mentions(broken)] == [expected]


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (["quotes", 0, "variants", 0], "q9", "$.quotes[0].variants[0]: unknown quote 'q9'"),
        (
            ["sources", "outlets", 1, "facts", 0],
            "f99",
            "$.sources.outlets[1].facts[0]: unknown fact",
        ),
        (["sources", "outlets", 0, "documents", 0], "a7", ".documents[0]: unknown document 'a7'"),
        (["sources", "copies", 0, "origin"], "zz", "$.sources.copies[0].origin: unknown document"),
        (
            ["facts", 0, "disagreements", 0, "sides", 1, "claims", 0],
            "b2#c0",
            "$.facts[0].disagreements[0].sides[1].claims[0]: unknown claim 'b2#c0'",
        ),
        (["claims", 3, "fact"], "f1", "$.claims[3].fact: 'f1', but 'f5' holds it"),
        (["claims", 3, "fact"], "", "$.claims[3].fact: '', but 'f5' holds it"),
    ],
)
def test_check_references_finds_a_dangling_id(
    data: dict[str, Any], path: list[str | int], value: Any, problem: str
) -> None:
    problems = check_references(_broken(data, path, value))
    assert len(problems) == 1, problems
    assert problem in problems[0]


def test_check_references_finds_an_unknown_claim_of_a_fact(data: dict[str, Any]) -> None:
    problems = check_references(_broken(data, ["facts", 2, "claims", 1], "a2#c9"))
    assert problems == [
        "$.facts[2].claims[1]: unknown claim 'a2#c9'",
        "$.claims[7].fact: 'f3', but None holds it",  # a2#c3, the id it replaced
    ]


def test_check_references_finds_an_unknown_fact_of_a_claim(data: dict[str, Any]) -> None:
    problems = check_references(_broken(data, ["claims", 3, "fact"], "f99"))
    assert problems == [
        "$.claims[3].fact: unknown fact 'f99'",
        "$.claims[3].fact: 'f99', but 'f5' holds it",
    ]


@given(
    text=st.text(min_size=1, max_size=40),
    bounds=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=5),
    corrupt=st.booleans(),
)
def test_check_mentions_flags_exactly_the_wrong_spans(
    text: str, bounds: list[tuple[int, int]], corrupt: bool
) -> None:
    spans = [sorted((a % (len(text) + 1), b % (len(text) + 1))) for a, b in bounds]
    mentions = [{"document": "d", "start": s, "end": e, "text": text[s:e]} for s, e in spans]
    if corrupt:
        mentions[0]["text"] = str(mentions[0]["text"]) + "\x00"
    data = {"documents": [{"id": "d", "text": text}], "facts": [{"mentions": mentions}]}
    problems = check_mentions(data)
    assert len(problems) == (1 if corrupt else 0)
