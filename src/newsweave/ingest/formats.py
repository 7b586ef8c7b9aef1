"""Which reader an input goes to: by extension, else by sniffing its content."""

from __future__ import annotations

import enum

from newsweave.ingest.jsontext import is_json
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason


class InputFormat(enum.Enum):
    """Input formats; the value is what ``Article.input_format`` records."""

    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"  # web archives: read by ingest.warc, never by extension lookup


EXTENSION_FORMATS = {
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".json": InputFormat.JSON,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".xml": InputFormat.FEED,
    ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED,
}
# Files people drop next to articles that newsweave cannot read, with what to do instead.
UNSUPPORTED_EXTENSIONS = {
    ".pdf": "PDF documents are not read; save the article as text or HTML",
    ".doc": "Word documents are not read; save the article as text or HTML",
    ".docx": "Word documents are not read; save the article as text or HTML",
    ".odt": "OpenDocument files are not read; save the article as text or HTML",
    ".epub": "e-books are not read; save the article as text or HTML",
    ".zip": "zip archives are not read; unpack it and pass the folder",
    ".tar": "tar archives are not read; unpack it and pass the folder",
    ".tgz": "tar archives are not read; unpack it and pass the folder",
    ".7z": "7-Zip archives are not read; unpack it and pass the folder",
    ".rar": "RAR archives are not read; unpack it and pass the folder",
    ".bz2": "bzip2 files are not read; decompress it first (gzip .gz files are read)",
    ".xz": "xz files are not read; decompress it first (gzip .gz files are read)",
    ".png": "images are not read",
    ".jpg": "images are not read",
    ".jpeg": "images are not read",
    ".gif": "images are not read",
    ".webp": "images are not read",
}
# Unsupported files a folder walk names as rejected rather than passing over: documents and
# archives people expect to be read. Images are passed over there, since a saved web page's
# folder holds dozens of them; named explicitly, they are rejected like the rest.
FOLDER_REJECTED_EXTENSIONS = frozenset(
    suffix for suffix, why in UNSUPPORTED_EXTENSIONS.items() if not why.startswith("images")
)
# Enough of the start of a document to see its root element after an XML prolog and comments.
SNIFF_CHARS = 2048
_FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf")
_HTML_ROOTS = ("<!doctype html", "<html", "<head", "<body", "<article")


def format_for_suffix(suffix: str) -> InputFormat | None:
    """The format an extension names, None when content must decide; UNSUPPORTED rejects."""
    suffix = suffix.lower()
    if suffix in UNSUPPORTED_EXTENSIONS:
        raise InputRejectedError(RejectReason.UNSUPPORTED, UNSUPPORTED_EXTENSIONS[suffix])
    return EXTENSION_FORMATS.get(suffix)


def sniff_format(text: str) -> InputFormat:
    """Guess the format of an input without a telling extension (or of standard input).

    >>> sniff_format('<?xml version="1.0"?>\\n<rss version="2.0">').value
    'feed'
    >>> sniff_format('{"text": "a"}\\n{"text": "b"}').value, sniff_format("[Updated] Talks").value
    ('jsonl', 'text')
    """
    head = text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<"):
        if any(root in head for root in _FEED_ROOTS):
            return InputFormat.FEED
        if any(root in head for root in _HTML_ROOTS):
            return InputFormat.HTML
        return InputFormat.TEXT
    if head.startswith(("{", "[")):
        if is_json(text):
            return InputFormat.JSON
        return InputFormat.JSONL if head.startswith("{") else InputFormat.TEXT
    return InputFormat.TEXT


def refine_xml_format(text: str) -> InputFormat:
    """``.xml`` files are feeds unless they are really XHTML pages."""
    head = text[:SNIFF_CHARS].lower()
    if not any(root in head for root in _FEED_ROOTS) and "<html" in head:
        return InputFormat.HTML
    return InputFormat.FEED
