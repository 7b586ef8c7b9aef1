"""The internal signal that one input or record cannot be read.

It never leaves the ingest package: the reader turns it into ``model.Rejected`` data naming the
input, so a bad file is reported and the run goes on.
"""

from __future__ import annotations

from newsweave.model import Rejected, RejectReason


class InputRejectedError(Exception):
    """Raised inside ingestion when one input or record must be skipped."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

    def to_rejected(self, source: str) -> Rejected:
        return Rejected(source, self.reason, self.detail)
