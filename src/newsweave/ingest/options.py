"""Options and result of reading inputs: one frozen options object, validated when built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from newsweave.errors import OptionsError
from newsweave.model import Article, Rejected

# Largest input file read. The longest seed article is 13 KB and a long-form feature page with
# markup rarely passes 2 MB; a full-text feed of a few hundred items stays under 10 MB. 20 MB leaves
# room for those while keeping one accidental `newsweave brief ~/Downloads` from loading a video.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# Called with (inputs read, inputs in all) after each input (a file, a URL, standard input) is
# read; a feed or a JSON Lines file is one input however many records it holds.
ReadProgressFn = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    ``outlet`` and ``published`` are run-wide defaults: they fill in only what is still missing
    after a sidecar, the input's own metadata, the URL/site name (outlet) and a dateline
    (published) were tried, because an article's own evidence is more specific than one value
    given for the whole run.

    >>> ReadOptions(max_bytes=0)
    Traceback (most recent call last):
    ...
    newsweave.errors.OptionsError: max_bytes must be a positive number of bytes, got 0
    """

    outlet: str | None = None
    published: dt.date | None = None
    max_bytes: int = MAX_INPUT_BYTES
    fetch: bool = False  # http(s) URLs are downloaded (trafilatura's fetcher) only when True
    # how far reading is, for a progress display ("reading 1,200 of 20,000 inputs"); not part
    # of what is read, so options differing only here compare equal
    progress: ReadProgressFn | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        outlet, published, max_bytes = self.outlet, self.published, self.max_bytes
        if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
            raise OptionsError(f"outlet must be a non-empty name such as 'bbc.com', got {outlet!r}")
        is_day = isinstance(published, dt.date) and not isinstance(published, dt.datetime)
        if published is not None and not is_day:
            raise OptionsError(
                f"published must be a datetime.date (a day such as 2025-10-17), got {published!r}"
            )
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise OptionsError(f"max_bytes must be a positive number of bytes, got {max_bytes!r}")
        if not isinstance(self.fetch, bool):
            raise OptionsError(f"fetch must be True or False, got {self.fetch!r}")
        if self.progress is not None and not callable(self.progress):
            raise OptionsError(f"progress must be a function (done, total), got {self.progress!r}")


DEFAULT_READ_OPTIONS = ReadOptions()


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Articles read, in input order, and the inputs (or records) that were skipped, with why.

    ``warnings`` name articles that were kept with something missing or doubtful: a date that
    could not be read (the article stays undated), a feed item with only its summary.
    """

    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...]
    warnings: tuple[str, ...] = ()
