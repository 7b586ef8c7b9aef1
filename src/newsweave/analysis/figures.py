"""Figures: numbers with units, normalised to base units, with the interval the text admits.

A small hand-written grammar reads each claim sentence token by token::

    [qualifier] [between] [currency] number [(-|to|and) number] [-] unit

where a number is digits ("1,600", "2.5"), words ("two and a half", "twenty-five", "a dozen",
"half an"), either with a scale ("40 billion", "40bn", "£3m"), or a vague plural ("hundreds of").
A number with no unit is a count when spaCy's parse shows it modifying a noun
("35,000 Ukrainian children", "3 Tomahawk missiles"); numbers inside spaCy DATE/TIME entities,
years, ordinals, phone numbers and labels ("page 12") are not figures.

Representation:
- ``value``/``unit`` are in base units (see ``newsweave.analysis.units``); ``surface_value`` times
  the surface unit's factor is ``value``.
- ``low``/``high`` is the interval the text admits after rounding and qualifier: an unqualified
  number admits half its last written digit (at most ``ROUNDING_TOLERANCE_MAX`` of it), "about"
  ``ABOUT_TOLERANCE`` either side, "nearly" up to ``NEARLY_TOLERANCE`` below, "more than"/"at least"
  up to ``math.inf``, "less than"/"up to" down to 0.
- Ranges ("between 20 and 30 people", "10-15 km") and vague plurals ("hundreds of drones") keep
  the qualifier written (usually EXACT); ``value`` is the midpoint, ``low``/``high`` the ends.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from newsweave.analysis import units as u
from newsweave.analysis.nlp import load_nlp
from newsweave.analysis.parsed import ParsedArticle
from newsweave.model import Figure, FigureKind, Mention, Qualifier

# "about 1,600 km" admits 1,520-1,680 km: the reading the lead's brief gives, not tuned on data.
# Checked against the seed story: it keeps "about 1,600 km" with "more than 1,000 miles" and
# "about two and a half hours" with "more than two hours", and apart from "a 90-minute call".
ABOUT_TOLERANCE = 0.05
# "nearly X" admits up to 10% below X ("nearly two and a half hours" = 135-150 min, the lead's
# brief); not tuned on data.
NEARLY_TOLERANCE = 0.10
# An unqualified number admits half its last written digit ("57" = 56.5-57.5) but never more than
# 3% ("1,000 miles" is not 500-1,500): wide enough for unit conversion (1,600 km = 994 miles),
# narrower than "about".
ROUNDING_TOLERANCE_MAX = 0.03
# Four-digit integers in this span, without a unit, are years ("2025", "the 1991 Gulf War").
YEAR_MIN, YEAR_MAX = 1800, 2100

_TOKEN_RE = re.compile(
    r"US\$|C\$|A\$|U\.S\.|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+|\S"
)
_PHONE_RE = re.compile(r"\+?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})?")
_HYPHENS = frozenset({"-", "‑"})
_RANGE_DASHES = frozenset({"-", "–", "—", "to"})
_RANGE_OPENERS = frozenset({"between"})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_START_WORDS = frozenset(
    {phrase[0] for phrase in u.QUALIFIER_PHRASES}
    | {phrase[0] for phrase in u.VAGUE_QUANTITIES}
    | set(u.ONES) | set(u.TENS) | _RANGE_OPENERS | {"a", "an", "half"}
)  # fmt: skip
_START_SYMBOLS = frozenset(u.CURRENCY_SYMBOLS) | u.CURRENCY_CODES
_VAGUE_FIRST_WORDS = frozenset(phrase[0] for phrase in u.VAGUE_QUANTITIES)
_VAGUE_LONGEST_FIRST = sorted(u.VAGUE_QUANTITIES.items(), key=lambda item: -len(item[0]))


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Number:
    low: float
    high: float
    rounding: float  # absolute, in the number's own unit
    end: int  # index of the next token
    scale: float = 1.0  # the multiplier written after it ("billion"), 1 if none


@dataclass(frozen=True, slots=True)
class _UnitRead:
    kind: FigureKind
    base: str
    factor: float
    surface: str
    end: int


@dataclass(frozen=True, slots=True)
class _Reading:
    start: int
    end: int
    kind: FigureKind
    value: float
    unit: str
    qualifier: Qualifier
    low: float
    high: float
    surface_value: float
    surface_unit: str


def extract_figures(parsed: ParsedArticle) -> tuple[Figure, ...]:
    """All figures in the article's claim sentences, in text order."""
    article = parsed.article
    figures: list[Figure] = []
    dates = _date_spans(parsed.doc)
    for sentence in parsed.claim_sentences:
        for r in _read_text(sentence.text, sentence.start, parsed.doc, dates):
            mention = Mention(article.id, r.start, r.end, article.text[r.start : r.end])
            figures.append(_figure(mention, r))
    return tuple(figures)


