"""Builders for alignment tests: articles split into claims without spaCy or embeddings."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from newsweave.align.claims import content_words
from newsweave.align.embed import DIMENSIONS
from newsweave.align.relay import find_relay
from newsweave.model import Article, Attribution, Claim, Mention, Quote, Sentence

# A sentence ends at . ! or ? (optionally followed by a closing quote) and white space.
_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"”]?(?=\s|$)|$)", re.DOTALL)
ZERO_VECTOR = np.zeros(DIMENSIONS, dtype=np.float32).tobytes()


def article(
    id: str, outlet: str, text: str, published: dt.date | None = dt.date(2025, 10, 17)
) -> Article:
    return Article(id=id, source=f"{id}.txt", text=text, outlet=outlet, published=published)


def sentences(doc: Article) -> list[Sentence]:
    """The article's sentences, with exact offsets."""
    return [
        Sentence(doc.id, n, m.start(), m.end(), m.group())
        for n, m in enumerate(_SENTENCE.finditer(doc.text))
    ]


def claim(sentence: Sentence, *, negated: bool = False) -> Claim:
    """A claim with the real content words and relay, and a zero vector."""
    relay = find_relay(sentence)
    return Claim(
        sentence=sentence,
        vector=ZERO_VECTOR,
        content=content_words(sentence.text),
        negated=negated,
        relay=relay[0] if relay else None,
        relay_origin=relay[1] if relay else None,
    )


def claims_of(*docs: Article) -> list[Claim]:
    return [claim(s) for doc in docs for s in sentences(doc)]


def quoted_spans(doc: Article) -> list[Mention]:
    """The words between each pair of double quotation marks (straight or curly)."""
    return [
        Mention(doc.id, m.start(1), m.end(1), m.group(1))
        for m in re.finditer(r"[\"“]([^\"”]+)[\"”]", doc.text)
    ]


def quote(
    id: str,
    text: str,
    *,
    document: str,
    speaker: str | None = None,
    attribution: Attribution = Attribution.SAME_SENTENCE,
    is_statement: bool = True,
) -> Quote:
    """A quote as it would appear in ``document``: '“text,” <speaker> said.'"""
    mention = Mention(document, 1, 1 + len(text), text)
    speaker_mention = None
    if speaker is not None:
        start = mention.end + 3
        speaker_mention = Mention(document, start, start + len(speaker), speaker)
    return Quote(
        id=id,
        text=text,
        mention=mention,
        speaker=speaker,
        speaker_id=None if speaker is None else speaker.lower().replace(" ", "-"),
        speaker_mention=speaker_mention,
        attribution=attribution if speaker is not None else Attribution.NONE,
        is_statement=is_statement,
        cue="said" if speaker is not None else None,
    )
