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
from typing import Any


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
    language: str | None = None  # ISO 639-1, detected (analysis/language.py); None: not yet


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
    # Ids of the other quotes of the same utterance (in other outlets, or worded differently).
    variants: tuple[str, ...] = ()


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


class ConflictKind(enum.Enum):
    """What two aligned reports disagree on."""

    FIGURE = "figure"  # numbers that cannot both be right after units and qualifiers
    DATE = "date"  # the same event put on days that do not overlap
    SPEAKER = "speaker"  # the same quote attributed to different speakers
    WORDING = "wording"  # one speaker's quote worded differently between outlets
    NEGATION = "negation"  # one report asserts what the other denies
    MODALITY = "modality"  # one report asserts as done what the other says is only expected


class Relation(enum.Enum):
    """How the sides of one slot of a fact relate."""

    CONTRADICT = "contradict"  # incompatible values: both cannot be right
    DIFFER = "differ"  # compatible but not the same: one more specific, rounded, reworded
    PROGRESSION = "progression"  # a count that changes as the story develops, in time order


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One side of a conflict: what it says, and who says it where."""

    value: str  # "90 minutes", "2025-10-16", "Vladimir Putin", the quote's wording, "not …"
    outlets: tuple[str, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[str, ...] = ()  # ids of the claims on this side, where the side has claims
    independent_sources: int = 0  # origins among this side's outlets (0: not counted)


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    summary: str
    sides: tuple[ConflictSide, ...] = ()
    relation: Relation = Relation.CONTRADICT

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(m for side in self.sides for m in side.mentions)

    @property
    def disputes(self) -> bool:
        """Whether this makes its fact disputed: only a contradiction does."""
        return self.relation is Relation.CONTRADICT and self.kind is not ConflictKind.WORDING


class SupportRole(enum.Enum):
    """How one outlet's claim counts towards a fact's independent support."""

    ORIGINAL = "original"  # the outlet's own reporting: counts for itself
    COPY = "copy"  # reprints or lightly edits another outlet's passage: counts with its origin
    RELAY = "relay"  # attributes the claim to another outlet ("according to Reuters")


@dataclass(frozen=True, slots=True)
class Support:
    """One outlet's report of a fact, and the independent source it counts for."""

    outlet: str
    mention: Mention  # the claim's span in that outlet's article
    origin: str  # the independent source: an outlet of the run, or a relayed one ("Reuters")
    role: SupportRole = SupportRole.ORIGINAL
    similarity: float = 1.0  # to the fact's representative claim (cosine of sentence embeddings)
    note: str = ""  # why it counts with another source ("copies Harbor Gazette", "cites Reuters")


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
    support: tuple[Support, ...] = ()
    claims: tuple[str, ...] = ()  # ids of the claims it aligns, in support order
    attributed_to: str | None = None  # the one source every outlet cites for it, if any

    @property
    def origins(self) -> tuple[str, ...]:
        """The independent sources, in order of first support."""
        return tuple(dict.fromkeys(s.origin for s in self.support))


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: DateExpr
    text: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class CopyLink:
    """One article reprinting or lightly editing another's text (wire copy, syndication)."""

    copier: str  # document id of the later article
    origin: str  # document id of the article it copies
    shared_words: int  # words of the copier's claims inside word runs shared with the origin
    share: float  # shared_words / all words of the copier's claims
    passages: tuple[Mention, ...] = ()  # the longest shared passages, in the copier


@dataclass(frozen=True, slots=True)
class Relay:
    """A claim that an outlet attributes to another news organisation."""

    outlet: str
    origin: str  # the organisation named ("Reuters", "CBS News")
    mention: Mention  # the attribution phrase ("according to Reuters")


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """What one outlet contributes to the story."""

    outlet: str
    documents: tuple[str, ...]
    facts: tuple[str, ...]  # ids of the facts it supports
    exclusive: tuple[str, ...]  # ids of the facts no other outlet reports


@dataclass(frozen=True, slots=True)
class OutletOverlap:
    outlets: tuple[str, str]
    shared_facts: int


@dataclass(frozen=True, slots=True)
class SourceComparison:
    """Which outlets share which facts, what each adds, and who copied from whom."""

    outlets: tuple[OutletProfile, ...] = ()
    overlap: tuple[OutletOverlap, ...] = ()
    copies: tuple[CopyLink, ...] = ()
    relays: tuple[Relay, ...] = ()


class ClaimForm(enum.Enum):
    """Where in its sentence a claim comes from."""

    CLAUSE = "clause"  # the main clause, a coordinated or an adverbial clause
    REPORTED = "reported"  # what someone is reported as saying: "X said (that) ..."
    RELATIVE = "relative"  # "the summit, which took place in August"
    MODIFIER = "modifier"  # "the call, initiated by Moscow"; "after meeting Putin"
    APPOSITION = "apposition"  # "Yuri Ushakov, a Kremlin aide"