def parse_figure(text: str) -> tuple[FigureKind, float, str, Qualifier, float, float] | None:
    """The first figure in ``text`` as (kind, value, unit, qualifier, low, high), or None.

    Parses ``text`` with the shared spaCy pipeline (needed for counts and date exclusion).

    >>> parse_figure("a two-and-a-half-hour call")[:3]
    (<FigureKind.DURATION: 'duration'>, 150.0, 'min')
    """
    doc = load_nlp()(text)
    readings = _read_text(text, 0, doc, _date_spans(doc))
    if not readings:
        return None
    r = readings[0]
    return r.kind, r.value, r.unit, r.qualifier, r.low, r.high


def figures_agree(a: Figure, b: Figure) -> bool:
    """Same kind and unit, and the intervals the two texts admit overlap."""
    return a.kind is b.kind and a.unit == b.unit and a.low <= b.high and b.low <= a.high


def admitted_interval(
    low: float, high: float, rounding: float, qualifier: Qualifier
) -> tuple[float, float]:
    """The interval a stated number (or range low..high) admits after rounding and qualifier."""

    def slack(x: float) -> float:
        return min(rounding, ROUNDING_TOLERANCE_MAX * abs(x))

    if qualifier is Qualifier.ABOUT:
        return low - max(slack(low), ABOUT_TOLERANCE * low), high + max(
            slack(high), ABOUT_TOLERANCE * high
        )
    if qualifier is Qualifier.NEARLY:
        return low - max(slack(low), NEARLY_TOLERANCE * low), high
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return low, math.inf
    if qualifier in (Qualifier.LESS_THAN, Qualifier.UP_TO):
        return 0.0, high
    return low - slack(low), high + slack(high)


def _figure(mention: Mention, r: _Reading) -> Figure:
    return Figure(
        mention=mention, kind=r.kind, value=r.value, unit=r.unit, qualifier=r.qualifier,
        low=r.low, high=r.high, surface_value=r.surface_value, surface_unit=r.surface_unit,
    )  # fmt: skip


def _date_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _DATE_LABELS]


def _read_text(text: str, offset: int, doc: Doc, dates: list[tuple[int, int]]) -> list[_Reading]:
    """Scan one sentence (``text`` starts at ``offset`` in ``doc``) for figures."""
    tokens = [
        _Tok(m.group(), m.group().lower(), offset + m.start(), offset + m.end())
        for m in _TOKEN_RE.finditer(text)
    ]
    blocked = [(offset + m.start(), offset + m.end()) for m in _PHONE_RE.finditer(text)]
    readings: list[_Reading] = []
    i = 0
    while i < len(tokens):
        found = _read_at(tokens, i, doc, dates) if _may_start(tokens[i]) else None
        if found is None:
            i += 1
            continue
        reading, i = found
        if not any(_overlaps((reading.start, reading.end), span) for span in blocked):
            readings.append(reading)
    return readings


def _may_start(token: _Tok) -> bool:
    """Cheap test: can a figure start at this token? (Skips ~95% of tokens.)"""
    return token.text[0].isdigit() or token.lower in _START_WORDS or token.text in _START_SYMBOLS


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _lower(tokens: list[_Tok], j: int) -> str:
    return tokens[j].lower if j < len(tokens) else ""


def _adjacent(tokens: list[_Tok], j: int) -> bool:
    """Token j touches token j-1 (no space between)."""
    return 0 < j < len(tokens) and tokens[j - 1].end == tokens[j].start


