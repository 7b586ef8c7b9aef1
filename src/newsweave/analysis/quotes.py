"""Direct quotations: find the quoted words, tell statements from scare quotes, attribute them.

Quote marks are paired by one left-to-right scan over the article text (not per sentence, so a
quote may run across sentences and line breaks). Each mark gets a role from its context (space
before it opens, space or punctuation after it closes); the glyph decides only where the context
does not (“ opens, ” closes, a straight mark toggles). Apostrophes (’ ') are never quote marks.

Unbalanced marks are contained: a quote still open at a line break continues only if the next mark
closes it; it ends at the line break when the next paragraph reopens with a mark (the
multi-paragraph convention) or when it opened its paragraph or followed a colon; otherwise the
stray mark is dropped. No quote is longer than ``QUOTE_MAX_CHARS``.

Speakers are found on the dependency parse by ``newsweave.analysis.attribution``.

Fragments of one utterance are one quote: ``“We are ready,” he said, “to talk.”`` gives the quote
"We are ready to talk." (the parts joined by a space) whose mention runs from the first word to
the last, interruption included, with the interruption's speaker. Fragments join when the first
ends with a comma and the words between them are a short attribution clause (a reporting verb,
at most ``FRAGMENT_GAP_MAX_WORDS`` words, on one line) that also ends with a comma.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analysis.attribution import Speaker, find_speakers, is_cue_word
from newsweave.analysis.parsed import ParsedArticle
from newsweave.model import Attribution, EntityMention, Mention, Quote, SentenceKind

OPENING_MARKS = "“"
CLOSING_MARKS = "”"
STRAIGHT_MARKS = '"'
QUOTE_MARKS = OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARKS
# Longest quote kept. The longest single-paragraph quote in the PolNeAR test texts is ~600
# characters; 2,000 leaves room for long paragraphs and stops a stray mark from swallowing an
# article.
QUOTE_MAX_CHARS = 2000
# A quoted phrase of at most this many words that is not set off like speech (opened at the start
# of its sentence or after ":" or ",", and closed with punctuation) is a scare quote, not a
# statement. 4: the scare quotes in our conformance table have 1-4 words ("very productive",
# "a witch hunt"); partial quotes of 5+ words are attributed speech in PolNeAR.
SCARE_QUOTE_MAX_WORDS = 4
# Longest attribution clause between two fragments of one utterance, in words: "said Jane Roe,
# the interior minister," has 6; a longer gap is a sentence of its own, not an interruption.
FRAGMENT_GAP_MAX_WORDS = 8

_BEFORE_OPENING = "([{—–-/"  # a mark after these (or a space) opens a quote
_AFTER_CLOSING = ".,;:!?)]}—–-…"  # a mark before these (or a space) closes one
_SPEECH_END = ".,!?…—-"  # punctuation that ends quoted speech inside the marks
_SPEECH_LEAD = ":,"  # punctuation that introduces quoted speech before the opening mark


class _Role(enum.Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The words between a pair of marks, ``text[start:end]``, without spaces and a final comma.

    ``opening`` is the offset of the opening mark, ``closing`` the offset just past the closing
    mark, or the end of the line for a part of a multi-paragraph quote. ``continues`` is True when
    the quote reopens a quote left open at the end of the previous paragraph.
    """

    opening: int
    closing: int
    start: int
    end: int
    continues: bool = False


def _mark_role(text: str, i: int) -> _Role:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before.isspace() or before in _BEFORE_OPENING
    closes = after.isspace() or after in _AFTER_CLOSING
    if opens and not closes:
        return _Role.OPEN
    if closes and not opens:
        return _Role.CLOSE
    if text[i] in OPENING_MARKS:
        return _Role.OPEN
    return _Role.CLOSE if text[i] in CLOSING_MARKS else _Role.EITHER


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _opens_paragraph(text: str, opening: int) -> bool:
    """True when the mark at ``opening`` starts its line or follows a colon."""
    before = text[_line_start(text, opening) : opening].rstrip()
    return not before or before.endswith(":")


