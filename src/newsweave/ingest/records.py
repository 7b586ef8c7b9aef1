"""JSON and JSON Lines records: ``text`` required; ``id``, ``title``, ``url``, ``outlet``,
``published`` (ISO date or datetime) and ``author`` optional; other keys are ignored, since
records exported by other tools carry many.

A JSON file holds one record, a list of records, or ``{"articles": [...]}``. A bad record
rejects only itself; for JSON Lines its source is ``path#LINE`` so the user can find it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from newsweave.ingest.formats import InputFormat
from newsweave.ingest.metadata import ArticleDraft, optional_string, parse_published
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import Rejected, RejectReason

RECORD_LIST_KEY = "articles"
_EXPECTED_SHAPE = 'expected an object with "text", a list of such objects, or {"articles": [...]}'


def parse_json_records(text: str, source: str, stem: str) -> list[ArticleDraft | Rejected]:
    """Records of a ``.json`` file; a file that is not JSON raises MALFORMED."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputRejectedError(RejectReason.MALFORMED, f"not valid JSON: {exc}") from exc
    if isinstance(data, dict) and RECORD_LIST_KEY in data and "text" not in data:
        data = data[RECORD_LIST_KEY]
    if isinstance(data, dict):
        return [_draft_or_rejected(data, source, stem, InputFormat.JSON, is_record=False)]
    if not isinstance(data, list):
        raise InputRejectedError(RejectReason.MALFORMED, _EXPECTED_SHAPE)
    if not data:
        raise InputRejectedError(RejectReason.EMPTY, "the JSON list holds no records")
    return [
        _draft_or_rejected(item, f"{source}#{n}", f"{stem}-{n}", InputFormat.JSON, is_record=True)
        for n, item in enumerate(data, start=1)
    ]


def parse_jsonl_records(text: str, source: str, stem: str) -> list[ArticleDraft | Rejected]:
    """One record per non-blank line of a ``.jsonl`` / ``.ndjson`` file, numbered by line."""
    results: list[ArticleDraft | Rejected] = []
    for line_number, line in _numbered_lines(text):
        record_source = f"{source}#{line_number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"line {line_number}, column {exc.colno}: not valid JSON ({exc.msg})"
            results.append(Rejected(record_source, RejectReason.MALFORMED, detail))
            continue
        record_id = f"{stem}-{line_number}"
        results.append(
            _draft_or_rejected(data, record_source, record_id, InputFormat.JSONL, is_record=True)
        )
    if not results:
        raise InputRejectedError(RejectReason.EMPTY, "the JSON Lines file holds no records")
    return results


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    # Split on "\n" only: JSON strings cannot hold raw newlines, but str.splitlines would also
    # split on U+2028, which JSON allows inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def _draft_or_rejected(
    data: object, source: str, default_id: str, input_format: InputFormat, *, is_record: bool
) -> ArticleDraft | Rejected:
    try:
        return replace(record_to_draft(data, source, default_id, input_format), is_record=is_record)
    except InputRejectedError as exc:
        return exc.to_rejected(source)


def record_to_draft(
    data: object, source: str, default_id: str, input_format: InputFormat
) -> ArticleDraft:
    """One record to a draft; ``text`` is kept exactly as given (offsets point into it)."""
    if not isinstance(data, dict):
        raise InputRejectedError(
            RejectReason.MALFORMED, f"record is a JSON {type(data).__name__}, not an object"
        )
    text = data.get("text")
    if not isinstance(text, str):
        why = "has no text field" if text is None else "has a text field that is not a string"
        raise InputRejectedError(RejectReason.MALFORMED, f"record {why}")
    if not text.strip():
        raise InputRejectedError(RejectReason.EMPTY, "record text is empty")
    return ArticleDraft(
        source=source,
        text=text,
        input_format=input_format.value,
        default_id=default_id,
        record_id=_record_id(data),
        title=optional_string(data, "title"),
        url=optional_string(data, "url"),
        outlet=optional_string(data, "outlet"),
        published=parse_published(optional_string(data, "published")),
        author=optional_string(data, "author"),
    )


def _record_id(data: dict[str, object]) -> str | None:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return optional_string(data, "id")
