"""What a brief shows and in which order, shared by the text, Markdown and HTML renderers.

``layout_brief`` turns a ``Brief`` into sections: header, lead, facts, disputed points,
single-source details by outlet, quotes by speaker, timeline, source comparison, figures and
articles. The renderers only format these; ``RefTable`` numbers the source spans every
statement cites.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from newsweave.model import (
    Article,
    Brief,
    Conflict,
    ConflictSide,
    CopyLink,
    DateExpr,
    Entity,
    Fact,
    FactStatus,
    Figure,
    FigureKind,
    Granularity,
    Mention,
    Qualifier,
    Quote,
    Rejected,
    Relation,
    Sentence,
    SentenceKind,
    SourceComparison,
    Support,
    SupportRole,
)
from newsweave.outlets import outlet_name
from newsweave.render.utterances import SpeakerQuotes, Utterance, group_quotes

# How much the short formats (text, Markdown) show; JSON and HTML keep every item. A brief is
# read instead of the articles, so it must be much shorter than them: with these caps the seed
# briefs stay under half the words of their articles (tests/render/test_brief_length.py).
ESTABLISHED_MAX = 8  # corroborated facts, best supported first
DIFFERENCES_MAX = 5  # differences (contradictions are all shown)
SINGLE_SOURCE_PER_OUTLET = 1  # an outlet's first details; the rest are counted
QUOTES_MAX = 4  # quotes several outlets carry, or carry differently
TIMELINE_MAX = 5
OVERLAP_MAX = 5  # outlet pairs sharing the most facts


@dataclass(frozen=True, slots=True)
class Caps:
    """How many items of each section the short formats show (the rest are counted)."""

    established: int
    differences: int
    single_per_outlet: int
    quotes: int
    timeline: int
    overlap: int


# The short formats try these from the most generous to the tightest and keep the first that
# fits in BRIEF_WORD_SHARE of the articles' words; the tightest is kept when none fits.
TIGHT_CAPS = Caps(
    ESTABLISHED_MAX,
    DIFFERENCES_MAX,
    SINGLE_SOURCE_PER_OUTLET,
    QUOTES_MAX,
    TIMELINE_MAX,
    OVERLAP_MAX,
)
CAP_LEVELS = (
    Caps(25, 10, 4, 8, 12, OVERLAP_MAX),
    Caps(15, 8, 2, 6, 8, OVERLAP_MAX),
    TIGHT_CAPS,
)
# A brief is read instead of the articles: its text or Markdown is at most half their words.
BRIEF_WORD_SHARE = 0.5
COUNTED_WORD = re.compile(r"\w+")  # strict: "a1:0-40" is three words, table rules none
TITLE_ENTITY_COUNT = 3  # with no headlines at all, the story is named by its three main entities
LEAD_FACT_COUNT = 3  # a news lead is one to three sentences; more reads as a list, not a lead
UNTITLED_STORY = "Untitled story"
# Words that say nothing about which story a headline is about (chosen by hand from headlines).
TITLE_STOPWORDS = frozenset(
    ("a", "an", "and", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
     "its", "of", "on", "or", "over", "says", "said", "the", "to", "with", "after", "amid",
     "new", "news", "live", "update", "updates", "report")
)  # fmt: skip
RELATION_ORDER = (Relation.CONTRADICT, Relation.DIFFER, Relation.PROGRESSION)
STATUS_RANK = {FactStatus.CORROBORATED: 0, FactStatus.DISPUTED: 1, FactStatus.SINGLE_SOURCE: 2}
FIGURE_KIND_ORDER = tuple(FigureKind)
# C0 and C1 control characters except tab and newline: in a terminal they are commands.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNIT_SYMBOLS = {"metre": "m", "minute": "min", "percent": "%"}  # base units of model.Figure
# Kinds whose normalised reading helps compare reports ("1.2 km" and "1,200 m"); a count's or
# a duration's reading only restates the words, or misleads (``describe_figure``).
READ_FIGURE_KINDS = frozenset((FigureKind.LENGTH, FigureKind.MONEY, FigureKind.PERCENTAGE))


@dataclass(frozen=True, slots=True)
class OutletFacts:
    outlet: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One dated line: when (``value`` over ``start``..``end``), what (``text``), where from."""

    start: dt.date
    end: dt.date
    value: str
    granularity: Granularity
    date_text: str
    text: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class BriefLayout:
    title: str
    documents: tuple[Article, ...]
    outlets: tuple[str, ...]
    first_published: dt.date | None
    last_published: dt.date | None
    lead: tuple[Fact, ...]
    facts: tuple[Fact, ...]
    disputed: tuple[Fact, ...]
    single_source: tuple[OutletFacts, ...]
    quotes: tuple[SpeakerQuotes, ...]
    scare_quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    timeline: tuple[TimelineItem, ...]
    sources: SourceComparison
    rejected: tuple[Rejected, ...]
    warnings: tuple[str, ...]
    outlet_by_document: dict[str, str] = field(default_factory=dict)
    roles_by_speaker: dict[str, tuple[str, ...]] = field(default_factory=dict)
    caps: Caps = TIGHT_CAPS

    def outlet_of(self, document: str) -> str:
        return self.outlet_by_document.get(document, document)

    def support_of(self, fact: Fact) -> tuple[Support, ...]:
        """The fact's support; for a fact without any, one original report per mention."""
        if fact.support:
            return fact.support
        return tuple(
            Support(self.outlet_of(m.document), m, self.outlet_of(m.document))
            for m in fact.mentions
        )

    def outlets_of(self, fact: Fact) -> tuple[str, ...]:
        return fact.outlets or tuple(dict.fromkeys(s.outlet for s in self.support_of(fact)))

    def support_label(self, fact: Fact) -> str:
        """``"3 of 5 outlets, 2 independent"``: who reports it, of the story's outlets, and the
        independent sources among them (copies and relays count once)."""
        reporting = len(self.outlets_of(fact))
        total = max(len(self.outlets), reporting)
        label = f"{reporting} of {total} outlet{'s' if total != 1 else ''}"
        if fact.independent_sources != reporting:
            label += f", {fact.independent_sources} independent"
        if fact.attributed_to:
            label += f", all citing {fact.attributed_to}"
        return label

    def support_summary(self, fact: Fact) -> str:
        """``3 of 5 outlets, 2 independent: A, B``: the label, then the independent sources
        when there are several (who copies or cites whom is in the JSON and HTML)."""
        label = self.support_label(fact)
        if len(fact.origins) > 1:
            label += f": {', '.join(fact.origins)}"
        return label

    @property
    def shared_quotes(self) -> tuple[tuple[str, Utterance], ...]:
        """Utterances that two outlets carry, or carry differently: what a reader compares."""
        found = [
            (group.speaker, u)
            for group in self.quotes
            for u in group.utterances
            if len(u.wordings) > 1 or u.other_speakers or len(u.wordings[0].outlets) > 1
        ]
        return tuple(found)

    @property
    def established(self) -> tuple[Fact, ...]:
        """Corroborated facts, best supported first."""
        return tuple(f for f in self.facts if f.status is FactStatus.CORROBORATED)

    def shown_disagreements(self) -> tuple[list[tuple[Fact, Conflict]], int]:
        """What the short formats show: every contradiction, differences up to the cap; and
        how many differences are left out."""
        shown, differences = [], 0
        for fact, conflict in self.disagreements:
            if conflict.relation is not Relation.CONTRADICT:
                differences += 1
                if differences > self.caps.differences:
                    continue
            shown.append((fact, conflict))
        return shown, max(differences - self.caps.differences, 0)

    @property
    def disagreements(self) -> tuple[tuple[Fact, Conflict], ...]:
        """Every disagreement with its fact: contradictions first, then differences, then
        counts that developed, each best supported first."""
        found = [(f, c) for f in self.facts for c in f.conflicts]
        return tuple(sorted(found, key=lambda fc: RELATION_ORDER.index(fc[1].relation)))

    def outlet_labels(self, fact: Fact) -> tuple[str, ...]:
        """Each reporting outlet, and why it may not count alone: ``"Post (cites Reuters)"``."""
        notes: dict[str, list[str]] = {outlet: [] for outlet in self.outlets_of(fact)}
        for support in self.support_of(fact):
            note = support_note(support)
            if note and note not in notes.setdefault(support.outlet, []):
                notes[support.outlet].append(note)
        return tuple(
            f"{outlet} ({'; '.join(items)})" if items else outlet for outlet, items in notes.items()
        )

    def explanation(self, fact: Fact) -> str:
        """The fact's reason, unless it only repeats that one outlet reports it."""
        plain = fact.status is FactStatus.SINGLE_SOURCE and len(self.outlets_of(fact)) <= 1
        return (
            "" if plain and not any(support_note(s) for s in self.support_of(fact)) else fact.reason
        )

    def describe_copy(self, link: CopyLink) -> str:
        """``"Coastline Wire (a3) copies Harbor Gazette (a1): 14 words, 52% of its claims"``."""
        return (
            f"{self.outlet_of(link.copier)} ({link.copier}) copies {self.outlet_of(link.origin)} "
            f"({link.origin}): {link.shared_words} words, {link.share:.0%} of its claims"
        )

    def speaker_label(self, speaker: str) -> str:
        """``"Elena Voss (Mayor)"``: the name with the roles the articles give."""
        roles = self.roles_by_speaker.get(speaker, ())
        return f"{speaker} ({', '.join(roles)})" if roles else speaker

    @property
    def date_span(self) -> str:
        """``"17 Oct 2025"`` or ``"17 Oct 2025 – 19 Oct 2025"``; ``"undated"`` if no dates."""
        first, last = self.first_published, self.last_published
        if first is None or last is None:
            return "undated"
        if first == last:
            return format_day(first)
        return f"{format_day(first)} – {format_day(last)}"


