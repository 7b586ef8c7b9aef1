"""Load the shipped JSON Schema, validate output against it, and check mention offsets.

The schema file (``brief.schema.json``, JSON Schema draft 2020-12) is the contract; it is
documented field by field in docs/schema.md.

>>> load_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION
True
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from newsweave.errors import SchemaError

SCHEMA_VERSION = "2.0"
SCHEMA_FILE = "brief.schema.json"
MENTION_KEYS = ("document", "start", "end", "text")


@functools.cache
def _schema_text() -> str:
    return resources.files("newsweave.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The shipped schema as a fresh dict (callers may modify it)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@functools.cache
def _validator() -> Any:
    import jsonschema  # here, not at the top: a brief written as JSON never validates (~0.05 s)

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def validate_brief_json(data: dict[str, Any]) -> None:
    """Raise ``SchemaError`` naming the most relevant error's JSON path and message."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise SchemaError(f"{error.json_path}: {error.message}")


def check_mentions(data: dict[str, Any]) -> list[str]:
    """Every problem with a span in ``data``, as ``"$.path: what is wrong"``; empty when all hold.

    A span is any object with ``document``, ``start``, ``end`` and ``text``: mentions,
    sentences, claims (``claims[]`` themselves and their ``attribution``) and the sides of
    ``facts[].disagreements``. It must satisfy ``documents[id == document].text[start:end] ==
    text``.
    """
    texts = {doc.get("id"): doc.get("text") for doc in data.get("documents", [])}
    problems = []
    for path, span in _spans(data, "$"):
        problem = _span_problem(span, texts)
        if problem:
            problems.append(f"{path}: {problem}")
    return problems


def check_references(data: dict[str, Any]) -> list[str]:
    """Every id that names nothing, as ``"$.path: what is missing"``; empty when all resolve.

    Checked: ``quotes[].variants`` (quote ids), ``sources.outlets[].documents``, ``.facts`` and
    ``.exclusive`` (document and fact ids), ``sources.copies[].copier`` and ``.origin``,
    ``facts[].claims`` and ``facts[].disagreements[].sides[].claims`` (claim ids), and
    ``claims[].fact`` (a fact id, or empty for a claim no fact holds) with the claim among that
    fact's ``claims``.
    """
    ids = {
        "quote": {quote.get("id") for quote in data.get("quotes", [])},
        "document": {doc.get("id") for doc in data.get("documents", [])},
        "fact": {fact.get("id") for fact in data.get("facts", [])},
        "claim": {claim.get("id") for claim in data.get("claims", [])},
    }
    sources = data.get("sources", {})
    named: list[tuple[str, str, Any]] = []
    problems: list[str] = []
    held_by = {c: f.get("id") for f in data.get("facts", []) for c in f.get("claims", [])}
    for i, fact in enumerate(data.get("facts", [])):
        named += [
            (f"$.facts[{i}].claims[{j}]", "claim", c) for j, c in enumerate(fact.get("claims", []))
        ]
        for k, disagreement in enumerate(fact.get("disagreements", [])):
            for m, side in enumerate(disagreement.get("sides", [])):
                named += [
                    (f"$.facts[{i}].disagreements[{k}].sides[{m}].claims[{j}]", "claim", c)
                    for j, c in enumerate(side.get("claims", []))
                ]
    for i, claim in enumerate(data.get("claims", [])):
        fact = claim.get("fact", "")
        if fact:
            named.append((f"$.claims[{i}].fact", "fact", fact))
        if fact != held_by.get(claim.get("id"), ""):
            problems.append(
                f"$.claims[{i}].fact: {fact!r}, but {held_by.get(claim.get('id'))!r} holds it"
            )
    for i, quote in enumerate(data.get("quotes", [])):
        named += [
            (f"$.quotes[{i}].variants[{j}]", "quote", v)
            for j, v in enumerate(quote.get("variants", []))
        ]
    for i, profile in enumerate(sources.get("outlets", [])):
        for key, kind in (("documents", "document"), ("facts", "fact"), ("exclusive", "fact")):
            named += [
                (f"$.sources.outlets[{i}].{key}[{j}]", kind, v)
                for j, v in enumerate(profile.get(key, []))
            ]
    for i, link in enumerate(sources.get("copies", [])):
        named += [
            (f"$.sources.copies[{i}].{key}", "document", link.get(key))
            for key in ("copier", "origin")
        ]
    unknown = [
        f"{path}: unknown {kind} {value!r}" for path, kind, value in named if value not in ids[kind]
    ]
    return unknown + problems


def _spans(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Walk ``value`` depth first, yielding every span-shaped object with its JSON path."""
    if isinstance(value, dict):
        if all(key in value for key in MENTION_KEYS):
            yield path, value
        for key, child in value.items():
            if key != "documents":
                yield from _spans(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _spans(child, f"{path}[{index}]")


def _span_problem(span: dict[str, Any], texts: dict[Any, Any]) -> str | None:
    document, start, end, text = (span[key] for key in MENTION_KEYS)
    if document not in texts:
        return f"unknown document {document!r}"
    source = texts[document]
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(source, str)):
        return "start/end must be integers"
    if not 0 <= start <= end <= len(source):
        return f"span [{start}, {end}) outside document {document!r} of length {len(source)}"
    if source[start:end] != text:
        return f"text {text!r} != document text {source[start:end]!r} at [{start}, {end})"
    return None
