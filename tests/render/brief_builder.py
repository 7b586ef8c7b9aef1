"""A realistic ``Brief`` built straight from the model constructors (no spaCy), for render tests.

Three short articles about one fictional story (the Calder Bridge closure), one rejected input,
entities, quotes (one scare quote), figures (one unbounded), dates (one in a dateline) and
facts of every status. Offsets are found with ``str.index`` so they are right by construction.
"""

from __future__ import annotations

import datetime as dt
import math

from newsweave.model import (
    Article,
    Attribution,
    Brief,
    Conflict,
    DateExpr,
    Entity,
    EntityType,
    Fact,
    FactStatus,
    Figure,
    FigureKind,
    Granularity,
    Mention,
    Qualifier,
    Quote,
    Rejected,
    RejectReason,
    Sentence,
    SentenceKind,
)

GAZETTE = Article(
    id="a1",
    source="stories/gazette.txt",
    title="Calder Bridge to close for three weeks of repairs",
    outlet="Harbor Gazette",
    published=dt.date(2025, 10, 17),
    author="Mira Olsen",
    text=(
        "Calder Bridge to close for three weeks of repairs\n\n"
        "By Mira Olsen\n\n"
        "CALDER – October 17, 2025 – The Calder Bridge will close for three weeks starting "
        "next Monday, city officials said on Thursday. Mayor Elena Voss said the repairs "
        "would cost about $4.2 million.\n\n"
        "“We cannot keep a cracked bridge open to 40,000 drivers a day,” Voss told "
        "reporters. Engineers found the cracks in September.\n\n"
        "Leave a Reply"
    ),
)
POST = Article(
    id="a2",
    source="https://valleypost.example/calder-bridge",
    title="Calder Bridge shut for repairs from Monday",
    outlet="Valley Post",
    published=dt.date(2025, 10, 18),
    url="https://valleypost.example/calder-bridge",
    input_format="html",
    text=(
        "The Calder Bridge closes on Monday for repairs expected to last 21 days. "
        'Transport chief Daniel Reyes called the cracks "serious but fixable". '
        '"Detours will add about 15 minutes to most commutes," Reyes said.\n'
        "The city put the cost at $4.5 million, and more than 300 workers will take part."
    ),
)
WIRE = Article(
    id="a3",
    source="feeds/wire.jsonl#2",
    title="Bridge repairs in Calder",
    outlet="Coastline Wire",
    published=dt.date(2025, 10, 17),
    input_format="jsonl",
    text="The Calder Bridge will close next week, the mayor's office said.",
)
REJECTED = Rejected("stories/broken.json", RejectReason.MALFORMED, "line 3: expecting ','")


