"""Small helpers shared by the ingest tests."""

from __future__ import annotations

from pathlib import Path

from newsweave.ingest import ReadOptions, ReadResult, read_inputs
from newsweave.model import Article, Rejected, RejectReason

FIXTURES = Path(__file__).parent / "fixtures"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` (str as UTF-8) to ``folder/name``, creating parent folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_one(path: Path, options: ReadOptions | None = None) -> Article:
    """The single article read from ``path``; fails the test on any rejection."""
    result = read_inputs([str(path)], options or ReadOptions())
    assert result.rejected == (), [r.describe() for r in result.rejected]
    assert len(result.articles) == 1
    return result.articles[0]


def reject_one(path: Path | str, options: ReadOptions | None = None) -> Rejected:
    """The single rejection produced by reading ``path``."""
    result = read_inputs([str(path)], options or ReadOptions())
    assert result.articles == ()
    assert len(result.rejected) == 1
    return result.rejected[0]


def reasons(result: ReadResult) -> list[RejectReason]:
    return [r.reason for r in result.rejected]
