"""newsweave's library API: the one entry point that the CLI, web app and HTTP API adapt.

>>> from newsweave.api import BriefOptions
>>> BriefOptions(workers=0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
newsweave.errors.OptionsError: workers must be at least 1 (got 0); leave it unset ...
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from newsweave.align.facts import align_story
from newsweave.align.params import AlignParams
from newsweave.analysis.entities import canonicalize
from newsweave.analysis.language import ENGLISH, UNDETERMINED, detect_language
from newsweave.engine import ProgressFn, analyze_on, prepare_models
from newsweave.errors import InputError, OptionsError
from newsweave.execution import Executor, open_executor
from newsweave.facts import build_timeline
from newsweave.ingest import ReadOptions, ReadResult, read_inputs
from newsweave.model import Article, ArticleAnalysis, Brief, CopyRelation, Rejected
from newsweave.pipeline import DEFAULT_STAGES
from newsweave.resolve import resolve_speakers

# Below this many words one process is as fast as two: a forked worker (sharing the loaded
# model) starts in ~50 ms, while one process parses ~3,000 words/s on this 2-core machine, so
# from ~2,000 words (0.6 s) splitting the work saves more than the fork costs. Measured with
# bench/bench_brief.py: the five seed articles (5,081 words) take 0.9 s on two processes
# against 1.6 s on one.
PARALLEL_MIN_WORDS = 2_000
# Articles past which a brief says to use corpus mode: a breaking story's coverage runs to tens
# of articles, a big one to a few hundred (bench/bench_story.py briefs 500 in ~2 minutes).
STORY_MAX_ARTICLES = 500
# Article ids a warning names at most (the rest are counted): a warning stays one readable line.
WARNING_IDS_MAX = 10


@dataclass(frozen=True, slots=True)
class BriefOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    stages: tuple[str, ...] = DEFAULT_STAGES
    workers: int | None = None  # None: one process for small inputs, every core for large ones
    # where the analysis runs when the caller already has an executor (a Dask cluster's);
    # None: one opened for the run by ``workers``
    executor: Executor | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise OptionsError(
                f"workers must be at least 1 (got {self.workers}); "
                "leave it unset to choose by input size"
            )


def choose_workers(articles: Sequence[Article], workers: int | None) -> int | None:
    """Processes for the analysis: this one for small inputs or when asked, else a pool
    (``workers`` of them; None: one per core)."""
    if workers is None and sum(len(a.text.split()) for a in articles) < PARALLEL_MIN_WORDS:
        return 1
    return workers


def analyze(
    articles: Sequence[Article],
    options: BriefOptions = BriefOptions(),
    progress: ProgressFn | None = None,
) -> tuple[ArticleAnalysis, ...]:
    """Run the per-article pipeline over ``articles`` (results in input order)."""
    if options.executor is not None:
        return tuple(analyze_on(options.executor, articles, options.stages, progress))
    workers = choose_workers(articles, options.workers)
    prepare = functools.partial(prepare_models, options.stages)
    with open_executor(workers, prepare) as executor:
        return tuple(analyze_on(executor, articles, options.stages, progress))


def undated_warning(articles: Sequence[Article]) -> tuple[str, ...]:
    """A warning naming the articles whose relative dates could not be resolved."""
    undated = [a.id for a in articles if a.published is None]
    if not undated:
        return ()
    named = ", ".join(undated[:WARNING_IDS_MAX])
    if len(undated) > WARNING_IDS_MAX:
        named += f" and {len(undated) - WARNING_IDS_MAX:,} more"
    return (
        f"{len(undated)} of {len(articles)} articles have no publication date "
        f'({named}): their relative dates ("next week", "on Thursday") are '
        "left out; give one with --published or a NAME.meta.json sidecar",
    )


def assemble_brief(
    analyses: Sequence[ArticleAnalysis],
    read: ReadResult,
    params: AlignParams = AlignParams(),
    copies: Sequence[CopyRelation] = (),
) -> Brief:
    """Resolve entities and speakers across articles, align facts, build the timeline.

    ``copies`` are copy relations verified beforehand (corpus mode), counted in independence.
    """
    index = canonicalize([m for a in analyses for m in a.entity_mentions])
    quotes = resolve_speakers((q for a in analyses for q in a.quotes), index)
    story = align_story(analyses, index, quotes, params, copies)
    return Brief(
        documents=read.articles,
        rejected=read.rejected,
        sentences=tuple(s for a in analyses for s in a.sentences),
        entities=index.entities,
        quotes=story.quotes,
        figures=tuple(f for a in analyses for f in a.figures),
        dates=tuple(d for a in analyses for d in a.dates),
        facts=story.facts,
        claims=story.claims,
        timeline=build_timeline(analyses, story.facts),
        sources=story.sources,
        warnings=(
            *read.warnings,
            *undated_warning(read.articles),
            *language_warning(read.articles),
            *collection_warning(read.articles),
        ),
    )


def canonical_order(read: ReadResult) -> ReadResult:
    """Articles by id and rejections by source: the same inputs in any order give the same
    brief, byte for byte (ids are unique within a run, see ``newsweave.ingest``)."""
    return replace(
        read,
        articles=tuple(sorted(read.articles, key=lambda a: a.id)),
        rejected=tuple(sorted(read.rejected, key=lambda r: (r.source, r.reason.value, r.detail))),
        warnings=tuple(sorted(read.warnings)),
    )


def brief(
    specs: Sequence[str],
    options: BriefOptions = BriefOptions(),
    *,
    stdin: BinaryIO | None = None,
    progress: ProgressFn | None = None,
) -> Brief:
    """Read articles about one story and return their cross-checked brief.

    Raises ``InputError`` when no input gave a usable article; otherwise every rejected input
    is listed in ``Brief.rejected`` and the rest are analysed.
    """
    read = canonical_order(read_inputs(specs, options.read, stdin=stdin))
    if not read.articles:
        raise nothing_usable(read.rejected)
    return brief_of(read, options, progress)


def nothing_usable(rejected: Sequence[Rejected], empty: str = "no inputs given") -> InputError:
    """The error of a run that read no usable article, naming the first reasons."""
    reasons = "; ".join(r.describe() for r in rejected[:3]) or empty
    return InputError(f"no usable article in the input ({reasons})")


def brief_of(
    read: ReadResult,
    options: BriefOptions = BriefOptions(),
    progress: ProgressFn | None = None,
    copies: Sequence[CopyRelation] = (),
) -> Brief:
    """The brief of articles already read: languages detected, English ones analysed, then
    aligned. ``brief`` and corpus mode's story briefs both go through here, in one order."""
    read = with_languages(canonical_order(read))
    english = [a for a in read.articles if is_analysed(a)]
    analysed = {a.article.id: a for a in analyze(english, options, progress)}
    analyses = [analysed.get(a.id) or unanalysed(a) for a in read.articles]
    return assemble_brief(analyses, read, copies=copies)