def _match(tokens: list[_Tok], j: int, words: tuple[str, ...]) -> int | None:
    """Match lower-cased ``words`` from j, allowing hyphens between them; the index after."""
    for word in words:
        if _lower(tokens, j) in _HYPHENS and word not in _HYPHENS and _adjacent(tokens, j):
            j += 1
        if _lower(tokens, j) != word:
            return None
        j += 1
    return j


def _read_at(
    tokens: list[_Tok], i: int, doc: Doc, dates: list[tuple[int, int]]
) -> tuple[_Reading, int] | None:
    """A figure starting at token i, and the index after it."""
    qualifier, j = _read_qualifier(tokens, i)
    is_range = _lower(tokens, j) in _RANGE_OPENERS
    j += is_range
    currency, currency_surface, j = _read_currency_prefix(tokens, j)
    if _is_excluded_start(tokens, j):
        return None
    number = _read_range(tokens, j, currency is not None, is_range)
    if is_range and number is not None and number.low == number.high:
        return None  # "from 42%": the scan retries at the number, leaving "from" out
    if number is None:
        return _read_an_unit_and_a_half(tokens, i, qualifier)
    start = tokens[i].start
    if currency is not None:
        unit: _UnitRead | None = _UnitRead(
            FigureKind.MONEY, currency, 1.0, currency_surface, number.end
        )
    else:
        unit = _read_unit(tokens, number.end)
    if unit is not None:
        if _lower(tokens, unit.end) == "ago":  # "two weeks ago" is a date, not a duration
            return None
        end = _match(tokens, unit.end, ("-", "old")) or unit.end  # "a four-year-old war"
        return _reading(start, tokens[end - 1].end, number, qualifier, unit), end
    count = _read_count(tokens, (i, j), number, doc, dates)
    if count is None:
        return None
    return _reading(start, count.surface_end, number, qualifier, count.unit), count.next_index


def _reading(
    start: int, end: int, number: _Number, qualifier: Qualifier, unit: _UnitRead
) -> _Reading:
    low, high = admitted_interval(number.low, number.high, number.rounding, qualifier)
    surface = (number.low + number.high) / 2
    return _Reading(
        start=start, end=end, kind=unit.kind, value=surface * unit.factor, unit=unit.base,
        qualifier=qualifier, low=low * unit.factor, high=high * unit.factor,
        surface_value=surface, surface_unit=unit.surface,
    )  # fmt: skip


def _read_qualifier(tokens: list[_Tok], i: int) -> tuple[Qualifier, int]:
    for size in range(u.QUALIFIER_MAX_WORDS, 0, -1):
        phrase = tuple(_lower(tokens, k) for k in range(i, i + size))
        if phrase in u.QUALIFIER_PHRASES:
            return u.QUALIFIER_PHRASES[phrase], i + size
    return Qualifier.EXACT, i


def _read_currency_prefix(tokens: list[_Tok], j: int) -> tuple[str | None, str, int]:
    if j >= len(tokens):
        return None, "", j
    text = tokens[j].text
    if text in u.CURRENCY_SYMBOLS:
        return u.CURRENCY_SYMBOLS[text], text, j + 1
    if text in u.CURRENCY_CODES:
        return text, text, j + 1
    return None, "", j


def _is_excluded_start(tokens: list[_Tok], j: int) -> bool:
    """Numbers that are parts of names, dates, times or model designations."""
    if j >= len(tokens) or not tokens[j].text[0].isdigit():
        return False
    before = tokens[j - 1] if j > 0 else None
    if before is not None and _adjacent(tokens, j):
        if before.text[-1].isalpha() or before.text in {":", "/", "."}:
            return True  # "G7", "10:30", "24/7"
        if before.text in _HYPHENS and j > 1 and _adjacent(tokens, j - 1):
            return True  # "Su-35", "mid-2026", "COVID-19"
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if after is not None and _adjacent(tokens, j + 1) and after.text in {":", "/"}:
        return True
    previous_word = next((t.lower for t in reversed(tokens[:j]) if t.text != "."), "")
    return previous_word in u.MONTHS or previous_word in u.NAME_LABELS


