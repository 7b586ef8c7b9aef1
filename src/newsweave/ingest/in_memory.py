"""Records given in memory (the library API, the HTTP API) read like JSON records from a file:
the same field aliases, date parsing and checks, and a ``Rejected`` with a reason for a record
that cannot be an article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from newsweave.ingest.formats import InputFormat
from newsweave.ingest.metadata import ArticleDraft
from newsweave.ingest.options import DEFAULT_READ_OPTIONS, ReadOptions, ReadResult
from newsweave.ingest.reader import IdAllocator, articles_of, finish_drafts
from newsweave.ingest.records import record_to_draft
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import Article, Rejected

# How a record given in memory is named in rejections and ``Article.source``.
RECORD_SOURCE = "record {n}"


def iter_records(
    records: Iterable[Mapping[str, object] | Article],
    options: ReadOptions = DEFAULT_READ_OPTIONS,
    *,
    warnings: list[str] | None = None,
) -> Iterator[Article | Rejected]:
    """Each record as an article (or a rejection); ``Article`` values pass through, renamed
    only when their id is taken. Ids are unique within the call."""
    ids = IdAllocator()
    for n, record in enumerate(records, start=1):
        if isinstance(record, Article):
            yield replace(record, id=ids.claim(record.id))
            continue
        yield from articles_of(finish_drafts([_draft(record, n)], None, options), ids, warnings)


def read_records(
    records: Iterable[Mapping[str, object] | Article], options: ReadOptions = DEFAULT_READ_OPTIONS
) -> ReadResult:
    """``iter_records`` collected, as ``read_inputs`` collects files."""
    warnings: list[str] = []
    items = list(iter_records(records, options, warnings=warnings))
    articles = tuple(i for i in items if isinstance(i, Article))
    rejected = tuple(i for i in items if isinstance(i, Rejected))
    return ReadResult(articles, rejected, tuple(warnings))


def _draft(record: Mapping[str, object] | object, n: int) -> ArticleDraft | Rejected:
    source = RECORD_SOURCE.format(n=n)
    data = dict(record) if isinstance(record, Mapping) else record
    try:
        draft = record_to_draft(data, source, f"record-{n}", InputFormat.JSON)
    except InputRejectedError as exc:
        return exc.to_rejected(source)
    return replace(draft, text=draft.text.replace("\x00", "\ufffd"), is_record=True)
