"""Quotes grouped into utterances: one thing said, however many outlets and wordings carry it.

``Quote.variants`` links the quotes of one utterance (the same words in other outlets, a
translation variant, a quote given to another speaker). The brief shows each utterance once,
under the speaker most outlets name, with every wording and the outlets that used it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsweave.model import Mention, Quote

UNKNOWN_SPEAKER = "Unattributed"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Wording:
    """One wording of an utterance and the outlets that printed it."""

    quotes: tuple[Quote, ...]
    outlets: tuple[str, ...]

    @property
    def text(self) -> str:
        return quote_words(self.quotes[0])

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(quote.mention for quote in self.quotes)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker an utterance is given to, and by which outlets."""

    speaker: str
    outlets: tuple[str, ...]
    mentions: tuple[Mention, ...]  # where the speaker is named (the quote if nowhere)


@dataclass(frozen=True, slots=True)
class Utterance:
    """One thing said: its wordings (most outlets first) and the speakers it is given to."""

    speaker: str
    wordings: tuple[Wording, ...]
    attributions: tuple[Attribution, ...]  # the speaker's own first

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(quote for wording in self.wordings for quote in wording.quotes)

    @property
    def other_speakers(self) -> tuple[Attribution, ...]:
        """Attributions to another speaker than ``speaker``: a speaker conflict."""
        return self.attributions[1:]


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    utterances: tuple[Utterance, ...]

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(quote for utterance in self.utterances for quote in utterance.quotes)


def quote_words(quote: Quote) -> str:
    """The quote for display, without the comma that hands over to the attribution.

    >>> from newsweave.model import Attribution as How
    >>> quote_words(Quote("q", "We will,", Mention("a", 1, 9, "We will,"), None, None, None,
    ...                   How.NONE))
    'We will'
    """
    return quote.text.rstrip(" ,")


def wording_key(text: str) -> str:
    """Words only, case folded: the same wording whatever its punctuation or quote marks.

    >>> wording_key("“We can’t,” ") == wording_key('"we can’t"')
    True
    """
    return " ".join(_WORD.findall(text.casefold()))


def group_quotes(
    quotes: Sequence[Quote], outlet_of: Callable[[str], str]
) -> tuple[SpeakerQuotes, ...]:
    """Statements as utterances under their speakers; most utterances first, unknown last."""
    groups: dict[str, list[Utterance]] = {}
    for members in _variant_groups(quotes):
        utterance = _utterance(members, outlet_of)
        groups.setdefault(utterance.speaker, []).append(utterance)
    ranked = sorted(groups.items(), key=lambda item: (item[0] == UNKNOWN_SPEAKER, -len(item[1])))
    return tuple(SpeakerQuotes(speaker, tuple(group)) for speaker, group in ranked)


def _variant_groups(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Connected groups of ``quotes`` through ``variants`` links, in order of first quote."""
    index = {quote.id: position for position, quote in enumerate(quotes)}
    parent = list(range(len(quotes)))

    def find(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for position, quote in enumerate(quotes):
        for other in quote.variants:
            if other in index:
                parent[find(index[other])] = find(position)
    groups: dict[int, list[Quote]] = {}
    for position, quote in enumerate(quotes):
        groups.setdefault(find(position), []).append(quote)
    return sorted(groups.values(), key=lambda group: index[group[0].id])


def _utterance(members: Sequence[Quote], outlet_of: Callable[[str], str]) -> Utterance:
    wordings: dict[str, list[Quote]] = {}
    for quote in members:
        wordings.setdefault(wording_key(quote.text), []).append(quote)
    shown = sorted(
        (Wording(tuple(qs), _outlets(qs, outlet_of)) for qs in wordings.values()),
        key=lambda wording: -len(wording.outlets),
    )
    attributions = _attributions(members, outlet_of)
    return Utterance(attributions[0].speaker, tuple(shown), attributions)


def _attributions(
    members: Sequence[Quote], outlet_of: Callable[[str], str]
) -> tuple[Attribution, ...]:
    """Speakers named for the quotes, the one most outlets give first (earliest on a tie)."""
    by_speaker: dict[str, list[Quote]] = {}
    for quote in members:
        by_speaker.setdefault(quote.speaker or UNKNOWN_SPEAKER, []).append(quote)
    outlets = {name: _outlets(qs, outlet_of) for name, qs in by_speaker.items()}
    votes = Counter({name: len(names) for name, names in outlets.items()})
    ranked = sorted(by_speaker, key=lambda name: (name == UNKNOWN_SPEAKER, -votes[name]))
    return tuple(
        Attribution(
            name,
            outlets[name],
            tuple(q.speaker_mention or q.mention for q in by_speaker[name]),
        )
        for name in ranked
    )


def _outlets(quotes: Iterable[Quote], outlet_of: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(outlet_of(quote.mention.document) for quote in quotes))
