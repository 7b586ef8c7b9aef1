"""The lead embedding model is a choice of the index (``CopyParams.lead_model``): the static
model gives stories too, and a store built with one model refuses the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.corpus.api import CorpusOptions, cluster_articles, open_index, run_on_index
from newsweave.corpus.params import CopyParams
from newsweave.errors import StateError
from tests.corpus.collection import collection

STATIC = CopyParams(lead_model="static")


def test_the_static_lead_model_finds_the_multi_article_stories() -> None:
    stories = {frozenset(s.documents) for s in cluster_articles(collection(), copy=STATIC).stories}
    assert frozenset({"flood-a", "flood-b"}) in stories
    assert any({"strike-wire", "strike-reprint", "strike-own"} <= s for s in stories)


def test_a_store_keeps_its_lead_model(tmp_path: Path) -> None:
    with open_index(tmp_path, STATIC) as index:
        run_on_index(index, collection()[:3], CorpusOptions(copy=STATIC))
    with pytest.raises(StateError, match="other settings \\(model\\)"), open_index(tmp_path):
        pass
