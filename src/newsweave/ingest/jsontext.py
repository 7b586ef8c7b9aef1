"""JSON parsing that cannot crash a run: hostile nesting, huge integers, lone surrogates.

``json.loads`` raises ``RecursionError`` on arrays nested a few thousand levels deep and
``ValueError`` on an integer longer than Python's int-string limit; both become one
``InputRejectedError(MALFORMED)``. Integers too long to convert are kept as floats (infinity),
so a record with one absurd number in a field newsweave ignores is still read. Lone surrogates
(``"\\ud800"``, valid JSON escapes but not encodable as UTF-8) are replaced by U+FFFD when
strings are taken from a record (``clean_string``), so output never fails to encode.
"""

from __future__ import annotations

import json
import re
import sys

from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason

# Digits above which an integer is not converted exactly: Python's own int-string limit (4,300
# by default), past which int() raises; no field newsweave reads is a number this long.
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


class JsonTooDeepError(InputRejectedError):
    """JSON nested past Python's recursion limit: JSON all the same, so not sniffed as text."""


def _parse_int(digits: str) -> int | float:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        return float(digits)
    return int(digits)


def load_json(text: str) -> object:
    """``json.loads`` with every failure as ``InputRejectedError(MALFORMED)``.

    >>> load_json('{"n": ' + "9" * 5000 + "}")
    {'n': inf}
    """
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InputRejectedError(RejectReason.MALFORMED, f"not valid JSON: {exc}") from exc
    except RecursionError as exc:
        detail = "JSON nested too deeply to read (thousands of levels)"
        raise JsonTooDeepError(RejectReason.MALFORMED, detail) from exc
    except ValueError as exc:
        raise InputRejectedError(RejectReason.MALFORMED, f"unreadable JSON value: {exc}") from exc


def is_json(text: str) -> bool:
    """Whether ``text`` is one JSON document (one too deep to read counts: it is rejected later
    as malformed JSON rather than read as a text of brackets)."""
    try:
        load_json(text)
    except JsonTooDeepError:
        return True
    except InputRejectedError:
        return False
    return True


def clean_string(value: str) -> str:
    """``value`` with lone surrogates replaced by U+FFFD (same length: offsets stay valid).

    >>> clean_string("caf\\ud800e") == "caf\\ufffde"
    True
    """
    return _SURROGATES.sub(REPLACEMENT, value)
