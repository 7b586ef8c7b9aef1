"""A story's brief JSON (schema 2.0) arranged for its page: what is established, what outlets
disagree on, single-source details by outlet, quotes, timeline and source comparison, and for
each fact its reports side by side, each with the source span in its context.

Pure functions over the stored brief; the page template only lays these records out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsweave.render.layout import format_day
from newsweave.render.stories_html import excerpt

Json = dict[str, Any]
URL_SCHEMES = ("http://", "https://")
LINE_BREAKS = re.compile(r"[ \t]*\n\s*")
# What a story page shows at most; the fact pages and the brief JSON have everything. A story
# of 162 articles (the largest of bench_serve's 10,000) has thousands of facts: uncapped its
# page was 6 MB and took 2.4 s to draw; these caps keep a page readable on a phone.
ESTABLISHED_MAX = 100
DISAGREEMENTS_MAX = 60
SINGLE_SOURCE_OUTLETS_MAX = 20
SINGLE_SOURCE_PER_OUTLET_MAX = 10
REPORTS_PER_FACT_MAX = 6  # side by side on the story page; the fact's own page shows all
QUOTES_MAX = 60
TIMELINE_MAX = 80
COPIES_MAX = 30


@dataclass(frozen=True, slots=True)
class DocumentView:
    id: str
    title: str
    outlet: str
    published: str
    url: str | None  # only http(s): an article's URL is untrusted


@dataclass(frozen=True, slots=True)
class Report:
    """One outlet's report of a fact: its claim's span with the words around it."""

    outlet: str
    role: str
    note: str
    document: DocumentView
    before: str
    marked: str
    after: str


@dataclass(frozen=True, slots=True)
class SideView:
    value: str
    outlets: tuple[str, ...]
    independent_sources: int


@dataclass(frozen=True, slots=True)
class DisagreementView:
    relation: str
    slot: str
    summary: str
    sides: tuple[SideView, ...]


@dataclass(frozen=True, slots=True)
class FactView:
    id: str
    text: str
    status: str
    reason: str
    outlets: tuple[str, ...]
    outlet_count: int
    story_outlets: int
    independent_sources: int
    attributed_to: str | None
    reports: tuple[Report, ...]
    disagreements: tuple[DisagreementView, ...]
    more_reports: int = 0  # reports left out (on the story page)


@dataclass(frozen=True, slots=True)
class QuoteView:
    speaker: str
    text: str
    outlets: tuple[str, ...]
    wordings: int  # distinct wordings of the same utterance


@dataclass(frozen=True, slots=True)
class TimelineView:
    when: str
    text: str
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletRow:
    outlet: str
    documents: int
    facts: int
    exclusive: int


@dataclass(frozen=True, slots=True)
class CopyRow:
    copier: DocumentView
    origin: DocumentView
    share: int  # percent of the copier's claim words shared


@dataclass(frozen=True, slots=True)
class Capped:
    """Facts shown, and how many more there are."""

    facts: tuple[FactView, ...]
    more: int


@dataclass(frozen=True, slots=True)
class OutletFacts:
    outlet: str
    facts: Capped


@dataclass(frozen=True, slots=True)
class StoryView:
    documents: tuple[DocumentView, ...]
    established: Capped
    disagreements: Capped
    single_source: tuple[OutletFacts, ...]
    single_source_outlets_more: int
    quotes: tuple[QuoteView, ...]
    timeline: tuple[TimelineView, ...]
    outlets: tuple[OutletRow, ...]
    copies: tuple[CopyRow, ...]
    relays: tuple[tuple[str, str], ...]  # (outlet, the organisation it cites)
    warnings: tuple[str, ...]


def safe_url(url: object) -> str | None:
    """``url`` when it is http(s), else None (a ``javascript:`` link never reaches a page).

    >>> safe_url("https://a.example/x"), safe_url("javascript:alert(1)")
    ('https://a.example/x', None)
    """
    if isinstance(url, str) and url.lower().startswith(URL_SCHEMES):
        return url
    return None


def document_view(doc: Json) -> DocumentView:
    return DocumentView(
        id=str(doc["id"]),
        title=doc.get("title") or doc["id"],
        outlet=doc.get("outlet") or "unknown outlet",
        published=_day(doc.get("published")),
        url=safe_url(doc.get("url")),
    )


def _day(value: object) -> str:
    if not isinstance(value, str):
        return "undated"
    try:
        return format_day(dt.date.fromisoformat(value))
    except ValueError:
        return value


def story_view(brief: Json) -> StoryView:
    """The brief JSON arranged into the story page's sections (capped, see ``*_MAX``)."""
    texts = {doc["id"]: doc["text"] for doc in brief["documents"]}
    docs = {doc["id"]: document_view(doc) for doc in brief["documents"]}

    def view(facts: list[Json], cap: int) -> Capped:
        shown = tuple(fact_view(f, docs, texts, REPORTS_PER_FACT_MAX) for f in facts[:cap])
        return Capped(shown, max(0, len(facts) - cap))

    groups = _single_source(brief["facts"])
    return StoryView(
        documents=tuple(docs.values()),
        established=view(_established(brief["facts"]), ESTABLISHED_MAX),
        disagreements=view([f for f in brief["facts"] if f["disagreements"]], DISAGREEMENTS_MAX),
        single_source=tuple(
            OutletFacts(name, view(facts, SINGLE_SOURCE_PER_OUTLET_MAX))
            for name, facts in groups[:SINGLE_SOURCE_OUTLETS_MAX]
        ),
        single_source_outlets_more=max(0, len(groups) - SINGLE_SOURCE_OUTLETS_MAX),
        quotes=_quotes(brief["quotes"], docs),
        timeline=_timeline(brief["timeline"], docs),
        outlets=_outlet_rows(brief["sources"]["outlets"]),
        copies=_copies(brief["sources"]["copies"], docs),
        relays=tuple((r["outlet"], r["origin"]) for r in brief["sources"]["relays"]),
        warnings=tuple(brief["warnings"]),
    )


