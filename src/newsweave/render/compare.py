"""A fact's reports side by side: each outlet's sentence cut into marked and plain pieces.

A word is *shared* when at least two of the fact's sentences contain it (case folded, function
words aside: sharing "the" says nothing). For a disputed fact, the words each side of a
conflict points at are marked as *conflict*. The HTML report draws the pieces with
``textContent`` and ``<mark>``; this module only decides where the marks go.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.model import Fact, Support

# Function words of English news prose (articles, auxiliaries, pronouns, prepositions,
# conjunctions), chosen by hand: every two sentences share some, so marking them hides the
# words that show two reports are one.
FUNCTION_WORDS = frozenset(
    ("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
     "from", "with", "as", "into", "onto", "over", "than", "that", "this", "these", "those",
     "it", "its", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
     "will", "would", "shall", "should", "can", "could", "may", "might", "do", "does", "did",
     "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "him",
     "them", "us", "who", "whom", "which", "what", "there", "here", "so", "if", "not", "no")
)  # fmt: skip
SHARED_MIN_SENTENCES = 2  # "shared" means in at least two of the compared sentences
# A word: letters or digits, with inner apostrophes, points and commas ("can't", "4.2", "40,000").
WORD = re.compile(r"\w+(?:[.,'’]\w+)*")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    shared: bool = False
    conflict: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """One report of a fact: who said it, and its sentence in pieces."""

    support: Support
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def compare_fact(fact: Fact, supports: Sequence[Support]) -> tuple[Column, ...]:
    """One column per report in ``supports`` (the fact's), shared and conflicting words marked."""
    texts = [support.mention.text for support in supports]
    shared = shared_words(texts)
    return tuple(
        Column(support, split_pieces(text, shared, conflict_ranges(fact, support)))
        for support, text in zip(supports, texts, strict=True)
    )


def shared_words(texts: Sequence[str]) -> frozenset[str]:
    """Content words (case folded) found in at least two of ``texts``.

    >>> sorted(shared_words(["The bridge will close.", "The bridge closes", "A bridge"]))
    ['bridge']
    """
    counts = Counter(word for text in texts for word in _words(text))
    return frozenset(word for word, count in counts.items() if count >= SHARED_MIN_SENTENCES)


def _words(text: str) -> set[str]:
    words = {match.group().casefold() for match in WORD.finditer(text)}
    return words - FUNCTION_WORDS


def conflict_ranges(fact: Fact, support: Support) -> list[tuple[int, int]]:
    """Where in ``support``'s sentence a disputing conflict's side points (sentence offsets).

    A side's own spans are used where they fall inside the sentence; otherwise, for an outlet
    on that side, the side's value where the sentence spells it out.
    """
    sentence = support.mention
    offset = sentence.start
    ranges: list[tuple[int, int]] = []
    for conflict in fact.conflicts:
        if not conflict.disputes:
            continue
        for side in conflict.sides:
            inside = [
                (max(m.start, sentence.start) - offset, min(m.end, sentence.end) - offset)
                for m in side.mentions
                if m.document == sentence.document and m.start < sentence.end and m.end > offset
            ]
            if not inside and support.outlet in side.outlets:
                found = sentence.text.casefold().find(side.value.casefold())
                inside = [(found, found + len(side.value))] if found >= 0 and side.value else []
            ranges.extend(inside)
    return ranges


def split_pieces(
    text: str, shared: frozenset[str], conflicts: Sequence[tuple[int, int]] = ()
) -> tuple[Piece, ...]:
    """``text`` cut where marking starts or stops; spaces between two shared words join them.

    Conflict ranges win over shared words: a piece is shared or conflict, never both.

    >>> pieces = split_pieces("Calder Bridge shut", frozenset({"calder", "bridge"}))
    >>> [(piece.text, piece.shared) for piece in pieces]
    [('Calder Bridge', True), (' shut', False)]
    """
    is_shared = [False] * len(text)
    hits = [m.span() for m in WORD.finditer(text) if m.group().casefold() in shared]
    followers: list[tuple[int, int] | None] = [*hits[1:], None] if hits else []
    for (start, end), following in zip(hits, followers, strict=True):
        stop = following[0] if following and text[end : following[0]].isspace() else end
        is_shared[start:stop] = [True] * (stop - start)
    is_conflict = [False] * len(text)
    for start, end in conflicts:
        start = min(max(start, 0), len(text))
        end = max(min(end, len(text)), start)
        is_conflict[start:end] = [True] * (end - start)
    # A conflicting value is outlined whole, not cut where a shared word inside it starts.
    flags = [
        (shared and not conflict, conflict)
        for shared, conflict in zip(is_shared, is_conflict, strict=True)
    ]
    pieces, start = [], 0
    for (shared_here, conflict_here), run in itertools.groupby(flags):
        length = sum(1 for _ in run)
        pieces.append(Piece(text[start : start + length], shared_here, conflict_here))
        start += length
    return tuple(pieces)
