"""Briefs run one after another in one process, with the HNSW path and the process pool.

A second process-pool run used to crash its workers once the first run's alignment had used
usearch in the parent process (onnxruntime then segfaulted in the forked workers).
"""

from __future__ import annotations

from newsweave.align.params import AlignParams
from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.ingest import ReadResult
from newsweave.model import Article
from tests.builders import make_article

TEXTS = (
    "The city council approved the new harbour budget on Tuesday after a long debate.",
    "Council members voted 7 to 2 to approve the harbour budget, officials said.",
    "The harbour budget passed the city council on Tuesday by seven votes to two.",
)


def _articles(round_: int) -> list[Article]:
    return [
        make_article(text + f" Round {round_}.", id=f"r{round_}-{n}", outlet=f"Outlet {n}")
        for n, text in enumerate(TEXTS)
    ]


def test_process_pool_runs_again_after_the_hnsw_search() -> None:
    hnsw = AlignParams(exact_search_max_claims=1)  # force the approximate index
    for round_ in range(2):
        articles = _articles(round_)
        analyses = analyze(articles, BriefOptions(workers=2))
        brief = assemble_brief(analyses, ReadResult(tuple(articles), ()), hnsw)
        assert len(brief.documents) == len(TEXTS)
        assert any(len(f.outlets) > 1 for f in brief.facts)
