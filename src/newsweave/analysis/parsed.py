"""The input of every per-article extraction stage."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsweave.model import Article, Sentence, SentenceKind


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article with its spaCy parse (over the whole ``article.text``) and its segments.

    ``doc`` token offsets (``token.idx``) are offsets into ``article.text``.
    Stages analyse only ``claim_sentences`` (headings, bylines, boilerplate are excluded) unless
    they say otherwise.
    """

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]

    @property
    def claim_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind is SentenceKind.CLAIM)