def _read_range(tokens: list[_Tok], j: int, has_currency: bool, is_range: bool) -> _Number | None:
    """A number, or a range "10-15" / "10 to 15" / "between 10 and 15" (midpoint, both ends)."""
    first = _read_number(tokens, j, has_currency)
    if first is None:
        return None
    joiner = _lower(tokens, first.end)
    if joiner == "to" and j > 0 and tokens[j - 1].lower == "from":
        return first  # "rose from 10 to 15" is a change, not a range
    if joiner in _RANGE_DASHES or (is_range and joiner == "and"):
        _, _, k = _read_currency_prefix(tokens, first.end + 1)  # "$10-$15 billion"
        second = _read_number(tokens, k, has_currency)
        if second is not None:
            return _join_range(first, second)
    return first


def _join_range(first: _Number, second: _Number) -> _Number | None:
    # "10 to 15 billion": a scale written once applies to both ends.
    scale = second.scale if first.scale == 1.0 else 1.0
    low, high = first.low * scale, second.high
    if low >= second.low:
        return None
    return _Number(
        low, high, max(first.rounding * scale, second.rounding), second.end, second.scale
    )


def _read_number(tokens: list[_Tok], j: int, has_currency: bool) -> _Number | None:
    """Digits or number words, with a fraction ("and a half") and a scale ("billion", "bn")."""
    vague = _read_vague(tokens, j)
    if vague is not None:
        return vague
    if j < len(tokens) and tokens[j].text[0].isdigit():
        text = tokens[j].text
        value, rounding, k = float(text.replace(",", "")), u.digit_rounding(text), j + 1
    else:
        words = _read_word_number(tokens, j)
        if words is None:
            return None
        value, k = words
        rounding = u.value_rounding(value)
    fraction, k = _read_fraction(tokens, k)
    if not fraction:
        fraction, k = _read_written_fraction(tokens, k)
    if fraction:
        value, rounding = value + fraction, u.value_rounding(value + fraction)
    scale, k = _read_scale(tokens, k, has_currency)
    return _Number(value * scale, value * scale, rounding * scale, k, scale)


def _read_vague(tokens: list[_Tok], j: int) -> _Number | None:
    if _lower(tokens, j) not in _VAGUE_FIRST_WORDS:
        return None
    for phrase, (low, high) in _VAGUE_LONGEST_FIRST:
        k = _match(tokens, j, phrase)
        if k is not None:
            k += _lower(tokens, k) == "of"
            return _Number(low, high, 0.0, k)
    return None


def _read_scale(tokens: list[_Tok], k: int, has_currency: bool) -> tuple[float, int]:
    word = _lower(tokens, k)
    if word in u.ABBREVIATED_SCALES:
        return u.ABBREVIATED_SCALES[word], k + 1
    if has_currency and word in u.CURRENCY_ONLY_SCALES and _adjacent(tokens, k):
        return u.CURRENCY_ONLY_SCALES[word], k + 1
    return 1.0, k


def _read_fraction(tokens: list[_Tok], k: int) -> tuple[float, int]:
    for name, fraction in u.FRACTIONS.items():
        end = _match(tokens, k, ("and", "a", name))
        if end is not None:
            return fraction, end
    return 0.0, k


def _read_written_fraction(tokens: list[_Tok], k: int) -> tuple[float, int]:
    """ "2½ hours", "2 1/2 hours"."""
    if _lower(tokens, k) in u.VULGAR_FRACTIONS:
        return u.VULGAR_FRACTIONS[_lower(tokens, k)], k + 1
    written = "".join(t.text for t in tokens[k : k + 3])
    if written in u.SLASH_FRACTIONS and _adjacent(tokens, k + 1) and _adjacent(tokens, k + 2):
        return u.SLASH_FRACTIONS[written], k + 3
    return 0.0, k


def _read_word_number(tokens: list[_Tok], j: int) -> tuple[float, int] | None:
    """ "twenty-five", "one hundred and fifty", "a dozen", "half an (hour)", "two million"."""
    first, second = _lower(tokens, j), _lower(tokens, j + 1)
    if first == "half" and second in ("a", "an"):
        return (6.0, j + 3) if _lower(tokens, j + 2) == "dozen" else (0.5, j + 2)
    if first in ("a", "an"):
        if second == "half":
            return 0.5, j + 2
        if second != "dozen" and second != u.HUNDRED and second not in u.SCALES:
            return None
        return _read_word_groups(tokens, j + 1, 1.0)
    return _read_word_groups(tokens, j, 0.0)


