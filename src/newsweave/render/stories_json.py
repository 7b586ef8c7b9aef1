"""The JSON contract of ``newsweave cluster``, shaped by ``schema/stories.schema.json``.

``documents`` and ``rejected`` are exactly those of the brief schema. A collection can hold
tens of thousands of articles, so ``write_stories_json`` writes the documents one by one as
the iterable yields them (a generator reading an index is fine) and never holds the whole
output; ``stories_to_dict`` builds the same value in memory, for small runs and tests. Both
give the same JSON text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any, TextIO

import jsonschema
from jsonschema.exceptions import best_match

from newsweave.errors import SchemaError
from newsweave.model import Article, CopyRelation, SharedSpan, Story, StoryRun, Thread
from newsweave.render.json_out import GENERATOR, document_to_dict, rejected_to_dict

STORIES_SCHEMA_VERSION = "1.1"  # separate from the brief schema's version
STORIES_SCHEMA_FILE = "stories.schema.json"
INDENT = 2  # the brief's JSON is indented by two spaces too


def span_to_dict(span: SharedSpan) -> dict[str, Any]:
    return {
        "from": [span.source_start, span.source_end],
        "to": [span.target_start, span.target_end],
    }


def copy_relation_to_dict(relation: CopyRelation) -> dict[str, Any]:
    return {
        "from": relation.source,
        "to": relation.target,
        "shared_chars": relation.shared_chars,
        "near_duplicate": relation.near_duplicate,
        "spans": [span_to_dict(span) for span in relation.spans],
    }


def story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "start": story.start.isoformat() if story.start else None,
        "end": story.end.isoformat() if story.end else None,
        "documents": list(story.documents),
        "outlets": list(story.outlets),
        "size": len(story.documents),
        "copies": [copy_relation_to_dict(relation) for relation in story.copies],
        "thread": story.thread or None,
    }


def thread_to_dict(thread: Thread) -> dict[str, Any]:
    return {
        "id": thread.id,
        "title": thread.title,
        "start": thread.start.isoformat() if thread.start else None,
        "end": thread.end.isoformat() if thread.end else None,
        "stories": list(thread.stories),
        "outlets": list(thread.outlets),
        "size": thread.size,
    }


def _head(run: StoryRun) -> dict[str, Any]:
    """Everything before ``documents``, in output order."""
    return {
        "schema_version": STORIES_SCHEMA_VERSION,
        "generator": GENERATOR,
        "stories": [story_to_dict(story) for story in run.stories],
        "threads": [thread_to_dict(thread) for thread in run.threads],
    }


def _tail(run: StoryRun) -> dict[str, Any]:
    """Everything after ``documents``, in output order."""
    return {
        "rejected": [rejected_to_dict(item) for item in run.rejected],
        "warnings": list(run.warnings),
        "added": run.added,
        "known": run.known,
    }


def stories_to_dict(run: StoryRun, documents: Iterable[Article]) -> dict[str, Any]:
    """The run as the JSON contract (validates against ``load_stories_schema()``)."""
    return {
        **_head(run),
        "documents": [document_to_dict(article) for article in documents],
        **_tail(run),
    }


def write_stories_json(run: StoryRun, documents: Iterable[Article], out: TextIO) -> None:
    """Write the run's JSON to ``out``, one document at a time; ends with a newline.

    The text equals ``json.dumps(stories_to_dict(run, documents), indent=2,
    ensure_ascii=False)`` plus a newline.
    """
    out.write("{")
    first = True
    for key, value in _head(run).items():
        out.write(("" if first else ",") + f"\n{_key(key)}{_nested(value, 1)}")
        first = False
    out.write(f",\n{_key('documents')}[")
    count = 0
    for count, article in enumerate(documents, start=1):
        prefix = "\n" if count == 1 else ",\n"
        out.write(prefix + " " * 2 * INDENT + _nested(document_to_dict(article), 2))
    out.write(f"\n{' ' * INDENT}]" if count else "]")
    for key, value in _tail(run).items():
        out.write(f",\n{_key(key)}{_nested(value, 1)}")
    out.write("\n}\n")


def stories_to_json(run: StoryRun, documents: Iterable[Article]) -> str:
    """The JSON text of a small run (``write_stories_json`` to a string)."""
    return json.dumps(stories_to_dict(run, documents), **_DUMP_OPTIONS) + "\n"


_DUMP_OPTIONS: dict[str, Any] = {"ensure_ascii": False, "indent": INDENT, "allow_nan": False}


def _key(key: str) -> str:
    return f"{' ' * INDENT}{json.dumps(key)}: "


def _nested(value: Any, depth: int) -> str:
    """``value`` as indented JSON whose inner lines sit ``depth`` levels deep.

    JSON strings never hold a raw line break, so indenting after each one is safe.
    """
    text = json.dumps(value, **_DUMP_OPTIONS)
    return text.replace("\n", "\n" + " " * INDENT * depth)


@functools.cache
def _schema_text() -> str:
    schema_dir = resources.files("newsweave.schema")
    return schema_dir.joinpath(STORIES_SCHEMA_FILE).read_text(encoding="utf-8")


def load_stories_schema() -> dict[str, Any]:
    """The shipped stories schema as a fresh dict (callers may modify it).

    >>> load_stories_schema()["properties"]["schema_version"]["const"] == STORIES_SCHEMA_VERSION
    True
    """
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@functools.cache
def _validator() -> Any:
    schema = load_stories_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def validate_stories_json(data: dict[str, Any]) -> None:
    """Raise ``SchemaError`` naming the most relevant error's JSON path and message."""
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise SchemaError(f"{error.json_path}: {error.message}")


