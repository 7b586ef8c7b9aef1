"""Plain text: decoding, exact text preservation and the UTF-8 round-trip law."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest import read_inputs
from newsweave.ingest.rejection import InputRejectedError
from newsweave.ingest.text import decode_bytes
from newsweave.model import RejectReason
from tests.ingest.helpers import read_one, reject_one, write

FRENCH = "Vous êtes très gentil, merci à tous"
CAFE = "The café on Rue Verte reopened on Monday, its owner said: “We’re back.”"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Talks resumed in Geneva.", "Talks resumed in Geneva."),
        (codecs.BOM_UTF8 + "Zürich talks".encode(), "Zürich talks"),
        ("Kyiv – “ceasefire”".encode(), "Kyiv – “ceasefire”"),
        (CAFE.encode("cp1252"), CAFE),
        ("Café “quoted”".encode("cp1252"), "Café “quoted”"),
        (
            "Vous êtes très gentil, merci à tous".encode("latin-1"),
            "Vous êtes très gentil, merci à tous",
        ),
        (codecs.BOM_UTF16_LE + "Mayor’s office".encode("utf-16-le"), "Mayor’s office"),
        (b"line one\r\nline two  \r\n\r\n", "line one\r\nline two  \r\n\r\n"),
    ],
)
def test_decode_bytes_conformance(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"report\x00\x00\x00body",
        bytes(range(1, 32)) * 20,
    ],
)
def test_decode_bytes_rejects_binary(data: bytes) -> None:
    with pytest.raises(InputRejectedError) as caught:
        decode_bytes(data)
    assert caught.value.reason is RejectReason.BINARY
    assert caught.value.detail


def test_cp1252_file_decodes_with_curly_quotes_and_accents(tmp_path: Path) -> None:
    path = write(tmp_path, "cafe.txt", CAFE.encode("cp1252"))
    assert read_one(path).text == CAFE


def test_plain_text_is_kept_byte_for_byte(tmp_path: Path) -> None:
    text = "  Headline with spaces  \r\n\r\nFirst paragraph.\t \r\nSecond one.   \n\n\n"
    path = write(tmp_path, "story.txt", text)
    article = read_one(path)
    assert article.text == text
    start = text.index("First")
    assert article.text[start : start + len("First paragraph.")] == "First paragraph."
    assert article.input_format == "text"


def test_utf8_bom_is_the_only_thing_removed(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b" Lead line\r\n")
    assert read_one(path).text == " Lead line\r\n"


def test_binary_file_named_txt_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    rejected = reject_one(path)
    assert rejected.reason is RejectReason.BINARY
    assert rejected.source == str(path)


# Control characters mark binary files by design, and a leading U+FEFF is a byte-order mark:
# both are outside the law's domain.
_ARTICLE_CHARS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")


@settings(max_examples=60, deadline=None)
@given(st.text(_ARTICLE_CHARS, max_size=300).filter(lambda t: not t.startswith("\ufeff")))
def test_utf8_text_round_trips_exactly(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "article.txt", text)
        result = read_inputs([str(path)])
    if text.strip():
        assert [a.text for a in result.articles] == [text]
    else:
        assert [r.reason for r in result.rejected] == [RejectReason.EMPTY]
