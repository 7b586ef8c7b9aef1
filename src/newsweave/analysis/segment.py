"""Sentence segmentation with offsets, and the kind of each segment.

Paragraphs are lines. A line break normally ends a sentence, except where the line plainly
continues (it ends in an abbreviation such as "U.S.", a comma, an open quote, or the next line
starts in lower case). A spaCy component placed before the parser fixes those boundaries, so
the parser only splits inside paragraphs.

Each segment then gets a ``SentenceKind``: headings, bylines, captions, datelines and site
boilerplate are kept (offsets stay complete) but are not analysed as claims.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Any, cast

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsweave.dateline import find_dateline
from newsweave.model import Article, Sentence, SentenceKind

PARAGRAPH_COMPONENT = "newsweave_paragraphs"

# Abbreviations after which a line break does not end the sentence (seen in real pages:
# "the U.S.\nadministration").
_CONTINUING_ABBREVIATIONS = frozenset(
    [
        "u.s.",
        "u.k.",
        "u.n.",
        "e.u.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "st.",
        "gen.",
        "sen.",
        "rep.",
        "gov.",
        "lt.",
        "col.",
        "sgt.",
        "prof.",
        "jr.",
        "sr.",
        "no.",
        "vs.",
        "inc.",
        "corp.",
        "co.",
        "ltd.",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    ]
)
_TERMINAL = ".!?\"'\u201d\u2019)"

# A heading is a short line without terminal punctuation. 16 words: the longest heading line in
# the seed articles has 9 words, the shortest claim line without final punctuation has 20+.
HEADING_MAX_WORDS = 16
# Share of capitalised content words above which a short unpunctuated line is a heading even if
# it ends with a colon-less phrase; 0.5 separates all seed headings from truncated claims.
HEADING_MIN_CAPITALISED = 0.5
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "under",
        "up",
        "with",
        "vs",
        "via",
        "amid",
    ]
)

_BOILERPLATE = re.compile(
    r"""^\s*(?:
      leave\ a\ (?:reply|comment) | (?:post|add)\ a\ comment | \d+\ comments?
    | share\ (?:this|on)\b | share\ this\ article | click\ (?:here|to) | tap\ here
    | subscribe\b | sign\ up\b | follow\ us\b | read\ more\b | related\ (?:articles|stories)\b
    | advertisement\b | sponsored\b | all\ rights\ reserved | copyright\b | \u00a9
    | (?:you\ may\ also\ like|more\ from|recommended\ for\ you)\b
    | your\ email\ address\ will\ not\ be\ published | cookie | privacy\ policy
    | watch:? | listen:? | (?:facebook|twitter|whatsapp|linkedin|email|print)(?:\s*[|/,]\s*\w+)*\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Each further name is one capitalised word and words after single spaces, never "and": a name
# class that also held spaces could split "A and B and C" in exponentially many ways when the
# line does not end as a byline (14 names took 2 s).
_BYLINE = re.compile(
    r"^\s*(?i:by|written\ by|reporting\ by|edited\ by)\s+"
    r"[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'\u2019-]*(?:\ (?!and\b)[\w.'\u2019-]+)*)*"
    r"\s*(?:[|,;\u2013\u2014-].{0,60})?$",
    re.VERBOSE,
)
_CAPTION = re.compile(
    r"^\s*(?:\(?(?:photo|image|picture|file\ photo|video)(?:\s+by|\s+credit)?\s*[:|)]"
    r"|.*\((?:photo|image)\s*:[^)]*\)\s*$"
    r"|.*\b(?:getty\ images|via\ reuters|ap\ photo|afp\ photo)\W*$)",
    re.IGNORECASE | re.VERBOSE,
)


def _line_continues(line: str, next_line: str) -> bool:
    """True when a line break between ``line`` and ``next_line`` is inside a sentence."""
    stripped = line.rstrip()
    if not stripped or not next_line.strip():
        return False
    last_word = stripped.rsplit(None, 1)[-1].lower()
    if last_word in _CONTINUING_ABBREVIATIONS:
        return True
    if stripped[-1] in ",;\u2013\u2014-(\u201c" or stripped.endswith((" and", " or", " the")):
        return True
    first = next_line.lstrip()[0]
    return first.islower() and stripped[-1] not in _TERMINAL + ":"


_LINE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")
# The longest sentence the parser is given: a line with more tokens than this is cut at the
# sentence end nearest before the limit (else at the limit). News sentences stay far below it
# (the seed articles' longest has under 100 tokens); a text without punctuation would otherwise
# be one sentence whose per-sentence work (speaker search, clause splitting) grows with the
# square of its length.
MAX_SENTENCE_TOKENS = 400
_SENTENCE_END = frozenset((".", "!", "?", "\u201d", '"'))


def set_paragraph_boundaries(doc: Doc) -> Doc:
    """spaCy component: a line break starts a sentence unless the line continues.

    Only the line breaks are visited (found by regex, mapped to tokens by bisection over the
    token offsets), not every token: a per-token Python loop cost ~20% of parse time. The
    boundaries are written in one array: each ``Token.is_sent_start`` assignment checks the
    whole document for a parse, which made many short lines quadratic.
    """
    if not len(doc):
        return doc
    text = doc.text
    starts = doc.to_array(IDX).tolist()
    marks = doc.to_array(SENT_START).astype("int64")
    for match in _LINE_BREAK.finditer(text):
        gap_start, next_start = match.start(), match.end()
        i = bisect.bisect_left(starts, next_start)
        if i <= 0 or i >= len(starts) or starts[i] != next_start:
            continue
        line = text[text.rfind("\n", 0, gap_start) + 1 : gap_start]
        line_end = text.find("\n", next_start)
        next_line = text[next_start : len(text) if line_end < 0 else line_end]
        marks[i] = -1 if _line_continues(line, next_line) else 1
    marks[0] = 1
    _cap_sentences(doc, marks)
    doc.from_array([SENT_START], cast(Any, marks.astype("uint64").reshape(-1, 1)))
    return doc


def _cap_sentences(doc: Doc, marks: Any) -> None:
    """Start a sentence wherever ``MAX_SENTENCE_TOKENS`` tokens pass without one (``marks``:
    1 for a sentence start, per token)."""
    boundaries = [*(int(i) for i in (marks == 1).nonzero()[0]), len(doc)]
    for start, end in itertools.pairwise(boundaries):
        while end - start > MAX_SENTENCE_TOKENS:
            start = _cut_point(doc, start)
            marks[start] = 1


def _cut_point(doc: Doc, start: int) -> int:
    """The token after the last sentence end in the second half of the allowed length."""
    limit = start + MAX_SENTENCE_TOKENS
    for i in range(limit - 1, start + MAX_SENTENCE_TOKENS // 2, -1):
        if doc[i].text in _SENTENCE_END and doc[i + 1].text[:1].isupper():
            return i + 1
    return limit


def register_paragraph_component() -> None:
    """Register the component factory with spaCy (idempotent)."""
    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=set_paragraph_boundaries)


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    # A closing quote mark may end a heading ("Minister Calls Talks “Productive”"); the
    # punctuation inside it decides.
    unquoted = stripped.rstrip("\"\u201d\u2019'")
    if not unquoted or unquoted[-1] in ".!?,;":
        return False
    words = stripped.split()
    if len(words) > HEADING_MAX_WORDS:
        return False
    content = [w for w in words if w.lower() not in _MINOR_WORDS and w[:1].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= HEADING_MIN_CAPITALISED


def classify_line(line: str) -> SentenceKind:
    """The kind of a whole paragraph line (claims are further split into sentences).

    >>> classify_line("Leave a Reply").value
    'boilerplate'
    >>> classify_line("The Road to Budapest: Advisor Meetings").value
    'heading'
    >>> classify_line("By Jane Doe, Staff Writer").value
    'byline'
    >>> classify_line("The call lasted two hours, officials said.").value
    'claim'
    """
    if _BOILERPLATE.match(line):
        return SentenceKind.BOILERPLATE
    if _BYLINE.match(line):
        return SentenceKind.BYLINE
    if _CAPTION.match(line):
        return SentenceKind.CAPTION
    if _is_heading(line):
        return SentenceKind.HEADING
    return SentenceKind.CLAIM


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_breaks(text: str) -> list[int]:
    """Offsets of the line breaks: the paragraph of offset ``i`` is how many come before it."""
    return [match.start() for match in re.finditer("\n", text)]


def _line_kind(text: str, line_start: int, known_headings: set[str]) -> SentenceKind:
    line_end = text.find("\n", line_start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if line.strip() in known_headings:
        return SentenceKind.HEADING
    return classify_line(line)


def segment(article: Article, doc: Doc) -> tuple[Sentence, ...]:
    """Split ``article.text`` (parsed as ``doc``) into typed segments with exact offsets."""
    text = article.text
    spans: list[tuple[int, int]] = []
    dateline = find_dateline(text)
    if dateline is not None:
        spans.append(_trimmed(text, dateline.start, dateline.end))
    for sent in doc.sents:
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        if dateline is not None and start < dateline.end:
            start = max(start, dateline.end)
            start, end = _trimmed(text, start, end)
        if start < end:
            spans.append((start, end))
    breaks = _line_breaks(text)
    # The input's own markup and title name headings that no rule could (sentence case, "?").
    known_headings = {h.strip() for h in (*article.headings, article.title or "") if h.strip()}
    sentences = []
    kinds: dict[int, SentenceKind] = {}  # by line start: a long line holds many sentences
    for i, (start, end) in enumerate(spans):
        paragraph = bisect.bisect_left(breaks, start)
        line_start = breaks[paragraph - 1] + 1 if paragraph else 0
        if dateline is not None and i == 0:
            kind = SentenceKind.DATELINE
        else:
            kind = kinds.get(line_start) or _line_kind(text, line_start, known_headings)
            kinds[line_start] = kind
        sentences.append(Sentence(article.id, i, start, end, text[start:end], kind, paragraph))
    return tuple(sentences)
