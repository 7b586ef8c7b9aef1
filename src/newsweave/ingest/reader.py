"""``read_inputs``: files, folders, globs and standard input to articles and rejections.

Nothing here raises for bad input: each unreadable, empty, binary, oversized or malformed
input (or record) becomes a ``Rejected`` naming it, and the rest are read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from newsweave.errors import OptionsError
from newsweave.ingest.compressed import GZIP_SUFFIX, gunzip
from newsweave.ingest.feeds import parse_feed
from newsweave.ingest.fetch import fetch
from newsweave.ingest.formats import (
    InputFormat,
    format_for_suffix,
    refine_xml_format,
    sniff_format,
)
from newsweave.ingest.html import page_draft
from newsweave.ingest.jsontext import clean_string
from newsweave.ingest.metadata import (
    ArticleDraft,
    Sidecar,
    apply_sidecar,
    complete_metadata,
    find_sidecar,
    load_sidecar,
    slugify,
)
from newsweave.ingest.options import DEFAULT_READ_OPTIONS, ReadOptions, ReadResult
from newsweave.ingest.records import parse_json_records, parse_jsonl_records
from newsweave.ingest.rejection import InputRejectedError, one_line
from newsweave.ingest.sources import InputSource, expand_specs
from newsweave.ingest.text import decode_bytes
from newsweave.ingest.warc import is_warc_name, parse_warc
from newsweave.model import Article, Rejected, RejectReason

STDIN_STEM = "stdin"
# How each kind of non-regular file is named when rejected: reading one could block forever
# (a FIFO with no writer) or never end (/dev/zero, /dev/urandom).
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_inputs(
    specs: Sequence[str],
    options: ReadOptions = DEFAULT_READ_OPTIONS,
    stdin: BinaryIO | None = None,
) -> ReadResult:
    """Read every input named by ``specs`` (paths, folders, globs, ``-`` for ``stdin``).

    Articles come in the order of ``specs``, sorted inside folders and globs; ids are unique
    within the call. Metadata precedence is described in ``newsweave.ingest.metadata``.
    """
    articles: list[Article] = []
    rejected: list[Rejected] = []
    warnings: list[str] = []
    for item in iter_inputs(specs, options, stdin, warnings=warnings):
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            articles.append(item)
    return ReadResult(tuple(articles), tuple(rejected), tuple(warnings))


def iter_inputs(
    specs: Sequence[str],
    options: ReadOptions = DEFAULT_READ_OPTIONS,
    stdin: BinaryIO | None = None,
    *,
    warnings: list[str] | None = None,
) -> Iterator[Article | Rejected]:
    """``read_inputs`` one article or rejection at a time, holding one input file at most.

    Warnings about articles that were kept (an unreadable date, a feed item's summary only)
    are appended to ``warnings`` when a list is given.
    """
    if isinstance(specs, str | bytes):
        raise OptionsError(f"specs must be a list of paths, not the single string {specs!r}")
    ids = IdAllocator()
    sources = expand_specs(specs, fetch=options.fetch)
    for done, item in enumerate(sources, start=1):
        results = [item] if isinstance(item, Rejected) else _read_source(item, options, stdin)
        if options.progress is not None:
            options.progress(done, len(sources))
        yield from articles_of(results, ids, warnings)


def articles_of(
    results: Sequence[ArticleDraft | Rejected], ids: IdAllocator, warnings: list[str] | None
) -> Iterator[Article | Rejected]:
    """Finished drafts as articles with ids unique within the run (their warnings appended to
    ``warnings``), and rejections with one-line details."""
    for result in results:
        if isinstance(result, Rejected):
            yield replace(result, detail=one_line(result.detail))
            continue
        if warnings is not None:
            warnings.extend(result.warnings)
        yield _to_article(result, ids.claim(result.record_id or result.default_id))


def _read_source(
    source: InputSource, options: ReadOptions, stdin: BinaryIO | None
) -> list[ArticleDraft | Rejected]:
    try:
        if source.url is not None:
            return finish_drafts(_read_url(source.url, source.display, options), None, options)
        if source.path is None:
            data = _read_stdin(stdin, options.max_bytes)
            return finish_drafts(
                _parse(data, None, source.display, STDIN_STEM, None), None, options
            )
        return _read_path(source.path, source.display, options)
    except InputRejectedError as exc:
        return [exc.to_rejected(source.display)]


def _read_path(path: Path, display: str, options: ReadOptions) -> list[ArticleDraft | Rejected]:
    if is_warc_name(path.name):
        _check_regular(path)
        drafts = parse_warc(path, display, slugify(path.name.split(".")[0]), options.max_bytes)
        return finish_drafts(drafts, None, options)
    compressed = path.suffix.lower() == GZIP_SUFFIX
    inner = path.with_suffix("") if compressed else path
    declared = format_for_suffix(inner.suffix)
    sidecar_path = find_sidecar(inner)
    sidecar = load_sidecar(sidecar_path) if sidecar_path is not None else None
    data = _read_file(path, options.max_bytes)
    if compressed:
        data = gunzip(data, options.max_bytes)
    drafts = _parse(data, declared, display, slugify(inner.stem), sidecar)
    return finish_drafts(drafts, sidecar, options)


def _read_url(url: str, display: str, options: ReadOptions) -> list[ArticleDraft | Rejected]:
    download = fetch(url, options.max_bytes)
    sidecar = Sidecar(Path(display), url=download.url)
    return _parse(download.data, None, display, slugify(_url_stem(download.url)), sidecar)


def _url_stem(url: str) -> str:
    """The last path segment of a URL, else its host: a readable default id."""
    parts = [part for part in url.split("?")[0].split("/") if part]
    return parts[-1].rsplit(".", 1)[0] if len(parts) > 2 else parts[-1] if parts else "page"


def _parse(
    data: bytes, declared: InputFormat | None, display: str, stem: str, sidecar: Sidecar | None
) -> list[ArticleDraft | Rejected]:
    text = decode_bytes(data)
    if not text.strip():
        detail = "the input holds only whitespace" if text else "the input is empty"
        raise InputRejectedError(RejectReason.EMPTY, detail)
    input_format = declared or sniff_format(text)
    if input_format is InputFormat.FEED and declared is not None:
        input_format = refine_xml_format(text)
    if input_format in (InputFormat.TEXT, InputFormat.HTML):
        text = text.replace("\x00", "\ufffd")  # a stray NUL (JSON lines reject theirs)
    if input_format is InputFormat.JSON:
        return parse_json_records(text, display, stem)
    if input_format is InputFormat.JSONL:
        return parse_jsonl_records(text, display, stem)
    if input_format is InputFormat.FEED:
        return parse_feed(data, display, stem)
    if input_format is InputFormat.HTML:
        url = sidecar.url if sidecar is not None else None
        html = InputFormat.HTML.value
        return [page_draft(text, source=display, default_id=stem, url=url, input_format=html)]
    return [ArticleDraft(display, text, InputFormat.TEXT.value, default_id=stem)]


def finish_drafts(
    drafts: list[ArticleDraft | Rejected], sidecar: Sidecar | None, options: ReadOptions
) -> list[ArticleDraft | Rejected]:
    """Sidecar, derived values and options, in that order (see ``ingest.metadata``)."""
    finished: list[ArticleDraft | Rejected] = []
    for draft in drafts:
        if isinstance(draft, ArticleDraft):
            if sidecar is not None:
                draft = apply_sidecar(draft, sidecar)
            draft = complete_metadata(draft, options)
        finished.append(draft)
    return finished


def _check_regular(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise InputRejectedError(RejectReason.NOT_FOUND, "the file does not exist") from exc
    except OSError as exc:
        raise InputRejectedError(RejectReason.UNREADABLE, exc.strerror or str(exc)) from exc
    _reject_special(mode)


def _reject_special(mode: int) -> None:
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            detail = f"{kind}, not a regular file: reading it could block or never end"
            raise InputRejectedError(RejectReason.UNSUPPORTED, detail)
    if not stat.S_ISREG(mode):
        raise InputRejectedError(RejectReason.UNREADABLE, "not a regular file")


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        # Non-blocking open: opening a FIFO with no writer would otherwise wait forever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            _reject_special(status.st_mode)
            if status.st_size > max_bytes:
                raise _too_large(status.st_size, max_bytes)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputRejectedError(
            RejectReason.NOT_FOUND, "the file does not exist (a broken link, or removed meanwhile)"
        ) from exc
    except OSError as exc:
        raise InputRejectedError(RejectReason.UNREADABLE, exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    if stdin is None:
        raise InputRejectedError(RejectReason.UNREADABLE, "standard input is not available here")
    try:
        data = stdin.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        detail = f"cannot read standard input: {exc}"
        raise InputRejectedError(RejectReason.UNREADABLE, detail) from exc
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, at_least=True)
    return data


def _too_large(size: int, max_bytes: int, *, at_least: bool = False) -> InputRejectedError:
    amount = f"more than {max_bytes:,}" if at_least else f"{size:,}"
    return InputRejectedError(
        RejectReason.TOO_LARGE, f"{amount} bytes, over the limit of {max_bytes:,} bytes"
    )


def _to_article(draft: ArticleDraft, article_id: str) -> Article:
    """The article, with any lone surrogate left by a reader replaced (output must encode)."""
    return Article(
        id=clean_string(article_id),
        source=clean_string(draft.source),
        text=clean_string(draft.text),
        title=_clean_optional(draft.title),
        outlet=_clean_optional(draft.outlet),
        published=draft.published,
        url=_clean_optional(draft.url),
        author=_clean_optional(draft.author),
        input_format=draft.input_format,
        headings=tuple(clean_string(heading) for heading in draft.headings),
    )


def _clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_string(value)


class IdAllocator:
    """Hands out ids unique within a run: a taken id gets ``-2``, ``-3``, ... appended."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        candidate, counter = wanted, 1
        while candidate in self._taken:
            counter += 1
            candidate = f"{wanted}-{counter}"
        self._taken.add(candidate)
        return candidate
