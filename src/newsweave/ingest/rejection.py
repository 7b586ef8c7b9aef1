"""The internal signal that one input or record cannot be read.

It never leaves the ingest package: the reader turns it into ``model.Rejected`` data naming the
input, so a bad file is reported and the run goes on.
"""

from __future__ import annotations

from newsweave.model import Rejected, RejectReason


def one_line(detail: str) -> str:
    """``detail`` with every run of whitespace (newlines included) as one space: a rejection is
    shown as one line, and foreign exceptions (warcio's, feedparser's) bring paragraphs.

    >>> one_line("not a readable WARC:\\n    ERROR: non-chunked gzip\\u2028file ")
    'not a readable WARC: ERROR: non-chunked gzip file'
    """
    return " ".join(detail.split())


class InputRejectedError(Exception):
    """Raised inside ingestion when one input or record must be skipped."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        detail = one_line(detail)
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

    def to_rejected(self, source: str) -> Rejected:
        return Rejected(source, self.reason, self.detail)
