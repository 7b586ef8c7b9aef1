"""Every rejection reason: named, explained, and the run goes on with the other inputs."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from newsweave.ingest import ReadOptions, read_inputs
from newsweave.model import RejectReason
from tests.ingest.helpers import FIXTURES, reasons, reject_one, write

GOOD_TEXT = "The lighthouse on Gull Point was relit on Saturday after a year of repairs."


@pytest.mark.parametrize(
    ("name", "content", "reason", "detail"),
    [
        ("empty.txt", b"", RejectReason.EMPTY, "empty"),
        ("blank.txt", b" \r\n\t\n", RejectReason.EMPTY, "whitespace"),
        ("blank.json", b"[]", RejectReason.EMPTY, "no records"),
        ("image.txt", b"GIF89a\x01\x00\x01\x00\x00\xff\x00", RejectReason.BINARY, "NUL"),
        ("report.pdf", b"%PDF-1.7", RejectReason.UNSUPPORTED, "PDF"),
        ("broken.json", b'{"text": "cut', RejectReason.MALFORMED, "not valid JSON"),
        ("number.json", b"42", RejectReason.MALFORMED, "expected an object"),
        ("sitemap.xml", b"<urlset><url/></urlset>", RejectReason.MALFORMED, "RSS or Atom"),
    ],
)
def test_rejection_reasons(
    tmp_path: Path, name: str, content: bytes, reason: RejectReason, detail: str
) -> None:
    path = write(tmp_path, name, content)
    rejected = reject_one(path)
    assert (rejected.source, rejected.reason) == (str(path), reason)
    assert detail in rejected.detail
    assert rejected.describe().startswith(f"{path}: {reason.value} (")


def test_broken_feed_is_malformed() -> None:
    rejected = reject_one(FIXTURES / "broken.rss")
    assert rejected.reason is RejectReason.MALFORMED
    assert "not a readable RSS or Atom feed" in rejected.detail


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", GOOD_TEXT * 10)
    rejected = reject_one(path, ReadOptions(max_bytes=100))
    assert rejected.reason is RejectReason.TOO_LARGE
    assert "over the limit of 100 bytes" in rejected.detail


def test_too_large_stdin() -> None:
    result = read_inputs(["-"], ReadOptions(max_bytes=10), stdin=io.BytesIO(GOOD_TEXT.encode()))
    assert reasons(result) == [RejectReason.TOO_LARGE]


def test_not_found_path_and_pattern(tmp_path: Path) -> None:
    result = read_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "*.html")])
    assert reasons(result) == [RejectReason.NOT_FOUND, RejectReason.NOT_FOUND]
    assert [r.detail for r in result.rejected] == [
        "no such file or folder",
        "no file matches this pattern",
    ]


def test_broken_symlink_is_not_found(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    assert reject_one(link).reason is RejectReason.NOT_FOUND


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 does not stop reading: fail the open instead.
    path = write(tmp_path, "locked.txt", GOOD_TEXT)

    real_open = os.open

    def refuse(file: str | Path, flags: int, *args: int, **kwargs: object) -> int:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    rejected = reject_one(path)
    assert (rejected.reason, rejected.detail) == (RejectReason.UNREADABLE, "Permission denied")


class _FailingStream(io.BytesIO):
    def read(self, size: int | None = -1, /) -> bytes:
        raise OSError(5, "Input/output error")


def test_unreadable_or_missing_stdin() -> None:
    assert reasons(read_inputs(["-"], stdin=_FailingStream())) == [RejectReason.UNREADABLE]
    missing = read_inputs(["-"], stdin=None)
    assert reasons(missing) == [RejectReason.UNREADABLE]
    assert "standard input" in missing.rejected[0].detail


def test_bad_sidecar_rejects_its_article(tmp_path: Path) -> None:
    path = write(tmp_path, "story.txt", GOOD_TEXT)
    write(tmp_path, "story.meta.json", '{"outlet": "Gull Times", "publised": "2025-01-01"}')
    rejected = reject_one(path)
    assert rejected.reason is RejectReason.MALFORMED
    assert "sidecar story.meta.json" in rejected.detail
    assert "publised" in rejected.detail


def test_run_goes_on_after_rejections(tmp_path: Path) -> None:
    write(tmp_path, "a_empty.txt", "")
    write(tmp_path, "b_good.txt", GOOD_TEXT)
    write(tmp_path, "c_binary.txt", b"\x00\x01\x02")
    result = read_inputs([str(tmp_path), str(tmp_path / "nowhere")])
    assert [a.text for a in result.articles] == [GOOD_TEXT]
    assert reasons(result) == [RejectReason.EMPTY, RejectReason.BINARY, RejectReason.NOT_FOUND]
