"""The JSON contract: a ``Brief`` as plain JSON values, shaped by ``schema/brief.schema.json``.

Dates become ISO strings, enums their values, unbounded figure limits ``null`` (JSON has no
infinity). ``brief_to_json`` is the text the CLI writes.
"""

from __future__ import annotations

import json
import math
from typing import Any

from newsweave import __version__
from newsweave.model import (
    Article,
    Brief,
    Claim,
    Conflict,
    ConflictSide,
    CopyLink,
    DateExpr,
    Entity,
    Fact,
    Figure,
    Mention,
    OutletOverlap,
    OutletProfile,
    Quote,
    Rejected,
    Relay,
    Sentence,
    SourceComparison,
    Support,
    TimelineEntry,
)
from newsweave.outlets import outlet_name
from newsweave.schema.schema import SCHEMA_VERSION

GENERATOR = f"newsweave {__version__}"


def story_outlets(brief: Brief) -> int:
    """N in "k of N outlets": the outlets of the story's documents."""
    return len({outlet_name(doc) for doc in brief.documents})


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as the JSON contract (validates against ``load_schema()``)."""
    fact_of = {claim: fact.id for fact in brief.facts for claim in fact.claims}
    outlet_of = {doc.id: outlet_name(doc) for doc in brief.documents}
    total = story_outlets(brief)
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": GENERATOR,
        "documents": [document_to_dict(doc) for doc in brief.documents],
        "rejected": [rejected_to_dict(item) for item in brief.rejected],
        "sentences": [sentence_to_dict(sentence) for sentence in brief.sentences],
        "entities": [entity_to_dict(entity) for entity in brief.entities],
        "quotes": [quote_to_dict(quote) for quote in brief.quotes],
        "figures": [figure_to_dict(figure) for figure in brief.figures],
        "dates": [date_to_dict(date) for date in brief.dates],
        "facts": [fact_to_dict(fact, total, outlet_of) for fact in brief.facts],
        "claims": [claim_to_dict(c, fact_of.get(c.id, "")) for c in brief.claims],
        "timeline": [timeline_to_dict(entry) for entry in brief.timeline],
        "sources": sources_to_dict(brief.sources),
        "warnings": list(brief.warnings),
    }


def brief_to_json(brief: Brief, *, indent: int | None = 2) -> str:
    """The JSON text of ``brief_to_dict`` (UTF-8 characters kept, not ``\\u`` escaped)."""
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent, allow_nan=False)


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    return {
        "document": mention.document,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
    }


def _mentions(mentions: tuple[Mention, ...]) -> list[dict[str, Any]]:
    return [mention_to_dict(mention) for mention in mentions]


def _finite(number: float) -> float | None:
    """JSON has no infinity or NaN: an unbounded (or undefined) number is ``null``."""
    return number if math.isfinite(number) else None


def document_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "author": article.author,
        "format": article.input_format,
        "language": article.language,
        "text": article.text,
    }


def rejected_to_dict(rejected: Rejected) -> dict[str, Any]:
    return {"source": rejected.source, "reason": rejected.reason.value, "detail": rejected.detail}


def sentence_to_dict(sentence: Sentence) -> dict[str, Any]:
    return {
        "document": sentence.document,
        "index": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "kind": sentence.kind.value,
        "paragraph": sentence.paragraph,
    }


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "mentions": _mentions(entity.mentions),
    }


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    speaker_mention = quote.speaker_mention
    return {
        "id": quote.id,
        "speaker": quote.speaker,
        "speaker_id": quote.speaker_id,
        "text": quote.text,
        "is_statement": quote.is_statement,
        "attribution": quote.attribution.value,
        "cue": quote.cue,
        "mentions": [mention_to_dict(quote.mention)],
        "speaker_mention": mention_to_dict(speaker_mention) if speaker_mention else None,
        "variants": list(quote.variants),
    }


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    return {
        "text": figure.mention.text,
        "kind": figure.kind.value,
        "value": _finite(figure.value),
        "unit": figure.unit,
        "qualifier": figure.qualifier.value,
        "low": _finite(figure.low),
        "high": _finite(figure.high),
        "surface_value": _finite(figure.surface_value),
        "surface_unit": figure.surface_unit,
        "mentions": [mention_to_dict(figure.mention)],
    }


def date_to_dict(date: DateExpr) -> dict[str, Any]:
    return {
        "text": date.mention.text,
        "value": date.value,
        "granularity": date.granularity.value,
        "start": date.start.isoformat(),
        "end": date.end.isoformat(),
        "relative": date.is_relative,
        "anchor": date.anchor.isoformat() if date.anchor else None,
        "mentions": [mention_to_dict(date.mention)],
    }


def side_to_dict(side: ConflictSide) -> dict[str, Any]:
    return {
        "value": side.value,
        "outlets": list(side.outlets),
        "claims": list(side.claims),
        "independent_sources": side.independent_sources,
        "mentions": _mentions(side.mentions),
    }


def conflict_to_dict(conflict: Conflict) -> dict[str, Any]:
    return {
        "relation": conflict.relation.value,
        "slot": conflict.kind.value,
        "summary": conflict.summary,
        "sides": [side_to_dict(side) for side in conflict.sides],
        "mentions": _mentions(conflict.mentions),
    }


def claim_to_dict(claim: Claim, fact: str) -> dict[str, Any]:
    span = claim.span
    return {
        "id": claim.id,
        "document": span.document,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "statement": claim.statement,
        "predicate": claim.predicate,
        "subject": claim.subject,
        "form": claim.form.value,
        "modality": claim.modality.value,
        "negated": claim.negated,
        "attribution": mention_to_dict(claim.attribution) if claim.attribution else None,
        "fact": fact,
    }


def support_to_dict(support: Support) -> dict[str, Any]:
    return {
        "outlet": support.outlet,
        "origin": support.origin,
        "role": support.role.value,
        "similarity": _finite(support.similarity),
        "note": support.note,
        "mention": mention_to_dict(support.mention),
    }


def fact_to_dict(
    fact: Fact, story_outlets: int, outlet_of: dict[str, str] | None = None
) -> dict[str, Any]:
    """``story_outlets`` is N in "k of N outlets"; ``outlet_of`` names each document's outlet,
    for a fact that lists no outlets of its own (k then counts its mentions' outlets)."""
    reporting = len(fact.outlets) or len(
        {(outlet_of or {}).get(m.document, m.document) for m in fact.mentions}
    )
    return {
        "id": fact.id,
        "text": fact.text,
        "status": fact.status.value,
        "reason": fact.reason,
        "independent_sources": fact.independent_sources,
        "outlets": list(fact.outlets),
        "mentions": _mentions(fact.mentions),
        "support": [support_to_dict(support) for support in fact.support],
        "claims": list(fact.claims),
        "outlet_count": reporting,
        "story_outlets": max(story_outlets, reporting, 1),
        "attributed_to": fact.attributed_to,
        "disagreements": [conflict_to_dict(conflict) for conflict in fact.conflicts],
    }


def timeline_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "date": entry.date.start.isoformat(),
        "end": entry.date.end.isoformat(),
        "value": entry.date.value,
        "granularity": entry.date.granularity.value,
        "text": entry.text,
        "mentions": _mentions(entry.mentions),
    }


