"""Answers kept compressed: cached pages and briefs are stored gzipped (a brief's JSON shrinks
about tenfold) and sent as they are to every client that accepts gzip, which browsers and
HTTP libraries all do; the others get them decompressed."""

from __future__ import annotations

import gzip

from starlette.requests import Request
from starlette.responses import Response

# zlib's level 5: within a few percent of level 9's size at about half its time (a 25 MB
# brief compresses in ~0.4 s, once per cache fill).
GZIP_LEVEL = 5


def compress(data: bytes) -> bytes:
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


def accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip.

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("br;q=1.0, gzip;q=0"), accepts_gzip("")
    (True, False, False)
    """
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def gzipped_response(request: Request, body: bytes, media_type: str) -> Response:
    """``body`` (gzipped) as the answer: as is when the client takes gzip, else unpacked."""
    headers = {"Vary": "Accept-Encoding"}
    if accepts_gzip(request.headers.get("accept-encoding", "")):
        headers["Content-Encoding"] = "gzip"
        return Response(body, media_type=media_type, headers=headers)
    return Response(gzip.decompress(body), media_type=media_type, headers=headers)
