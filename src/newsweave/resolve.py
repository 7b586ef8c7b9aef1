"""Cross-document resolution: quote speakers to canonical entities."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from newsweave.analysis.entities import EntityIndex
from newsweave.analysis.names import name_tokens
from newsweave.model import Entity, Quote

_POSSESSIVE_ENDINGS = ("'s", "\u2019s")


def names_the_speaker(entity: Entity, phrase: str) -> bool:
    """True when the entity is the head of the speaker phrase, not a word inside it.

    "Kremlin aide Yuri Ushakov" names Yuri Ushakov; "one senior EU diplomat" does not name the
    European Union, though it mentions it. A possessor speaks for what it owns: "Trump's
    statement" names Trump.

    >>> from newsweave.model import EntityType
    >>> eu = Entity("organization:eu", "European Union", EntityType.ORGANIZATION, ("EU",))
    >>> names_the_speaker(eu, "one senior EU diplomat"), names_the_speaker(eu, "the EU")
    (False, True)
    >>> names_the_speaker(eu, "the EU\u2019s statement")
    True
    """
    for ending in _POSSESSIVE_ENDINGS:
        phrase = phrase.split(ending + " ", 1)[0].removesuffix(ending)
    tokens = name_tokens(phrase)
    if not tokens:
        return False
    names = {token for name in (entity.name, *entity.aliases) for token in name_tokens(name)}
    return tokens[-1] in names


def _speaker_entity(quote: Quote, index: EntityIndex) -> Entity | None:
    entity = None
    if quote.speaker_mention is not None:
        entity = index.resolve(quote.speaker_mention)
        if entity is not None and not names_the_speaker(entity, quote.speaker_mention.text):
            return None
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