def span(article: Article, text: str, occurrence: int = 0) -> Mention:
    """The ``occurrence``-th span of ``text`` in ``article`` (0 = first)."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return Mention(article.id, start, start + len(text), text)


def _sentences(article: Article, parts: list[tuple[str, SentenceKind, int]]) -> list[Sentence]:
    sentences = []
    for index, (text, kind, paragraph) in enumerate(parts):
        mention = span(article, text)
        sentences.append(
            Sentence(article.id, index, mention.start, mention.end, text, kind, paragraph)
        )
    return sentences


def make_sentences() -> tuple[Sentence, ...]:
    claim, heading = SentenceKind.CLAIM, SentenceKind.HEADING
    gazette = _sentences(
        GAZETTE,
        [
            ("Calder Bridge to close for three weeks of repairs", heading, 0),
            ("By Mira Olsen", SentenceKind.BYLINE, 1),
            ("CALDER – October 17, 2025 –", SentenceKind.DATELINE, 2),
            (
                "The Calder Bridge will close for three weeks starting next Monday, "
                "city officials said on Thursday.",
                claim,
                2,
            ),
            ("Mayor Elena Voss said the repairs would cost about $4.2 million.", claim, 2),
            (
                "“We cannot keep a cracked bridge open to 40,000 drivers a day,” Voss told "
                "reporters.",
                claim,
                3,
            ),
            ("Engineers found the cracks in September.", claim, 3),
            ("Leave a Reply", SentenceKind.BOILERPLATE, 4),
        ],
    )
    post = _sentences(
        POST,
        [
            ("The Calder Bridge closes on Monday for repairs expected to last 21 days.", claim, 0),
            ('Transport chief Daniel Reyes called the cracks "serious but fixable".', claim, 0),
            ('"Detours will add about 15 minutes to most commutes," Reyes said.', claim, 0),
            (
                "The city put the cost at $4.5 million, and more than 300 workers will take part.",
                claim,
                1,
            ),
        ],
    )
    wire = _sentences(WIRE, [(WIRE.text, claim, 0)])
    return tuple(gazette + post + wire)


def make_entities() -> tuple[Entity, ...]:
    return (
        Entity(
            "e1",
            "Elena Voss",
            EntityType.PERSON,
            aliases=("Voss",),
            roles=("Mayor",),
            mentions=(span(GAZETTE, "Elena Voss"), span(GAZETTE, "Voss", 1)),
        ),
        Entity(
            "e2",
            "Daniel Reyes",
            EntityType.PERSON,
            aliases=("Reyes",),
            roles=("Transport chief",),
            mentions=(span(POST, "Daniel Reyes"), span(POST, "Reyes", 1)),
        ),
        Entity(
            "e3",
            "Calder Bridge",
            EntityType.PLACE,
            mentions=tuple(
                span(doc, "Calder Bridge", 1 if doc is GAZETTE else 0)
                for doc in (GAZETTE, POST, WIRE)
            ),
        ),
    )


def make_quotes() -> tuple[Quote, ...]:
    voss = "We cannot keep a cracked bridge open to 40,000 drivers a day,"
    detours = "Detours will add about 15 minutes to most commutes,"
    return (
        Quote(
            "q1", voss, span(GAZETTE, voss), "Elena Voss", "e1",
            span(GAZETTE, "Voss", 1), Attribution.SAME_SENTENCE, cue="told",
        ),
        Quote(
            "q2", "serious but fixable", span(POST, "serious but fixable"), "Daniel Reyes", "e2",
            span(POST, "Daniel Reyes"), Attribution.SAME_SENTENCE, is_statement=False,
            cue="called",
        ),
        Quote(
            "q3", detours, span(POST, detours), "Daniel Reyes", "e2",
            span(POST, "Reyes", 1), Attribution.SAME_SENTENCE, cue="said",
        ),
    )  # fmt: skip


def _figure(mention: Mention, kind: FigureKind, value: float, unit: str, **extra: object) -> Figure:
    low = extra.pop("low", value)
    high = extra.pop("high", value)
    return Figure(mention, kind, value, unit, low=low, high=high, **extra)  # type: ignore[arg-type]


def make_figures() -> tuple[Figure, ...]:
    weeks = 3 * 7 * 24 * 60
    duration, money, count = FigureKind.DURATION, FigureKind.MONEY, FigureKind.COUNT
    about = Qualifier.ABOUT
    return (
        _figure(
            span(GAZETTE, "three weeks", 1), duration, weeks, "minute",
            surface_value=3, surface_unit="week",
        ),
        _figure(
            span(GAZETTE, "$4.2 million"), money, 4.2e6, "USD", qualifier=about,
            low=4.15e6, high=4.25e6, surface_value=4.2e6, surface_unit="USD",
        ),
        _figure(
            span(GAZETTE, "40,000 drivers"), count, 40000, "driver",
            surface_value=40000, surface_unit="driver",
        ),
        _figure(
            span(POST, "21 days"), duration, weeks, "minute", surface_value=21, surface_unit="day",
        ),
        _figure(
            span(POST, "15 minutes"), duration, 15, "minute", qualifier=about,
            low=10, high=20, surface_value=15, surface_unit="minute",
        ),
        _figure(
            span(POST, "$4.5 million"), money, 4.5e6, "USD",
            surface_value=4.5e6, surface_unit="USD",
        ),
        _figure(
            span(POST, "300 workers"), count, 300, "worker", qualifier=Qualifier.MORE_THAN,
            low=301, high=math.inf, surface_value=300, surface_unit="worker",
        ),
    )  # fmt: skip


def _date(
    article: Article,
    text: str,
    value: str,
    granularity: Granularity,
    start: dt.date,
    end: dt.date | None = None,
    *,
    relative: bool = True,
) -> DateExpr:
    return DateExpr(
        span(article, text), value, granularity, start, end or start, relative, article.published
    )


def make_dates() -> tuple[DateExpr, ...]:
    day, gran = dt.date, Granularity
    return (
        _date(GAZETTE, "October 17, 2025", "2025-10-17", gran.DAY, day(2025, 10, 17),
              relative=False),
        _date(GAZETTE, "next Monday", "2025-10-20", gran.DAY, day(2025, 10, 20)),
        _date(GAZETTE, "on Thursday", "2025-10-16", gran.DAY, day(2025, 10, 16)),
        _date(GAZETTE, "in September", "2025-09", gran.MONTH, day(2025, 9, 1), day(2025, 9, 30)),
        _date(POST, "on Monday", "2025-10-20", gran.DAY, day(2025, 10, 20)),
        _date(WIRE, "next week", "2025-W43", gran.WEEK, day(2025, 10, 20), day(2025, 10, 26)),
    )  # fmt: skip


def _single(fact_id: str, sentence: Sentence, outlet: str) -> Fact:
    return Fact(
        fact_id, sentence.text, FactStatus.SINGLE_SOURCE, 1, (sentence.mention,),
        "reported by one outlet only", (outlet,),
    )  # fmt: skip


def make_facts(sentences: tuple[Sentence, ...]) -> tuple[Fact, ...]:
    claims = {s.text: s for s in sentences if s.kind is SentenceKind.CLAIM}
    closing = claims[WIRE.text]
    cost_a, cost_b = span(GAZETTE, "$4.2 million"), span(POST, "$4.5 million")
    corroborated = Fact(
        "f1", "The Calder Bridge will close next week.", FactStatus.CORROBORATED, 2,
        (closing.mention, span(POST, POST.text.split(" for ")[0])),
        "two independent outlets report it", ("Coastline Wire", "Valley Post"),
    )  # fmt: skip
    disputed = Fact(
        "f2", "The repairs will cost about $4.2 million.", FactStatus.DISPUTED, 2,
        (cost_a, cost_b), "outlets give different costs", ("Harbor Gazette", "Valley Post"),
        (Conflict("figure", "$4.2 million vs $4.5 million", (cost_a, cost_b)),),
    )  # fmt: skip
    outlets = {doc.id: doc.outlet or doc.source for doc in (GAZETTE, POST, WIRE)}
    singles = [
        _single(f"f{index}", sentence, outlets[sentence.document])
        for index, sentence in enumerate(claims.values(), start=3)
        if sentence is not closing
    ]
    return (corroborated, disputed, *singles)


def make_brief() -> Brief:
    """The three-article Calder Bridge brief with every section filled."""
    sentences = make_sentences()
    return Brief(
        documents=(GAZETTE, POST, WIRE),
        rejected=(REJECTED,),
        sentences=sentences,
        entities=make_entities(),
        quotes=make_quotes(),
        figures=make_figures(),
        dates=make_dates(),
        facts=make_facts(sentences),
        warnings=("1 input was rejected",),
    )


SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = '"><img src=x onerror=alert(2)>'


def make_hostile_brief() -> Brief:
    """Markup and control characters in every untrusted field: text, title, outlet, source."""
    article = Article(
        id="x1",
        source='uploads/"><img src=x onerror=alert(3)>.html',
        title="</title><script>alert(4)</script>",
        outlet="<b>Evil</b> [bold]Outlet[/bold]",
        published=dt.date(2025, 10, 17),
        text=(
            f"The council met on Friday. {SCRIPT_TAG} appeared in the page. "
            f'The mayor said "{IMG_TAG} is not a risk" to the press.\x1b[31m Red alert.'
        ),
    )
    claim = f"{SCRIPT_TAG} appeared in the page."
    quote_text = f"{IMG_TAG} is not a risk"
    sentence = Sentence("x1", 0, *_bounds(article, claim), claim)
    friday = span(article, "on Friday")
    return Brief(
        documents=(article,),
        rejected=(Rejected("<script>alert(5)</script>.txt", RejectReason.BINARY, IMG_TAG),),
        sentences=(sentence,),
        entities=(),
        quotes=(
            Quote(
                "q1",
                quote_text,
                span(article, quote_text),
                "The <i>mayor</i>",
                None,
                None,
                Attribution.SAME_SENTENCE,
            ),
        ),
        figures=(),
        dates=(
            DateExpr(
                friday,
                "2025-10-17",
                Granularity.DAY,
                dt.date(2025, 10, 17),
                dt.date(2025, 10, 17),
                True,
                article.published,
            ),
        ),
        facts=(
            Fact(
                "f1",
                claim,
                FactStatus.SINGLE_SOURCE,
                1,
                (sentence.mention,),
                IMG_TAG,
                (article.outlet or "",),
            ),
            Fact(
                "f2",
                "Red alert.\x1b[31m",
                FactStatus.SINGLE_SOURCE,
                1,
                (span(article, "\x1b[31m Red alert."),),
                "",
                (),
            ),
        ),
        warnings=(f"warning with {SCRIPT_TAG}",),
    )


def _bounds(article: Article, text: str) -> tuple[int, int]:
    mention = span(article, text)
    return mention.start, mention.end
