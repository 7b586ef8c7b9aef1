"""Per-article claim features for cross-document alignment: the ``claims`` pipeline stage.

For each claim sentence: its embedding, its content words, whether its main verb is negated,
and the news organisation it credits, if any. Runs in the engine's workers, next to parsing,
so that embedding uses every core.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.align.embed import to_bytes
from newsweave.align.relay import find_relay
from newsweave.align.static_embed import load_static_embedder
from newsweave.analysis.clauses import ClauseUnit, split_clauses
from newsweave.analysis.nlp import lemmatize
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.worthiness import is_claim, is_statement_sentence
from newsweave.model import ArticleAnalysis, Claim, Mention, Sentence

NEGATION_WORDS = frozenset(("not", "n't", "never", "no", "nor", "neither", "none", "nobody"))
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Words that carry no content for comparing two claims: English stop words, negation and
# reporting verbs (every outlet words attribution differently).
REPORTING_WORDS = frozenset(("said", "says", "say", "told", "according", "reported", "added"))
IGNORED_WORDS = frozenset(STOP_WORDS) | NEGATION_WORDS | REPORTING_WORDS


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` that say what it is about."""
    return frozenset(
        w for w in (m.group().lower() for m in WORD.finditer(text)) if w not in IGNORED_WORDS
    )


def extract_claims(parsed: ParsedArticle) -> tuple[Claim, ...]:
    """The claims of every claim sentence of ``parsed``, in reading order, not yet embedded.

    A sentence gives one claim per clause unit (``analysis.clauses``); questions, rhetoric,
    reporting frames and fragments give none (``is_claim``).
    """
    claims: list[Claim] = []
    for sentence in parsed.claim_sentences:
        span = parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or len(span) == 0 or not is_statement_sentence(sentence.text):
            continue
        relay = find_relay(sentence)
        for unit in split_clauses(span):
            if unit.pieces and is_claim(unit, span):
                claims.append(_claim(parsed, sentence, unit, relay, len(claims)))
    return tuple(claims)


def embed_claims(analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
    """The analyses with their claims embedded by the static model (``align.static_embed``).

    The static model is ~100 times faster than MiniLM and embeds each text on its own
    (bit-identical in any batch); alignment calls MiniLM only for the candidate pairs the
    static features leave undecided (``align.cluster``).
    """
    claims = [c for a in analyses for c in a.claims]
    vectors = iter(load_static_embedder().embed([c.statement for c in claims]))
    return [
        replace(a, claims=tuple(replace(c, vector=to_bytes(next(vectors))) for c in a.claims))
        for a in analyses
    ]


def _claim(
    parsed: ParsedArticle,
    sentence: Sentence,
    unit: ClauseUnit,
    relay: tuple[Mention, str] | None,
    number: int,
) -> Claim:
    text = parsed.article.text
    first, last = unit.pieces[0][0], unit.pieces[-1][1]
    attribution = None
    if unit.attribution is not None:
        tokens = parsed.doc[unit.attribution[0] : unit.attribution[1]]
        start, end = tokens.start_char, tokens.end_char
        attribution = Mention(sentence.document, start, end, text[start:end])
    return Claim(
        sentence=sentence,
        vector=b"",
        content=content_words(unit.text),
        negated=unit.negated,
        relay=relay[0] if relay else None,
        relay_origin=relay[1] if relay else None,
        id=f"{sentence.document}#c{number}",
        mention=Mention(sentence.document, first, last, text[first:last]),
        text=unit.text,
        pieces=unit.pieces,
        predicate=lemmatize(parsed.doc[unit.predicate]),
        subject=unit.subject,
        form=unit.form,
        modality=unit.modality,
        attribution=attribution,
    )