def with_languages(read: ReadResult) -> ReadResult:
    """The articles with their detected language (``analysis.language``)."""
    articles = tuple(replace(a, language=detect_language(a.text)) for a in read.articles)
    return replace(read, articles=articles)


def is_analysed(article: Article) -> bool:
    """English articles (and those too short to tell) are analysed; the pipeline is English-only."""
    return article.language in (None, ENGLISH, UNDETERMINED)


def unanalysed(article: Article) -> ArticleAnalysis:
    """An article kept in the brief's documents with nothing extracted: no claim, no count."""
    return ArticleAnalysis(article, (), (), (), (), ())


def collection_warning(articles: Sequence[Article]) -> tuple[str, ...]:
    """A pointer to corpus mode when a brief is given more articles than a story holds."""
    if len(articles) <= STORY_MAX_ARTICLES:
        return ()
    return (
        f"{len(articles):,} articles are more than one story usually holds: `newsweave cluster` "
        "groups a collection into stories and `newsweave brief --corpus --all` briefs each",
    )


def language_warning(articles: Sequence[Article]) -> tuple[str, ...]:
    """A warning naming the articles left out of the analysis for their language."""
    others = [a for a in articles if not is_analysed(a)]
    if not others:
        return ()
    named = ", ".join(f"{a.id} ({a.language})" for a in others)
    return (
        f"{len(others)} of {len(articles)} articles are not in English and were left out of "
        f"claims, facts and counts ({named}): newsweave analyses English only for now",
    )