def _read_word_groups(tokens: list[_Tok], j: int, current: float) -> tuple[float, int] | None:
    total, previous, k = 0.0, "start" if current == 0 else "ones", j
    while True:
        word = _lower(tokens, k)
        if word in _HYPHENS and _adjacent(tokens, k) and previous != "start":
            k += 1
            word = _lower(tokens, k)
        category = u.word_category(word)
        if category is None or not u.may_follow(previous, category):
            if _is_inner_and(tokens, k, previous):
                k += 1
                continue
            break
        if category in ("ones", "tens"):
            current += u.ONES.get(word, 0) + u.TENS.get(word, 0)
        elif category == "hundred":
            current *= 100
        else:
            total += current * (u.DOZEN if word == "dozen" else u.SCALES[word])
            current = 0.0
        previous, k = category, k + 1
    if previous == "start":
        return None
    while k > j and tokens[k - 1].text in _HYPHENS:
        k -= 1
    return total + current, k


def _is_inner_and(tokens: list[_Tok], k: int, previous: str) -> bool:
    """The "and" of "two hundred and fifty" (not the "and" between two numbers)."""
    following = u.word_category(_lower(tokens, k + 1))
    return (
        _lower(tokens, k) == "and"
        and previous in ("hundred", "scale")
        and following
        in (
            "ones",
            "tens",
        )
    )


def _read_unit(tokens: list[_Tok], j: int) -> _UnitRead | None:
    """The unit after a number: percent, area, length, duration or a currency word/code."""
    k = j + 1 if _lower(tokens, j) in _HYPHENS and _adjacent(tokens, j) else j
    word = _lower(tokens, k)
    if word in u.PERCENT_WORDS or _match(tokens, k, u.PER_CENT):
        end = k + (2 if word == "per" else 1)
        return _UnitRead(FigureKind.PERCENTAGE, u.PERCENT_BASE, 1.0, _surface(tokens, k, end), end)
    point_end = _match(tokens, k, u.PERCENTAGE_POINT) or _match(tokens, k, ("percentage", "points"))
    if point_end is not None:
        surface = _surface(tokens, k, point_end)
        return _UnitRead(FigureKind.PERCENTAGE, u.PERCENTAGE_POINT_BASE, 1.0, surface, point_end)
    return _read_measure(tokens, k) or _read_currency_suffix(tokens, k)


def _read_measure(tokens: list[_Tok], k: int) -> _UnitRead | None:
    word = _lower(tokens, k)
    if word in u.AREA_PREFIXES:
        k_unit = k + 1 + (_lower(tokens, k + 1) == ".")
        unit = u.unit_for(tokens[k_unit].text) if k_unit < len(tokens) else None
        if unit is None or unit.kind is not FigureKind.LENGTH:
            return None
        surface = _surface(tokens, k, k_unit + 1)
        return _UnitRead(FigureKind.OTHER, u.AREA_BASE, unit.factor**2, surface, k_unit + 1)
    if word == u.NAUTICAL and _lower(tokens, k + 1) in ("mile", "miles"):
        factor = u.METRES_PER_NAUTICAL_MILE
        return _UnitRead(
            FigureKind.LENGTH, u.LENGTH_BASE, factor, _surface(tokens, k, k + 2), k + 2
        )
    unit = u.unit_for(tokens[k].text) if k < len(tokens) else None
    if unit is None:
        return None
    return _UnitRead(unit.kind, unit.base, unit.factor, tokens[k].text, k + 1)


def _read_currency_suffix(tokens: list[_Tok], k: int) -> _UnitRead | None:
    start = k
    if _lower(tokens, k) in u.US_MARKERS and _lower(tokens, k + 1) in ("dollar", "dollars"):
        k += 1
    if k >= len(tokens):
        return None
    code = (
        tokens[k].text
        if tokens[k].text in u.CURRENCY_CODES
        else u.CURRENCY_WORDS.get(tokens[k].lower)
    )
    if code is None:
        return None
    return _UnitRead(FigureKind.MONEY, code, 1.0, _surface(tokens, start, k + 1), k + 1)