class Modality(enum.Enum):
    """How firmly a claim asserts its predicate (negation is separate: ``Claim.negated``)."""

    ASSERTED = "asserted"
    EXPECTED = "expected"  # will, is expected to, is set to, plans to
    INTENDED = "intended"  # hopes to, wants to, seeks to
    POSSIBLE = "possible"  # could, may, might, is likely to
    REQUIRED = "required"  # must, should
    HEDGED = "hedged"  # reportedly, allegedly, appears to, is believed to


@dataclass(frozen=True, slots=True)
class Claim:
    """One assertion of one article, with what cross-document alignment needs.

    ``mention`` is the contiguous span from the claim's first to its last word; ``pieces`` are
    the character ranges of its own words inside it (a relative clause nested in the middle is
    another claim's); ``text`` says it in the article's words, standing alone (a shared subject
    or the noun a relative clause modifies put in front). ``vector`` is the embedding of
    ``text`` (float32 bytes, unit length); ``content`` its lower-cased content words;
    ``attribution`` who the article reports as saying it ("Ushakov" in "Ushakov said ...",
    "Ukraine's energy ministry" in "according to ..."); ``relay`` the news organisation the
    sentence credits, if any.
    """

    sentence: Sentence
    vector: bytes
    content: frozenset[str]
    negated: bool = False
    relay: Mention | None = None
    relay_origin: str | None = None
    id: str = ""
    mention: Mention | None = None
    text: str = ""
    pieces: tuple[tuple[int, int], ...] = ()
    predicate: str = ""  # lemma of the predicate ("meet" in "is expected to meet")
    subject: str = ""
    form: ClaimForm = ClaimForm.CLAUSE
    modality: Modality = Modality.ASSERTED
    attribution: Mention | None = None

    @property
    def span(self) -> Mention:
        """The claim's span in its article (the sentence's for a claim built without one)."""
        return self.mention if self.mention is not None else self.sentence.mention

    @property
    def statement(self) -> str:
        """The claim in its article's words."""
        return self.text or self.sentence.text

    def covers(self, start: int, end: int) -> bool:
        """Whether the character range [start, end) starts in the claim's own words."""
        if not self.pieces:
            return self.sentence.start <= start < self.sentence.end
        return any(s <= start < e for s, e in self.pieces)


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything extracted from one article, before cross-document resolution."""

    article: Article
    sentences: tuple[Sentence, ...]
    entity_mentions: tuple[EntityMention, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    dates: tuple[DateExpr, ...]
    claims: tuple[Claim, ...] = ()


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
    claims: tuple[Claim, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    sources: SourceComparison = field(default_factory=SourceComparison)
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The brief JSON (schema 2.0, docs/schema.md) as Python values."""
        from newsweave.render.json_out import brief_to_dict

        return brief_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        from newsweave.render.json_out import brief_to_json

        return brief_to_json(self, indent=indent)

    def to_html(self) -> str:
        """The self-contained HTML report."""
        from newsweave.render.html import render_html

        return render_html(self)

    def to_markdown(self) -> str:
        from newsweave.render.markdown import render_markdown

        return render_markdown(self)

    def to_text(self, *, width: int = 100) -> str:
        from newsweave.render.text import render_text

        return render_text(self, width=width)


@dataclass(frozen=True, slots=True)
class SharedSpan:
    """One passage two articles share, as character offsets in the origin and in the copier."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class CopyRelation:
    """Article ``target`` reprints passages of the earlier article ``source`` (corpus mode)."""

    source: str  # document id of the origin: the earliest publication of the pair
    target: str  # document id of the copier
    shared_chars: int  # characters of the copier inside shared passages, quotations excluded
    spans: tuple[SharedSpan, ...]
    near_duplicate: bool = False  # the copier is mostly the origin's text (a reprint)


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one real-world event, found in a collection (corpus mode)."""

    id: str  # stable across runs on a growing collection
    title: str
    start: dt.date | None
    end: dt.date | None
    documents: tuple[str, ...]  # article ids, earliest first
    outlets: tuple[str, ...]
    copies: tuple[CopyRelation, ...] = ()
    thread: str = ""  # id of its ``Thread``; "" when no thread pass ran (a run built by hand)


@dataclass(frozen=True, slots=True)
class Thread:
    """A story thread: the events (``Story``) of one developing story over weeks or months, such
    as a crash, its investigation and the funerals. Every story is in exactly one thread; a
    story that nothing follows up is a thread of one."""

    id: str  # "t-" and the id of its earliest story without "s-": stable while that story is
    title: str  # the title of its largest story
    start: dt.date | None
    end: dt.date | None
    stories: tuple[str, ...]  # story ids, earliest first
    size: int  # articles in its stories
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryRun:
    """The result of ``newsweave cluster``: the stories of a collection and what was skipped."""

    stories: tuple[Story, ...]
    rejected: tuple[Rejected, ...] = ()
    warnings: tuple[str, ...] = ()
    added: int = 0  # articles indexed by this run
    known: int = 0  # articles the state already held (re-given inputs are not indexed twice)
    threads: tuple[Thread, ...] = ()  # the stories' threads, largest first
