"""Bytes to text: UTF-8 first, then the legacy encoding the bytes most plausibly use.

The decoded string is what offsets point into, so nothing is normalised: only a byte-order mark
is removed, newlines and spaces stay as they were.
"""

from __future__ import annotations

import codecs
import re

from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason

# Byte-order marks that name their encoding; UTF-32 before UTF-16 because the UTF-32-LE mark
# starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Most legacy-encoded English news is Windows-1252 (the WHATWG Encoding Standard even decodes
# "iso-8859-1" labels as windows-1252), and charset-normalizer guesses poorly on short texts
# (it picks cp1250 or cp850 for a 15-byte "Café “quoted”"), so cp1252 is tried first.
PREFERRED_LEGACY_ENCODING = "cp1252"
# A cp1252 reading is accepted when its mess ratio is at most this: charset-normalizer's own
# default threshold. Cyrillic cp1251 text read as cp1252 scores above 1.0, clean text 0.0.
LEGACY_MESS_MAX = 0.2
# Share of control characters (other than tab, newlines, form feed) above which decoded text
# is treated as binary: real articles have none; 1% tolerates a stray escape code.
CONTROL_CHAR_MAX_RATIO = 0.01
# Share of invalid UTF-8 sequences up to which an otherwise-UTF-8 text is read as UTF-8 with
# U+FFFD for them (a stray byte from a bad copy or a truncated character), instead of being
# decoded whole in a legacy encoding, which turns every accent and quote into mojibake. 1% is a
# few per paragraph; more is a different encoding.
STRAY_BYTES_MAX_RATIO = 0.01
REPLACEMENT_CHAR = "\ufffd"
_UTF8_REPLACEMENT = REPLACEMENT_CHAR.encode()
ASCII_MAX = 0x7F
# Unicode category Cc minus tab, newlines, vertical tab and form feed.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> str:
    """Decode an input file's bytes, removing only a byte-order mark.

    >>> decode_bytes(b"\\xef\\xbb\\xbfLine one\\r\\nline two  ")
    'Line one\\r\\nline two  '
    >>> decode_bytes("Caf\\u00e9 \\u201cquoted\\u201d".encode("cp1252"))
    'Café “quoted”'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], encoding)
    if data.count(b"\x00") > len(data) * CONTROL_CHAR_MAX_RATIO:
        raise InputRejectedError(
            RejectReason.BINARY,
            "contains NUL bytes, so it is not a text file (UTF-16 text needs a byte-order mark)",
        )
    try:
        return _check_not_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        mostly_utf8 = _utf8_with_stray_bytes(data)
        return _check_not_binary(mostly_utf8 or _decode_legacy(data))


def _utf8_with_stray_bytes(data: bytes) -> str | None:
    """UTF-8 with U+FFFD for a few stray bytes, when the rest is clearly UTF-8.

    Clearly: it has valid multi-byte characters, at least as many as invalid sequences, and
    those are rare. Legacy text (cp1252 quotes, Latin-1 accents) has no valid multi-byte
    sequences at all, so it still goes to the legacy decoders.

    >>> _utf8_with_stray_bytes("Caf\u00e9 \u201cok\u201d ".encode() + b"\\xff")
    'Café “ok” �'
    >>> _utf8_with_stray_bytes("Caf\u00e9".encode("cp1252")) is None
    True
    """
    text = data.decode("utf-8", errors="replace")
    stray = text.count(REPLACEMENT_CHAR) - data.count(_UTF8_REPLACEMENT)
    valid = sum(1 for char in text if ord(char) > ASCII_MAX and char != REPLACEMENT_CHAR)
    if 0 < stray <= valid and stray <= max(1.0, len(text) * STRAY_BYTES_MAX_RATIO):
        return text
    return None


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return _check_not_binary(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise InputRejectedError(
            RejectReason.BINARY, f"starts with a {encoding} byte-order mark but is not {encoding}"
        ) from exc


def _decode_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    try:
        text = data.decode(PREFERRED_LEGACY_ENCODING)
    except UnicodeDecodeError:
        pass
    else:
        if mess_ratio(text, maximum_threshold=1.0) <= LEGACY_MESS_MAX:
            return text
    best = from_bytes(data).best()
    if best is None:
        detail = "not UTF-8, and no text encoding fits its bytes"
        raise InputRejectedError(RejectReason.BINARY, detail)
    return str(best)


def _check_not_binary(text: str) -> str:
    controls = len(_CONTROL_CHARS.findall(text))
    if text and controls / len(text) > CONTROL_CHAR_MAX_RATIO:
        raise InputRejectedError(
            RejectReason.BINARY, f"{controls} control characters: looks like a binary file"
        )
    return text
