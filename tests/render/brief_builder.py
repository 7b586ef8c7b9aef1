"""A realistic ``Brief`` built straight from the model constructors (no spaCy), for render tests.

Three short articles about one fictional story (the Calder Bridge closure), one rejected input,
entities, quotes (one scare quote, one quote worded two ways, one quote given to two speakers),
figures (one unbounded), dates (one in a dateline), claims (whole sentences, a reported clause
with its speaker, two clauses of one sentence), facts of every status (a corroborated fact that
one outlet copies and another relays from Reuters and one outlet hedges, a disputed cost, a
disputed speaker) and the source comparison. Offsets are found with ``str.index`` so they are
right by construction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from newsweave.model import (
    Article,
    Attribution,
    Brief,
    Claim,
    ClaimForm,
    Conflict,
    ConflictKind,
    ConflictSide,
    CopyLink,
    DateExpr,
    Entity,
    EntityType,
    Fact,
    FactStatus,
    Figure,
    FigureKind,
    Granularity,
    Mention,
    Modality,
    OutletOverlap,
    OutletProfile,
    Qualifier,
    Quote,
    Rejected,
    RejectReason,
    Relation,
    Relay,
    Sentence,
    SentenceKind,
    SourceComparison,
    Support,
    SupportRole,
    TimelineEntry,
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
        "The Calder Bridge will shut on Monday for repairs expected to last 21 days, "
        "according to Reuters. "
        'Transport chief Daniel Reyes called the cracks "serious but fixable". '
        '"Detours will add about 15 minutes to most commutes," Reyes said.\n'
        '"We can\'t keep a cracked bridge open to 40,000 drivers every day," the mayor said. '
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
    text=(
        "The Calder Bridge will close for three weeks starting next Monday, city officials "
        'said. "Detours will add about 15 minutes to most commutes," Mayor Elena Voss said.'
    ),
)
REJECTED = Rejected("stories/broken.json", RejectReason.MALFORMED, "line 3: expecting ','")
OUTLETS = {doc.id: doc.outlet or doc.source for doc in (GAZETTE, POST, WIRE)}

# The claim sentences the facts are built from, by a short name.
CLOSING = "The Calder Bridge will close for three weeks starting next Monday, city officials"
CLAIMS = {
    "g_closing": (GAZETTE, CLOSING + " said on Thursday."),
    "g_cost": (GAZETTE, "Mayor Elena Voss said the repairs would cost about $4.2 million."),
    "g_quote": (
        GAZETTE,
        "“We cannot keep a cracked bridge open to 40,000 drivers a day,” Voss told reporters.",
    ),
    "g_cracks": (GAZETTE, "Engineers found the cracks in September."),
    "p_closing": (
        POST,
        "The Calder Bridge will shut on Monday for repairs expected to last 21 days, "
        "according to Reuters.",
    ),
    "p_reyes": (POST, 'Transport chief Daniel Reyes called the cracks "serious but fixable".'),
    "p_detours": (POST, '"Detours will add about 15 minutes to most commutes," Reyes said.'),
    "p_quote": (
        POST,
        '"We can\'t keep a cracked bridge open to 40,000 drivers every day," the mayor said.',
    ),
    "p_cost": (
        POST,
        "The city put the cost at $4.5 million, and more than 300 workers will take part.",
    ),
    "w_closing": (WIRE, CLOSING + " said."),
    "w_detours": (
        WIRE,
        '"Detours will add about 15 minutes to most commutes," Mayor Elena Voss said.',
    ),
}


WORKERS = "more than 300 workers will take part"
# Each claim: (claim id, its own words where they are not the whole sentence, form, modality,
# who the article says it comes from), in text order within each article.
CLAIM_PARTS: dict[str, tuple[str, str | None, ClaimForm, Modality, str | None]] = {
    "g_closing": ("a1#c0", None, ClaimForm.CLAUSE, Modality.EXPECTED, "city officials"),
    "g_cost": (
        "a1#c1", "the repairs would cost about $4.2 million", ClaimForm.REPORTED,
        Modality.EXPECTED, "Mayor Elena Voss",
    ),
    "g_quote": ("a1#c2", None, ClaimForm.CLAUSE, Modality.ASSERTED, None),
    "g_cracks": ("a1#c3", None, ClaimForm.CLAUSE, Modality.ASSERTED, None),
    "p_closing": ("a2#c0", None, ClaimForm.CLAUSE, Modality.HEDGED, None),
    "p_reyes": ("a2#c1", None, ClaimForm.CLAUSE, Modality.ASSERTED, None),
    "p_detours": ("a2#c2", None, ClaimForm.CLAUSE, Modality.EXPECTED, None),
    "p_quote": ("a2#c3", None, ClaimForm.CLAUSE, Modality.ASSERTED, None),
    "p_cost": (
        "a2#c4", "The city put the cost at $4.5 million", ClaimForm.CLAUSE, Modality.ASSERTED, None,
    ),
    "p_workers": ("a2#c5", WORKERS, ClaimForm.CLAUSE, Modality.EXPECTED, None),
    "w_closing": ("a3#c0", None, ClaimForm.CLAUSE, Modality.EXPECTED, "city officials"),
    "w_detours": ("a3#c1", None, ClaimForm.CLAUSE, Modality.EXPECTED, None),
}  # fmt: skip
CLAIMS["p_workers"] = CLAIMS["p_cost"]


def span(article: Article, text: str, occurrence: int = 0) -> Mention:
    """The ``occurrence``-th span of ``text`` in ``article`` (0 = first)."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return Mention(article.id, start, start + len(text), text)


