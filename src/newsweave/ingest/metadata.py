"""Article metadata: drafts, JSON sidecars, outlets from URLs, publication dates.

Precedence, highest first (each later source fills only what is still missing):

1. a sidecar ``NAME.meta.json`` next to a single-article file (title, url, outlet, published,
   author); for a multi-record file (JSON, JSON Lines, feed) the sidecar's outlet, published
   and author only fill what a record lacks, since a record's own fields are more specific;
2. what the input itself says: HTML metadata (the site name included), a record's fields, a
   feed item's fields;
3. the run-wide ``ReadOptions.outlet`` / ``ReadOptions.published`` (what the user said on the
   command line is stronger than a guess);
4. derived values: the outlet from the URL's host; the publication date from a dateline that
   opens the text (the issue: "when nothing else does"), and a dateline beats a date guessed
   from the URL: an HTML page's date (trafilatura reads the URL too) that equals the date in its
   URL, and no sidecar date, yields to a dateline naming another day. A yearless dateline
   ("KYIV, Oct 17 (Reuters) -") takes the year that puts it nearest the guessed date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from newsweave.dateline import find_dateline
from newsweave.ingest.jsontext import clean_string, load_json
from newsweave.ingest.options import ReadOptions
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("title", "url", "outlet", "published", "author")
# Host prefixes that name a mobile/AMP/web front of the same outlet, not another outlet.
HOST_PREFIXES_DROPPED = ("www.", "www1.", "www2.", "m.", "amp.", "mobile.")
# Sidecars are small hand-written files; a bigger one is a mistake, not metadata.
SIDECAR_MAX_BYTES = 64 * 1024
# Longest date string parsed: "Friday, 17 October 2025 08:00:00 +0000 (Coordinated Universal
# Time)" has 66 characters; past 100 it is prose, and dateutil's time grows with length.
DATE_MAX_CHARS = 100
# Two defaults differing in year, month and day: a free-form date that reads the same under both
# names its own day; one that changes left something out ("October", "17 Oct") and names none.
_DATE_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article before its metadata is settled and its id is allocated."""

    source: str
    text: str
    input_format: str
    default_id: str  # slug of the file stem, or "stem-N" for record N
    record_id: str | None = None  # the record's own "id" field
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    site_name: str | None = None
    is_record: bool = False  # one of several records of a JSON, JSON Lines or feed file
    headings: tuple[str, ...] = ()  # heading lines known from markup
    published_explicit: bool = False  # ``published`` came from a sidecar, never a guess
    warnings: tuple[str, ...] = ()  # kept, but with something missing or doubtful


@dataclass(frozen=True, slots=True)
class Sidecar:
    """Metadata from ``NAME.meta.json``."""

    path: Path
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    warnings: tuple[str, ...] = ()


def find_sidecar(path: Path) -> Path | None:
    """``story/a.txt.meta.json`` if it exists, else ``story/a.meta.json``, else None."""
    for candidate in (
        path.with_name(path.name + SIDECAR_SUFFIX),
        path.with_name(path.stem + SIDECAR_SUFFIX),
    ):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path) -> Sidecar:
    """Read a sidecar; a broken one rejects its article (MALFORMED) with the sidecar named."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(SIDECAR_MAX_BYTES + 1)
        if len(raw) > SIDECAR_MAX_BYTES:
            raise _bad_sidecar(path, f"larger than {SIDECAR_MAX_BYTES} bytes")
        data = load_json(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad_sidecar(path, str(exc)) from exc
    except InputRejectedError as exc:
        if exc.detail.startswith("sidecar "):
            raise
        raise _bad_sidecar(path, exc.detail) from exc
    if not isinstance(data, dict):
        raise _bad_sidecar(path, "expected a JSON object")
    unknown = sorted(set(data) - set(SIDECAR_FIELDS))
    if unknown:
        raise _bad_sidecar(path, f"unknown keys {unknown}; allowed: {', '.join(SIDECAR_FIELDS)}")
    try:
        fields = {key: optional_string(data, key) for key in ("title", "url", "outlet", "author")}
        raw_date = optional_string(data, "published")
    except InputRejectedError as exc:
        raise _bad_sidecar(path, exc.detail) from exc
    published, warning = read_date(raw_date, f"sidecar {path.name}")
    return Sidecar(path, published=published, warnings=warning, **fields)


def _bad_sidecar(path: Path, why: str) -> InputRejectedError:
    return InputRejectedError(RejectReason.MALFORMED, f"sidecar {path.name}: {why}")


def optional_string(data: dict[str, object], key: str) -> str | None:
    """``data[key]`` stripped, None when absent, null or blank; other types reject the record."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputRejectedError(
            RejectReason.MALFORMED, f"field {key!r} must be a string, got {type(value).__name__}"
        )
    return clean_string(value).strip() or None


