"""What clustering and copy detection need of each article, computed once when it is indexed.

- ``dense``: the sentence embedding (all-MiniLM-L6-v2, as in the brief) of its title and lead;
- ``terms``: its most frequent content words, weighted later by rarity in the collection;
- ``names``: capitalised names (people, places, organisations) found by their spelling, a
  cheap stand-in for entity recognition that runs at thousands of articles per second;
- ``bands``: the MinHash LSH band keys of its passages, for copy detection.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from datasketch.minhash import _fmix
from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.align.embed import Embedder
from newsweave.align.static_embed import StaticEmbedder
from newsweave.corpus.params import (
    LEAD_WORDS,
    NAMES_PER_ARTICLE,
    SHINGLE_WORDS,
    TERMS_PER_ARTICLE,
    UNTITLED_LEAD_WORDS,
    CopyParams,
)
from newsweave.corpus.text_units import Words, passages, shingles, words_of
from newsweave.model import Article

LeadEmbedder = Embedder | StaticEmbedder

# Capitalised words that are not names: calendar words and words capitalised by position.
NOT_NAMES = frozenset(
    (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "mr", "mrs", "ms", "dr", "said"),
    )
)
# Words a name may hold between capitalised words ("Bank of England", "Abu al-Hassan").
NAME_JOINERS = frozenset(("of", "de", "al", "bin", "van", "von", "der", "la", "du"))
# Longest name kept, in words.
NAME_MAX_WORDS = 4
# datasketch's default MinHash seed and scheme (affine permutations of 32-bit hashes).
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"
# Shortest content word kept: shorter ones are mostly function words and abbreviations.
TERM_MIN_CHARS = 3


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    dense: np.ndarray  # float32, unit length
    terms: tuple[tuple[str, int], ...]
    names: tuple[tuple[str, int], ...]
    bands: frozenset[int]


def lead_text(article: Article) -> str:
    """What is embedded: the title and the lead, or a longer lead when there is no title."""
    if article.title:
        return f"{article.title}. {' '.join(article.text.split()[:LEAD_WORDS])}"
    return " ".join(article.text.split()[:UNTITLED_LEAD_WORDS])


def article_features(
    articles: Sequence[Article], embedder: LeadEmbedder, params: CopyParams = CopyParams()
) -> list[ArticleFeatures]:
    """Features of ``articles`` (embedded together in one batch)."""
    vectors = embedder.embed([lead_text(a) for a in articles])
    result = []
    for article, vector in zip(articles, vectors, strict=True):
        words = words_of(article.text)
        result.append(
            ArticleFeatures(
                np.asarray(vector, dtype=np.float32),
                top_terms(words),
                top_names(article, words),
                band_keys(article.text, words, params),
            )
        )
    return result


def top_terms(words: Words) -> tuple[tuple[str, int], ...]:
    counts = Counter(
        w
        for w in words.tokens
        if len(w) >= TERM_MIN_CHARS and w not in STOP_WORDS and not w.isdigit()
    )
    return tuple(counts.most_common(TERMS_PER_ARTICLE))


def top_names(article: Article, words: Words) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for text in (article.title or "", article.text):
        counts.update(_names(text, words if text is article.text else words_of(text)))
    return tuple(counts.most_common(NAMES_PER_ARTICLE))


def _names(text: str, words: Words) -> list[str]:
    names: list[str] = []
    run: list[str] = []
    for i, token in enumerate(words.tokens):
        original = text[words.starts[i] : words.ends[i]]
        if original[0].isupper() and token not in NOT_NAMES:
            run.append(token)
            continue
        if run and token in NAME_JOINERS and i + 1 < len(words.tokens):
            run.append(token)
            continue
        _close(run, names)
        run = []
    _close(run, names)
    return names


def _close(run: list[str], names: list[str]) -> None:
    while run and (run[-1] in NAME_JOINERS or run[-1] in STOP_WORDS):
        run.pop()
    while run and run[0] in STOP_WORDS:
        run.pop(0)
    if run and len(run) <= NAME_MAX_WORDS:
        names.append(" ".join(run))


@lru_cache(maxsize=8)
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) datasketch chooses for ``threshold`` with equal false +/- weights."""
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


@lru_cache(maxsize=4)
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's MinHash permutations (its default seed and scheme)."""
    a, b = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def shingle_hash(shingle: bytes) -> int:
    """The 32-bit hash of a shingle: CRC-32, stable across processes and runs (datasketch's
    default SHA-1 costs 5x more and hashing was a third of the indexing time)."""
    return zlib.crc32(shingle)


def passage_signatures(
    tokens: tuple[str, ...], spans: Sequence[tuple[int, int]], num_perm: int
) -> np.ndarray:
    """One MinHash signature per passage (rows), as datasketch's ``MinHash`` with
    ``hashfunc=shingle_hash`` computes it, for every passage of a text in one product."""
    hashes: list[int] = []
    starts: list[int] = []
    for first, end in spans:
        starts.append(len(hashes))
        hashes.extend(shingle_hash(s) for s in shingles(tokens[first:end], SHINGLE_WORDS))
    a, b = permutations(num_perm)
    mixed = _fmix(np.array(hashes, dtype=np.uint32).reshape(-1, 1), 32)
    return np.minimum.reduceat(mixed * a + b, starts, axis=0)  # uint32: wraps mod 2^32


def band_keys(text: str, words: Words, params: CopyParams) -> frozenset[int]:
    """LSH band keys (signed 64-bit) of every passage's MinHash signature."""
    spans = passages(text, words, params.chunk_min_words, params.chunk_max_words)
    if not spans:
        return frozenset()
    signatures = passage_signatures(words.tokens, spans, params.num_perm)
    bands, rows = band_layout(params.lsh_threshold, params.num_perm)
    keys: set[int] = set()
    for signature in signatures:
        for band in range(bands):
            chunk = signature[band * rows : (band + 1) * rows].tobytes()
            digest = hashlib.blake2b(bytes((band,)) + chunk, digest_size=8).digest()
            keys.add(int.from_bytes(digest, "little", signed=True))
    return frozenset(keys)