def _inner_span(text: str, opening: int, closing: int, end: int) -> QuoteSpan | None:
    """The trimmed words between ``opening`` and ``end``; None if empty or too long."""
    start = opening + 1
    while start < end and text[start].isspace():
        start += 1
    end = len(text[start:end].rstrip().rstrip(",").rstrip()) + start
    if end - start > QUOTE_MAX_CHARS or not any(c.isalnum() for c in text[start:end]):
        return None
    return QuoteSpan(opening, closing, start, end)


def _unclosed_part(text: str, opening: int, before: int) -> QuoteSpan | None:
    """A quote left open at a line break ends there if it opened a paragraph; else it is stray."""
    if not _opens_paragraph(text, opening):
        return None
    end = _line_end(text, opening)
    if end > before:
        return None
    return _inner_span(text, opening, end, end)


def find_quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """Pair the quote marks of ``text``; see the module docstring for the rules.

    >>> [text[s.start : s.end] for text in ['"We agreed," he said of Putin’s plan.']
    ...  for s in find_quote_spans(text)]
    ['We agreed']
    """
    spans: list[QuoteSpan] = []
    opening: int | None = None
    continues = False
    for i, char in enumerate(text):
        if char not in QUOTE_MARKS:
            continue
        role = _mark_role(text, i)
        if opening is None:
            if role is not _Role.CLOSE:
                opening, continues = i, False
            continue
        crosses_line = "\n" in text[opening:i]
        at_line_start = not text[_line_start(text, i) : i].strip()
        if role is _Role.OPEN or (crosses_line and role is _Role.EITHER and at_line_start):
            part = _unclosed_part(text, opening, i) if crosses_line else None
            if part is not None:
                spans.append(_continued(part, continues))
            opening, continues = i, part is not None and at_line_start
            continue
        span = _inner_span(text, opening, i + 1, i)
        if span is not None:
            spans.append(_continued(span, continues))
        opening, continues = None, False
    if opening is not None:
        part = _unclosed_part(text, opening, len(text))
        if part is not None:
            spans.append(_continued(part, continues))
    return tuple(spans)


def _continued(span: QuoteSpan, continues: bool) -> QuoteSpan:
    if not continues:
        return span
    return QuoteSpan(span.opening, span.closing, span.start, span.end, continues=True)


def is_statement(text: str, span: QuoteSpan, sentence_start: int) -> bool:
    """True for quoted speech, False for a short scare-quoted phrase inside a sentence.

    >>> text = 'Officials called the talks “very productive” on Friday.'
    >>> is_statement(text, find_quote_spans(text)[0], 0)
    False
    >>> text = '“Never,” he said.'
    >>> is_statement(text, find_quote_spans(text)[0], 0)
    True
    """
    if len(text[span.start : span.end].split()) > SCARE_QUOTE_MAX_WORDS:
        return True
    lead = text[sentence_start : span.opening].rstrip()
    set_off_before = not lead.strip(QUOTE_MARKS + " ") or lead[-1] in _SPEECH_LEAD
    inner_end = text[span.start : span.closing].rstrip(QUOTE_MARKS + " ")
    after = text[span.closing : span.closing + 2].lstrip()
    set_off_after = inner_end[-1:] in tuple(_SPEECH_END) or after[:1] in tuple(_SPEECH_END)
    return set_off_before and set_off_after


