"""Hostile inputs, generated here: each is read or named in ``rejected``, and the good article
beside it always survives. Nothing raises, blocks or runs long."""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

import pytest

from newsweave.ingest import ReadOptions, iter_inputs, read_inputs
from newsweave.model import RejectReason
from tests.ingest.helpers import read_one, reject_one, write

GOOD = "The lighthouse on Gull Point was relit on Saturday after a year of repairs."
# Generous bounds: the cases take milliseconds; a hang or a quadratic loop takes minutes.
CASE_SECONDS = 10.0
TINY_FILES = 20_000
TINY_FILES_SECONDS = 120.0


def _read_beside_good(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    """Read ``name`` beside a good article; the good one must survive. Returns the reasons."""
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, name, content)
    start = time.monotonic()
    result = read_inputs([str(good), str(bad)])
    assert time.monotonic() - start < CASE_SECONDS
    assert result.articles[0].text == GOOD
    return [f"{r.reason.value}: {r.detail}" for r in result.rejected]


def test_text_over_the_size_limit(tmp_path: Path) -> None:
    rejected = reject_one(write(tmp_path, "big.txt", "word " * 400), ReadOptions(max_bytes=1000))
    assert rejected.reason is RejectReason.TOO_LARGE


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl", "deep"])
def test_json_nested_thousands_deep(tmp_path: Path, name: str) -> None:
    depth = 100_000
    reasons = _read_beside_good(tmp_path, name, "[" * depth + "]" * depth)
    assert len(reasons) == 1
    assert reasons[0].startswith("malformed") and "nested" in reasons[0]


def test_object_nested_thousands_deep_in_a_record(tmp_path: Path) -> None:
    nested = '{"a":' * 50_000 + "1" + "}" * 50_000
    lines = f'{{"text": "{GOOD}"}}\n{{"text": "x", "extra": {nested}}}\n'
    result = read_inputs([str(write(tmp_path, "r.jsonl", lines))])
    assert [a.text for a in result.articles] == [GOOD]
    assert [r.source.rsplit("#")[-1] for r in result.rejected] == ["2"]


def test_huge_integer_in_a_record_and_a_sidecar(tmp_path: Path) -> None:
    digits = "7" * 6000
    record = f'{{"text": "{GOOD}", "id": {digits}, "views": {digits}}}'
    assert read_one(write(tmp_path, "r.json", record)).text == GOOD
    write(tmp_path, "s.txt", GOOD)
    write(tmp_path, "s.meta.json", f'{{"outlet": "Port", "title": {digits}}}')
    rejected = reject_one(tmp_path / "s.txt")
    assert rejected.reason is RejectReason.MALFORMED
    assert "sidecar s.meta.json" in rejected.detail


def test_lone_surrogate_is_replaced_and_output_encodes(tmp_path: Path) -> None:
    record = '{"text": "Relit \\ud800 on Saturday.", "title": "Gull \\udfff", "outlet": "P"}'
    article = read_one(write(tmp_path, "r.json", record))
    assert article.text == "Relit \ufffd on Saturday."
    for value in (article.text, article.title or ""):
        value.encode("utf-8")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_named_directly(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} is absent here")
    rejected = reject_one(device)
    assert rejected.reason is RejectReason.UNSUPPORTED
    assert "character device" in rejected.detail


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert reject_one(loop).reason is RejectReason.UNREADABLE
    folder = tmp_path / "folder"
    write(folder, "good.txt", GOOD)
    (folder / "loop").symlink_to(folder / "loop")
    result = read_inputs([str(folder)])
    assert [a.text for a in result.articles] == [GOOD]
    assert [r.reason for r in result.rejected] == [RejectReason.UNREADABLE]


def test_fifo_inside_a_folder_does_not_block(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe")
    start = time.monotonic()
    result = read_inputs([str(tmp_path)])
    assert time.monotonic() - start < CASE_SECONDS
    assert [a.text for a in result.articles] == [GOOD]
    assert [r.reason for r in result.rejected] == [RejectReason.UNSUPPORTED] * 2
    assert all("named pipe" in r.detail for r in result.rejected)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt.gz", GOOD),
        ("a.json.gz", json.dumps({"text": GOOD})),
        ("a.gz", GOOD),
    ],
)
def test_gzipped_inputs_are_read(tmp_path: Path, name: str, content: str) -> None:
    article = read_one(write(tmp_path, name, gzip.compress(content.encode())))
    assert article.text == GOOD
    assert article.id == "a"


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    bomb = gzip.compress(b"a" * 50_000_000)
    assert len(bomb) < 100_000
    rejected = reject_one(write(tmp_path, "bomb.txt.gz", bomb), ReadOptions(max_bytes=1_000_000))
    assert rejected.reason is RejectReason.TOO_LARGE


def test_broken_gzip_is_rejected(tmp_path: Path) -> None:
    reasons = _read_beside_good(tmp_path, "broken.txt.gz", b"\x1f\x8b\x08\x00garbage")
    assert len(reasons) == 1 and reasons[0].startswith("malformed")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.zip", b"PK\x03\x04rest"),
        ("report.docx", b"PK\x03\x04word"),
        ("report.pdf", b"%PDF-1.7"),
        ("dump.tar.gz", gzip.compress(b"ustar" + b"\x00" * 600)),
    ],
)
def test_documents_and_archives_in_a_folder_are_named(
    tmp_path: Path, name: str, content: bytes
) -> None:
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, name, content)
    write(tmp_path, "photo.png", b"\x89PNG")
    result = read_inputs([str(tmp_path)])
    assert [a.text for a in result.articles] == [GOOD]
    assert [Path(r.source).name for r in result.rejected] == [name]
    assert result.rejected[0].reason is RejectReason.UNSUPPORTED


