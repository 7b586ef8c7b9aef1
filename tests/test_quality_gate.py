"""Quality gate: scores on samples of the real evaluation data, with pinned floors.

Each floor is the score measured on the same sample when the stage landed (2026-11-24, see
docs/evaluation.md for the full-set figures), less a noise margin of QUALITY_MARGIN. Raise a
floor when a score rises; never lower one silently. Skipped where ../shared/data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from eval import conll_ner, polnear_quotes
from newsweave.analysis.nlp import load_nlp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
QUALITY_MARGIN = 0.02  # absolute; sample scores moved by < 0.01 across the day's changes
CONLL_SENTENCES = 600  # first 600 sentences of eng.testb (1,102 gold entities, ~3 s)
CONLL_F1_FLOOR = 0.58 - QUALITY_MARGIN  # sample 0.582; full test set 0.623
POLNEAR_ARTICLES = 12  # first 12 test articles (54 gold direct quotes, 5,862 words)
POLNEAR_CONTENT_RECALL_FLOOR = 0.98 - QUALITY_MARGIN  # sample 53/54; full set 0.990 (partial)
POLNEAR_SPEAKER_FLOOR = 0.75 - QUALITY_MARGIN  # sample 0.759; full set 0.803 (lenient, end to end)

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")


@needs_data
def test_entity_f1_on_conll_sample() -> None:
    sentences = list(conll_ner.read_conll(DATA / "conll2003-ner" / "eng.testb"))
    sentences = sentences[:CONLL_SENTENCES]
    nlp = load_nlp()
    docs = [Doc(nlp.vocab, words=words, spaces=[True] * len(words)) for words, _ in sentences]
    gold: conll_ner.Spans = set()
    predicted: conll_ner.Spans = set()
    for i, ((_, tags), doc) in enumerate(zip(sentences, nlp.pipe(docs), strict=True)):
        gold |= conll_ner.gold_spans(i, tags)
        predicted |= conll_ner.predicted_spans(i, doc, conll_ner.cleaned_span)
    f1 = conll_ner.score(gold, predicted)["overall"][2] / 100
    assert f1 >= CONLL_F1_FLOOR


@needs_data
def test_quotes_and_speakers_on_polnear_sample() -> None:
    items = polnear_quotes.load(DATA / "polnear", "test", POLNEAR_ARTICLES)
    polnear_quotes.predict_newsweave(items)
    scores = polnear_quotes.speaker_scores(items, statements_only=False)
    gold = sum(len(item.gold) for item in items)
    assert scores["matched"] / gold >= POLNEAR_CONTENT_RECALL_FLOOR
    assert scores["end_to_end_lenient"] >= POLNEAR_SPEAKER_FLOOR
