"""The per-article analysis pipeline: stages with declared contracts, checked once when built.

A stage reads a ``ParsedArticle`` and the ``ArticleAnalysis`` built so far, and returns the
analysis with the one field it assigns filled in. ``build_pipeline`` checks that every stage's
requirements are assigned by an earlier stage (as spaCy's ``analyze_pipes`` does).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsweave.align.claims import embed_claims, extract_claims
from newsweave.analysis.dates import extract_dates
from newsweave.analysis.entities import extract_entity_mentions
from newsweave.analysis.figures import extract_figures
from newsweave.analysis.parse import parse_articles
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.quotes import extract_quotes
from newsweave.errors import OptionsError
from newsweave.model import Article, ArticleAnalysis, EntityType

# Articles whose claims are embedded together: four cut padding from 55% to 20% of the tokens
# (120 allsides articles); more delays progress reports for little gain.
EMBED_BATCH_ARTICLES = 4

StageFn = Callable[[ParsedArticle, ArticleAnalysis], ArticleAnalysis]


@dataclass(frozen=True, slots=True)
class Stage:
    """One per-article stage: what it needs, the one field it fills, and how."""

    name: str
    requires: frozenset[str]
    assigns: str
    run: StageFn


def _entities(parsed: ParsedArticle, done: ArticleAnalysis) -> ArticleAnalysis:
    return dataclasses.replace(done, entity_mentions=extract_entity_mentions(parsed))


def _quotes(parsed: ParsedArticle, done: ArticleAnalysis) -> ArticleAnalysis:
    people = [m for m in done.entity_mentions if m.type is EntityType.PERSON]
    return dataclasses.replace(done, quotes=extract_quotes(parsed, people))


def _figures(parsed: ParsedArticle, done: ArticleAnalysis) -> ArticleAnalysis:
    return dataclasses.replace(done, figures=extract_figures(parsed))


def _dates(parsed: ParsedArticle, done: ArticleAnalysis) -> ArticleAnalysis:
    return dataclasses.replace(done, dates=extract_dates(parsed))


def _claims(parsed: ParsedArticle, done: ArticleAnalysis) -> ArticleAnalysis:
    return dataclasses.replace(done, claims=extract_claims(parsed))


# The registry: a plain literal, so "go to definition" works. "sentences" is assigned by parsing.
STAGES: dict[str, Stage] = {
    "entities": Stage("entities", frozenset({"sentences"}), "entity_mentions", _entities),
    "quotes": Stage("quotes", frozenset({"sentences", "entity_mentions"}), "quotes", _quotes),
    "figures": Stage("figures", frozenset({"sentences"}), "figures", _figures),
    "dates": Stage("dates", frozenset({"sentences"}), "dates", _dates),
    "claims": Stage("claims", frozenset({"sentences"}), "claims", _claims),
}
DEFAULT_STAGES = ("entities", "quotes", "figures", "dates", "claims")


@dataclass(frozen=True, slots=True)
class Pipeline:
    stages: tuple[Stage, ...]

    def analyze(self, parsed: ParsedArticle) -> ArticleAnalysis:
        return self._finish([self._run_stages(parsed)])[0]

    def _run_stages(self, parsed: ParsedArticle) -> ArticleAnalysis:
        done = ArticleAnalysis(parsed.article, parsed.sentences, (), (), (), ())
        for stage in self.stages:
            done = stage.run(parsed, done)
        return done

    def _finish(self, analyses: list[ArticleAnalysis]) -> list[ArticleAnalysis]:
        """Steps over several articles at once: embedding their claims together."""
        if any(stage.name == "claims" for stage in self.stages):
            return embed_claims(analyses)
        return analyses

    def analyze_all(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        buffer: list[ArticleAnalysis] = []
        for parsed in parse_articles(articles):
            buffer.append(self._run_stages(parsed))
            if len(buffer) >= EMBED_BATCH_ARTICLES:
                yield from self._finish(buffer)
                buffer = []
        if buffer:
            yield from self._finish(buffer)


def build_pipeline(names: Sequence[str] = DEFAULT_STAGES) -> Pipeline:
    """Build a pipeline, checking names and that each stage's inputs come before it."""
    assigned = {"sentences"}
    stages = []
    for name in names:
        stage = STAGES.get(name)
        if stage is None:
            raise OptionsError(f"unknown stage {name!r}; choose from {', '.join(STAGES)}")
        missing = stage.requires - assigned
        if missing:
            raise OptionsError(
                f"stage {name!r} needs {', '.join(sorted(missing))} from an earlier stage"
            )
        assigned.add(stage.assigns)
        stages.append(stage)
    return Pipeline(tuple(stages))