def test_nul_byte_rejects_only_its_jsonl_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"{GOOD} ({n})"}).encode() for n in range(3)]
    lines[1] = lines[1].replace(b"Gull", b"Gu\x00ll")
    result = read_inputs([str(write(tmp_path, "r.jsonl", b"\n".join(lines)))])
    assert len(result.articles) == 2
    assert [r.source.rsplit("#")[-1] for r in result.rejected] == ["2"]


def test_stray_byte_in_utf8_keeps_the_rest(tmp_path: Path) -> None:
    text = "Café owners in Zürich said the “relit” lighthouse draws visitors. " * 5
    data = text.encode() + b"\xff" + b" More visitors came."
    article = read_one(write(tmp_path, "a.txt", data))
    assert article.text.startswith("Café owners in Zürich said the “relit”")
    assert article.text.count("\ufffd") == 1


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "lol lol lol lol lol lol lol lol lol lol">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><title>T</title>
<item><title>&h;</title><description>&h;</description></item></channel></rss>
"""


def _external_entity(tmp_path: Path, root: str) -> str:
    secret = write(tmp_path, "secret.txt", "TOPSECRET-VALUE")
    return f"""<?xml version="1.0"?>
<!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{secret}">]>
"""


@pytest.mark.parametrize("name", ["laughs.xml", "laughs.rss", "laughs.xhtml"])
def test_entity_expansion_stays_harmless(tmp_path: Path, name: str) -> None:
    content = BILLION_LAUGHS
    if name.endswith(".xhtml"):
        content = content.split("<rss")[0] + f"<html><body><p>&h;</p><p>{GOOD}</p></body></html>"
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, name, content)
    start = time.monotonic()
    result = read_inputs([str(good), str(bad)])
    assert time.monotonic() - start < CASE_SECONDS
    assert result.articles[0].text == GOOD
    assert all(len(a.text) < 100_000 for a in result.articles)


@pytest.mark.parametrize("name", ["xxe.xml", "xxe.xhtml"])
def test_external_entities_are_not_resolved(tmp_path: Path, name: str) -> None:
    head = _external_entity(tmp_path, "rss" if name.endswith(".xml") else "html")
    body = (
        f'<rss version="2.0"><channel><title>T</title><item><title>&x;</title>'
        f"<description>{GOOD} &x;</description></item></channel></rss>"
        if name.endswith(".xml")
        else f"<html><body><p>{GOOD} &x;</p><p>{GOOD}</p></body></html>"
    )
    result = read_inputs([str(write(tmp_path, name, head + body))])
    for article in result.articles:
        assert "TOPSECRET" not in article.text and "TOPSECRET" not in (article.title or "")


def test_folder_of_many_tiny_files_reads_in_bounded_time(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(TINY_FILES):
        (folder / f"{n:05d}.txt").write_text(f"Line {n} of the lighthouse log.")
    start = time.monotonic()
    count = sum(1 for _ in iter_inputs([str(folder)]))
    assert count == TINY_FILES
    assert time.monotonic() - start < TINY_FILES_SECONDS


def test_glob_matching_nothing_is_one_line(tmp_path: Path) -> None:
    rejected = reject_one(str(tmp_path / "feeds" / "*.xml"))
    assert rejected.reason is RejectReason.NOT_FOUND
    assert "\n" not in rejected.describe()


def test_binary_and_empty_beside_good(tmp_path: Path) -> None:
    assert _read_beside_good(tmp_path, "rand.txt", os.urandom(4096))[0].startswith("binary")
    assert _read_beside_good(tmp_path / "e", "empty.json", b"")[0].startswith("empty")


def test_page_over_the_element_limit_is_cut_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave.ingest import html

    monkeypatch.setattr(html, "HTML_MAX_ELEMENTS", 1_000)
    page = "<html><body>" + f"<p>Paragraph {{}} of the harbour log. {GOOD}</p>" * 3_000 + "</body>"
    path = write(tmp_path, "log.html", page.format(*range(3_000)))
    result = read_inputs([str(path)])
    (article,) = result.articles
    assert "Paragraph 997 of" in article.text and "Paragraph 998 of" not in article.text
    (warning,) = result.warnings
    assert warning.startswith(f"{path}: the page has 3,002 elements, over the limit of 1,000")


def test_page_of_200000_paragraphs_reads_in_bounded_time(tmp_path: Path) -> None:
    """The reliability case that hung: trafilatura alone took 21 s and 380 MB on it."""
    path = write(tmp_path, "paras.html", "<p>Word here.</p>" * 200_000)
    start = time.monotonic()
    result = read_inputs([str(path)])
    assert time.monotonic() - start < CASE_SECONDS
    assert len(result.articles[0].text) < 1_000_000
    assert "200,000 elements" in result.warnings[0]
