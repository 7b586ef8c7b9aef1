"""RSS and Atom feeds whose items carry the full text (content:encoded, content or summary).

Each item's outlet: its ``<source>`` (the name, else the registered domain of its url); in an
aggregator feed (the item links to another site than the feed's own), ``dc:creator`` (the
item's author field), then the registered domain of the item's link; the feed's title only
when none of these says otherwise, since an aggregator's items come from many outlets. Items
that carry only a summary (no ``content:encoded`` or Atom content) are read and named in a
warning: a summary is not the article.

feedparser is imported inside the function so that plain-text runs do not pay for it; it is
given a byte stream, never a string, so it can neither fetch a URL nor open a file path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import sys
from typing import Any

from newsweave.ingest.formats import InputFormat
from newsweave.ingest.html import html_to_text
from newsweave.ingest.metadata import ArticleDraft
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import Rejected, RejectReason
from newsweave.outlets import registered_domain

_PLAIN_TYPES = frozenset({"text/plain", "text"})
# Numeric character references, which feedparser turns into characters with chr() and then
# encodes: a reference past U+10FFFF raises ValueError and one to a surrogate UnicodeEncodeError
# (both found by scripts/fuzz_readers.py), so such references become U+FFFD first.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
_CHARREF_REPLACEMENT = b"&#65533;"
_SURROGATES = range(0xD800, 0xE000)


def parse_feed(data: bytes, source: str, stem: str) -> list[ArticleDraft | Rejected]:
    """One draft per feed item (``path#N``), or a rejection for an item with no text."""
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(_CHARREF.sub(_valid_charref, data)))
    except Exception as exc:
        # feedparser is not hardened against hostile markup: whatever it raises on one file
        # rejects that file (as unreadable XML), never the run.
        detail = f"not a readable RSS or Atom feed: {type(exc).__name__}: {exc}"
        raise InputRejectedError(RejectReason.MALFORMED, detail) from exc
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
    feed_domain = _domain(_string(parsed.feed.get("link")))
    return [
        _entry_to_draft(entry, f"{source}#{n}", f"{stem}-{n}", site_name, feed_domain)
        for n, entry in enumerate(entries, start=1)
    ]


def _valid_charref(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    valid = 0 < code <= sys.maxunicode and code not in _SURROGATES
    return match[0] if valid else _CHARREF_REPLACEMENT


def _entry_to_draft(
    entry: Any, source: str, default_id: str, site_name: str | None, feed_domain: str | None
) -> ArticleDraft | Rejected:
    text, full = _entry_text(entry)
    if not text:
        return Rejected(source, RejectReason.EMPTY, "feed item has no content or summary text")
    warning = () if full else (f"{source}: the feed item carries only a summary, not the article",)
    return ArticleDraft(
        source=source,
        text=text,
        input_format=InputFormat.FEED.value,
        default_id=default_id,
        title=_string(entry.get("title")),
        url=_string(entry.get("link")),
        author=_string(entry.get("author")),
        published=_entry_day(entry),
        outlet=_entry_outlet(entry, feed_domain),
        site_name=site_name,
        is_record=True,
        warnings=warning,
    )


def _entry_outlet(entry: Any, feed_domain: str | None) -> str | None:
    """The item's own outlet (see the module docstring), None to fall back to the feed's."""
    item_source = entry.get("source") or {}
    named = _string(item_source.get("title")) or _domain(_string(item_source.get("href")))
    if named:
        return named
    link_domain = _domain(_string(entry.get("link")))
    if link_domain is None or link_domain == feed_domain:
        return None
    return _string(entry.get("author")) or link_domain


def _domain(url: str | None) -> str | None:
    return registered_domain(url) if url and "://" in url else None


def _entry_text(entry: Any) -> tuple[str, bool]:
    """The longest of the item's text fields, one paragraph per line, and whether it is full
    text (content) rather than the summary."""
    contents = [_part_text(part) for part in entry.get("content", [])]
    content = max(contents, key=len, default="")
    summary = _part_text(entry.get("summary_detail") or {})
    return (content, True) if len(content) >= len(summary) and content else (summary, False)


def _part_text(part: Any) -> str:
    value, kind = part.get("value", ""), part.get("type", "")
    if not isinstance(value, str):
        return ""
    return value.strip() if kind in _PLAIN_TYPES else html_to_text(value)


def _entry_day(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        # dict.get, not entry.get: feedparser maps a missing updated_parsed to published_parsed
        # with a DeprecationWarning (found by scripts/fuzz_readers.py: year 0 fell through)
        value = dict.get(entry, key)
        if value is not None:
            with contextlib.suppress(ValueError):  # "0000-00-00" parses to year 0, no date
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _string(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
