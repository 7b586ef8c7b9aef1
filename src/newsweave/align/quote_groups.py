"""One utterance quoted by several outlets: variants, wording differences, speaker conflicts.

Two quotes are the same utterance when their content words mostly coincide (a translation
variant such as "a very useful meeting" / "a most useful meeting" keeps its content words), or
when one quotes a part of the other. Candidates come from an inverted index of content words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.model import Attribution, Conflict, ConflictKind, ConflictSide, Quote

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Dice coefficient of content words from which two quotes are one utterance: translation
# variants of one sentence keep 70-100% of their content words; two remarks on one topic by
# different people rarely share more than 40%.
SAME_UTTERANCE_DICE = 0.6
# Share of a shorter quote's content words found in a longer one for it to be a part of it.
PART_CONTAINMENT = 0.9
# Content words a quote needs before it is matched at all: shorter quotes ("productive", "a
# good deal") are said by many people and would match by chance.
MIN_CONTENT_WORDS = 3
# Words a quoted phrase needs to be matched with others as one wording of a statement
# ("extremely frank and trustful"): three-word phrases ("a good deal") recur by chance.
PHRASE_MIN_WORDS = 4
# Content words a phrase must share, besides the one word it swaps, with another quote's words.
PHRASE_MIN_SHARED_CONTENT = 2
# Words a quote needs before differing speakers are reported as a conflict: a six-word
# sentence repeated verbatim by two speakers is rare; a three-word phrase is not.
SPEAKER_CONFLICT_MIN_WORDS = 6
# A content word in more quotes than this is too common to propose candidates by itself.
MAX_POSTINGS = 200
# Attributions trusted for a speaker conflict. Not pronouns: "he said" after a paragraph naming
# two men is resolved to the nearer one, which on the seed articles put a quote of Trump's in
# Putin's mouth and made a false conflict; an explicit name on both sides is required.
RELIABLE_ATTRIBUTIONS = frozenset((Attribution.SAME_SENTENCE, Attribution.NEIGHBOUR))


@dataclass(frozen=True, slots=True)
class QuoteGroups:
    quotes: tuple[Quote, ...]  # the input quotes, with ``variants`` filled in
    conflicts: tuple[Conflict, ...]  # speaker and wording conflicts, one per utterance at most each


def words(text: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in WORD.finditer(text))


def content(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in STOP_WORDS)


def same_utterance(a: str, b: str) -> bool:
    """Whether two quoted texts are one utterance (variant wording or a part of the other)."""
    return _same_content(content(a), content(b))


def _same_content(ca: frozenset[str], cb: frozenset[str]) -> bool:
    if min(len(ca), len(cb)) < MIN_CONTENT_WORDS:
        return False
    shared = len(ca & cb)
    return (
        2 * shared / (len(ca) + len(cb)) >= SAME_UTTERANCE_DICE
        or shared / min(len(ca), len(cb)) >= PART_CONTAINMENT
    )


def group_quotes(quotes: Sequence[Quote], outlets: dict[str, str]) -> QuoteGroups:
    """Group ``quotes`` into utterances; ``outlets`` maps document ids to outlet names."""
    groups = _groups(quotes)
    by_index = list(quotes)
    conflicts: list[Conflict] = []
    for members in groups:
        if len(members) < 2:
            continue
        for i in members:
            others = tuple(quotes[j].id for j in members if j != i)
            by_index[i] = replace(quotes[i], variants=others)
        conflicts.extend(_utterance_conflicts([quotes[i] for i in members], outlets))
    return QuoteGroups(tuple(by_index), tuple(conflicts))


def _groups(quotes: Sequence[Quote]) -> list[list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    contents = [content(q.text) if _is_matched(q) else frozenset() for q in quotes]
    wordings = [_Wording.of(q.text) for q in quotes]
    for i, words_of in enumerate(contents):
        for word in words_of:
            index[word].append(i)
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    # Two quotes sharing several content words meet in several postings lists; whether they
    # are one utterance depends on them alone, so each pair is compared once (kept as one int,
    # i * count + j: half the memory of a tuple on a 500-article story's 500,000 pairs).
    compared: set[int] = set()
    count = len(quotes)
    for postings in index.values():
        if len(postings) > MAX_POSTINGS:
            continue
        for n, i in enumerate(postings):
            for j in postings[n + 1 :]:
                pair = i * count + j
                if find(i) == find(j) or pair in compared:
                    continue
                compared.add(pair)
                if _same_quote(contents, wordings, i, j):
                    parent[max(find(i), find(j))] = min(find(i), find(j))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        members[find(i)].append(i)
    return sorted(members.values())


def _is_matched(quote: Quote) -> bool:
    """Statements, and quoted phrases long enough to be one wording of a statement."""
    return quote.is_statement or len(words(quote.text)) >= PHRASE_MIN_WORDS


@dataclass(frozen=True, slots=True)
class _Wording:
    """A quote's words as written, and lower-cased (once, not at every comparison)."""

    cased: tuple[str, ...]
    lowered: tuple[str, ...]
    distinct: frozenset[str]  # of ``lowered``

    @classmethod
    def of(cls, text: str) -> _Wording:
        return cls.of_words(tuple(m.group() for m in WORD.finditer(text)))

    @classmethod
    def of_words(cls, cased: tuple[str, ...]) -> _Wording:
        lowered = tuple(w.lower() for w in cased)
        return cls(cased, lowered, frozenset(lowered))