def profile_to_dict(profile: OutletProfile) -> dict[str, Any]:
    return {
        "outlet": profile.outlet,
        "documents": list(profile.documents),
        "facts": list(profile.facts),
        "exclusive": list(profile.exclusive),
    }


def overlap_to_dict(overlap: OutletOverlap) -> dict[str, Any]:
    return {"outlets": list(overlap.outlets), "shared_facts": overlap.shared_facts}


def copy_to_dict(link: CopyLink) -> dict[str, Any]:
    return {
        "copier": link.copier,
        "origin": link.origin,
        "shared_words": link.shared_words,
        "share": _finite(link.share),
        "passages": _mentions(link.passages),
    }


def relay_to_dict(relay: Relay) -> dict[str, Any]:
    return {
        "outlet": relay.outlet,
        "origin": relay.origin,
        "mention": mention_to_dict(relay.mention),
    }


def sources_to_dict(sources: SourceComparison) -> dict[str, Any]:
    return {
        "outlets": [profile_to_dict(profile) for profile in sources.outlets],
        "overlap": [overlap_to_dict(item) for item in sources.overlap],
        "copies": [copy_to_dict(link) for link in sources.copies],
        "relays": [relay_to_dict(relay) for relay in sources.relays],
    }


def render_json(brief: Brief) -> str:
    """The JSON output format, as the other renderers: ``brief_to_json`` with a final newline."""
    return brief_to_json(brief) + "\n"
