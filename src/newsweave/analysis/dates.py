"""Date expressions in claim sentences, normalised against the article's publication date.

Candidates come from spaCy's DATE/TIME entities plus a few case-sensitive patterns for what the
small model misses ("within two weeks", "in February", "Thursday night"); there is no free-text
search, so "We", the modal "may" and "March" as a verb never become dates. Each candidate is
normalised by ``date_rules.normalize_date`` with the tense of the verb that governs it;
candidates that do not normalise (durations such as "four years", ordinals such as "its fourth
year") are dropped. Overlaps keep the longest span.

Without a publication date, only absolute expressions ("October 17, 2025", "2024", "the 1990s")
are kept; relative ones are skipped, since a ``DateExpr`` always has days.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from newsweave.analysis.attribution import is_cue
from newsweave.analysis.date_calendar import FUTURE, PAST
from newsweave.analysis.date_rules import normalize_date
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.span_index import SpanIndex
from newsweave.model import DateExpr, Mention, Sentence

_DATE_LABELS = frozenset({"DATE", "TIME"})
# Entities a date word can be part of without being a date: "The Sunday Times", "Bloody Sunday".
_NAME_LABELS = frozenset(
    {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "GPE", "NORP", "LAW", "LOC"}
)
# Month names that are also common words or names; alone they need a preposition before them.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "june", "april", "august", "jan"})
_MONTH_TRIGGERS = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "from",
        "through",
        "of",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "before",
        "after",
        "between",
        "and",
        "or",
        "to",
    ]
)
# Governing words whose infinitive complement is in the future: "plans to meet on Thursday".
_FUTURE_GOVERNORS = re.compile(
    r"^(?:plan|expect|schedul|intend|aim|hope|vow|promis|prepar|agree|set|due|going|want|seek)"
)
# Words that may stand between a reporting verb and its date: "said on Monday", "said late
# Monday". A date right after a reporting verb dates the telling, whatever the clause after it
# says ("said Monday the port would reopen"): the parser often hangs it on the later verb.
_REPORTING_DATE_GAP = frozenset({"on", "late", "early"})

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few)"
_UNIT = r"(?:days?|weeks?|fortnight|months?|years?)"
# What every match of ``_CANDIDATE`` contains (see ``may_hold_date``): lower-cased, then as written.
_DATE_WORDS = ("day", "week", "fortnight", "month", "year")
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_CANDIDATE = re.compile(
    rf"""
      (?:(?:(?i:early|late|mid)[-\s])|(?i:(?:this\ coming|this\ past|last|next|this)\s))?
      {_WEEKDAY}(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)?
      (?:\s+(?:morning|afternoon|evening|night))?
    | (?:(?i:early|late|mid)[-\s])?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?
      (?:,?\s+\d{{4}})?
    | \d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?
    | (?:(?i:early|late|mid)[-\s]|(?i:last|next|this)\s)?{_MONTH}(?:\s+\d{{4}})?
    | (?i:within|in)\s+(?:the\s+next\s+)?{_NUMBER}\s+{_UNIT}
    | {_NUMBER}\s+{_UNIT}\s+(?i:ago|from\ now)
    | (?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bduring\s)|(?<=\bby\s)|(?<=\bfrom\s))
      (?:1[89]|20)\d{{2}}\b(?![\d,.]\d|\s*(?:percent|%))
    | (?i:(?:earlier|later)\s+(?:this|in\ the)\s+(?:week|month|year))
    | (?i:(?:the\s+)?(?:coming|next\ few|past\ few|recent)\s+(?:days|weeks|months))
    """,
    re.VERBOSE,
)


def extract_dates(parsed: ParsedArticle) -> tuple[DateExpr, ...]:
    """Date expressions in the article's claim sentences, normalised against its ``published``."""
    return find_dates(parsed, parsed.claim_sentences)


def find_dates(parsed: ParsedArticle, sentences: Iterable[Sentence]) -> tuple[DateExpr, ...]:
    """Date expressions in the given sentences of ``parsed`` (for evaluation on all sentences)."""
    found: list[DateExpr] = []
    # doc.ents builds every entity span anew on each access: read it once per document.
    ents = parsed.doc.ents
    date_ents = SpanIndex([e for e in ents if e.label_ in _DATE_LABELS], _char_bounds)
    names = SpanIndex([e for e in ents if e.label_ in _NAME_LABELS], _token_bounds)
    for sentence in sentences:
        dates = _sentence_dates(parsed, sentence, date_ents, names)
        found.extend(sorted(dates, key=lambda d: d.mention.start))
    return tuple(found)


