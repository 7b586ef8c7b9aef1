"""Benchmark the static embedding model against MiniLM, and MiniLM's batch independence.

Part ``static``: sentences/s on one core (the process is pinned to one CPU) of
``newsweave.align.static_embed`` and of MiniLM (``newsweave.align.embed.load_embedder(1)``),
timed in alternating rounds because the machine is noisy; the ratio is taken within each round.
Then their agreement: the Spearman rank correlation of all pairwise cosines, and the mean
overlap of each sentence's 10 nearest neighbours.

Part ``batch``: MiniLM's vectors under four ways of running it, on ~500 sentences (the seed
sentences repeated): the int8 graph in padded, length-sorted batches of 32 (newsweave before
this change; onnxruntime's dynamic quantisation scales activations per batch, so a row depends
on its batch), the int8 graph one sentence per run without padding (newsweave now), and the
float32 graph (the shipped file with its weight casts folded) both ways. With 2 threads, the
batched runs split each matrix product over both threads; one per run takes two sentences side
by side, each run single-threaded (as newsweave now does). For each: sentences/s
with 1 thread (pinned) and 2 threads, and how many rows are bit-identical when the same
sentences come in another order.

The sentences are the seed articles (``../shared/data/seeds``) split at sentence ends with a
regular expression; their text is read at run time, never stored.

Usage: .venv/bin/python bench/bench_static_embed.py [--part static|batch|all] [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort

from newsweave.align import embed
from newsweave.align.model_store import TOKENIZER_PATH, prepared_model_path, source_model_path
from newsweave.align.static_embed import load_static_embedder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "data" / "seeds"
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])")

Vectors = np.ndarray
EmbedFn = Callable[[Sequence[str]], Vectors]


def seed_sentences(folder: Path) -> list[str]:
    """Lines of the seed files split at sentence ends; pieces of 4 words or more."""
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            pieces = (piece.strip() for piece in SENTENCE_END.split(line))
            sentences += [piece for piece in pieces if len(piece.split()) >= 4]
    return sentences


def pin_to_one_cpu() -> set[int]:
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    return allowed


def seconds(function: EmbedFn, texts: Sequence[str], repeats: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds (this process, all threads) of one call, averaged over repeats."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeats):
        function(texts)
    return (time.perf_counter() - wall) / repeats, (time.process_time() - cpu) / repeats


def summary(values: list[float], unit: str = "sentences/s") -> str:
    return f"median {statistics.median(values):8.1f} {unit} ({min(values):.1f}-{max(values):.1f})"


def spearman(a: Vectors, b: Vectors) -> float:
    upper = np.triu_indices(len(a), 1)
    x, y = (a @ a.T)[upper], (b @ b.T)[upper]
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def neighbour_overlap(a: Vectors, b: Vectors, k: int = 10) -> float:
    """Mean share of a sentence's k nearest neighbours (itself excluded) found by both."""

    def nearest(vectors: Vectors) -> np.ndarray:
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, -np.inf)
        return np.argsort(-similarity, axis=1, kind="stable")[:, :k]

    shared = [len(set(x) & set(y)) for x, y in zip(nearest(a), nearest(b), strict=True)]
    return float(np.mean(shared)) / k


def pair_recall(static: Vectors, reference: Vectors, threshold: float, k: int) -> tuple[int, float]:
    """Pairs at cosine >= threshold by ``reference``, and the share with one of the two among
    the other's k nearest neighbours by ``static`` (a static pre-filter's recall)."""
    similarity = static @ static.T
    np.fill_diagonal(similarity, -np.inf)
    nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    close = reference @ reference.T
    pairs = [(i, j) for i, j in zip(*np.triu_indices(len(close), 1), strict=True)]
    pairs = [(i, j) for i, j in pairs if close[i, j] >= threshold]
    found = sum(j in nearest[i] or i in nearest[j] for i, j in pairs)
    return len(pairs), found / max(len(pairs), 1)


def static_part(sentences: list[str], rounds: int) -> None:
    allowed = pin_to_one_cpu()
    static = load_static_embedder()
    minilm = embed.load_embedder(1)
    static_vectors, minilm_vectors = static.embed(sentences), minilm.embed(sentences)
    rates: dict[str, list[float]] = {key: [] for key in ("sw", "sc", "mw", "mc", "rw", "rc")}
    for _ in range(rounds):
        static_wall, static_cpu = seconds(static.embed, sentences, repeats=20)
        minilm_wall, minilm_cpu = seconds(minilm.embed, sentences)
        for key, value in (("s", (static_wall, static_cpu)), ("m", (minilm_wall, minilm_cpu))):
            rates[key + "w"].append(len(sentences) / value[0])
            rates[key + "c"].append(len(sentences) / value[1])
        rates["rw"].append(minilm_wall / static_wall)
        rates["rc"].append(minilm_cpu / static_cpu)
    os.sched_setaffinity(0, allowed)
    print(f"{len(sentences)} seed sentences, one CPU, {rounds} alternating rounds")
    print(f"  static, per CPU second:       {summary(rates['sc'])}")
    print(f"  MiniLM int8, per CPU second:  {summary(rates['mc'])}")
    print(f"  static, per wall second:      {summary(rates['sw'])}")
    print(f"  MiniLM int8, per wall second: {summary(rates['mw'])}")
    print(f"  speed ratio static/MiniLM, CPU time:  {summary(rates['rc'], 'x')}")
    print(f"  speed ratio static/MiniLM, wall time: {summary(rates['rw'], 'x')}")
    print(f"  Spearman of pairwise cosines: {spearman(static_vectors, minilm_vectors):.4f}")
    overlap = neighbour_overlap(static_vectors, minilm_vectors)
    chance = 10 / (len(sentences) - 1)
    print(f"  10-nearest-neighbour overlap: {overlap:.3f} (chance {chance:.3f})")
    for threshold in (0.6, 0.7):
        for k in (10, 25):
            pairs, recall = pair_recall(static_vectors, minilm_vectors, threshold, k)
            print(
                f"  pairs at MiniLM cosine >= {threshold} ({pairs}) among static's {k} nearest: "
                f"{recall:.3f}"
            )


