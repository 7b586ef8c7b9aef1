"""Quality gate for cross-document alignment: one ECB+ test topic through the real pipeline.

The whole topic (both sub-topics: two similar but different events) is read as one story; the
pairwise F1 of the aligned sentences against the gold cross-document event coreference
(eval/align_pairs.py) must stay above a floor pinned from the measured score less a noise
margin. Raise the floor when the score rises; never lower it silently. Skipped where
../shared/data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.align_pairs import analyse_groups, newsweave_pairs, score_pairs
from eval.ecbplus_data import gold_pairs, load_ecbplus
from newsweave.align.params import AlignParams

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# A small test topic with enough aligned pairs to notice a change: 20 documents, 3,525 words,
# 505 gold sentence pairs, ~8 s here. (Topic 38 is smaller but newsweave finds only 18 of its
# pairs, too few for a floor.)
GATE_TOPIC = 45
GATE_GOLD_PAIRS = 505
ALIGN_MARGIN = 0.03  # absolute; ~15 of the ~100 predicted pairs, more than commits moved it
# Measured 2026-11-24 with the final issue-3 defaults (min score 0.75): P 0.808, R 0.192,
# F1 0.310 (ECB+ test 36-45: F1 0.201, docs/evaluation.md).
ALIGN_F1_FLOOR = 0.31 - ALIGN_MARGIN

needs_data = pytest.mark.skipif(
    not (DATA / "ecbplus").is_dir(), reason="../shared/data/ecbplus is not present"
)


@needs_data
def test_pair_f1_on_one_ecbplus_test_topic() -> None:
    docs = load_ecbplus(DATA, [GATE_TOPIC])
    predicted = newsweave_pairs(docs, analyse_groups(docs, workers=1), AlignParams())
    score = score_pairs(predicted, gold_pairs(docs))
    assert score.gold == GATE_GOLD_PAIRS  # the data (or its reading) changed: re-measure
    assert score.f1 >= ALIGN_F1_FLOOR