def _surface(tokens: list[_Tok], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end])


def _read_an_unit_and_a_half(
    tokens: list[_Tok], i: int, qualifier: Qualifier
) -> tuple[_Reading, int] | None:
    """ "an hour and a half", "a year and a half" (1.5 of the unit)."""
    _, j = _read_qualifier(tokens, i)
    if _lower(tokens, j) not in ("a", "an"):
        return None
    unit = _read_measure(tokens, j + 1)
    if unit is None:
        return None
    fraction, end = _read_fraction(tokens, unit.end)
    if not fraction:
        return None
    value = 1.0 + fraction
    number = _Number(value, value, u.value_rounding(value), end)
    return _reading(tokens[i].start, tokens[end - 1].end, number, qualifier, unit), end


@dataclass(frozen=True, slots=True)
class _Count:
    unit: _UnitRead
    surface_end: int  # character offset where the counted noun ends
    next_index: int


def _read_count(
    tokens: list[_Tok],
    starts: tuple[int, int],
    number: _Number,
    doc: Doc,
    dates: list[tuple[int, int]],
) -> _Count | None:
    """A bare number is a count when it modifies a noun ("57 people", "hundreds of drones").

    ``starts`` is (figure start, number start): tokens between them are a qualifier.
    """
    i, j = starts
    if not _may_be_count(tokens, j, number) or (i == j and _follows_name(tokens, j)):
        return None
    span = (tokens[j].start, tokens[number.end - 1].end)
    noun = _counted_noun(doc, span)
    if noun is None or noun.lower_ in u.NOT_COUNTED:
        return None
    end = noun.idx + len(noun.text)
    next_index = next(
        (k for k in range(number.end, len(tokens)) if tokens[k].start >= end), len(tokens)
    )
    unit = u.unit_for(noun.text)
    if unit is not None:  # "three long years"
        return _Count(_UnitRead(unit.kind, unit.base, unit.factor, noun.text, 0), end, next_index)
    # A DATE/TIME entity that reaches the noun is a date ("17 October"); spaCy also labels bare
    # numbers DATE ("Between 20 and 30" people), which the noun outside the entity overrides.
    if (
        noun.idx > 0
        and noun.doc[noun.i - 1].text[-1:] in _HYPHENS
        and not noun.doc[noun.i - 1].whitespace_
    ):  # "a 10-point plan" describes, it does not count
        return None
    if noun.lower_ in u.MONTHS or any(_overlaps((noun.idx, end), date) for date in dates):
        return None
    counted = _UnitRead(FigureKind.COUNT, u.singular(noun.text), 1.0, noun.text, 0)
    return _Count(counted, end, next_index)


def _follows_name(tokens: list[_Tok], j: int) -> bool:
    """ "Boeing 737 jets", "Patriot 3 batteries": a capitalised word makes the number a name."""
    return j > 0 and tokens[j - 1].text.isalpha() and tokens[j - 1].text[0].isupper()


def _may_be_count(tokens: list[_Tok], j: int, number: _Number) -> bool:
    text = tokens[j].text
    is_year = (
        text.isdigit()
        and len(text) == 4
        and YEAR_MIN <= int(text) <= YEAR_MAX
        and number.scale == 1
    )
    is_whole = number.low == int(number.low) and number.low > 1
    return not is_year and is_whole and (j == 0 or tokens[j - 1].lower not in u.DEFINITE_WORDS)


def _counted_noun(doc: Doc, span: tuple[int, int]) -> SpacyToken | None:
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    last = tokens[-1]
    noun: SpacyToken | None = None
    if last.lower_ == "of":  # "hundreds of drones"
        noun = next((c for c in last.children if c.dep_ == "pobj"), None)
    else:  # "20 and 30 people": any number of the span may carry the nummod arc
        noun = next((t.head for t in tokens if t.dep_ == "nummod" and t.head.i > last.i), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.sent != last.sent:
        return None
    return noun
