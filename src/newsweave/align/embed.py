"""Sentence embeddings: all-MiniLM-L6-v2 on onnxruntime, mean-pooled and unit-length.

Texts are embedded in batches of similar length (sorted by length), so padding costs little.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsweave.align.model_store import TOKENIZER_PATH, prepared_model_path

if TYPE_CHECKING:
    import onnxruntime as ort
    from tokenizers import Tokenizer

DIMENSIONS = 384  # all-MiniLM-L6-v2's output size
# all-MiniLM-L6-v2 was trained on pairs of up to 128 word pieces; its model card says longer
# input is cut. News sentences average ~35 pieces, so few are cut.
MAX_TOKENS = 128
# Sentences per onnxruntime call: 32 keeps a batch's padding small once sorted by length; 16
# and 64 were within 3% on the seed sentences (bench/bench_embed.py).
BATCH_SIZE = 32

Vectors = npt.NDArray[np.float32]


class Embedder:
    """Embeds sentences with one onnxruntime session (``threads`` intra-op threads)."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        self._session: ort.InferenceSession = ort.InferenceSession(
            str(prepared_model_path()), options, providers=["CPUExecutionProvider"]
        )
        tokenizer: Tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text, in input order (zeros for an empty sequence)."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for begin in range(0, len(order), BATCH_SIZE):
            rows = order[begin : begin + BATCH_SIZE]
            result[rows] = self._embed_batch([texts[i] for i in rows])
        return result

    def _embed_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: Vectors = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


@functools.cache
def load_embedder(threads: int | None = None) -> Embedder:
    """One embedder per process and thread count (workers of a pool pass ``threads=1``)."""
    return Embedder(threads)


def to_bytes(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(rows: Sequence[bytes]) -> Vectors:
    """Stack float32 byte strings (one per claim) into a matrix."""
    if not rows:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.frombuffer(b"".join(rows), dtype=np.float32).reshape(len(rows), DIMENSIONS)