def side_support(side: ConflictSide) -> str:
    """How many independent sources stand behind one side of a disagreement, when that says
    more than its outlets do: ``"1 independent"`` for two outlets where one copies the other.

    >>> m = Mention("a", 0, 1, "x")
    >>> side_support(ConflictSide("90", ("A", "B"), (m,), independent_sources=1))
    '1 independent'
    >>> side_support(ConflictSide("90", ("A",), (m,), independent_sources=1))
    ''
    """
    count = side.independent_sources
    if count <= 0 or (count == 1 and len(side.outlets) <= 1):
        return ""
    return f"{count} independent"


def format_day(day: dt.date) -> str:
    """A day as a reader writes it, the same in every locale.

    >>> format_day(dt.date(2025, 10, 7))
    '7 Oct 2025'
    """
    return f"{day.day} {day:%b %Y}"


def clean(text: str) -> str:
    """Untrusted text without control characters (terminal escape sequences included).

    >>> clean("a\\x1b[31mb\\r")
    'a[31mb'
    """
    return CONTROL_CHARACTERS.sub("", text)


def support_note(support: Support) -> str:
    """Why a report counts with another source: its note, else one made from its role.

    >>> support_note(Support("Post", Mention("a", 0, 1, "x"), "Reuters", SupportRole.RELAY))
    'cites Reuters'
    """
    if support.note or support.role is SupportRole.ORIGINAL:
        return support.note
    verb = "copies" if support.role is SupportRole.COPY else "cites"
    return f"{verb} {support.origin}"


