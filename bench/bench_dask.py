"""Benchmark: corpus mode on Dask (a 2-worker LocalCluster) against the local engine (issue 12).

On one collection (bench/corpus_replica.py, as bench_corpus.py makes them), fresh processes run
``cluster_paths`` with the local engine and with ``--engine dask``, interleaved ``--rounds``
times (the machine is shared and noisy: the ratio of each round is the figure). A third
process then measures the Dask run's parts: each batch's features on a worker (CPU seconds),
storing each batch with its copy verification here, and the story pass, from which it writes
an estimate for a 10-million-article archive on N workers.

Usage: .venv/bin/python bench/bench_dask.py [--size 10000] [--rounds 2] [--batch 256]
       [--work /tmp/newsweave-bench-corpus] [--seed 0] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_replica import DATA, build_collection

WORK = Path(tempfile.gettempdir()) / "newsweave-bench-corpus"
ARCHIVE = 10_000_000  # the archive the estimate is for
ESTIMATE_WORKERS = (2, 16, 64, 256)


def child(specs: list[str], engine: str, batch: int) -> None:
    from newsweave.corpus.api import CorpusOptions, cluster_paths

    with tempfile.TemporaryDirectory(prefix="bench-dask-state-") as state:
        options = CorpusOptions(state=Path(state), engine=engine, batch=batch)  # type: ignore[arg-type]
        start = time.perf_counter()
        run = cluster_paths(specs, options)
        seconds = time.perf_counter() - start
    copies = sum(len(s.copies) for s in run.stories)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "stories": len(run.stories),
                "copies": copies,
                "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def parts(specs: list[str], batch: int) -> None:
    """The Dask run's parts, timed batch by batch: features on the workers (their CPU seconds),
    then, here, storing each batch and verifying its copies, and the story pass."""
    from distributed import Client, LocalCluster

    from newsweave.corpus.api import _store, find_stories, open_index
    from newsweave.corpus.params import CopyParams, StoryParams
    from newsweave.corpus.workers import _features
    from newsweave.ingest import ReadOptions, read_inputs

    articles = list(read_inputs(specs, ReadOptions()).articles)
    batches = [articles[i : i + batch] for i in range(0, len(articles), batch)]

    def timed(chunk: list[object]) -> tuple[float, list[object]]:
        start = time.process_time()
        found = _features(chunk, CopyParams(), 1)  # type: ignore[arg-type]
        return time.process_time() - start, found  # type: ignore[return-value]

    figures: dict[str, list[float]] = {"worker_cpu_s": [], "store_s": []}
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
        open_index(None) as index,
    ):
        futures = [client.submit(timed, b, pure=False) for b in batches]
        for chunk, future in zip(batches, futures, strict=True):
            cpu, features = future.result()
            figures["worker_cpu_s"].append(cpu)
            start = time.perf_counter()
            _store(index, chunk, lambda f=features: f, CopyParams())  # type: ignore[misc]
            figures["store_s"].append(time.perf_counter() - start)
        start = time.perf_counter()
        find_stories(index, StoryParams())
        story_s = time.perf_counter() - start
    print(json.dumps({**figures, "story_s": story_s, "articles": len(articles)}))


def run(args: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"bench_dask: child failed: {done.stderr.strip().splitlines()[-1:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def estimate(parts_figures: dict[str, object], size: int) -> list[str]:
    """A 10-million-article estimate from the measured per-batch figures: workers compute
    features in parallel; storing, copy verification and the story pass run here, serially."""
    worker = statistics.mean(parts_figures["worker_cpu_s"])  # type: ignore[arg-type]
    store = statistics.mean(parts_figures["store_s"])  # type: ignore[arg-type]
    story = float(parts_figures["story_s"])  # type: ignore[arg-type]
    per = int(parts_figures["articles"]) / len(parts_figures["store_s"])  # type: ignore[arg-type]
    count = ARCHIVE / per
    lines = []
    for workers in ESTIMATE_WORKERS:
        features = count * worker / workers
        storing = count * store
        passing = story * ARCHIVE / size
        total = max(features, storing) + passing
        lines.append(
            f"| {workers} | {features / 3600:.1f} | {storing / 3600:.1f} | "
            f"{passing / 3600:.1f} | {total / 3600:.1f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch", type=int, default=256, help="articles per batch")
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--parts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.parts:
            parts(args.child, args.batch)
        else:
            child(args.child, args.engine, args.batch)
        return
    folder = build_collection(
        args.work / f"n{args.size}-s{args.seed}", args.size, args.seed, 0, args.data
    )
    specs = [str(folder / "articles")]
    ratios = []
    for n in range(args.rounds):
        base = ["--child", *specs, "--batch", str(args.batch)]
        local = run([*base, "--engine", "local"])
        dask = run([*base, "--engine", "dask"])
        ratio = float(local["seconds"]) / float(dask["seconds"])  # type: ignore[arg-type]
        ratios.append(ratio)
        print(
            f"round {n + 1}: local {local['seconds']:.1f} s ({local['stories']} stories, "
            f"{local['copies']} copies, {int(local['rss_kib']) / 1024:.0f} MiB) | dask "  # type: ignore[call-overload]
            f"{dask['seconds']:.1f} s ({dask['stories']} stories, {dask['copies']} copies, "
            f"driver {int(dask['rss_kib']) / 1024:.0f} MiB) | local/dask {ratio:.2f}",  # type: ignore[call-overload]
            flush=True,
        )
        if (local["stories"], local["copies"]) != (dask["stories"], dask["copies"]):
            raise SystemExit("bench_dask: the engines disagree")
    figures = run(["--child", *specs, "--parts", "--batch", str(args.batch)])
    print(f"\nlocal/dask time ratio, median of {args.rounds}: {statistics.median(ratios):.2f}")
    worker = figures["worker_cpu_s"]
    print(
        f"per batch of {args.batch}: features on a worker {statistics.mean(worker):.2f} s CPU, "  # type: ignore[arg-type]
        f"storing and copies here {statistics.mean(figures['store_s']):.2f} s; "  # type: ignore[arg-type]
        f"story pass {figures['story_s']:.1f} s for {args.size:,} articles"
    )
    print("\n| workers | features h (workers) | storing h (here) | story pass h (here) | total h |")
    print("|---:|---:|---:|---:|---:|")
    print("\n".join(estimate(figures, args.size)))
    print("\ncommand: .venv/bin/python bench/bench_dask.py " + shlex.join(sys.argv[1:]))
    shutil.rmtree(tempfile.gettempdir() + "/bench-dask-none", ignore_errors=True)


if __name__ == "__main__":
    main()
