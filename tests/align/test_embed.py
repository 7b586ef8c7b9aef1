"""Sentence embeddings: unit rows in input order, paraphrases closer than unrelated sentences."""

from __future__ import annotations

import numpy as np

from newsweave.align.embed import DIMENSIONS, from_bytes, load_embedder, to_bytes

CALL = "The two presidents spoke by phone for two and a half hours on Thursday."
PARAPHRASE = "Thursday's telephone conversation between the two leaders lasted about 150 minutes."
UNRELATED = "The city council approved a new budget for public parks and libraries."


def test_a_paraphrase_ranks_above_an_unrelated_sentence() -> None:
    rows = load_embedder().embed([CALL, PARAPHRASE, UNRELATED])
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.3


def test_rows_are_unit_length_and_in_input_order() -> None:
    texts = [UNRELATED, "Short.", CALL, "", PARAPHRASE * 8]  # mixed lengths are sorted inside
    rows = load_embedder().embed(texts)
    assert rows.shape == (5, DIMENSIONS)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    # Dynamic int8 quantisation scales activations per batch, so a row moves slightly with the
    # other texts of its batch (about 0.01 of cosine), never further.
    alone = load_embedder().embed([CALL])[0]
    assert float(rows[2] @ alone) > 0.98
    assert float(rows[0] @ alone) < 0.5


def test_embedding_nothing_gives_an_empty_matrix() -> None:
    rows = load_embedder().embed([])
    assert rows.shape == (0, DIMENSIONS)


def test_vectors_round_trip_through_bytes() -> None:
    rows = load_embedder().embed([CALL, UNRELATED])
    back = from_bytes([to_bytes(row) for row in rows])
    np.testing.assert_array_equal(back, rows)
    assert from_bytes([]).shape == (0, DIMENSIONS)