def layout_brief(brief: Brief) -> BriefLayout:
    """Arrange ``brief`` into the sections every format shows, in display order."""
    order = {doc.id: index for index, doc in enumerate(brief.documents)}
    facts = tuple(sorted(brief.facts, key=lambda fact: _fact_rank(fact, order)))
    published = sorted(doc.published for doc in brief.documents if doc.published)
    statements = [quote for quote in brief.quotes if quote.is_statement]
    outlets = {doc.id: outlet_name(doc) for doc in brief.documents}
    return BriefLayout(
        title=guess_title([doc.title for doc in brief.documents], brief.entities),
        documents=brief.documents,
        outlets=tuple(dict.fromkeys(outlet_name(doc) for doc in brief.documents)),
        first_published=published[0] if published else None,
        last_published=published[-1] if published else None,
        lead=_lead(facts, order),
        facts=facts,
        disputed=tuple(fact for fact in facts if fact.status is FactStatus.DISPUTED),
        single_source=_single_source_by_outlet(brief, order),
        quotes=group_quotes(statements, lambda document: outlets.get(document, document)),
        scare_quotes=tuple(quote for quote in brief.quotes if not quote.is_statement),
        figures=tuple(sorted(brief.figures, key=_figure_rank)),
        timeline=_timeline(brief, order),
        sources=brief.sources,
        rejected=brief.rejected,
        warnings=brief.warnings,
        outlet_by_document=outlets,
        roles_by_speaker={entity.name: entity.roles for entity in brief.entities if entity.roles},
    )


def guess_title(titles: Iterable[str | None], entities: Iterable[Entity] = ()) -> str:
    """The title sharing the most content words with the others; the first on a tie.

    Without any title, the names of the entities that most articles mention.

    >>> guess_title(["Storm hits coast", "Flood warning", "Storm hits the coast hard"])
    'Storm hits coast'
    >>> guess_title([None])
    'Untitled story'
    """
    known = [title.strip() for title in titles if title and title.strip()]
    if not known:
        return _entity_title(entities)
    words = [set(_title_words(title)) for title in known]
    counts = Counter(word for title_words in words for word in title_words)
    best, best_score = UNTITLED_STORY, -1.0
    for title, title_words in zip(known, words, strict=True):
        score = sum(counts[word] - 1 for word in title_words) / max(len(title_words), 1)
        if score > best_score:
            best, best_score = title, score
    return best


