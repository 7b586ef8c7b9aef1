"""Sentence embeddings: all-MiniLM-L6-v2 on onnxruntime, mean-pooled and unit-length.

Each text is embedded in its own onnxruntime run, without padding. The int8 graph quantises its
activations dynamically, with one scale per tensor computed from the tensor itself, so in a
padded batch a sentence's vector moved with the other sentences and the padding beside it
(cosine to itself alone down to 0.985 on the seeds), and a brief's bytes depended on input
order and worker count. Alone, a text's vector depends on the text only: bit-identical in any
batch, order, process or thread count (``tests/align/test_embed.py``). On one core, one run per
sentence costs 3-6% more CPU time than the length-sorted padded batches of 32 used before (the
padding it saves nearly pays for the extra runs). With more threads each run is single-threaded
and the threads take sentences side by side, which parallelises better than splitting each
small matrix product: 28% less time than the batches on two threads (500 seed sentences,
``bench/bench_static_embed.py --part batch``; docs/benchmarks.md).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
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

Vectors = npt.NDArray[np.float32]


class Embedder:
    """Embeds sentences with one onnxruntime session, ``threads`` sentences at a time."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._threads = threads or os.cpu_count() or 1
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # concurrency comes from running sentences side by side
        options.inter_op_num_threads = 1
        self._session: ort.InferenceSession = ort.InferenceSession(
            str(prepared_model_path()), options, providers=["CPUExecutionProvider"]
        )
        tokenizer: Tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text, in input order (zeros for an empty sequence).

        A text's vector depends on the text alone (see above), so each distinct text is run
        once: wire copies repeat whole claims (a quarter of the claims MiniLM is asked for on
        examples/story are repeats).
        """
        distinct = list(dict.fromkeys(texts))
        rows = self._embed_distinct(distinct)
        if len(distinct) == len(texts):
            return rows
        row_of = {text: row for row, text in enumerate(distinct)}
        repeated: Vectors = rows[[row_of[text] for text in texts]]
        return repeated

    def _embed_distinct(self, texts: Sequence[str]) -> Vectors:
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if self._threads == 1 or len(texts) < 2:
            for row, text in enumerate(texts):
                result[row] = self._embed_one(text)
            return result
        # onnxruntime releases the GIL while it runs. The pool lives for this call only, so no
        # thread is left running when a caller forks its workers.
        with ThreadPoolExecutor(min(self._threads, len(texts))) as pool:
            for row, vector in enumerate(pool.map(self._embed_one, texts)):
                result[row] = vector
        return result

    def _embed_one(self, text: str) -> Vectors:
        """``text`` alone: one sequence, no padding, so nothing else shapes its activations."""
        ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        ones = np.ones_like(ids)
        feeds = {"input_ids": ids, "attention_mask": ones, "token_type_ids": np.zeros_like(ids)}
        hidden = np.asarray(self._session.run(None, feeds)[0][0], dtype=np.float32)
        # Sum down the tokens axis (not the innermost): row after row, in order.
        pooled = np.add.reduce(hidden, axis=0) / np.float32(len(hidden))
        unit: Vectors = (pooled / max(np.linalg.norm(pooled), 1e-12)).astype(np.float32)
        return unit


@functools.cache
def load_embedder(threads: int | None = None) -> Embedder:
    """One embedder per process and thread count (workers of a pool pass ``threads=1``)."""
    return Embedder(threads)


def to_bytes(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(rows: Sequence[bytes]) -> Vectors:
    """Stack float32 byte strings of one width (one per claim: MiniLM's or the static model's)
    into a matrix."""
    if not rows:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.frombuffer(b"".join(rows), dtype=np.float32).reshape(len(rows), -1)
