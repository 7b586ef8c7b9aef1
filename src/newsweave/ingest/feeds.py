"""RSS and Atom feeds whose items carry the full text (content:encoded, content or summary).

feedparser is imported inside the function so that plain-text runs do not pay for it; it is
given a byte stream, never a string, so it can neither fetch a URL nor open a file path.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from newsweave.ingest.formats import InputFormat
from newsweave.ingest.html import html_to_text
from newsweave.ingest.metadata import ArticleDraft
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import Rejected, RejectReason

_PLAIN_TYPES = frozenset({"text/plain", "text"})


def parse_feed(data: bytes, source: str, stem: str) -> list[ArticleDraft | Rejected]:
    """One draft per feed item (``path#N``), or a rejection for an item with no text."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    entries: list[Any] = list(parsed.entries)
    if not entries:
        if parsed.get("bozo"):
            why = parsed.get("bozo_exception", "unreadable XML")
            detail = f"not a readable RSS or Atom feed: {why}"
            raise InputRejectedError(RejectReason.MALFORMED, detail)
        if not parsed.get("version"):
            raise InputRejectedError(RejectReason.MALFORMED, "not an RSS or Atom feed")
        raise InputRejectedError(RejectReason.EMPTY, "the feed has no items")
    site_name = _string(parsed.feed.get("title"))
    return [
        _entry_to_draft(entry, f"{source}#{n}", f"{stem}-{n}", site_name)
        for n, entry in enumerate(entries, start=1)
    ]


def _entry_to_draft(
    entry: Any, source: str, default_id: str, site_name: str | None
) -> ArticleDraft | Rejected:
    text = _entry_text(entry)
    if not text:
        return Rejected(source, RejectReason.EMPTY, "feed item has no content or summary text")
    return ArticleDraft(
        source=source,
        text=text,
        input_format=InputFormat.FEED.value,
        default_id=default_id,
        title=_string(entry.get("title")),
        url=_string(entry.get("link")),
        author=_string(entry.get("author")),
        published=_entry_day(entry),
        site_name=site_name,
        is_record=True,
    )


def _entry_text(entry: Any) -> str:
    """The longest of the item's full-text fields, as text with one paragraph per line."""
    parts = [*entry.get("content", []), entry.get("summary_detail") or {}]
    candidates = [(part.get("value", ""), part.get("type", "")) for part in parts]
    texts = [
        value.strip() if kind in _PLAIN_TYPES else html_to_text(value)
        for value, kind in candidates
        if isinstance(value, str)
    ]
    return max(texts, key=len, default="")


def _entry_day(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value is not None:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _string(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
