"""Cross-document resolution: quote speakers to canonical entities."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from newsweave.analysis.entities import EntityIndex
from newsweave.model import Entity, Quote


def _speaker_entity(quote: Quote, index: EntityIndex) -> Entity | None:
    entity = None
    if quote.speaker_mention is not None:
        entity = index.resolve(quote.speaker_mention)
    if entity is None and quote.speaker:
        entity = index.find(quote.speaker)
    return entity


def resolve_speakers(quotes: Iterable[Quote], index: EntityIndex) -> tuple[Quote, ...]:
    """Give each quote its speaker's canonical name and entity id where one is known.

    A speaker that is no entity ("a White House official") keeps the phrase as written.
    """
    resolved = []
    for quote in quotes:
        entity = _speaker_entity(quote, index)
        if entity is not None:
            quote = dataclasses.replace(quote, speaker=entity.name, speaker_id=entity.id)
        resolved.append(quote)
    return tuple(resolved)
