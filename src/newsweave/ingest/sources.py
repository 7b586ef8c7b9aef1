"""Expanding what the user typed (files, folders, globs, ``-``) into inputs to read.

Order: the order of the specs; inside a folder or glob, sorted by path. A file reached twice
(a folder and a glob that overlap) is read once, where it first appears.

Inside folders only files with an article extension (see ``formats.EXTENSION_FORMATS``), a
gzip or WARC file, or no extension are read, so a README or notes file next to the articles does
not become an article; documents and archives newsweave cannot read (PDF, Word, zip, ...) are
named as rejected; hidden files and folders and ``*.meta.json`` sidecars are skipped. A file
named explicitly, or matched by a glob, is always read (or rejected with its reason).

An http(s) URL is an input only when fetching is allowed; otherwise it is rejected in one line
that says how to allow it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.ingest.compressed import GZIP_SUFFIX
from newsweave.ingest.fetch import is_url, not_allowed_detail
from newsweave.ingest.formats import EXTENSION_FORMATS, FOLDER_REJECTED_EXTENSIONS
from newsweave.ingest.metadata import SIDECAR_SUFFIX
from newsweave.ingest.warc import is_warc_name
from newsweave.model import Rejected, RejectReason

STDIN_SPEC = "-"
STDIN_SOURCE = "<stdin>"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class InputSource:
    """One input to read: a file, a URL to fetch, or standard input when both are None."""

    display: str  # what the user will see: the path or URL as given, or "<stdin>"
    path: Path | None
    url: str | None = None


def expand_specs(specs: Sequence[str], *, fetch: bool = False) -> list[InputSource | Rejected]:
    """Inputs and NOT_FOUND/UNREADABLE/UNSUPPORTED rejections, in the order of ``specs``."""
    seen: set[str] = set()
    expanded: list[InputSource | Rejected] = []
    for spec in specs:
        for item in _expand_one(spec, fetch=fetch):
            if isinstance(item, InputSource):
                key = item.url or (STDIN_SPEC if item.path is None else _real(item.path))
                if key in seen:
                    continue
                seen.add(key)
            expanded.append(item)
    return expanded


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, RuntimeError):  # a symlink loop: the read names it
        return str(path)


def _expand_one(spec: str, *, fetch: bool) -> Iterator[InputSource | Rejected]:
    if spec == STDIN_SPEC:
        yield InputSource(STDIN_SOURCE, None)
    elif is_url(spec) and not os.path.lexists(spec):
        if fetch:
            yield InputSource(spec, None, url=spec)
        else:
            yield Rejected(spec, RejectReason.UNSUPPORTED, not_allowed_detail())
    elif Path(spec).is_dir():
        yield from _walk_folder(spec)
    elif os.path.lexists(spec):
        yield InputSource(spec, Path(spec))
    elif _GLOB_CHARS & set(spec):
        yield from _match_glob(spec)
    else:
        yield Rejected(spec, RejectReason.NOT_FOUND, "no such file or folder")


def _walk_folder(root: str) -> Iterator[InputSource | Rejected]:
    errors: list[OSError] = []
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(Path(folder, name) for name in files if _is_article_file(name))
    for error in errors:
        yield Rejected(str(error.filename), RejectReason.UNREADABLE, _os_reason(error))
    if not found and not errors:
        yield Rejected(root, RejectReason.NOT_FOUND, "the folder holds no article files")
    for path in sorted(found, key=lambda p: p.parts):
        yield InputSource(str(path), path)


def _match_glob(pattern: str) -> Iterator[InputSource | Rejected]:
    matches = sorted(
        path
        for path in glob.glob(pattern, recursive=True)  # noqa: PTH207
        if not Path(path).is_dir() and not path.endswith(SIDECAR_SUFFIX)
    )
    if not matches:
        yield Rejected(pattern, RejectReason.NOT_FOUND, "no file matches this pattern")
    for path in matches:
        yield InputSource(path, Path(path))


def _is_article_file(name: str) -> bool:
    if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
        return False
    suffix = Path(name).suffix.lower()
    if suffix == GZIP_SUFFIX:
        return is_warc_name(name) or _is_article_file(name[: -len(GZIP_SUFFIX)])
    readable = not suffix or suffix in EXTENSION_FORMATS or is_warc_name(name)
    return readable or suffix in FOLDER_REJECTED_EXTENSIONS


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)