def _entity_title(entities: Iterable[Entity]) -> str:
    def reach(entity: Entity) -> tuple[int, int]:
        return (len({m.document for m in entity.mentions}), len(entity.mentions))

    ranked = sorted(entities, key=reach, reverse=True)[:TITLE_ENTITY_COUNT]
    return " · ".join(entity.name for entity in ranked) or UNTITLED_STORY


def _title_words(title: str) -> list[str]:
    return [w for w in re.findall(r"\w+", title.casefold()) if w not in TITLE_STOPWORDS]


def _position(mentions: tuple[Mention, ...], order: dict[str, int]) -> tuple[int, int]:
    if not mentions:
        return (len(order), 0)
    return min((order.get(m.document, len(order)), m.start) for m in mentions)


def _fact_rank(fact: Fact, order: dict[str, int]) -> tuple[int, int, tuple[int, int]]:
    """Best supported first, then where the story tells it first."""
    status = STATUS_RANK[fact.status]
    return (status, -fact.independent_sources, _position(fact.mentions, order))


def _lead(facts: tuple[Fact, ...], order: dict[str, int]) -> tuple[Fact, ...]:
    """The facts with the most independent sources, never a disputed one.

    Once any fact is corroborated, a single-source fact does not belong in the lead; a story
    told by one outlet leads with that outlet's first facts.
    """
    settled = [fact for fact in facts if fact.status is not FactStatus.DISPUTED]
    if any(fact.status is FactStatus.CORROBORATED for fact in settled):
        settled = [fact for fact in settled if fact.status is FactStatus.CORROBORATED]
    settled.sort(key=lambda fact: (-fact.independent_sources, _position(fact.mentions, order)))
    return tuple(settled[:LEAD_FACT_COUNT])


def _single_source_by_outlet(brief: Brief, order: dict[str, int]) -> tuple[OutletFacts, ...]:
    """Single-source facts under the outlet whose own reporting they are."""
    outlets = {doc.id: outlet_name(doc) for doc in brief.documents}
    groups: dict[str, list[Fact]] = {}
    single = [fact for fact in brief.facts if fact.status is FactStatus.SINGLE_SOURCE]
    for fact in sorted(single, key=lambda fact: _position(fact.mentions, order)):
        own = [s.outlet for s in fact.support if s.role is SupportRole.ORIGINAL]
        document = fact.mentions[0].document if fact.mentions else ""
        outlet = (own or list(fact.outlets) or [outlets.get(document, document)])[0]
        groups.setdefault(outlet, []).append(fact)
    return tuple(OutletFacts(outlet, tuple(facts)) for outlet, facts in groups.items())


def _figure_rank(figure: Figure) -> tuple[int, str, float]:
    """Same kind and unit side by side, smallest first, so differing reports stand out."""
    return (FIGURE_KIND_ORDER.index(figure.kind), figure.unit, figure.value)


def _timeline(brief: Brief, order: dict[str, int]) -> tuple[TimelineItem, ...]:
    if brief.timeline:
        items = [_item(entry.date, entry.text, entry.mentions) for entry in brief.timeline]
    else:
        items = _timeline_from_dates(brief)
    items.sort(key=lambda item: (item.start, item.end, _position(item.mentions, order)))
    return tuple(items)


def _item(date: DateExpr, text: str, mentions: tuple[Mention, ...]) -> TimelineItem:
    return TimelineItem(
        date.start, date.end, date.value, date.granularity, date.mention.text, text, mentions
    )


def _timeline_from_dates(brief: Brief) -> list[TimelineItem]:
    """One item per distinct (date, sentence) pair; dates outside claims (datelines) are skipped."""
    finder = SentenceFinder(brief.sentences)
    items: dict[tuple[str, str], TimelineItem] = {}
    for date in brief.dates:
        sentence = finder.containing(date.mention)
        if sentence is not None and sentence.kind is not SentenceKind.CLAIM:
            continue
        text = sentence.text if sentence else date.mention.text
        items.setdefault((date.value, text), _item(date, text, (date.mention,)))
    return list(items.values())


