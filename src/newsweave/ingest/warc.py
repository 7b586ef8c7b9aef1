"""Web archives (``.warc``, ``.warc.gz``): crawls and CommonCrawl's CC-NEWS, through warcio.

Each HTML response record (HTTP 200, ``text/html`` or ``application/xhtml+xml``) is one
article, read like an HTML page, with the capture's URL (``WARC-Target-URI``) and, when the page
names no date of its own, the capture's day (``WARC-Date``). Requests, metadata, redirects and
non-HTML responses are not articles and are passed over. The archive is streamed: memory holds
one record at a time (each capped at ``max_bytes``), so a CC-NEWS file of a gigabyte is fine.
An article's source is ``path#N``, N counting HTML responses.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsweave.ingest.formats import InputFormat
from newsweave.ingest.html import page_draft
from newsweave.ingest.metadata import ArticleDraft
from newsweave.ingest.rejection import InputRejectedError
from newsweave.ingest.text import decode_bytes
from newsweave.model import Rejected, RejectReason

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTTP_OK = "200"
# warcio logs what it repairs ("Replacing spaces in invalid WARC-Target-URI") without a handler
# of its own, so Python printed it on standard error; a NullHandler keeps a library quiet while
# an application that configures logging still receives the records.
logging.getLogger("warcio").addHandler(logging.NullHandler())


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def parse_warc(
    path: Path, display: str, stem: str, max_bytes: int
) -> list[ArticleDraft | Rejected]:
    """One draft (or rejection) per HTML response; a broken archive keeps what came before."""
    results: list[ArticleDraft | Rejected] = []
    try:
        with path.open("rb") as handle:
            for n, record in enumerate(_html_responses(handle), start=1):
                results.append(_record_result(record, f"{display}#{n}", f"{stem}-{n}", max_bytes))
    except (_ArchiveError, OSError) as exc:
        where = f"after {len(results)} pages" if results else "at its start"
        cause = exc.__cause__ if isinstance(exc, _ArchiveError) else exc
        detail = f"not a readable WARC archive {where}: {type(cause).__name__}: {cause}"
        if not results:
            raise InputRejectedError(RejectReason.MALFORMED, detail) from exc
        results.append(Rejected(display, RejectReason.MALFORMED, detail))
    if not results:
        raise InputRejectedError(RejectReason.EMPTY, "the archive holds no HTML page responses")
    return results


class _ArchiveError(Exception):
    """Whatever warcio raised (its cause) while reading the archive's records."""


def _html_responses(handle: Any) -> Iterator[Any]:
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
        # warcio writes this warning (a record longer or shorter than its Content-Length) to
        # standard error itself; a library must not print, and the records are still read.
        INC_RECORD = ""

    records = iter(QuietArchiveIterator(handle))
    while True:
        try:
            record = next(records)
            if _is_html_response(record):
                yield record
        except StopIteration:
            return
        except Exception as exc:
            # warcio is not hardened against hostile archives (scripts/fuzz_readers.py found an
            # AttributeError on a record without a target URI): whatever it raises ends this
            # archive, keeping the pages before, and never the run.
            raise _ArchiveError from exc


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return bool(
        record.http_headers.get_statuscode() == HTTP_OK and content_type.startswith(HTML_TYPES)
    )


def _record_result(
    record: Any, source: str, default_id: str, max_bytes: int
) -> ArticleDraft | Rejected:
    try:
        data = _content(record, max_bytes)
        if len(data) > max_bytes:
            detail = f"the page is over the limit of {max_bytes:,} bytes"
            raise InputRejectedError(RejectReason.TOO_LARGE, detail)
        return _page_draft(record, decode_bytes(data), source, default_id)
    except InputRejectedError as exc:
        return exc.to_rejected(source)


def _content(record: Any, max_bytes: int) -> bytes:
    try:
        data: bytes = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # warcio's decoders, on a hostile body (see _html_responses)
        raise _ArchiveError from exc
    return data


def _page_draft(record: Any, html: str, source: str, default_id: str) -> ArticleDraft:
    return page_draft(
        html,
        source=source,
        default_id=default_id,
        url=record.rec_headers.get_header("WARC-Target-URI") or None,
        input_format=InputFormat.WARC.value,
        fallback_published=_capture_day(record.rec_headers.get_header("WARC-Date")),
        is_record=True,
    )


def _capture_day(value: str | None) -> dt.date | None:
    """The day of a WARC-Date ("2025-10-17T08:00:00Z")."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
