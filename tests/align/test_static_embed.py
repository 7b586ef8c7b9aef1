"""Static embeddings: unit rows, bit-identical whatever the batch, checked model files."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import numpy as np
import pytest

from newsweave.align.static_embed import (
    DIMENSIONS,
    RESOURCES,
    SCALES_FILE,
    TOKENIZER_FILE,
    StaticEmbedder,
    load_static_embedder,
)
from newsweave.errors import ModelUnavailableError

# Written for these tests: pairs of reports of one event, then sentences about other things.
PAIRS = (
    (
        "The central bank raised its main interest rate by a quarter point on Wednesday.",
        "On Wednesday the central bank lifted its benchmark rate by 0.25 percentage points.",
    ),
    (
        "Firefighters contained the wildfire after it burned 4,000 acres near the town.",
        "Crews brought the blaze under control once it had scorched 4,000 acres close to town.",
    ),
    (
        "The striking nurses agreed to return to work after a new pay deal was reached.",
        "Nurses on strike will go back to their hospitals following agreement on a pay deal.",
    ),
)
UNRELATED = (
    "The museum reopened its modern art wing after two years of renovation.",
    "The football club signed a young striker from a second-division team.",
    "Heavy snow closed the mountain pass for most of the weekend.",
)


def test_rows_are_unit_length_float32_in_input_order() -> None:
    texts = [PAIRS[0][0], "Short.", "", UNRELATED[0] * 30]
    rows = load_static_embedder().embed(texts)
    assert rows.shape == (4, DIMENSIONS)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows[[0, 1, 3]], axis=1), 1.0, atol=1e-5)
    assert not rows[2].any()  # no word piece: a zero row
    assert load_static_embedder().embed([]).shape == (0, DIMENSIONS)


def test_a_text_gets_the_same_bits_alone_and_in_any_batch() -> None:
    embedder = load_static_embedder()
    texts = [text for pair in PAIRS for text in pair] + list(UNRELATED)
    # Same-length texts are embedded together, so add texts of exactly one target's length.
    target = texts[1]
    twins = [" ".join(["word"] * len(embedder.token_ids(target)))] * 5
    alone = np.stack([embedder.embed([text])[0] for text in texts])
    together = embedder.embed(texts)
    shuffled_order = list(reversed(range(len(texts))))
    shuffled = embedder.embed([texts[i] for i in shuffled_order] + twins)
    assert alone.tobytes() == together.tobytes()
    assert shuffled[: len(texts)].tobytes() == together[shuffled_order].tobytes()
    repeated = embedder.embed(twins + [target] * 300 + twins)
    assert all(row.tobytes() == alone[1].tobytes() for row in repeated[5:305])


def test_reports_of_one_event_are_closer_than_unrelated_sentences() -> None:
    embedder = load_static_embedder()
    for first, second in PAIRS:
        rows = embedder.embed([first, second, *UNRELATED])
        same = float(rows[0] @ rows[1])
        assert all(same > float(rows[0] @ other) + 0.15 for other in rows[2:])
    # The other event's report ranks below the paraphrase too.
    rows = embedder.embed([PAIRS[0][0], PAIRS[0][1], PAIRS[1][0], PAIRS[2][1]])
    assert rows[0] @ rows[1] > max(rows[0] @ rows[2], rows[0] @ rows[3])


def test_a_damaged_file_is_named_in_the_error(tmp_path: Path) -> None:
    folder = tmp_path / "static"
    shutil.copytree(RESOURCES, folder)
    damaged = folder / SCALES_FILE
    data = bytearray(damaged.read_bytes())
    data[-1] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(ModelUnavailableError, match=r"scales\.npy: checksum mismatch"):
        StaticEmbedder.from_directory(folder)
    shutil.copy(RESOURCES / SCALES_FILE, damaged)
    (folder / TOKENIZER_FILE).unlink()
    with pytest.raises(ModelUnavailableError, match=r"tokenizer\.json: .*missing"):
        StaticEmbedder.from_directory(folder)


def test_the_shipped_files_load_from_a_copy(tmp_path: Path) -> None:
    folder = tmp_path / "static"
    shutil.copytree(RESOURCES, folder)
    copy = StaticEmbedder.from_directory(folder)
    text = PAIRS[2][0]
    assert copy.embed([text]).tobytes() == load_static_embedder().embed([text]).tobytes()


def _embed_in_child(text: str) -> bytes:
    return load_static_embedder().embed([text]).tobytes()


def test_a_forked_worker_gives_the_parents_bits() -> None:
    text = PAIRS[1][1]
    parent = load_static_embedder().embed([text]).tobytes()  # loaded before the fork
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_embed_in_child, (text,)) == parent
