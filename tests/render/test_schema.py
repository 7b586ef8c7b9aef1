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


def test_header_fields(data: dict[str, Any]) -> None:
    assert data["schema_version"] == SCHEMA_VERSION
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