class SentenceFinder:
    """Find the sentence that contains a mention, by binary search over each document's starts."""

    def __init__(self, sentences: Iterable[Sentence]) -> None:
        self._by_document: dict[str, list[Sentence]] = {}
        for sentence in sentences:
            self._by_document.setdefault(sentence.document, []).append(sentence)
        for group in self._by_document.values():
            group.sort(key=lambda sentence: sentence.start)
        self._starts = {doc: [s.start for s in group] for doc, group in self._by_document.items()}

    def containing(self, mention: Mention) -> Sentence | None:
        group = self._by_document.get(mention.document, [])
        index = bisect.bisect_right(self._starts.get(mention.document, []), mention.start) - 1
        if index >= 0 and mention.end <= group[index].end:
            return group[index]
        return None


@dataclass(frozen=True, slots=True)
class Ref:
    number: int
    mention: Mention


class RefTable:
    """Numbers source spans in order of first citation; the same span keeps its number."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, int, int], Ref] = {}
        self._kinds: dict[int, set[str]] = {}

    def cite(self, mentions: Iterable[Mention], kind: str = "") -> list[int]:
        """The numbers of ``mentions`` (new spans get the next numbers); ``kind`` is remembered."""
        numbers = []
        for mention in mentions:
            key = (mention.document, mention.start, mention.end)
            if key not in self._numbers:
                self._numbers[key] = Ref(len(self._numbers) + 1, mention)
            number = self._numbers[key].number
            self._kinds.setdefault(number, set()).add(kind)
            numbers.append(number)
        return list(dict.fromkeys(numbers))

    def kinds(self, number: int) -> set[str]:
        """What cited ``number``: "fact", "quote", "figure", "date"… (as given to ``cite``)."""
        return self._kinds.get(number, set()) - {""}

    @property
    def refs(self) -> list[Ref]:
        return list(self._numbers.values())


def describe_figure(figure: Figure) -> str:
    """The normalised reading of an exact figure written in digits, where it adds something;
    empty where a reading would mislead or only repeat the words.

    A count's reading is its own words again, and a vague one ("hundreds of drones") is no
    number at all; a duration in the base unit ("20,160 min" for "two weeks") says it worse
    than the article; a qualified figure ("about", "more than") is a range, not a value.

    >>> from newsweave.model import Qualifier
    >>> describe_figure(Figure(Mention("a", 0, 4, "1 km"), FigureKind.LENGTH, 1000.0, "metre"))
    '1,000 m'
    >>> describe_figure(Figure(Mention("a", 0, 18, "hundreds of drones"), FigureKind.COUNT,
    ...                        600.0, "drone", Qualifier.ABOUT))
    ''
    >>> describe_figure(Figure(Mention("a", 0, 9, "two weeks"), FigureKind.DURATION, 20160.0,
    ...                        "minute"))
    ''
    """
    if (
        figure.kind not in READ_FIGURE_KINDS
        or figure.qualifier is not Qualifier.EXACT
        or not any(char.isdigit() for char in figure.mention.text)
    ):
        return ""
    value = f"{figure.value:,.6g}" if abs(figure.value) < 1e6 else f"{figure.value:,.0f}"
    unit = UNIT_SYMBOLS.get(figure.unit, figure.unit)
    reading = f"{value} {unit}".strip() if unit != "%" else f"{value}%"
    return "" if reading == figure.mention.text.strip() else reading


def describe_date(item: TimelineItem) -> str:
    """``"2025-10-24 (next Friday)"``: the normalised value, then the words used."""
    return f"{item.value} ({item.date_text})" if item.date_text != item.value else item.value


def count_words(text: str) -> int:
    """Words as runs of word characters: table rules and marks count for nothing, a span
    such as "a1:0-40" for three.

    >>> count_words("| Id | Outlet |\n|---|---|\n[^12]: a1:0-40")
    6
    """
    return len(COUNTED_WORD.findall(text))


def word_budget(brief: Brief) -> int:
    """The most words a short brief of ``brief`` may have (BRIEF_WORD_SHARE of its articles)."""
    return int(BRIEF_WORD_SHARE * sum(count_words(doc.text) for doc in brief.documents))


def fit_to_budget(layout: BriefLayout, budget: int, render: Callable[[BriefLayout], str]) -> str:
    """``render`` at the most generous caps whose output fits ``budget`` words, else tightest."""
    text = ""
    for caps in CAP_LEVELS:
        text = render(replace(layout, caps=caps))
        if count_words(text) <= budget:
            return text
    return text
