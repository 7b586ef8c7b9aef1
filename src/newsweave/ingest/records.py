"""JSON and JSON Lines records, in the shapes crawlers and datasets export.

Each field is taken from the first of its names present (``FIELD_ALIASES``): text from
``text``, ``maintext`` (news-please), ``content`` or ``body`` (required); title from ``title`` or
``headline``; the date from ``published``, ``date_publish`` (news-please), ``date`` or
``pubDate`` in any common format; the outlet from ``outlet``, ``source_domain`` (news-please),
``source`` or ``publisher`` (a string, or an object with a ``name``); the author from
``author`` or ``authors`` (a string or a list of names); ``url`` or ``link``; ``id``. Other keys
are ignored, since records exported by other tools carry many. A date that cannot be read
leaves the article undated with a warning; it never drops the record.

A JSON file holds one record, a list of records, or ``{"articles": [...]}``. A bad record
rejects only itself; for JSON Lines its source is ``path#LINE`` so the user can find it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from newsweave.ingest.formats import InputFormat
from newsweave.ingest.jsontext import clean_string, load_json
from newsweave.ingest.metadata import ArticleDraft, optional_string, read_date
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import Rejected, RejectReason

RECORD_LIST_KEY = "articles"
_EXPECTED_SHAPE = 'expected an object with "text", a list of such objects, or {"articles": [...]}'
# Names each field goes by, first present wins: newsweave's own, news-please's, then common
# dataset and feed-export spellings (AllSides-style "content"/"source"/"date", NewsAPI's
# "source": {"name": ...}, schema.org's "headline").
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "title": ("title", "headline"),
    "published": ("published", "date_publish", "date", "pubDate"),
    "outlet": ("outlet", "source_domain", "source", "publisher"),
    "author": ("author", "authors"),
    "url": ("url", "link"),
}
# Largest integer id used as the article id: 64 bits covers database keys and hashes; a longer
# number is no id anyone reads (and past 4,300 digits Python cannot even print it).
ID_MAX_BITS = 64
# Keys naming an outlet inside an object-valued outlet field ({"name": "Reuters", "id": ...}).
_NAME_KEYS = ("name", "title")


def parse_json_records(text: str, source: str, stem: str) -> list[ArticleDraft | Rejected]:
    """Records of a ``.json`` file; a file that is not JSON raises MALFORMED."""
    data = load_json(text)
    if isinstance(data, dict) and RECORD_LIST_KEY in data and _aliased(data, "text") is None:
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
            data = load_json(line)
        except InputRejectedError as exc:
            detail = _line_error(line_number, exc)
            results.append(Rejected(record_source, RejectReason.MALFORMED, detail))
            continue
        record_id = f"{stem}-{line_number}"
        results.append(
            _draft_or_rejected(data, record_source, record_id, InputFormat.JSONL, is_record=True)
        )
    if not results:
        raise InputRejectedError(RejectReason.EMPTY, "the JSON Lines file holds no records")
    return results


def _line_error(line_number: int, exc: InputRejectedError) -> str:
    cause = exc.__cause__
    if isinstance(cause, json.JSONDecodeError):
        return f"line {line_number}, column {cause.colno}: not valid JSON ({cause.msg})"
    return f"line {line_number}: {exc.detail}"


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
    """One record to a draft; the text is kept exactly as given (offsets point into it), but
    for lone surrogates, replaced one for one by U+FFFD."""
    if not isinstance(data, dict):
        raise InputRejectedError(
            RejectReason.MALFORMED, f"record is a JSON {type(data).__name__}, not an object"
        )
    text = _record_text(data)
    date_field = _aliased(data, "published")
    published, warnings = (
        (None, ()) if date_field is None else read_date(date_field[1], f"{source} {date_field[0]}")
    )
    return ArticleDraft(
        source=source,
        text=text,
        input_format=input_format.value,
        default_id=default_id,
        record_id=_record_id(data),
        title=_string_field(data, "title"),
        url=_string_field(data, "url"),
        outlet=_outlet(data),
        published=published,
        author=_author(data),
        warnings=warnings,
    )


def _aliased(data: dict[str, object], field: str) -> tuple[str, object] | None:
    """``(key, value)`` of the first alias of ``field`` present with a non-null value."""
    for key in FIELD_ALIASES[field]:
        value = data.get(key)
        if value is not None:
            return key, value
    return None


def _record_text(data: dict[str, object]) -> str:
    found = _aliased(data, "text")
    if found is None:
        names = ", ".join(FIELD_ALIASES["text"])
        raise InputRejectedError(RejectReason.MALFORMED, f"record has no text field ({names})")
    key, text = found
    if not isinstance(text, str):
        why = f"has a {key} field that is not a string"
        raise InputRejectedError(RejectReason.MALFORMED, f"record {why}")
    if not text.strip():
        raise InputRejectedError(RejectReason.EMPTY, "record text is empty")
    return clean_string(text)


def _string_field(data: dict[str, object], field: str) -> str | None:
    found = _aliased(data, field)
    return None if found is None else optional_string(dict([found]), found[0])


def _outlet(data: dict[str, object]) -> str | None:
    found = _aliased(data, "outlet")
    if found is not None and isinstance(found[1], dict):
        names = (found[1].get(key) for key in _NAME_KEYS)
        return next((clean_string(n).strip() for n in names if isinstance(n, str)), None) or None
    return _string_field(data, "outlet")


def _author(data: dict[str, object]) -> str | None:
    found = _aliased(data, "author")
    if found is not None and isinstance(found[1], list):
        names = [clean_string(name).strip() for name in found[1] if isinstance(name, str)]
        return ", ".join(name for name in names if name) or None
    return _string_field(data, "author")


def _record_id(data: dict[str, object]) -> str | None:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= ID_MAX_BITS:
        return str(value)
    return clean_string(value).strip() or None if isinstance(value, str) else None
