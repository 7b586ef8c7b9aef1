"""Pipeline contracts and engines."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from newsweave.align.embed import from_bytes
from newsweave.engine import analyze_on, prepare_models
from newsweave.errors import OptionsError
from newsweave.execution import open_executor
from newsweave.model import ArticleAnalysis
from newsweave.pipeline import DEFAULT_STAGES, build_pipeline
from tests.builders import make_article

TEXTS = [
    'Port officials said on Monday that about 1,200 workers had joined the strike. "We will '
    'stay out until the contract is signed," union leader Ines Barrow told reporters.',
    "The harbour authority estimated losses of $4 million a day. Talks resume next week.",
    "Shipping firm Corvane Lines rerouted 14 vessels to the northern terminal on Tuesday.",
]


def test_default_pipeline_builds() -> None:
    assert [s.name for s in build_pipeline().stages] == list(DEFAULT_STAGES)


def test_stage_order_is_checked_when_built() -> None:
    with pytest.raises(OptionsError, match="needs entity_mentions"):
        build_pipeline(["quotes", "entities"])


def test_unknown_stage_lists_the_choices() -> None:
    with pytest.raises(OptionsError, match="choose from entities, quotes, figures, dates"):
        build_pipeline(["entities", "sentiment"])


def test_a_partial_pipeline_leaves_other_fields_empty() -> None:
    analysis = build_pipeline(["figures"]).analyze_all([make_article(TEXTS[0])])
    result = next(analysis)
    assert result.figures and not result.quotes and not result.entity_mentions


# Cosine between one sentence's vectors embedded in different batches: 0.989 at worst seen.
VECTOR_AGREEMENT = 0.98


def _without_vectors(analysis: ArticleAnalysis) -> ArticleAnalysis:
    return dataclasses.replace(
        analysis, claims=tuple(dataclasses.replace(c, vector=b"") for c in analysis.claims)
    )


def test_a_process_pool_gives_the_same_results_in_the_same_order() -> None:
    articles = [make_article(t, id=f"a{i}") for i, t in enumerate(TEXTS)]
    with open_executor(1) as here:
        local = list(analyze_on(here, articles, DEFAULT_STAGES, None))
    seen: list[int] = []
    with open_executor(2, lambda: prepare_models(DEFAULT_STAGES)) as pool:
        pooled = list(analyze_on(pool, articles, DEFAULT_STAGES, lambda d, _t: seen.append(d)))
    assert [_without_vectors(a) for a in pooled] == [_without_vectors(a) for a in local]
    # int8 dynamic quantisation scales activations per batch, and the engines batch differently:
    # vectors agree closely, not bit for bit.
    for p, q in zip(pooled, local, strict=True):
        a, b = from_bytes([c.vector for c in p.claims]), from_bytes([c.vector for c in q.claims])
        assert len(a) == len(b) > 0
        assert float(np.min(np.sum(a * b, axis=1))) > VECTOR_AGREEMENT
    assert seen[-1] == len(articles)