def extract_quotes(parsed: ParsedArticle, people: Sequence[EntityMention]) -> tuple[Quote, ...]:
    """The direct quotes of one article, each with its speaker where one can be found.

    ``people`` are the article's PERSON mentions; pronoun speakers resolve to one of them.
    """
    text = parsed.article.text
    spans = [s for s in find_quote_spans(text) if _claim_start(parsed, s) is not None]
    speakers = find_speakers(parsed, [(s.opening, s.closing) for s in spans], people)
    speakers = _inherit_across_paragraphs(spans, speakers)
    quotes = []
    for n, members in enumerate(_utterances(text, spans)):
        parts = [spans[i] for i in members]
        speaker = next((s for i in members if (s := speakers[i]) is not None), None)
        statement = any(is_statement(text, s, _claim_start(parsed, s) or 0) for s in parts)
        quotes.append(_make_quote(parsed, n, parts, speaker, statement))
    return tuple(quotes)


def _utterances(text: str, spans: Sequence[QuoteSpan]) -> list[list[int]]:
    """Indices of ``spans`` grouped into utterances: runs of fragments split by attribution."""
    groups: list[list[int]] = []
    for i, span in enumerate(spans):
        if groups and is_interrupted(text, spans[i - 1], span):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def is_interrupted(text: str, first: QuoteSpan, second: QuoteSpan) -> bool:
    """True when ``second`` continues ``first`` after an attribution clause ("…,” he said, “…").

    >>> text = '“We are ready,” Roe said, “to talk.” “Later,” she said. “Not now.”'
    >>> spans = find_quote_spans(text)
    >>> is_interrupted(text, spans[0], spans[1]), is_interrupted(text, spans[2], spans[3])
    (True, False)
    """
    handover = text[first.end : first.closing] + text[first.closing : first.closing + 1]
    gap = text[first.closing : second.opening]
    words = gap.replace(",", " ").split()
    return (
        "," in handover
        and gap.rstrip().endswith(",")
        and "\n" not in gap
        and 0 < len(words) <= FRAGMENT_GAP_MAX_WORDS
        and any(is_cue_word(word) for word in words)
    )


def _claim_start(parsed: ParsedArticle, span: QuoteSpan) -> int | None:
    """Start of the claim sentence where the quoted words begin; None outside claim sentences."""
    for sentence in parsed.sentences:
        if sentence.end > span.start:
            is_claim = sentence.kind is SentenceKind.CLAIM and sentence.start <= span.end
            return min(sentence.start, span.opening) if is_claim else None
    return None


def _inherit_across_paragraphs(
    spans: Sequence[QuoteSpan], speakers: Sequence[Speaker | None]
) -> list[Speaker | None]:
    """Parts of one multi-paragraph quote share the speaker found for any of them."""
    result = list(speakers)
    for i in range(1, len(spans)):
        if spans[i].continues and result[i] is None:
            result[i] = _as_neighbour(result[i - 1])
    for i in range(len(spans) - 2, -1, -1):
        if spans[i + 1].continues and result[i] is None:
            result[i] = _as_neighbour(result[i + 1])
    return result


def _as_neighbour(speaker: Speaker | None) -> Speaker | None:
    if speaker is None or speaker.attribution is Attribution.PRONOUN:
        return speaker
    return Speaker(speaker.name, speaker.mention, Attribution.NEIGHBOUR, speaker.cue)


def _make_quote(
    parsed: ParsedArticle,
    n: int,
    parts: Sequence[QuoteSpan],
    speaker: Speaker | None,
    statement: bool,
) -> Quote:
    """One quote of ``parts`` (one span, or the fragments of one utterance)."""
    article = parsed.article
    start, end = parts[0].start, parts[-1].end
    words = " ".join(article.text[part.start : part.end] for part in parts)
    mention = Mention(article.id, start, end, article.text[start:end])  # verbatim by making
    speaker_mention = None
    if speaker is not None:
        first, last = speaker.mention
        speaker_mention = Mention(article.id, first, last, article.text[first:last])
    return Quote(
        id=f"{article.id}:q{n}",
        text=words,
        mention=mention,
        speaker=None if speaker is None else speaker.name,
        speaker_id=None,
        speaker_mention=speaker_mention,
        attribution=Attribution.NONE if speaker is None else speaker.attribution,
        is_statement=statement,
        cue=None if speaker is None else speaker.cue,
    )