def check_story_references(data: dict[str, Any]) -> list[str]:
    """Every broken link in stories JSON, as ``"$.path: what is wrong"``; empty when all hold.

    Each document belongs to exactly one story; a story's ``size`` counts its ``documents``;
    a copy links two different documents of its story, and each span lies inside their texts.
    Each story with a thread is in exactly that thread's ``stories``, and a thread's ``size``
    counts the documents of its stories.
    """
    lengths = {doc.get("id"): len(doc.get("text", "")) for doc in data.get("documents", [])}
    problems: list[str] = []
    owner: dict[str, str] = {}
    for i, story in enumerate(data.get("stories", [])):
        path, ids = f"$.stories[{i}]", story.get("documents", [])
        if story.get("size") != len(ids):
            problems.append(f"{path}.size: {story.get('size')} != {len(ids)} documents")
        for j, doc_id in enumerate(ids):
            if doc_id not in lengths:
                problems.append(f"{path}.documents[{j}]: unknown document {doc_id!r}")
            elif doc_id in owner:
                problems.append(f"{path}.documents[{j}]: {doc_id!r} is also in {owner[doc_id]}")
            owner.setdefault(doc_id, path)
        for j, copy in enumerate(story.get("copies", [])):
            problems += _copy_problems(copy, f"{path}.copies[{j}]", set(ids), lengths)
    problems += [f"$.documents: {doc_id!r} is in no story" for doc_id in lengths.keys() - owner]
    return problems + _thread_problems(data)


def _thread_problems(data: dict[str, Any]) -> list[str]:
    sizes = {s.get("id"): s.get("size", 0) for s in data.get("stories", [])}
    problems: list[str] = []
    holder: dict[str, str] = {}
    for i, thread in enumerate(data.get("threads", [])):
        path, members = f"$.threads[{i}]", thread.get("stories", [])
        for j, story_id in enumerate(members):
            if story_id not in sizes:
                problems.append(f"{path}.stories[{j}]: unknown story {story_id!r}")
            elif story_id in holder:
                problems.append(f"{path}.stories[{j}]: {story_id!r} is also in {holder[story_id]}")
            holder.setdefault(story_id, thread.get("id"))
        total = sum(sizes.get(story_id, 0) for story_id in members)
        if thread.get("size") != total:
            problems.append(f"{path}.size: {thread.get('size')} != {total} documents")
    for i, story in enumerate(data.get("stories", [])):
        thread_id = story.get("thread")
        if thread_id is not None and holder.get(story.get("id")) != thread_id:
            problems.append(f"$.stories[{i}].thread: {thread_id!r} does not list this story")
    return problems


def _copy_problems(
    copy: dict[str, Any], path: str, members: set[str], lengths: dict[Any, int]
) -> list[str]:
    ends = {"from": copy.get("from"), "to": copy.get("to")}
    problems = [
        f"{path}.{end}: {v!r} is not in the story" for end, v in ends.items() if v not in members
    ]
    if ends["from"] == ends["to"]:
        problems.append(f"{path}: an article cannot copy itself")
    for k, span in enumerate(copy.get("spans", [])):
        for end, doc_id in ends.items():
            start, stop = span.get(end, [0, 0])
            length = lengths.get(doc_id, 0)
            if not 0 <= start < stop <= length:
                where = f"[{start}, {stop}) outside {doc_id!r} of length {length}"
                problems.append(f"{path}.spans[{k}].{end}: {where}")
    return problems