def _char_bounds(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _token_bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _sentence_dates(
    parsed: ParsedArticle, sentence: Sentence, date_ents: SpanIndex[Span], names: SpanIndex[Span]
) -> Iterator[DateExpr]:
    article, doc = parsed.article, parsed.doc
    taken: list[tuple[int, int]] = []
    candidates = _candidates(article.text, sentence, date_ents)
    spans = sorted(set(candidates), key=lambda s: (s[0] - s[1], s[0]))
    for start, end in spans:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if not _is_plausible(doc, start, end, names):
            continue
        text = article.text[start:end]
        normalized = normalize_date(text, article.published, tense_of(doc, start, end))
        if normalized is None:
            continue
        taken.append((start, end))
        yield DateExpr(
            mention=Mention(article.id, start, end, text),
            value=normalized.value,
            granularity=normalized.granularity,
            start=normalized.start,
            end=normalized.end,
            is_relative=normalized.is_relative,
            anchor=article.published if normalized.is_relative else None,
        )


def _candidates(
    text: str, sentence: Sentence, date_ents: SpanIndex[Span]
) -> Iterator[tuple[int, int]]:
    """Character spans that may be dates: entities (and adjacent pairs) and pattern matches.

    ``text`` is the article text (never ``Doc.text``, which rebuilds the string on each access).
    """
    ents = date_ents.overlapping(sentence.start, sentence.end)
    for ent in ents:
        yield _trimmed(text, max(ent.start_char, sentence.start), min(ent.end_char, sentence.end))
    for first, second in itertools.pairwise(ents):  # "Friday" + "morning"
        if not text[first.end_char : second.start_char].strip():
            yield _trimmed(
                text, max(first.start_char, sentence.start), min(second.end_char, sentence.end)
            )
    if may_hold_date(sentence.text):
        for match in _CANDIDATE.finditer(sentence.text):
            yield _trimmed(text, sentence.start + match.start(), sentence.start + match.end())


def may_hold_date(text: str) -> bool:
    """False only when ``_CANDIDATE`` cannot match ``text``: each of its branches needs a
    weekday (all end in "day"), a unit or period word, a capitalised month or a year. A few
    substring searches skip three sentences in four of a news story (500 allsides articles:
    regex time 2.0 -> 0.7 s)."""
    lower = text.lower()
    return (
        any(word in lower for word in _DATE_WORDS)
        or any(month in text for month in _MONTH_STEMS)
        or _YEAR.search(text) is not None
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, punctuation and a trailing possessive ("Thursday's")."""
    while start < end and (text[start].isspace() or text[start] in ",;:\"'(\u201c"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:\"')\u201d"):
        end -= 1
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix, start, end):
            end -= len(suffix)
    return start, end


def _is_plausible(doc: Doc, start: int, end: int, names: SpanIndex[Span]) -> bool:
    """Reject a date word inside a name ("Sunday Times") or an ambiguous bare month ("May")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if names.any_overlapping(span.start, span.end):
        return False
    if len(span) == 1 and span[0].lower_ in _AMBIGUOUS_MONTHS:
        return _month_is_plausible(span[0])
    return True


def _month_is_plausible(token: Token) -> bool:
    if token.pos_ in ("VERB", "AUX") or token.tag_ == "MD" or not token.text[0].isupper():
        return False
    return token.i > 0 and token.doc[token.i - 1].lower_ in _MONTH_TRIGGERS


def tense_of(doc: Doc, start: int, end: int) -> str | None:
    """``"past"``/``"future"`` from the verb that governs the characters ``start``..``end``,
    or from the reporting verb right before them ("said Monday that talks will resume")."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    reporting = _reporting_verb_before(span)
    tense = None if reporting is None else _verb_tense(reporting)
    if tense is not None:
        return tense
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(verb)


def _reporting_verb_before(span: Span) -> Token | None:
    """The reporting verb just before ``span`` ("said Monday", "said on Monday"), unless the date
    is the subject of what was said ("said Monday would be decisive")."""
    if span.root.dep_ in ("nsubj", "nsubjpass"):
        return None
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in _REPORTING_DATE_GAP:
        i -= 1
    if i < 0 or not is_cue(span.doc[i]):
        return None
    return span.doc[i]


def _verb_tense(verb: Token) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & {"will", "'ll", "shall", "wo", "would", "\u2019ll"}:
        return FUTURE
    if verb.dep_ == "xcomp" and _FUTURE_GOVERNORS.match(verb.head.lower_):
        return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return PAST
    if verb.tag_ == "VBN" and words & {"has", "have", "had"}:
        return PAST
    if verb.tag_ == "VBG" and words & {"is", "are", "am"}:
        return FUTURE  # "is meeting on Thursday": an arrangement
    return None
