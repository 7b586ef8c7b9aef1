"""Sentence embeddings: unit rows in input order, paraphrases closer than unrelated sentences."""

from __future__ import annotations

from typing import Any

import numpy as np

from newsweave.align.embed import DIMENSIONS, from_bytes, load_embedder, to_bytes

CALL = "The two presidents spoke by phone for two and a half hours on Thursday."
PARAPHRASE = "Thursday's telephone conversation between the two leaders lasted about 150 minutes."
UNRELATED = "The city council approved a new budget for public parks and libraries."


def test_a_paraphrase_ranks_above_an_unrelated_sentence() -> None:
    rows = load_embedder().embed([CALL, PARAPHRASE, UNRELATED])
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.3


def test_rows_are_unit_length_and_in_input_order() -> None:
    texts = [UNRELATED, "Short.", CALL, "", PARAPHRASE * 8]  # the last is cut at 128 pieces
    rows = load_embedder().embed(texts)
    assert rows.shape == (5, DIMENSIONS)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    alone = load_embedder().embed([CALL])[0]
    assert rows[2].tobytes() == alone.tobytes()
    assert float(rows[0] @ alone) < 0.5


def test_a_sentence_gets_the_same_bits_alone_and_in_any_batch() -> None:
    # The int8 graph scales its activations per run: each text runs alone, without padding,
    # so the others never move its vector.
    texts = [CALL, "Short.", UNRELATED, PARAPHRASE * 3, "", PARAPHRASE]
    alone = [load_embedder().embed([text])[0].tobytes() for text in texts]
    together = load_embedder().embed(texts)
    backwards = load_embedder().embed(texts[::-1] + [UNRELATED * 4] * 3)
    assert [row.tobytes() for row in together] == alone
    assert [row.tobytes() for row in backwards[: len(texts)]] == alone[::-1]


def test_the_thread_count_does_not_change_the_bits() -> None:
    texts = [CALL, PARAPHRASE, UNRELATED]
    one = load_embedder(1).embed(texts)
    two = load_embedder(2).embed(texts)
    assert one.tobytes() == two.tobytes()


def test_embedding_nothing_gives_an_empty_matrix() -> None:
    rows = load_embedder().embed([])
    assert rows.shape == (0, DIMENSIONS)


def test_vectors_round_trip_through_bytes() -> None:
    rows = load_embedder().embed([CALL, UNRELATED])
    back = from_bytes([to_bytes(row) for row in rows])
    np.testing.assert_array_equal(back, rows)
    assert from_bytes([]).shape == (0, DIMENSIONS)


def test_a_repeated_text_is_run_once_and_gets_its_own_row_each_time() -> None:
    embedder = load_embedder()
    runs: list[str] = []
    run_one = embedder._embed_one

    def counted(text: str) -> Any:
        runs.append(text)
        return run_one(text)

    embedder._embed_one = counted  # type: ignore[method-assign]
    try:
        rows = embedder.embed([CALL, UNRELATED, CALL, CALL])
    finally:
        del embedder._embed_one
    assert sorted(runs) == sorted([CALL, UNRELATED])
    assert rows.shape == (4, DIMENSIONS)
    alone = embedder.embed([CALL])[0].tobytes()
    assert [rows[i].tobytes() for i in (0, 2, 3)] == [alone] * 3