def parse_published(value: str | None) -> dt.date | None:
    """The day a date string names, in any common format (as written: no time-zone conversion).

    ISO dates and datetimes first, then python-dateutil for the rest; a string missing its
    year, month or day names no day. Raises ``InputRejectedError(MALFORMED)`` when unreadable.

    >>> parse_published("2025-10-17T23:30:00-04:00"), parse_published("October 17, 2025")
    (datetime.date(2025, 10, 17), datetime.date(2025, 10, 17))
    >>> parse_published("Fri, 17 Oct 2025 08:00:00 GMT")
    datetime.date(2025, 10, 17)
    """
    if value is None:
        return None
    day = _iso_day(value) or _free_form_day(value)
    if day is None:
        raise InputRejectedError(
            RejectReason.MALFORMED,
            f"published {clean_string(value)[:DATE_MAX_CHARS]!r} is not a date newsweave can read"
            " (such as 2025-10-17, 'Fri, 17 Oct 2025 08:00:00 GMT' or 'October 17, 2025')",
        )
    return day


def read_date(value: object, where: str) -> tuple[dt.date | None, tuple[str, ...]]:
    """A date field's day, or None and a warning: an unreadable date never drops an article."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ()
    if not isinstance(value, str):
        why = f"a JSON {type(value).__name__}, not a date string"
    else:
        try:
            return parse_published(value.strip()), ()
        except InputRejectedError as exc:
            why = exc.detail
    return None, (f"{where}: {why}; the article is kept undated",)


def _iso_day(value: str) -> dt.date | None:
    try:
        if len(value) == len("2025-10-17"):
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _free_form_day(value: str) -> dt.date | None:
    """dateutil's reading, when two different defaults give the same day (nothing guessed)."""
    from dateutil import parser

    if len(value) > DATE_MAX_CHARS:
        return None
    try:
        days = {parser.parse(value, default=default).date() for default in _DATE_DEFAULTS}
    except (ValueError, OverflowError):
        return None
    return days.pop() if len(days) == 1 else None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host without www/m/amp prefixes.

    >>> outlet_from_url("https://www.reuters.com/world/europe/story-2025-10-17/")
    'reuters.com'
    >>> outlet_from_url("https://amp.theguardian.com/world") , outlet_from_url("not a url")
    ('theguardian.com', None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in HOST_PREFIXES_DROPPED:
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            return host[len(prefix) :]
    return host


def slugify(name: str) -> str:
    """A readable id from a file stem.

    >>> slugify("000_d93fcb1c765fd467"), slugify("Reuters – Budapest summit"), slugify("§§")
    ('000_d93fcb1c765fd467', 'reuters-budapest-summit', 'article')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_name.lower()).strip("-")
    return slug or "article"


def apply_sidecar(draft: ArticleDraft, sidecar: Sidecar) -> ArticleDraft:
    """Sidecar values override a single article's own; for records they only fill gaps."""
    if draft.is_record:
        return replace(
            draft,
            warnings=draft.warnings + sidecar.warnings,
            outlet=draft.outlet or sidecar.outlet,
            published=draft.published or sidecar.published,
            author=draft.author or sidecar.author,
        )
    return replace(
        draft,
        warnings=draft.warnings + sidecar.warnings,
        title=sidecar.title or draft.title,
        url=sidecar.url or draft.url,
        outlet=sidecar.outlet or draft.outlet,
        published=sidecar.published or draft.published,
        author=sidecar.author or draft.author,
        published_explicit=sidecar.published is not None,
    )


_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})([/-]?)(\d{2})\2(\d{2})(?!\d)")


def url_date(url: str | None) -> dt.date | None:
    """The date a URL's path spells, if any ("/2025/10/17/", "story-2025-10-17", "20251017").

    >>> url_date("https://www.reuters.com/world/europe/story-2025-10-17/")
    datetime.date(2025, 10, 17)
    >>> url_date("https://example.com/2025/10/17/talks"), url_date("https://example.com/a")
    (datetime.date(2025, 10, 17), None)
    """
    path = urlsplit(url).path if url else ""
    for match in _URL_DATE.finditer(path):
        try:
            return dt.date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
    return None


def _guessed_from_url(draft: ArticleDraft) -> bool:
    """An HTML page's date that only repeats the date in its URL, and no sidecar said it."""
    return (
        draft.input_format in ("html", "warc")
        and not draft.published_explicit
        and draft.published is not None
        and draft.published == url_date(draft.url)
    )


def complete_metadata(draft: ArticleDraft, options: ReadOptions) -> ArticleDraft:
    """Fill what is still missing: the run-wide options first, then derived values."""
    outlet = draft.outlet or draft.site_name or options.outlet or outlet_from_url(draft.url)
    guessed = _guessed_from_url(draft)
    published = (None if guessed else draft.published) or options.published
    fallback = draft.published if guessed else None
    dateline = find_dateline(draft.text) if published is None else None
    if dateline is not None:
        published = dateline.near(fallback or url_date(draft.url))
    return replace(draft, outlet=outlet, published=published or fallback)