def sentence_span(name: str) -> Mention:
    """The span of the sentence of claim ``name`` (a key of ``CLAIMS``)."""
    article, text = CLAIMS[name]
    return span(article, text)


def claim(name: str) -> Mention:
    """The span of claim ``name``: its own words, inside its sentence."""
    article, text = CLAIMS[name]
    own = CLAIM_PARTS[name][1]
    if own is None:
        return span(article, text)
    sentence = sentence_span(name)
    start = article.text.index(own, sentence.start)
    return Mention(article.id, start, start + len(own), own)


def make_claims(sentences: tuple[Sentence, ...]) -> tuple[Claim, ...]:
    """Every claim of ``CLAIM_PARTS``, with its sentence, span, form, modality and source."""
    claims = []
    for name, (claim_id, _own, form, modality, source) in CLAIM_PARTS.items():
        article = CLAIMS[name][0]
        mention = claim(name)
        sentence = next(
            s for s in sentences if s.document == article.id and s.start <= mention.start < s.end
        )
        claims.append(
            Claim(
                sentence, b"", frozenset(), id=claim_id, mention=mention, text=mention.text,
                pieces=((mention.start, mention.end),), predicate=_predicate(mention.text),
                subject=mention.text.split(" ", 2)[1] if mention.text.startswith("The ") else "",
                form=form, modality=modality,
                attribution=span(article, source) if source else None,
            )
        )  # fmt: skip
    order = {doc.id: index for index, doc in enumerate((GAZETTE, POST, WIRE))}
    return tuple(sorted(claims, key=lambda c: (order[c.span.document], c.span.start)))


def _predicate(text: str) -> str:
    for verb in ("close", "shut", "cost", "found", "called", "add", "keep", "put", "take"):
        if f" {verb}" in f" {text}":
            return {"found": "find", "called": "call"}.get(verb, verb)
    return ""


def _sentences(article: Article, parts: list[tuple[str, SentenceKind, int]]) -> list[Sentence]:
    sentences = []
    for index, (text, kind, paragraph) in enumerate(parts):
        mention = span(article, text)
        sentences.append(
            Sentence(article.id, index, mention.start, mention.end, text, kind, paragraph)
        )
    return sentences