def folded_float_model(folder: Path) -> Path:
    """The shipped ONNX file with its int8->float32 weight casts folded (float32 kernels)."""
    target = folder / "folded.onnx"
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(target)
    ort.InferenceSession(str(source_model_path()), options, providers=["CPUExecutionProvider"])
    return target


def session(model: Path, threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def batched(model: Path, threads: int) -> EmbedFn:
    """newsweave's embedding before this change: padded, length-sorted batches of 32."""
    from tokenizers import Tokenizer

    runner = session(model, threads)
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.enable_truncation(embed.MAX_TOKENS)
    tokenizer.enable_padding()

    def run(texts: Sequence[str]) -> Vectors:
        result = np.zeros((len(texts), embed.DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for begin in range(0, len(order), 32):
            rows = order[begin : begin + 32]
            encodings = tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids}
            hidden = np.asarray(runner.run(None, feeds)[0], dtype=np.float32)
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            result[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return result

    return run


def one_per_run(model: Path, threads: int) -> EmbedFn:
    """newsweave's embedding now: each sentence in its own single-threaded run, no padding,
    ``threads`` sentences side by side."""
    instance = embed.Embedder(threads)
    instance._session = session(model, 1)
    return instance.embed


def identical_rows(function: EmbedFn, texts: list[str]) -> int:
    """Rows bit-identical between ``texts`` in order and reversed-then-rotated."""
    order = list(reversed(range(len(texts))))
    order = order[7:] + order[:7]
    first, second = function(texts), function([texts[i] for i in order])
    return sum(first[i].tobytes() == row.tobytes() for i, row in zip(order, second, strict=True))


def batch_part(sentences: list[str], rounds: int, count: int, names: list[str]) -> None:
    texts = (sentences * (count // len(sentences) + 1))[:count]
    with tempfile.TemporaryDirectory() as work:
        models = {"int8": prepared_model_path()}
        if "float32" in names:
            models["float32"] = folded_float_model(Path(work))
        variants = {
            f"{model} {mode}": (path, maker)
            for model, path in models.items()
            if model in names
            for mode, maker in (("batched", batched), ("one per run", one_per_run))
        }
        for threads in (1, 2):
            allowed = pin_to_one_cpu() if threads == 1 else os.sched_getaffinity(0)
            functions = {name: maker(path, threads) for name, (path, maker) in variants.items()}
            walls: dict[str, list[float]] = {name: [] for name in functions}
            cpus: dict[str, list[float]] = {name: [] for name in functions}
            for _ in range(rounds):
                for name, function in functions.items():
                    wall, cpu = seconds(function, texts)
                    walls[name].append(wall)
                    cpus[name].append(cpu)
            os.sched_setaffinity(0, allowed)
            print(f"{len(texts)} sentences, {threads} thread(s), {rounds} alternating rounds")
            for name, function in functions.items():
                print(f"  {name}:")
                for kind, times in (("CPU", cpus), ("wall", walls)):
                    rate = [len(texts) / t for t in times[name]]
                    base = times["int8 batched"]
                    cost = [t / b - 1 for t, b in zip(times[name], base, strict=True)]
                    print(
                        f"    {kind:>4} time: {summary(rate)}, vs int8 batched "
                        f"{statistics.median(cost):+.0%} ({min(cost):+.0%} to {max(cost):+.0%})"
                    )
                if threads == 1:
                    same = identical_rows(function, texts[:200])
                    print(f"    rows bit-identical in another order: {same}/200")
        a = variants["int8 batched"][1](models["int8"], 1)(texts[:200])
        b = variants["int8 one per run"][1](models["int8"], 1)(texts[:200])
        print(f"  int8 batched vs one per run: lowest cosine of a row {np.min((a * b).sum(1)):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("static", "batch", "all"), default="all")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sentences", type=int, default=500, help="for part batch")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument(
        "--models", nargs="+", choices=("int8", "float32"), default=["int8", "float32"]
    )
    args = parser.parse_args()
    sentences = seed_sentences(args.seeds)
    if args.part in ("static", "all"):
        static_part(sentences, args.rounds)
    if args.part in ("batch", "all"):
        batch_part(sentences, args.rounds, args.sentences, args.models)


if __name__ == "__main__":
    main()
