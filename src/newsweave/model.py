"""The typed document model that flows through newsweave.

Every stage reads these frozen values and returns new ones; nothing here does I/O.

Levels::

    Article ─┬─ Sentence          (segmentation: offsets + kind)
             ├─ EntityMention ──> Entity   (canonicalised across all articles of a run)
             ├─ Quote                      (speaker resolved to an Entity id)
             ├─ Figure                     (number + unit, normalised)
             └─ DateExpr                   (normalised against Article.published)
    all of them ──> Fact ──> Brief

Offsets: every ``Mention`` satisfies ``article.text[start:end] == text`` for the article whose
id is ``document``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of one article's text: ``articles[document].text[start:end] == text``."""

    document: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end}) in document {self.document!r}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != end - start for {self.text!r}")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``text`` is what offsets point into.

    For a plain-text input ``text`` is exactly the decoded file; for HTML it is the main text that
    trafilatura extracted; for JSON/feeds it is the record's text field.
    """

    id: str
    source: (
        str  # path, URL, or "<stdin>" (with a record suffix such as "#3" for multi-record inputs)
    )
    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    author: str | None = None
    input_format: str = "text"  # text | html | json | jsonl | feed
    # Lines the input's markup marks as headings (HTML <h1>-<h6>): segmentation treats a line
    # equal to one of them as a heading, whatever its case or punctuation.
    headings: tuple[str, ...] = ()


class RejectReason(enum.Enum):
    """Why an input produced no article."""

    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"  # permission, I/O error, directory where a file was expected
    EMPTY = "empty"  # nothing left after extraction
    BINARY = "binary"  # not text in any known encoding
    TOO_LARGE = "too-large"
    MALFORMED = "malformed"  # broken JSON, feed or record without text
    UNSUPPORTED = "unsupported"  # a file type newsweave does not read


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that was skipped, and why. Data, not an exception."""

    source: str
    reason: RejectReason
    detail: str

    def describe(self) -> str:
        """One line for the user: ``path: reason (detail)``."""
        return f"{self.source}: {self.reason.value} ({self.detail})"


class SentenceKind(enum.Enum):
    """What a sentence-like segment is. Only CLAIM segments are analysed as claims."""

    CLAIM = "claim"
    HEADING = "heading"
    BYLINE = "byline"
    CAPTION = "caption"
    DATELINE = "dateline"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Sentence:
    document: str
    index: int  # position in the article, from 0
    start: int
    end: int
    text: str
    kind: SentenceKind = SentenceKind.CLAIM
    paragraph: int = 0

    @property
    def mention(self) -> Mention:
        return Mention(self.document, self.start, self.end, self.text)


class EntityType(enum.Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    OTHER = "other"  # nationalities, events, works: kept, rarely canonicalised


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One surface mention of an entity in one article, before canonicalisation."""

    mention: Mention
    type: EntityType
    name: str  # the mention without titles or possessives ("Putin" for "President Putin's")
    roles: tuple[str, ...] = ()  # titles found next to it ("President", "Kremlin aide")


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity across all articles of a run."""

    id: str
    name: str  # canonical: the fullest well-attested spelling
    type: EntityType
    aliases: tuple[str, ...] = ()  # other names seen, canonical excluded
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


class Attribution(enum.Enum):
    """How a quote's speaker was found."""

    SAME_SENTENCE = "same-sentence"  # "…," Ushakov said. / Trump said: "…"
    NEIGHBOUR = "neighbour"  # attribution in the sentence before or after
    PRONOUN = "pronoun"  # "he said", resolved to the nearest fitting person
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: ``mention`` covers the words between the marks (verbatim in the text)."""

    id: str
    text: str
    mention: Mention
    speaker: str | None  # canonical entity name, or the raw speaker phrase if not an entity
    speaker_id: str | None  # Entity.id when resolved
    speaker_mention: Mention | None
    attribution: Attribution
    is_statement: bool = True  # False for short scare-quoted phrases ("productive")
    cue: str | None = None  # the reporting verb ("said", "wrote in a post")


class FigureKind(enum.Enum):
    LENGTH = "length"
    DURATION = "duration"
    MONEY = "money"
    PERCENTAGE = "percentage"
    COUNT = "count"
    OTHER = "other"


class Qualifier(enum.Enum):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    LESS_THAN = "less-than"
    UP_TO = "up-to"
    NEARLY = "nearly"


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its unit. ``value``/``unit`` are normalised to base units of ``kind``.

    Base units: length metre, duration minute, money in ``unit`` (ISO 4217 code, no FX
    conversion), percentage percent, count the counted noun's lemma ("people", "missile").
    """

    mention: Mention
    kind: FigureKind
    value: float
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    low: float = 0.0  # the interval the text admits, after qualifier and rounding
    high: float = 0.0
    surface_value: float = 0.0  # the number as written, in surface_unit
    surface_unit: str = ""


class Granularity(enum.Enum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    TIME = "time"  # a day with a part or an hour ("late Thursday", "at 3 p.m.")
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression normalised against the article's publication date.

    ``value`` is ISO-8601 at the text's granularity ("2025-10", "2025-10-17", "2025-W43",
    "2025-10-20/2025-10-31"); ``start``/``end`` are the inclusive days it covers.
    """

    mention: Mention
    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date
    is_relative: bool
    anchor: dt.date | None  # the publication date it was resolved against


class FactStatus(enum.Enum):
    CORROBORATED = "corroborated"
    SINGLE_SOURCE = "single-source"
    DISPUTED = "disputed"


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # figure | date | speaker | wording | negation
    summary: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str
    status: FactStatus
    independent_sources: int
    mentions: tuple[Mention, ...]
    reason: str
    outlets: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: DateExpr
    text: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything extracted from one article, before cross-document resolution."""

    article: Article
    sentences: tuple[Sentence, ...]
    entity_mentions: tuple[EntityMention, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    dates: tuple[DateExpr, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """The result of one run: the contract rendered as JSON, text, Markdown and HTML."""

    documents: tuple[Article, ...]
    rejected: tuple[Rejected, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    dates: tuple[DateExpr, ...]
    facts: tuple[Fact, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    warnings: tuple[str, ...] = field(default=())