def find_fact(brief: Json, fact_id: str) -> FactView | None:
    """One fact of the brief with every report, or None."""
    fact = next((f for f in brief["facts"] if f["id"] == fact_id), None)
    if fact is None:
        return None
    texts = {doc["id"]: doc["text"] for doc in brief["documents"]}
    docs = {doc["id"]: document_view(doc) for doc in brief["documents"]}
    return fact_view(fact, docs, texts, len(fact["support"]))


def fact_view(
    fact: Json, docs: Mapping[str, DocumentView], texts: Mapping[str, str], reports_max: int
) -> FactView:
    support = fact["support"]
    return FactView(
        id=fact["id"],
        text=fact["text"],
        status=fact["status"],
        reason=fact["reason"],
        outlets=tuple(fact["outlets"]),
        outlet_count=fact["outlet_count"],
        story_outlets=fact["story_outlets"],
        independent_sources=fact["independent_sources"],
        attributed_to=fact["attributed_to"],
        reports=tuple(_report(s, docs, texts) for s in support[:reports_max]),
        disagreements=tuple(_disagreement(d) for d in fact["disagreements"]),
        more_reports=max(0, len(support) - reports_max),
    )


def _report(support: Json, docs: Mapping[str, DocumentView], texts: Mapping[str, str]) -> Report:
    mention = support["mention"]
    document = docs.get(mention["document"]) or DocumentView(
        mention["document"], mention["document"], support["outlet"], "undated", None
    )
    text = texts.get(mention["document"], mention["text"])
    part = excerpt(text, mention["start"], mention["end"])
    before = ("…" if part.cut_before and part.before else "") + _one_line(part.before)
    after = _one_line(part.after) + ("…" if part.cut_after and part.after else "")
    note = support["note"] or _role_note(support)
    return Report(support["outlet"], support["role"], note, document, before, part.marked, after)


