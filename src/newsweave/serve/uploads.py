"""What a user sends to be indexed, written where the ingest readers can read it.

Uploaded files, pasted text and JSON records go to a fresh temporary folder under names made
safe (never a path from the request); the folder is then read like any input folder, by
``newsweave.ingest.iter_inputs``, so uploads are checked (size, encoding, format) and rejected
with a reason exactly as files given to ``newsweave brief`` are.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException

from newsweave.ingest import ReadOptions
from newsweave.serve.jobs import Submission

UPLOAD_PREFIX = "newsweave-upload-"
NAME_CHARS_MAX = 100
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
URL_SCHEMES = ("http://", "https://")
URLS_MAX = 50  # URLs one request may ask to fetch
FILES_MAX = 200  # files one request may upload


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    data: bytes


def safe_name(name: str, taken: set[str]) -> str:
    """A file name for an upload: its base name, plain characters only, not yet ``taken``.

    >>> safe_name("../../etc/passwd", set()), safe_name(".bashrc", set())
    ('passwd', 'bashrc')
    >>> safe_name("a.txt", {"a.txt"})
    '2-a.txt'
    """
    base = SAFE_NAME.sub("-", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip(".-")
    base = base[-NAME_CHARS_MAX:] or "upload.txt"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{n}-{base}"
    taken.add(candidate)
    return candidate


def paste_name(text: str) -> str:
    """The file name that makes the ingest readers read pasted text as what it is.

    >>> paste_name('{"text": "x"}'), paste_name('{"text": "a"}\\n{"text": "b"}')
    ('pasted.json', 'pasted.jsonl')
    >>> paste_name("A day in Halvik.")
    'pasted.txt'
    """
    stripped = text.strip()
    if stripped[:1] in "[{":
        try:
            json.loads(stripped)
        except ValueError:
            lines = [line for line in stripped.splitlines() if line.strip()]
            if all(line.lstrip().startswith("{") for line in lines):
                return "pasted.jsonl"
            return "pasted.txt"
        return "pasted.json"
    return "pasted.txt"


def check_urls(urls: Sequence[str], fetch: bool) -> tuple[str, ...]:
    """The http(s) URLs to fetch; refused (400) when fetching is off or one is not http(s)."""
    urls = tuple(u.strip() for u in urls if u.strip())
    if urls and not fetch:
        raise HTTPException(400, "fetching URLs is off: start the server with --fetch")
    bad = [u for u in urls if not u.lower().startswith(URL_SCHEMES)]
    if bad:
        raise HTTPException(400, f"not an http(s) URL: {bad[0][:200]}")
    if len(urls) > URLS_MAX:
        raise HTTPException(400, f"at most {URLS_MAX} URLs at once, got {len(urls)}")
    return urls


def submission(uploads: Sequence[Upload], urls: Sequence[str], read: ReadOptions) -> Submission:
    """The uploads written to a new temporary folder, and the specs that read them."""
    if not uploads and not urls:
        raise HTTPException(400, "nothing to add: give files, pasted text, records or URLs")
    if len(uploads) > FILES_MAX:
        raise HTTPException(400, f"at most {FILES_MAX} files at once, got {len(uploads)}")
    folder = None
    specs = list(urls)
    if uploads:
        folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
        taken: set[str] = set()
        for upload in uploads:
            (folder / safe_name(upload.name, taken)).write_bytes(upload.data)
        specs.insert(0, str(folder))
    return Submission(tuple(specs), read, folder)


def records_upload(records: list[dict[str, Any]]) -> Upload:
    """JSON records (the fields ``newsweave brief`` reads) as one ``.json`` input."""
    return Upload("records.json", json.dumps(records, ensure_ascii=False).encode("utf-8"))
