"""The JSON contract: schema validity, enum agreement with the model, mention offsets."""

from __future__ import annotations

import copy
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
from tests.render.brief_builder import make_brief


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
    assert data["schema_version"] == SCHEMA_VERSION == "1.1"
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


def test_fact_support_and_conflict_sides(data: dict[str, Any]) -> None:
    closing = data["facts"][0]
    assert [(s["outlet"], s["origin"], s["role"], s["note"]) for s in closing["support"]] == [
        ("Harbor Gazette", "Harbor Gazette", "original", ""),
        ("Valley Post", "Reuters", "relay", "cites Reuters"),
        ("Coastline Wire", "Harbor Gazette", "copy", "copies Harbor Gazette"),
    ]
    assert closing["support"][0]["mention"]["text"].startswith("The Calder Bridge will close")
    cost = data["facts"][1]["conflicts"][0]
    assert (cost["kind"], cost["disputes"]) == ("figure", True)
    assert [(side["value"], side["outlets"]) for side in cost["sides"]] == [
        ("about $4.2 million", ["Harbor Gazette"]),
        ("$4.5 million", ["Valley Post"]),
    ]
    assert cost["mentions"] == [m for side in cost["sides"] for m in side["mentions"]]
    wording = data["facts"][2]["conflicts"][0]
    assert (wording["kind"], wording["disputes"]) == ("wording", False)


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
    (("conflict", "kind"), model.ConflictKind),
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
        (["facts", 1, "conflicts", 0, "kind"], "cost", "$.facts[1].conflicts[0].kind"),
        (["facts", 1, "conflicts", 0, "sides", 0, "side"], "a", "$.facts[1].conflicts[0].sides[0]"),
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


def test_check_mentions_covers_sentences_and_nested_conflicts(data: dict[str, Any]) -> None:
    broken = _broken(data, ["sentences", 0, "text"], "x")
    broken = _broken(broken, ["facts", 1, "conflicts", 0, "mentions", 0, "end"], 0)
    paths = [problem.split(":")[0] for problem in check_mentions(broken)]
    assert paths == ["$.sentences[0]", "$.facts[1].conflicts[0].mentions[0]"]


@pytest.mark.parametrize(
    "path",
    [
        ["facts", 0, "support", 2, "mention"],
        ["facts", 1, "conflicts", 0, "sides", 1, "mentions", 0],
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
    ],
)
def test_check_references_finds_a_dangling_id(
    data: dict[str, Any], path: list[str | int], value: Any, problem: str
) -> None:
    problems = check_references(_broken(data, path, value))
    assert len(problems) == 1
    assert problem in problems[0]


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
