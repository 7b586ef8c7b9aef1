"""Request parameters to the store's query, and the store's records to JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException

from newsweave.store.records import PAGE_LIMIT_MAX, StoryQuery

SORTS = ("recent", "size")
# What the pages' form sends (an unchecked box sends nothing, an empty date an empty value);
# the API takes the JSON words only, as its OpenAPI document says.
FORM_TRUE, FORM_FALSE = ("on", "true", "1"), ("", "off", "false", "0")
API_TRUE, API_FALSE = ("true",), ("false",)
TYPED_PARAMETERS = ("since", "until", "disagreements", "sort", "limit", "offset")
TEXT_CHARS_MAX = 500
DEFAULT_LIMIT = StoryQuery().limit  # a search longer than this is no search


def story_query(params: Mapping[str, str], strict: bool = False) -> StoryQuery:
    """A ``StoryQuery`` from request parameters; a bad value is a 400 naming it. ``strict``
    (the API) refuses empty values and takes ``true``/``false`` only for a flag.

    >>> story_query({"q": "rail", "sort": "size", "disagreements": "on"}).sort
    'size'
    >>> story_query({"since": ""}, strict=True)
    Traceback (most recent call last):
    ...
    starlette.exceptions.HTTPException: 400: since is empty
    """
    if strict:
        for name in TYPED_PARAMETERS:
            if name in params and not params[name].strip():
                raise HTTPException(400, f"{name} is empty")
    sort = params.get("sort") or "recent"
    if sort not in SORTS:
        raise HTTPException(400, f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    text = params.get("q", "").strip()
    if len(text) > TEXT_CHARS_MAX:
        raise HTTPException(400, f"q is longer than {TEXT_CHARS_MAX} characters")
    return StoryQuery(
        text=text,
        outlet=params.get("outlet", "").strip() or None,
        since=_date(params, "since"),
        until=_date(params, "until"),
        disagreements=_flag(params, "disagreements", strict),
        sort="size" if sort == "size" else "recent",
        limit=_integer(params, "limit", DEFAULT_LIMIT, 1, PAGE_LIMIT_MAX),
        offset=_integer(params, "offset", 0, 0, 10_000_000),
    )


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD, got {value[:40]!r}") from None


def _flag(params: Mapping[str, str], name: str, strict: bool) -> bool:
    value = params.get(name, "false" if strict else "").strip().lower()
    if value in (API_TRUE if strict else FORM_TRUE):
        return True
    if value in (API_FALSE if strict else FORM_FALSE):
        return False
    raise HTTPException(400, f"{name} must be true or false, got {value[:40]!r}")


def _integer(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise HTTPException(400, f"{name} must be a whole number from {low} to {high}")
    return int(value)


def to_json(record: Any) -> Any:
    """A store record (frozen dataclass) as JSON values: dates as ISO strings, tuples as lists.

    >>> to_json(StoryQuery(since=dt.date(2026, 3, 1)))["since"]
    '2026-03-01'
    """
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, dt.date):
        return record.isoformat()
    if isinstance(record, list | tuple):
        return [to_json(item) for item in record]
    if isinstance(record, dict):
        return {str(k): to_json(v) for k, v in record.items()}
    return record
