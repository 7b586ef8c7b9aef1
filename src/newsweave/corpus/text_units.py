"""Words with offsets, quotation ranges and content-defined passages of an article's text.

Passages are runs of whole sentences whose ends are chosen by the text itself (a sentence ends
a passage when it ends a paragraph, or when a hash of its last words says so), so inserting or
dropping a paragraph in a reprint moves the passage boundaries only next to the edit, and a
rejoined paragraph moves at most one.
"""

from __future__ import annotations

import bisect
import re
import zlib
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Quotations: paired straight or curly double quotes (and guillemets) within one paragraph.
QUOTATION = re.compile(r"\"[^\"\n]{1,1500}\"|“[^”\n]{1,1500}”|«[^»\n]{1,1500}»")
# A quotation running on into the next paragraph: news style leaves a paragraph of a long
# quotation open (no closing mark) and opens the next one again, so the open paragraph is
# quoted from its opening mark to its end when the next paragraph opens with a quotation mark
# (or closes the quotation without opening one).
OPEN_QUOTATION = re.compile(
    r"[\"“«][^\"“”«»\n]{1,1500}$(?=\n\s*(?:[\"“«]|[^“”\n]{1,1500}”))", re.MULTILINE
)
# The end of a quotation opened in an earlier paragraph: a closing curly mark with no opening
# one before it in its paragraph quotes the paragraph up to it (straight marks cannot tell).
CLOSED_QUOTATION = re.compile(r"^[^“”\n]{1,1500}”", re.MULTILINE)
SENTENCE_MARK = re.compile(r"[.!?]")
# One sentence end in this many ends a passage (once it is CHUNK_MIN_WORDS long): passages of
# about three sentences (~60 words of news prose).
CUT_MODULUS = 3
# Last words of a sentence hashed to decide whether it ends a passage.
CUT_HASH_WORDS = 3


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text, lower-cased with ’ as ', and their character offsets."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def words_of(text: str) -> Words:
    matches = list(WORD.finditer(text))
    tokens = [m.group().lower() for m in matches]
    if "’" in text:
        tokens = [t.replace("’", "'") for t in tokens]
    return Words(
        tuple(tokens),
        tuple([m.start() for m in matches]),
        tuple([m.end() for m in matches]),
    )


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks included), in text order, disjoint;
    a paragraph of a quotation that runs on into the next is quoted to its end, and the next
    up to its closing mark."""
    found = [(m.start(), m.end()) for m in QUOTATION.finditer(text)]
    found += [(m.start(), m.end()) for m in CLOSED_QUOTATION.finditer(text)]
    found.sort()
    starts = [start for start, _ in found]
    for m in OPEN_QUOTATION.finditer(text):
        before = bisect.bisect_right(starts, m.start()) - 1
        if before < 0 or found[before][1] <= m.start():  # not the closing mark of a quotation
            found.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def sentence_ends(text: str, words: Words) -> list[int]:
    """Indices of the words that end a sentence (the last word always does): those followed by
    a full stop, question or exclamation mark before the next word."""
    if not words.tokens:
        return []
    marks = [m.start() for m in SENTENCE_MARK.finditer(text)]
    ends: list[int] = []
    for position in marks:
        word = bisect.bisect_right(words.starts, position) - 1
        if word >= 0 and words.ends[word] <= position and (not ends or ends[-1] != word):
            ends.append(word)
    last = len(words.tokens) - 1
    return [*[e for e in ends if e < last], last]


def passages(text: str, words: Words, min_words: int, max_words: int) -> list[tuple[int, int]]:
    """Word ranges [start, end) of content-defined passages covering the text."""
    cuts: list[tuple[int, int]] = []
    start = 0
    for end in sentence_ends(text, words):
        while end + 1 - start > max_words:
            cuts.append((start, start + max_words))
            start += max_words
        if end + 1 - start >= min_words and (
            _cuts_here(words, end) or _paragraph_ends(text, words, end)
        ):
            cuts.append((start, end + 1))
            start = end + 1
    if start < len(words.tokens):
        if cuts and len(words.tokens) - start < min_words:
            cuts[-1] = (cuts[-1][0], len(words.tokens))
        else:
            cuts.append((start, len(words.tokens)))
    return cuts


def _paragraph_ends(text: str, words: Words, end: int) -> bool:
    """Whether a line break follows word ``end``: a copied paragraph then makes a passage of its
    own, so its MinHash is not diluted by a neighbour the copier did not take."""
    following = words.starts[end + 1] if end + 1 < len(words.starts) else len(text)
    return "\n" in text[words.ends[end] : following]


def _cuts_here(words: Words, end: int) -> bool:
    tail = " ".join(words.tokens[max(0, end + 1 - CUT_HASH_WORDS) : end + 1])
    return zlib.crc32(tail.encode()) % CUT_MODULUS == 0


def shingles(tokens: tuple[str, ...], size: int) -> list[bytes]:
    """Overlapping ``size``-word shingles (the whole run when it is shorter)."""
    if len(tokens) <= size:
        return [" ".join(tokens).encode()] if tokens else []
    return [" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)]