def make_sentences() -> tuple[Sentence, ...]:
    claim_kind = SentenceKind.CLAIM
    gazette = _sentences(
        GAZETTE,
        [
            ("Calder Bridge to close for three weeks of repairs", SentenceKind.HEADING, 0),
            ("By Mira Olsen", SentenceKind.BYLINE, 1),
            ("CALDER – October 17, 2025 –", SentenceKind.DATELINE, 2),
            (CLAIMS["g_closing"][1], claim_kind, 2),
            (CLAIMS["g_cost"][1], claim_kind, 2),
            (CLAIMS["g_quote"][1], claim_kind, 3),
            (CLAIMS["g_cracks"][1], claim_kind, 3),
            ("Leave a Reply", SentenceKind.BOILERPLATE, 4),
        ],
    )
    post_parts = ("p_closing", "p_reyes", "p_detours", "p_quote", "p_cost")
    post = _sentences(
        POST,
        [(CLAIMS[name][1], claim_kind, 0 if i < 3 else 1) for i, name in enumerate(post_parts)],
    )
    wire = _sentences(
        WIRE, [(CLAIMS[name][1], claim_kind, 0) for name in ("w_closing", "w_detours")]
    )
    return tuple(gazette + post + wire)


def make_entities() -> tuple[Entity, ...]:
    return (
        Entity(
            "e1",
            "Elena Voss",
            EntityType.PERSON,
            aliases=("Voss",),
            roles=("Mayor",),
            mentions=(
                span(GAZETTE, "Elena Voss"),
                span(GAZETTE, "Voss", 1),
                span(WIRE, "Elena Voss"),
            ),
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


VOSS_QUOTE = "We cannot keep a cracked bridge open to 40,000 drivers a day,"
VOSS_VARIANT = "We can't keep a cracked bridge open to 40,000 drivers every day,"
DETOURS = "Detours will add about 15 minutes to most commutes,"


def make_quotes() -> tuple[Quote, ...]:
    same = Attribution.SAME_SENTENCE
    return (
        Quote(
            "q1", VOSS_QUOTE, span(GAZETTE, VOSS_QUOTE), "Elena Voss", "e1",
            span(GAZETTE, "Voss", 1), same, cue="told", variants=("q5",),
        ),
        Quote(
            "q2", "serious but fixable", span(POST, "serious but fixable"), "Daniel Reyes", "e2",
            span(POST, "Daniel Reyes"), same, is_statement=False, cue="called",
        ),
        Quote(
            "q3", DETOURS, span(POST, DETOURS), "Daniel Reyes", "e2",
            span(POST, "Reyes", 1), same, cue="said", variants=("q4",),
        ),
        Quote(
            "q4", DETOURS, span(WIRE, DETOURS), "Elena Voss", "e1",
            span(WIRE, "Elena Voss"), same, cue="said", variants=("q3",),
        ),
        Quote(
            "q5", VOSS_VARIANT, span(POST, VOSS_VARIANT), "Elena Voss", "e1",
            span(POST, "the mayor"), same, cue="said", variants=("q1",),
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
        _date(WIRE, "next Monday", "2025-10-20", gran.DAY, day(2025, 10, 20)),
    )  # fmt: skip


def _support(name: str, role: SupportRole = SupportRole.ORIGINAL, origin: str = "") -> Support:
    mention = claim(name)
    outlet = OUTLETS[mention.document]
    note = {SupportRole.ORIGINAL: "", SupportRole.COPY: "copies", SupportRole.RELAY: "cites"}
    return Support(
        outlet, mention, origin or outlet, role, 0.91 if role is SupportRole.RELAY else 0.97,
        f"{note[role]} {origin}".strip(),
    )  # fmt: skip


def _fact(
    fact_id: str,
    text: str,
    status: FactStatus,
    names: tuple[str, ...],
    reason: str,
    conflicts: tuple[Conflict, ...] = (),
    roles: dict[str, tuple[SupportRole, str]] | None = None,
) -> Fact:
    """A fact aligning the claims ``names``; ``roles`` gives a copy's or relay's origin."""
    supports = tuple(_support(name, *(roles or {}).get(name, ())) for name in names)
    origins = len(dict.fromkeys(s.origin for s in supports))
    outlets = tuple(dict.fromkeys(s.outlet for s in supports))
    mentions = tuple(s.mention for s in supports)
    claims = tuple(CLAIM_PARTS[name][0] for name in names)
    return Fact(
        fact_id, text, status, origins, mentions, reason, outlets, conflicts, supports, claims
    )


def _side(value: str, names: tuple[str, ...], words: str, independent: int = 0) -> ConflictSide:
    """One side of a disagreement: ``words`` inside each of the claims ``names``."""
    mentions = []
    for name in names:
        article, own = CLAIMS[name][0], claim(name)
        start = article.text.index(words, own.start)
        mentions.append(Mention(article.id, start, start + len(words), words))
    outlets = tuple(dict.fromkeys(OUTLETS[m.document] for m in mentions))
    claims = tuple(CLAIM_PARTS[name][0] for name in names)
    return ConflictSide(value, outlets, tuple(mentions), claims, independent or len(outlets))


def make_facts() -> tuple[Fact, ...]:
    """f1 corroborated (copied by the wire, relayed from Reuters by the Post, which hedges it),
    f2 disputed cost, f3 corroborated quote worded two ways, f4 quote given to two speakers,
    f5-f7 single-source."""
    corroborated, disputed = FactStatus.CORROBORATED, FactStatus.DISPUTED
    hedged = Conflict(
        ConflictKind.MODALITY, "Harbor Gazette, Coastline Wire state it; Valley Post hedge it",
        (_side("asserted", ("g_closing", "w_closing"), "will close for three weeks", 1),
         _side("hedged", ("p_closing",), "expected to last 21 days")),
        Relation.DIFFER,
    )  # fmt: skip
    cost = Conflict(
        ConflictKind.FIGURE, "the cost: about $4.2 million or $4.5 million",
        (_side("about $4.2 million", ("g_cost",), "$4.2 million"),
         _side("$4.5 million", ("p_cost",), "$4.5 million")),
    )  # fmt: skip
    wording = Conflict(
        ConflictKind.WORDING, "Elena Voss's words differ between outlets",
        (_side(VOSS_QUOTE.rstrip(","), ("g_quote",), VOSS_QUOTE),
         _side(VOSS_VARIANT.rstrip(","), ("p_quote",), VOSS_VARIANT)),
        Relation.DIFFER,
    )  # fmt: skip
    speaker = Conflict(
        ConflictKind.SPEAKER, "the detours quote is given to Daniel Reyes and to Elena Voss",
        (_side("Daniel Reyes", ("p_detours",), "Reyes"),
         _side("Elena Voss", ("w_detours",), "Elena Voss")),
    )  # fmt: skip
    relayed = {
        "p_closing": (SupportRole.RELAY, "Reuters"),
        "w_closing": (SupportRole.COPY, "Harbor Gazette"),
    }
    return (
        _fact(
            "f1", "The Calder Bridge will close for three weeks starting next Monday.",
            corroborated, ("g_closing", "p_closing", "w_closing"),
            "2 independent sources (Harbor Gazette, Reuters); Valley Post cites Reuters; "
            "Coastline Wire copies Harbor Gazette", (hedged,), relayed,
        ),
        _fact(
            "f2", "The repairs will cost about $4.2 million.", disputed, ("g_cost", "p_cost"),
            "outlets give different costs", (cost,),
        ),
        _fact(
            "f3", "Voss: a cracked bridge cannot stay open to 40,000 drivers a day.", corroborated,
            ("g_quote", "p_quote"), "2 independent sources (Harbor Gazette, Valley Post)",
            (wording,),
        ),
        _fact(
            "f4", "Detours will add about 15 minutes to most commutes.", disputed,
            ("p_detours", "w_detours"), "the outlets name different speakers", (speaker,),
        ),
        *(
            _fact(f"f{index}", CLAIMS[name][1], FactStatus.SINGLE_SOURCE, (name,),
                  f"reported only by {OUTLETS[CLAIMS[name][0].id]}")
            for index, name in enumerate(("g_cracks", "p_reyes"), start=5)
        ),
        _fact(
            "f7", "More than 300 workers will take part.", FactStatus.SINGLE_SOURCE,
            ("p_workers",), "reported only by Valley Post",
        ),
    )  # fmt: skip


def make_sources(facts: tuple[Fact, ...]) -> SourceComparison:
    """What ``compare_sources`` gives for these facts, with the wire's copy of the Gazette."""
    profiles = []
    for doc in (GAZETTE, POST, WIRE):
        outlet = OUTLETS[doc.id]
        own = tuple(f.id for f in facts if outlet in f.outlets)
        exclusive = tuple(f.id for f in facts if f.outlets == (outlet,))
        profiles.append(OutletProfile(outlet, (doc.id,), own, exclusive))
    copy = CopyLink("a3", "a1", 14, 14 / 27, (span(WIRE, CLOSING),))
    relay = Relay("Valley Post", "Reuters", span(POST, "according to Reuters"))
    overlap = (
        OutletOverlap(("Coastline Wire", "Harbor Gazette"), 1),
        OutletOverlap(("Coastline Wire", "Valley Post"), 2),
        OutletOverlap(("Harbor Gazette", "Valley Post"), 3),
    )
    return SourceComparison(tuple(profiles), overlap, (copy,), (relay,))


def make_brief() -> Brief:
    """The three-article Calder Bridge brief with every section filled."""
    facts = make_facts()
    sentences = make_sentences()
    return Brief(
        documents=(GAZETTE, POST, WIRE),
        rejected=(REJECTED,),
        sentences=sentences,
        entities=make_entities(),
        quotes=make_quotes(),
        figures=make_figures(),
        dates=make_dates(),
        facts=facts,
        claims=make_claims(sentences),
        sources=make_sources(facts),
        warnings=("1 input was rejected",),
    )


SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = '"><img src=x onerror=alert(2)>'


def make_hostile_brief() -> Brief:
    """Markup and control characters in every untrusted field: text, title, outlet, source.

    Two outlets carry the hostile sentence, so a fact compares them side by side.
    """
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
    mirror = Article(
        id="x2",
        source="uploads/mirror.html",
        title="<svg onload=alert(6)>",
        outlet="Mirror <i>Daily</i>",
        published=dt.date(2025, 10, 18),
        text=f"Reports say {SCRIPT_TAG} appeared in the page {IMG_TAG} again.",
    )
    claim_text = f"{SCRIPT_TAG} appeared in the page."
    quote_text = f"{IMG_TAG} is not a risk"
    sentence = Sentence("x1", 0, *_bounds(article, claim_text), claim_text)
    mirrored = span(mirror, f"{SCRIPT_TAG} appeared in the page {IMG_TAG} again.")
    friday = span(article, "on Friday")
    supports = (
        Support(article.outlet or "", sentence.mention, article.outlet or ""),
        Support(mirror.outlet or "", mirrored, article.outlet or "", SupportRole.COPY, 0.9,
                f"copies {article.outlet} {IMG_TAG}"),
    )  # fmt: skip
    conflict = Conflict(
        ConflictKind.NEGATION,
        f"{SCRIPT_TAG} vs {IMG_TAG}",
        (
            ConflictSide(
                SCRIPT_TAG, (article.outlet or "",), (span(article, SCRIPT_TAG),), ("x1#c0",), 1
            ),
            ConflictSide(IMG_TAG, (mirror.outlet or "",), (span(mirror, IMG_TAG),), ("x2#c0",), 1),
        ),
    )
    red = span(article, "\x1b[31m Red alert.")
    red_sentence = Sentence("x1", 1, red.start, red.end, red.text)
    claims = (
        Claim(sentence, b"", frozenset(), id="x1#c0", mention=sentence.mention, text=claim_text,
              attribution=span(article, "The mayor")),
        Claim(Sentence("x2", 0, mirrored.start, mirrored.end, mirrored.text), b"", frozenset(),
              id="x2#c0", mention=mirrored, text=f"{IMG_TAG} {SCRIPT_TAG}"),
        Claim(red_sentence, b"", frozenset(), id="x1#c1", mention=red, text=red.text,
              form=ClaimForm.APPOSITION, modality=Modality.HEDGED),
    )  # fmt: skip
    return Brief(
        documents=(article, mirror),
        rejected=(Rejected("<script>alert(5)</script>.txt", RejectReason.BINARY, IMG_TAG),),
        sentences=(sentence, Sentence("x2", 0, mirrored.start, mirrored.end, mirrored.text)),
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
                claim_text,
                FactStatus.DISPUTED,
                1,
                (sentence.mention, mirrored),
                IMG_TAG,
                (article.outlet or "", mirror.outlet or ""),
                (conflict,),
                supports,
                ("x1#c0", "x2#c0"),
                f"{SCRIPT_TAG} officials",
            ),
            Fact(
                "f2",
                "Red alert.\x1b[31m",
                FactStatus.SINGLE_SOURCE,
                1,
                (red,),
                "",
                (),
                claims=("x1#c1",),
            ),
        ),
        claims=claims,
        sources=SourceComparison(
            (
                OutletProfile(article.outlet or "", ("x1",), ("f1", "f2"), ("f2",)),
                OutletProfile(mirror.outlet or "", ("x2",), ("f1",), ()),
            ),
            (OutletOverlap((article.outlet or "", mirror.outlet or ""), 1),),
            (CopyLink("x2", "x1", 6, 0.5, (span(mirror, SCRIPT_TAG),)),),
            (Relay(mirror.outlet or "", f"{SCRIPT_TAG}", span(mirror, "Reports say")),),
        ),
        warnings=(f"warning with {SCRIPT_TAG}",),
    )


def _bounds(article: Article, text: str) -> tuple[int, int]:
    mention = span(article, text)
    return mention.start, mention.end


def make_long_brief(
    corroborated: int = 0, single: int = 0, differences: int = 0, dated: int = 0
) -> Brief:
    """The Calder brief with more facts, for the caps of the short formats: ``corroborated``
    facts the Gazette and the Post both report, ``single`` details only the Gazette reports,
    ``differences`` facts whose outlets give a figure differently, ``dated`` timeline entries.
    Extra facts are numbered from f100 and say which kind they are ("Shared fact 3.")."""
    brief = make_brief()
    extra: list[Fact] = []
    for index in range(corroborated):
        extra.append(
            _fact(f"f{100 + index}", f"Shared fact {index}.", FactStatus.CORROBORATED,
                  ("g_cracks", "p_reyes"), "2 independent sources (Harbor Gazette, Valley Post)")
        )  # fmt: skip
    for index in range(single):
        extra.append(
            _fact(f"f{200 + index}", f"Gazette detail {index}.", FactStatus.SINGLE_SOURCE,
                  ("g_cracks",), "reported only by Harbor Gazette")
        )  # fmt: skip
    for index in range(differences):
        rounded = Conflict(
            ConflictKind.FIGURE, f"the cost given two ways ({index})",
            (_side("about $4.2 million", ("g_cost",), "$4.2 million"),
             _side("$4.5 million", ("p_cost",), "$4.5 million")),
            Relation.DIFFER,
        )  # fmt: skip
        extra.append(
            _fact(f"f{300 + index}", f"Rounded fact {index}.", FactStatus.CORROBORATED,
                  ("g_cost", "p_cost"), "2 independent sources", (rounded,))
        )  # fmt: skip
    date = make_dates()[1]
    timeline = tuple(
        TimelineEntry(date, f"Dated event {index}.", (date.mention,)) for index in range(dated)
    )
    return dataclasses.replace(brief, facts=(*brief.facts, *extra), timeline=timeline)