def _one_line(text: str) -> str:
    """Context around a span with its line and paragraph breaks as single spaces.

    >>> _one_line("idle.\\n\\nThe")
    'idle. The'
    """
    return LINE_BREAKS.sub(" ", text)


def _role_note(support: Json) -> str:
    if support["role"] == "original":
        return ""
    verb = "copies" if support["role"] == "copy" else "cites"
    return f"{verb} {support['origin']}"


def _disagreement(item: Json) -> DisagreementView:
    sides = tuple(
        SideView(side["value"], tuple(side["outlets"]), side["independent_sources"])
        for side in item["sides"]
    )
    return DisagreementView(item["relation"], item["slot"], item["summary"], sides)


def _established(facts: list[Json]) -> list[Json]:
    """Corroborated facts (two or more independent sources, nothing contradicting them), best
    supported first; a disputed fact is not established, it is listed with the disagreements."""
    chosen = [f for f in facts if f["status"] == "corroborated"]
    return sorted(chosen, key=lambda f: (-f["independent_sources"], -f["outlet_count"]))


def _single_source(facts: list[Json]) -> list[tuple[str, list[Json]]]:
    """Single-source facts by outlet, the outlets with most first."""
    by_outlet: dict[str, list[Json]] = defaultdict(list)
    for fact in facts:
        if fact["status"] == "single-source" and not fact["disagreements"]:
            by_outlet[fact["outlets"][0] if fact["outlets"] else "unknown outlet"].append(fact)
    return sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0]))


def _quotes(quotes: list[Json], docs: Mapping[str, DocumentView]) -> tuple[QuoteView, ...]:
    """One line per utterance (a quote and its variants), most widely quoted first."""
    by_id = {q["id"]: q for q in quotes if q["is_statement"]}
    seen: set[str] = set()
    views = []
    for quote in by_id.values():
        if quote["id"] in seen:
            continue
        group = [by_id[i] for i in (quote["id"], *quote["variants"]) if i in by_id]
        seen.update(q["id"] for q in group)
        outlets = _outlet_names((q["mentions"][0]["document"] for q in group), docs)
        speaker = quote["speaker"] or "unattributed"
        views.append(QuoteView(speaker, quote["text"], outlets, len({q["text"] for q in group})))
    views.sort(key=lambda v: -len(v.outlets))
    return tuple(views[:QUOTES_MAX])


def _outlet_names(documents: Iterable[str], docs: Mapping[str, DocumentView]) -> tuple[str, ...]:
    """The outlets of ``documents``, each once, in order."""
    names = (docs[d].outlet if d in docs else d for d in documents)
    return tuple(dict.fromkeys(names))


def _timeline(entries: list[Json], docs: Mapping[str, DocumentView]) -> tuple[TimelineView, ...]:
    views = []
    for entry in entries[:TIMELINE_MAX]:
        outlets = _outlet_names((m["document"] for m in entry["mentions"]), docs)
        when = _day(entry["date"]) if entry["granularity"] == "day" else entry["value"]
        views.append(TimelineView(when, entry["text"], outlets))
    return tuple(views)


def _outlet_rows(profiles: list[Json]) -> tuple[OutletRow, ...]:
    rows = (
        OutletRow(p["outlet"], len(p["documents"]), len(p["facts"]), len(p["exclusive"]))
        for p in profiles
    )
    return tuple(sorted(rows, key=lambda r: (-r.facts, r.outlet)))


def _copies(copies: list[Json], docs: Mapping[str, DocumentView]) -> tuple[CopyRow, ...]:
    rows = []
    for link in copies[:COPIES_MAX]:
        copier, origin = docs.get(link["copier"]), docs.get(link["origin"])
        if copier is not None and origin is not None:
            rows.append(CopyRow(copier, origin, round(100 * float(link["share"]))))
    return tuple(rows)
