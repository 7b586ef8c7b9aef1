"""Cross-document resolution: quote speakers to canonical entities."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from newsweave.analysis.entities import EntityIndex
from newsweave.analysis.names import name_tokens
from newsweave.model import Entity, Quote

_POSSESSIVE_ENDINGS = ("'s", "\u2019s")
# What a possessor speaks through: "Trump's statement" is Trump speaking, "the victim's sister"
# or "Roe's lawyer" is someone else. Utterances, documents and channels an owner issues.
SPOKEN_THROUGH = frozenset(
    ["statement", "statements", "post", "posts", "tweet", "tweets", "message", "letter", "remarks",
     "comments", "speech", "account", "website", "blog", "office", "campaign", "team", "page",
     "channel", "video", "interview", "response", "reply", "note", "announcement", "memo",
     "report", "release", "communique", "readout", "ministry", "government", "administration"]
)  # fmt: skip


def names_the_speaker(entity: Entity, phrase: str) -> bool:
    """True when the entity is the head of the speaker phrase, not a word inside it.

    "Kremlin aide Yuri Ushakov" names Yuri Ushakov; "one senior EU diplomat" does not name the
    European Union, though it mentions it. A possessor speaks through what it issues ("Trump's
    statement" names Trump), not through a person related to it ("the victim's sister").

    >>> from newsweave.model import EntityType
    >>> eu = Entity("organization:eu", "European Union", EntityType.ORGANIZATION, ("EU",))
    >>> names_the_speaker(eu, "one senior EU diplomat"), names_the_speaker(eu, "the EU")
    (False, True)
    >>> names_the_speaker(eu, "the EU\u2019s statement"), names_the_speaker(eu, "the EU's envoy")
    (True, False)
    """
    phrase = _speaking_part(phrase)
    tokens = name_tokens(phrase)
    if not tokens:
        return False
    names = {token for name in (entity.name, *entity.aliases) for token in name_tokens(name)}
    return tokens[-1] in names


def _speaking_part(phrase: str) -> str:
    """Who speaks: the possessor of "X's statement"; "sister" of "X's sister" (who is not X)."""
    for ending in _POSSESSIVE_ENDINGS:
        owner, found, owned = phrase.partition(ending + " ")
        if found:
            head = owned.split()[-1].lower() if owned.split() else ""
            return owner if head in SPOKEN_THROUGH else owned
        phrase = phrase.removesuffix(ending)
    return phrase


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
