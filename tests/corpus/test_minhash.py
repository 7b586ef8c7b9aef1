"""newsweave's batched MinHash signatures are datasketch's, so its LSH theory applies."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from newsweave.corpus.features import (
    MINHASH_SCHEME,
    MINHASH_SEED,
    passage_signatures,
    shingle_hash,
)
from newsweave.corpus.params import SHINGLE_WORDS
from newsweave.corpus.text_units import shingles, words_of
from tests.corpus.collection import collection


def test_signatures_of_every_passage_equal_datasketch_minhash() -> None:
    text = next(a.text for a in collection() if a.id == "strike-wire")
    tokens = words_of(text).tokens
    spans = [(0, 30), (30, 31), (31, 90), (90, len(tokens))]  # one passage shorter than a shingle
    ours = passage_signatures(tokens, spans, 64)
    for row, (first, end) in zip(ours, spans, strict=True):
        reference = MinHash(
            num_perm=64, seed=MINHASH_SEED, hashfunc=shingle_hash, scheme=MINHASH_SCHEME
        )
        reference.update_batch(shingles(tokens[first:end], SHINGLE_WORDS))
        assert np.array_equal(row, np.asarray(reference.hashvalues, dtype=np.uint32))
