"""Relayed claims: a sentence that credits another news organisation ("according to Reuters").

A relayed claim counts for the organisation named, not for the outlet that repeats it. Only
news organisations count: "according to officials" or "according to the Kremlin" is sourcing,
not relaying. A capitalised name after a credit phrase is taken for a news outlet when it is a
well-known outlet or contains a word that names outlets ("News", "Times", "Press", ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsweave.analysis.names import fold
from newsweave.model import Claim, Mention, Sentence

_WORD = r"(?:[A-Z][\w&'-]*(?:\.(?=\w)[\w&'-]*)*|of|and|&)"
_NAME = r"(?P<name>" + _WORD + r"(?:\s+" + _WORD + r")*)"
# "according to Reuters", "as first reported by The Washington Post", "told CBS News".
CREDIT_BEFORE = re.compile(
    r"\b(?:according\s+to|as\s+(?:first\s+)?reported\s+by|(?:first\s+)?reported\s+by|"
    r"citing|cited\s+by|told|in\s+an\s+interview\s+with|confirmed\s+to|quoted\s+by|"
    r"obtained\s+by|seen\s+by)\s+(?:the\s+)?" + _NAME,
)
# "Reuters reported", "The New York Times first reported".
CREDIT_AFTER = re.compile(
    r"\b(?:the\s+|The\s+)?" + _NAME + r"\s+(?:first\s+|previously\s+|also\s+|earlier\s+)?"
    r"(?:reported|reports|has\s+reported|had\s+reported|revealed|learned)\b"
)
# Names and name words of news organisations (lower-case, compared after accent folding).
KNOWN_OUTLETS = frozenset(
    ("reuters", "ap", "associated press", "afp", "agence france-presse", "bloomberg", "cnn",
     "bbc", "npr", "pbs", "axios", "politico", "tass", "ria novosti", "interfax", "xinhua",
     "al jazeera", "dpa", "ansa", "efe", "kyodo", "yonhap", "the hill", "vox", "vice",
     "msnbc", "cnbc", "abc", "nbc", "cbs", "fox", "semafor", "punchbowl", "the atlantic",
     "the economist", "le monde", "der spiegel", "el pais", "the guardian", "the independent")
)  # fmt: skip
OUTLET_WORDS = frozenset(
    ("news", "times", "post", "journal", "press", "wire", "agency", "tribune", "herald",
     "gazette", "telegraph", "guardian", "radio", "tv", "television", "broadcasting", "daily",
     "chronicle", "newspaper", "magazine", "observer", "examiner", "courier", "reporter",
     "bulletin", "ledger", "dispatch", "standard", "mirror", "sun", "express", "record")
)  # fmt: skip


def is_news_name(name: str) -> bool:
    """Whether ``name`` names a news organisation by itself (without knowing the run)."""
    key = outlet_key(name)
    return key in KNOWN_OUTLETS or any(word in OUTLET_WORDS for word in key.split())


def outlet_key(name: str) -> str:
    """A comparable form of an outlet's name: "The New York Times" -> "new york times"."""
    words = re.findall(r"[a-z0-9]+", fold(name).lower())
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def find_relay(sentence: Sentence) -> tuple[Mention, str] | None:
    """The first news organisation the sentence credits, with the phrase that credits it."""
    found: list[tuple[int, int, str]] = []
    for pattern in (CREDIT_BEFORE, CREDIT_AFTER):
        for match in pattern.finditer(sentence.text):
            name = _trim_name(match.group("name"))
            if name and is_news_name(name):
                end = match.end() if pattern is CREDIT_AFTER else match.start("name") + len(name)
                found.append((match.start(), end, name))
    if not found:
        return None
    begin, end, name = min(found)
    start = sentence.start + begin
    phrase = sentence.text[begin:end]
    return Mention(sentence.document, start, start + len(phrase), phrase), name


def _trim_name(name: str) -> str:
    """Drop trailing connector words a greedy match took ("Reuters and" -> "Reuters")."""
    words = name.split()
    while words and words[-1].lower() in ("of", "and", "&"):
        words.pop()
    return " ".join(words)


def match_outlet(name: str, outlets: Iterable[str]) -> str | None:
    """The run's outlet that ``name`` refers to ("the Observer" -> "The Valdora Observer")."""
    words = set(outlet_key(name).split())
    if not words:
        return None
    for outlet in outlets:
        key = outlet_key(outlet)
        if words <= set(key.split()):
            return outlet
    return None


def relays_in_run(claims: Sequence[Claim], outlet_of: dict[str, str]) -> list[Claim]:
    """Claims with relayed origins named as the run's outlets; an outlet crediting itself
    ("told the Observer" in The Valdora Observer) relays nothing."""
    outlets = list(dict.fromkeys(outlet_of.values()))
    resolved = []
    for claim in claims:
        if claim.relay_origin is not None:
            own = outlet_of[claim.sentence.document]
            origin = match_outlet(claim.relay_origin, outlets) or claim.relay_origin
            if origin == own:
                claim = replace(claim, relay=None, relay_origin=None)
            elif origin != claim.relay_origin:
                claim = replace(claim, relay_origin=origin)
        resolved.append(claim)
    return resolved
