"""Static sentence embeddings: all-MiniLM-L6-v2 distilled to one vector per word piece.

The model (``resources/static/``, made by ``scripts/distill_static.py`` with model2vec) holds a
256-dimensional vector for each word piece of MiniLM's vocabulary: what MiniLM outputs for that
piece alone, reduced by PCA and weighted down for frequent pieces. A text's vector is the mean
of its pieces' vectors, scaled to unit length, as model2vec's own ``StaticModel.encode`` does:
pieces from the shipped tokenizer without special tokens, ``[UNK]`` pieces dropped, at most
512 pieces. It needs numpy and tokenizers only, and embeds ~70x faster than MiniLM on one core
(``bench/bench_static_embed.py``), at some cost in agreement (docs/benchmarks.md).

A text's vector comes from the same float32 operations in the same order whatever other texts
are embedded with it, so it is bit-identical alone, in any batch and order, in any process. A text
with no known piece (the empty string) gets a zero row. The files are checked against their
sha256 when loaded; ``load_static_embedder`` loads them once per process, and processes forked
after loading share the matrix copy-on-write (tokenizing uses no thread pool, so nothing is
left locked across a fork).
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsweave.errors import ModelUnavailableError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

DIMENSIONS = 256
# model2vec's default limit: pieces past the 512th are cut (claim sentences have ~35).
MAX_TOKENS = 512
# Texts of one length embedded together: bounds the gathered array at CHUNK x length x 1 KiB.
CHUNK = 256
RESOURCES = Path(__file__).parent / "resources" / "static"
EMBEDDINGS_FILE = "embeddings.npy"  # int8, one row per piece id
SCALES_FILE = "scales.npy"  # float32, one per row: vector = row * scale
TOKENIZER_FILE = "tokenizer.json"
# sha256 of each file written by scripts/distill_static.py (also in resources/static/PROVENANCE.md)
CHECKSUMS: Mapping[str, str] = {
    EMBEDDINGS_FILE: "3c5a231c319c553fbaee239757cae0b59bedc3cc1972284187d0c29bbe5bac31",
    SCALES_FILE: "11823f4a2c26ee0b8eaee8ca69722b86cf85f3968e57097fec3959f20a3aae2e",
    TOKENIZER_FILE: "dd33465341c98889c3338356b6200c8b232b89af5f1b7aa8e6ee1d4d7a699631",
}

Vectors = npt.NDArray[np.float32]


def _verified_bytes(path: Path, expected: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelUnavailableError(
            f"{path}: static embedding model file missing or unreadable ({error}); "
            "reinstall newsweave"
        ) from error
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ModelUnavailableError(
            f"{path}: checksum mismatch (sha256 {actual}, expected {expected}); the static "
            "embedding model file is damaged or was replaced: reinstall newsweave (after "
            "re-running scripts/distill_static.py, update CHECKSUMS in align/static_embed.py)"
        )
    return data


def _load_array(data: bytes, path: Path) -> npt.NDArray[np.generic]:
    try:
        array: npt.NDArray[np.generic] = np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError as error:
        raise ModelUnavailableError(f"{path}: not a readable .npy array ({error})") from error
    return array


class StaticEmbedder:
    """Mean of the word pieces' static vectors, unit length; see the module's docstring."""

    def __init__(self, vectors: Vectors, tokenizer: Tokenizer) -> None:
        if vectors.ndim != 2 or vectors.dtype != np.float32:
            raise ValueError("vectors must be a float32 matrix, one row per token id")
        if tokenizer.get_vocab_size() != len(vectors):
            raise ValueError(
                f"the tokenizer has {tokenizer.get_vocab_size()} pieces, "
                f"the matrix {len(vectors)} rows"
            )
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._vectors = vectors
        self._vectors.flags.writeable = False
        self._tokenizer = tokenizer
        self._unknown = tokenizer.token_to_id("[UNK]")

    @classmethod
    def from_directory(
        cls, folder: Path = RESOURCES, checksums: Mapping[str, str] = CHECKSUMS
    ) -> StaticEmbedder:
        """Load the three files of ``folder``, each checked against its sha256 first."""
        from tokenizers import Tokenizer

        files = {name: folder / name for name in (EMBEDDINGS_FILE, SCALES_FILE, TOKENIZER_FILE)}
        data = {name: _verified_bytes(path, checksums[name]) for name, path in files.items()}
        rows = _load_array(data[EMBEDDINGS_FILE], files[EMBEDDINGS_FILE])
        scales = _load_array(data[SCALES_FILE], files[SCALES_FILE])
        if rows.ndim != 2 or scales.shape != (len(rows),):
            raise ModelUnavailableError(
                f"{files[SCALES_FILE]}: shape {scales.shape} does not fit {rows.shape} rows"
            )
        vectors: Vectors = rows.astype(np.float32)
        vectors *= scales.astype(np.float32)[:, None]
        tokenizer = Tokenizer.from_str(data[TOKENIZER_FILE].decode("utf-8"))
        return cls(vectors, tokenizer)

    @property
    def dimensions(self) -> int:
        return int(self._vectors.shape[1])

    def token_ids(self, text: str) -> list[int]:
        """The word pieces of ``text`` that have a vector ([UNK] dropped), at most 512."""
        ids: list[int] = self._tokenizer.encode(text, add_special_tokens=False).ids
        return [i for i in ids if i != self._unknown]

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit-length float32 row per text, in input order (zeros for a text with no piece)."""
        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        pieces = [self.token_ids(text) for text in texts]
        for row, ids in enumerate(pieces):
            if ids:
                by_length.setdefault(len(ids), []).append(row)
        for length, rows in by_length.items():
            for begin in range(0, len(rows), CHUNK):
                chunk = rows[begin : begin + CHUNK]
                matrix = np.array([pieces[row] for row in chunk], dtype=np.int64)
                result[chunk] = self._mean_unit(self._vectors[matrix], length)
        return result

    @staticmethod
    def _mean_unit(gathered: Vectors, length: int) -> Vectors:
        """Unit mean over axis 1 of ``gathered`` (texts x pieces x dimensions).

        The sum runs down the pieces axis, which is not the innermost: numpy adds each text's
        piece vectors one after another, in order, whatever the number of texts (a reduction
        along the innermost axis would be pairwise and grouped by the array's shape). The norm
        is a reduction over one row of ``DIMENSIONS`` values, the same for every row.
        """
        sums = np.add.reduce(gathered, axis=1) + np.float32(0.0)  # -0.0 -> +0.0
        means = sums / np.float32(length)
        norms = np.sqrt(np.add.reduce(means * means, axis=1))
        unit: Vectors = means / np.maximum(norms, np.float32(1e-12))[:, None]
        return unit


@functools.cache
def load_static_embedder() -> StaticEmbedder:
    """The shipped static model, loaded and checked once per process."""
    return StaticEmbedder.from_directory()