def _same_quote(
    contents: Sequence[frozenset[str]], wordings: Sequence[_Wording], i: int, j: int
) -> bool:
    return _same_content(contents[i], contents[j]) or _one_word_apart(wordings[i], wordings[j])


def one_word_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the shorter wording is a run of the longer but for one common word: "extremely
    frank and trustful" / "... yet also extremely frank and confidential". A different name
    ("talks with Russia" / "talks with China") is a different statement, not a wording.

    >>> one_word_apart(("extremely", "frank", "and", "trustful"),
    ...                ("also", "extremely", "frank", "and", "confidential"))
    True
    >>> one_word_apart(("the", "talks", "with", "Russia"), ("the", "talks", "with", "China"))
    False
    """
    return _one_word_apart(_Wording.of_words(a), _Wording.of_words(b))


def _one_word_apart(a: _Wording, b: _Wording) -> bool:
    short, long = (a, b) if len(a.cased) <= len(b.cased) else (b, a)
    n = len(short.cased)
    if n < PHRASE_MIN_WORDS or len(short.distinct - long.distinct) > 1:
        return False  # all of the shorter's words but one must be in the longer
    for start in range(len(long.cased) - n + 1):
        apart = _only_difference(short.lowered, long.lowered, start)
        if apart is not None and _is_common_swap(short.cased[apart], long.cased[start + apart]):
            kept = [w for k, w in enumerate(short.lowered) if k != apart]
            if sum(w not in STOP_WORDS for w in kept) >= PHRASE_MIN_SHARED_CONTENT:
                return True
    return False


def _only_difference(short: tuple[str, ...], long: tuple[str, ...], start: int) -> int | None:
    """The one position where ``short`` differs from ``long`` read from ``start``, if one."""
    apart = None
    for k, word in enumerate(short):
        if long[start + k] != word:
            if apart is not None:
                return None
            apart = k
    return apart


def _is_common_swap(a: str, b: str) -> bool:
    return a.islower() and b.islower() and a not in STOP_WORDS and b not in STOP_WORDS


def _utterance_conflicts(quotes: Sequence[Quote], outlets: dict[str, str]) -> list[Conflict]:
    found = []
    speaker = _speaker_conflict(quotes, outlets)
    if speaker is not None:
        found.append(speaker)
    wording = _wording_conflict(quotes, outlets)
    if wording is not None:
        found.append(wording)
    return found


def _side(value: str, quotes: Sequence[Quote], outlets: dict[str, str]) -> ConflictSide:
    return ConflictSide(
        value=value,
        outlets=tuple(
            dict.fromkeys(outlets.get(q.mention.document, q.mention.document) for q in quotes)
        ),
        mentions=tuple(m for q in quotes for m in (q.mention, q.speaker_mention) if m is not None),
    )


def _speaker_conflict(quotes: Sequence[Quote], outlets: dict[str, str]) -> Conflict | None:
    reliable = [
        q for q in quotes
        if q.speaker_id and q.attribution in RELIABLE_ATTRIBUTIONS
        and len(words(q.text)) >= SPEAKER_CONFLICT_MIN_WORDS
    ]  # fmt: skip
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in reliable:
        by_speaker[quote.speaker or ""].append(quote)
    documents = {q.mention.document for q in reliable}
    if len(by_speaker) < 2 or len(documents) < 2:
        return None
    sides = tuple(_side(name, group, outlets) for name, group in by_speaker.items())
    summary = f'"{_short(quotes[0].text)}" is attributed to ' + " and to ".join(
        f"{s.value} ({', '.join(s.outlets)})" for s in sides
    )
    return Conflict(ConflictKind.SPEAKER, summary, sides)


def _wording_conflict(quotes: Sequence[Quote], outlets: dict[str, str]) -> Conflict | None:
    by_wording: dict[tuple[str, ...], list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_wording[words(quote.text)].append(quote)
    wordings = list(by_wording)
    differing = [
        w for w in wordings if not any(_is_part(w, other) for other in wordings if other != w)
    ]
    if (
        len(differing) < 2
        or len({q.mention.document for w in differing for q in by_wording[w]}) < 2
    ):
        return None
    sides = tuple(_side(by_wording[w][0].text, by_wording[w], outlets) for w in differing)
    summary = "worded differently: " + " / ".join(
        f'"{_short(s.value)}" ({", ".join(s.outlets)})' for s in sides
    )
    return Conflict(ConflictKind.WORDING, summary, sides)


def _is_part(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` is a contiguous run of ``long`` (a partial quote, not a variant)."""
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
