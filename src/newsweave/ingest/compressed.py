"""Gzipped inputs (``a.txt.gz``, ``a.jsonl.gz``, ``a.html.gz``) read transparently.

Decompression stops one byte past ``max_bytes``, so a zip bomb (a few kilobytes that inflate to
gigabytes) costs at most the input size limit in memory and is rejected as too large.
"""

from __future__ import annotations

import gzip
import io
import zlib

from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason

GZIP_SUFFIX = ".gz"


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """The decompressed bytes, at most ``max_bytes``; a broken or oversized stream rejects."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inflated = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        detail = f"not a readable gzip file: {exc}"
        raise InputRejectedError(RejectReason.MALFORMED, detail) from exc
    if len(inflated) > max_bytes:
        detail = f"decompresses to more than the limit of {max_bytes:,} bytes"
        raise InputRejectedError(RejectReason.TOO_LARGE, detail)
    return inflated
