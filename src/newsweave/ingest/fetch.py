"""Downloading http(s) inputs, only when the user allows it (``ReadOptions.fetch``).

The download goes through trafilatura's fetcher, so timeouts, the size cap, retries and the user
agent are trafilatura's (its ``settings.cfg``: DOWNLOAD_TIMEOUT, MAX_FILE_SIZE, USER_AGENTS).
Nothing else in newsweave touches the network.
"""

from __future__ import annotations

import logging
from configparser import ConfigParser
from dataclasses import dataclass

from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason

URL_SCHEMES = ("http://", "https://")
FETCH_HINT = "pass --fetch to download it"
HTTP_OK = 200
# trafilatura logs each failed download at ERROR; the rejection already says it in one line.
logging.getLogger("trafilatura.downloads").addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class Download:
    """The body of a fetched URL and the URL it came from after redirects."""

    data: bytes
    url: str


def is_url(spec: str) -> bool:
    """Whether an input spec is an http(s) URL (not a file of that name)."""
    return spec.lower().startswith(URL_SCHEMES)


def not_allowed_detail() -> str:
    return f"a URL, and newsweave reads only local files unless told to: {FETCH_HINT}"


def fetch_config() -> ConfigParser:
    """trafilatura's own settings (its SSRF protection on: no loopback or private addresses)."""
    from trafilatura.settings import DEFAULT_CONFIG

    config: ConfigParser = DEFAULT_CONFIG
    return config


def fetch(url: str, max_bytes: int) -> Download:
    """Download ``url``; any failure is ``InputRejectedError(UNREADABLE)`` in one line."""
    from trafilatura.downloads import fetch_response

    try:
        response = fetch_response(url, config=fetch_config())
    except Exception as exc:
        raise InputRejectedError(RejectReason.UNREADABLE, f"download failed: {exc}") from exc
    if response is None:
        detail = (
            "download failed (no answer, a network error, a timeout, or an address inside a"
            " private network, which trafilatura refuses)"
        )
        raise InputRejectedError(RejectReason.UNREADABLE, detail)
    if response.status != HTTP_OK:
        detail = f"download failed: the server answered HTTP {response.status}"
        raise InputRejectedError(RejectReason.UNREADABLE, detail)
    data = bytes(response.data or b"")
    if len(data) > max_bytes:
        detail = f"{len(data):,} bytes downloaded, over the limit of {max_bytes:,} bytes"
        raise InputRejectedError(RejectReason.TOO_LARGE, detail)
    return Download(data, str(response.url or url))
