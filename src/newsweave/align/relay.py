"""Relayed claims: a sentence that credits another news organisation ("according to Reuters").

A relayed claim counts for the organisation named, not for the outlet that repeats it. Only
news organisations count: "according to officials" or "according to the Kremlin" is sourcing,
not relaying. A capitalised name after a credit phrase is taken for a news outlet when it is a
well-known outlet or contains a word that names outlets ("News", "Times", "Press", ...).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsweave.analysis.names import fold
from newsweave.model import Claim, Mention, Sentence

_WORD = r"(?:[A-Z][\w&'-]*(?:\.(?=\w)[\w&'-]*)*|of|and|&)"
# The most words a credited name may have ("The Wall Street Journal Editorial Board" has 6).
# Unbounded, "X reported" after a long run of capitalised words was tried from every word of
# the run, each time to its end: quadratic in the run's length.
MAX_NAME_WORDS = 10
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,{MAX_NAME_WORDS - 1}}})"
# "according to Reuters", "as first reported by The Washington Post", "told CBS News".
# The credit words are matched in any case ("According to Reuters" opens many sentences); the
# name keeps its capitals, which is what tells "the Post" from "the post".
CREDIT_BEFORE = re.compile(
    r"\b(?i:according\s+to|as\s+(?:first\s+)?reported\s+by|(?:first\s+)?reported\s+by|"
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


# Words of a person's title: "White House Press Secretary Karoline Leavitt" holds the outlet
# word "Press" but names a spokesperson, whose statement is sourcing, not relaying.
PERSON_TITLE_WORDS = frozenset(
    ("secretary", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
     "ambassador", "senator", "governor", "director", "chairman", "chairwoman", "officer")
)  # fmt: skip


def is_news_name(name: str) -> bool:
    """Whether ``name`` names a news organisation by itself (without knowing the run)."""
    key = outlet_key(name)
    words = key.split()
    if any(word in PERSON_TITLE_WORDS for word in words):
        return False
    return key in KNOWN_OUTLETS or any(word in OUTLET_WORDS for word in words)


# Distinct outlet and source names whose keys are kept: every claim's support asks for its
# outlet's key, a story has a few hundred outlets.
OUTLET_KEY_CACHE_SIZE = 16_384


@functools.lru_cache(maxsize=OUTLET_KEY_CACHE_SIZE)
def outlet_key(name: str) -> str:
    """A comparable form of an outlet's name: "The New York Times" -> "new york times"."""
    words = re.findall(r"[a-z0-9]+", fold(name).lower())
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def find_relay(sentence: Sentence) -> tuple[Mention, str] | None:
    """The first news organisation the sentence credits, with the phrase that credits it."""
    text = sentence.text
    found: list[tuple[int, int, str]] = []
    for pattern in (CREDIT_BEFORE, CREDIT_AFTER):
        for match in pattern.finditer(text):
            after = pattern is CREDIT_AFTER
            span = _name_span(text, match.start("name"), match.end("name"), lead_in=after)
            if span is None:
                continue
            name = " ".join(text[span[0] : span[1]].split())  # a line break inside reads as a space
            if is_news_name(name):
                begin = span[0] if after and span[0] > match.start("name") else match.start()
                found.append((begin, match.end() if after else span[1], name))
    if not found:
        return None
    begin, end, name = min(found)
    start = sentence.start + begin
    return Mention(sentence.document, start, start + end - begin, text[begin:end]), name


_TOKEN = re.compile(r"\S+")
# Capitalised words that open a sentence before the outlet credited after it: "On Monday The
# Washington Post reported" credits The Washington Post, not "On Monday The Washington Post".
LEAD_IN_WORDS = frozenset(
    ("on", "in", "at", "by", "last", "earlier", "later", "late", "early", "meanwhile", "but",
     "and", "also", "however", "separately", "yesterday", "today", "tonight", "then", "this",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december")
)  # fmt: skip


def _name_span(text: str, start: int, end: int, *, lead_in: bool) -> tuple[int, int] | None:
    """The offsets of the credited name in ``text[start:end]``, a greedy match of capitalised
    words: trailing connectors dropped ("Reuters and" -> "Reuters"), of two outlets credited
    together the first kept ("The New York Times and Reuters"), and with ``lead_in`` the words
    that open a sentence before the name dropped."""
    words = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    lower = [text[a:b].lower() for a, b in words]
    while words and lower[-1] in ("of", "and", "&"):
        words, lower = words[:-1], lower[:-1]
    while lead_in and len(words) > 1 and lower[0] in LEAD_IN_WORDS:
        words, lower = words[1:], lower[1:]
    if "and" in lower:
        first = words[: lower.index("and")]
        if first and is_news_name(text[first[0][0] : first[-1][1]]):
            words = first
    return (words[0][0], words[-1][1]) if words else None


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
