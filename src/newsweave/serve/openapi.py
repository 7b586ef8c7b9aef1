"""The HTTP API's OpenAPI 3.1 document, written out (no framework generates it): the paths,
their parameters and errors, the store's records as schemas, and the brief as its own JSON
Schema (``brief.schema.json``, whose ``$defs`` become ``components/schemas/brief.*``)."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from newsweave import __version__
from newsweave.schema.schema import load_schema
from newsweave.store.records import PAGE_LIMIT_MAX

Json = dict[str, Any]
BRIEF_PREFIX = "brief."


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str, **extra: Any) -> Json:
    return {"type": [kind, "null"], **extra}


def _object(properties: Json, required: tuple[str, ...] | None = None) -> Json:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required if required is not None else properties),
    }


STRING: Json = {"type": "string"}
STRINGS: Json = {"type": "array", "items": STRING}
COUNT: Json = {"type": "integer", "minimum": 0}
DAY: Json = _nullable("string", format="date")

RECORD_SCHEMAS: dict[str, Json] = {
    "Error": _object(
        {"error": _object({"status": {"type": "integer"}, "message": {"type": "string"}})}
    ),
    "StorySummary": _object(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "start": DAY,
            "end": DAY,
            "articles": COUNT,
            "outlets": STRINGS,
            "facts": COUNT,
            "established": COUNT,
            "disagreements": COUNT,
            "has_brief": {"type": "boolean"},
        }
    ),
    "StoryPage": _object(
        {"total": COUNT, "stories": {"type": "array", "items": _ref("StorySummary")}}
    ),
    "CopyLink": _object(
        {
            "article": {"type": "string"},
            "outlet": _nullable("string"),
            "shared_chars": COUNT,
            "near_duplicate": {"type": "boolean"},
        }
    ),
    "Article": _object(
        {
            "id": {"type": "string"},
            "title": _nullable("string"),
            "outlet": _nullable("string"),
            "published": DAY,
            "url": _nullable("string"),
            "author": _nullable("string"),
            "text": {"type": "string"},
            "story": _nullable("string"),
            "copies_of": {"type": "array", "items": _ref("CopyLink")},
            "copied_by": {"type": "array", "items": _ref("CopyLink")},
        }
    ),
    "OutletCount": _object({"name": {"type": "string"}, "articles": COUNT}),
    "Outlet": _object(
        {
            "name": {"type": "string"},
            "articles": {
                "type": "array",
                "items": {
                    "type": "array",
                    "prefixItems": [{"type": "string"}, _nullable("string"), DAY],
                    "minItems": 3,
                    "maxItems": 3,
                },
            },
            "stories": STRINGS,
            "only_here": {
                "type": "array",
                "description": "facts no other outlet reports: the story, the fact's id in "
                "that story's brief, and its text",
                "items": _object(
                    {"story": {"type": "string"}, "fact": {"type": "string"}, "text": STRING}
                ),
            },
            "copies_from": {"type": "array", "items": {"type": "array"}},
            "copied_by": {"type": "array", "items": {"type": "array"}},
        }
    ),
    "Job": _object(
        {
            "id": {"type": "string"},
            "state": {"enum": ["queued", "running", "done", "failed"]},
            "total": COUNT,
            "done": COUNT,
            "added": COUNT,
            "rejected": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
            "stories": STRINGS,
            "message": {"type": "string"},
            "extra": {"type": "object"},
        }
    ),
    "Record": {
        "type": "object",
        "description": "An article as `newsweave brief` reads JSON records: text from `text`, "
        "`maintext`, `content` or `body`; `title` or `headline`; `published`, `date_publish`, "
        "`date` or `pubDate` (any common date format); `outlet`, `source_domain`, `source` or "
        "`publisher` (a string, or an object with `name`); `author` or `authors` (a string or "
        "a list); `url` or `link`; `id`. Other keys are ignored. Each record is checked by the "
        "ingest readers when the run reads it: one that cannot be used (no text, a value of "
        "the wrong kind) is listed in the run's `rejected` with its reason, and the others "
        "are added.",
        "examples": [
            {
                "title": "Rail link to reopen",
                "outlet": "Harbor Gazette",
                "published": "2026-03-13",
                "url": "https://harbor-gazette.example/halvik",
                "text": "The ministers agreed on Thursday to reopen the rail link.",
            }
        ],
    },
    "AddArticles": _object(
        {"articles": {"type": "array", "items": _ref("Record"), "minItems": 1, "maxItems": 1000}}
    ),
}


def _error(description: str) -> Json:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def _ok(schema: Json, description: str = "OK") -> Json:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _path_param(name: str) -> Json:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _query(name: str, schema: Json, description: str) -> Json:
    return {"name": name, "in": "query", "schema": schema, "description": description}


STORY_QUERY = [
    _query("q", {"type": "string", "maxLength": 500}, "words in titles, names and outlets"),
    _query("outlet", {"type": "string"}, "stories with an article of this outlet"),
    _query("since", {"type": "string", "format": "date"}, "stories reaching this day or later"),
    _query("until", {"type": "string", "format": "date"}, "stories starting this day or earlier"),
    _query("disagreements", {"type": "boolean"}, "only stories whose brief reports one"),
    _query("sort", {"enum": ["recent", "size"]}, "latest day first, or most articles first"),
    _query("limit", {"type": "integer", "minimum": 1, "maximum": PAGE_LIMIT_MAX}, "page size"),
    _query("offset", {"type": "integer", "minimum": 0, "maximum": 10_000_000}, "stories skipped"),
]
BAD = _error("a parameter or the body is not valid")
MISSING = _error("not found")
UNAVAILABLE = _error("the store cannot be read (missing, damaged, another version's)")


def _get(summary: str, ok: Json, params: list[Json], *errors: tuple[str, Json]) -> Json:
    responses = {"200": ok, **dict(errors), "503": UNAVAILABLE}
    return {"get": {"summary": summary, "parameters": params, "responses": responses}}


def _paths() -> Json:
    add = {
        "summary": "Queue JSON records for indexing; the run's status follows",
        "security": [{"token": []}, {}],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _ref("AddArticles")}},
        },
        "responses": {
            "202": _ok(_ref("Job"), "queued; follow /api/jobs/{id}"),
            "400": BAD,
            "401": _error("a token is set and the request does not carry it"),
            "413": _error("the body is too large"),
            "503": UNAVAILABLE,
        },
    }
    return {
        "/api/stories": _get(
            "List and search stories", _ok(_ref("StoryPage")), STORY_QUERY, ("400", BAD)
        ),
        "/api/stories/{story_id}": _get(
            "A story", _ok(_ref("StorySummary")), [_path_param("story_id")], ("404", MISSING)
        ),
        "/api/stories/{story_id}/brief": _get(
            "A story's brief (brief JSON, schema 2.0)",
            _ok(_ref(f"{BRIEF_PREFIX}Brief")),
            [_path_param("story_id")],
            ("404", MISSING),
        ),
        "/api/articles": {"post": add},
        "/api/articles/{article_id}": _get(
            "An article", _ok(_ref("Article")), [_path_param("article_id")], ("404", MISSING)
        ),
        "/api/outlets": _get(
            "Every outlet with its number of articles, most first",
            _ok({"type": "array", "items": _ref("OutletCount")}),
            [],
        ),
        "/api/outlets/{name}": _get(
            "An outlet's record", _ok(_ref("Outlet")), [_path_param("name")], ("404", MISSING)
        ),
        "/api/jobs/{job_id}": _get(
            "An indexing run's status", _ok(_ref("Job")), [_path_param("job_id")], ("404", MISSING)
        ),
    }


def brief_schemas() -> dict[str, Json]:
    """The brief JSON Schema as components: ``brief.Brief`` and one ``brief.<def>`` per
    ``$defs`` entry, with every ``#/$defs/x`` reference pointed at its component."""
    schema = copy.deepcopy(load_schema())
    definitions = schema.pop("$defs")
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    schemas = {f"{BRIEF_PREFIX}Brief": schema}
    schemas.update({f"{BRIEF_PREFIX}{name}": body for name, body in definitions.items()})
    return {name: _retarget(body) for name, body in schemas.items()}


def _retarget(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: f"#/components/schemas/{BRIEF_PREFIX}{item.removeprefix('#/$defs/')}"
            if key == "$ref" and isinstance(item, str)
            else _retarget(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_retarget(item) for item in value]
    return value


@cache
def openapi_document() -> Json:
    """The whole document (built once)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsweave",
            "version": __version__,
            "description": "Stories found in a collection of news articles, each with a "
            'cross-checked brief. Errors are JSON: {"error": {"status", "message"}}.',
        },
        "paths": _paths(),
        "components": {
            "schemas": {**RECORD_SCHEMAS, **brief_schemas()},
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
