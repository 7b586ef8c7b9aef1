"""Benchmark: corpus mode on Dask (a 2-worker LocalCluster) against the local engine (issue 12).

On one collection (bench/corpus_replica.py, as bench_corpus.py makes them), fresh processes run
``cluster_paths`` with the local engine and with ``--engine dask``, interleaved ``--rounds``
times (the machine is shared and noisy: the ratio of each round is the figure). A third
process then measures the Dask run's parts: each partition's indexing on a worker (seconds and
the bytes of its store), each merge into the run's store on the driver, and the story pass,
from which it writes an estimate for a 10-million-article archive on N workers.

Usage: .venv/bin/python bench/bench_dask.py [--size 10000] [--rounds 2] [--partition 1000]
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


def child(specs: list[str], engine: str, partition: int) -> None:
    from newsweave.corpus.api import CorpusOptions, cluster_paths

    with tempfile.TemporaryDirectory(prefix="bench-dask-state-") as state:
        options = CorpusOptions(state=Path(state), engine=engine, partition=partition)  # type: ignore[arg-type]
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


def parts(specs: list[str], partition: int) -> None:
    """The Dask run's parts, timed one by one (partitions, merges, story pass)."""
    from distributed import Client, LocalCluster

    from newsweave.corpus.api import find_stories, merge_indexes, open_index
    from newsweave.corpus.dask_engine import build_partition
    from newsweave.corpus.params import CopyParams, StoryParams
    from newsweave.ingest import ReadOptions, read_inputs
    from newsweave.store.database import INDEX_FILE, SQLiteDatabase
    from newsweave.store.index import Store

    articles = list(read_inputs(specs, ReadOptions()).articles)
    chunks = [articles[i : i + partition] for i in range(0, len(articles), partition)]

    def timed(chunk: list[object], copy: CopyParams) -> tuple[float, bytes]:
        start = time.process_time()
        data = build_partition(chunk, copy)  # type: ignore[arg-type]
        return time.process_time() - start, data

    from newsweave.corpus.api import settings

    figures: dict[str, list[float]] = {"worker_cpu_s": [], "bytes": [], "merge_s": []}
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
        open_index(None) as index,
        tempfile.TemporaryDirectory() as scratch,
    ):
        futures = [client.submit(timed, c, CopyParams(), pure=False) for c in chunks]
        for n, future in enumerate(futures):
            cpu, data = future.result()
            figures["worker_cpu_s"].append(cpu)
            figures["bytes"].append(len(data))
            folder = Path(scratch) / str(n)
            folder.mkdir()
            (folder / INDEX_FILE).write_bytes(data)
            part = Store(SQLiteDatabase(folder), settings(CopyParams()))
            start = time.perf_counter()
            merge_indexes(index, part, CopyParams())
            figures["merge_s"].append(time.perf_counter() - start)
            part.close()
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
    """A 10-million-article estimate from the measured per-partition figures: workers index
    partitions in parallel; merges and the story pass run on the driver, one after another."""
    worker = statistics.mean(parts_figures["worker_cpu_s"])  # type: ignore[arg-type]
    merge = statistics.mean(parts_figures["merge_s"])  # type: ignore[arg-type]
    story = float(parts_figures["story_s"])  # type: ignore[arg-type]
    per = int(parts_figures["articles"]) / len(parts_figures["merge_s"])  # type: ignore[arg-type]
    count = ARCHIVE / per
    lines = []
    for workers in ESTIMATE_WORKERS:
        indexing = count * worker / workers
        merging = count * merge
        passing = story * ARCHIVE / size
        total = max(indexing, merging) + passing
        lines.append(
            f"| {workers} | {indexing / 3600:.1f} | {merging / 3600:.1f} | "
            f"{passing / 3600:.1f} | {total / 3600:.1f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition", type=int, default=1_000)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--parts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.parts:
            parts(args.child, args.partition)
        else:
            child(args.child, args.engine, args.partition)
        return
    folder = build_collection(
        args.work / f"n{args.size}-s{args.seed}", args.size, args.seed, 0, args.data
    )
    specs = [str(folder / "articles")]
    ratios = []
    for n in range(args.rounds):
        base = ["--child", *specs, "--partition", str(args.partition)]
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
    figures = run(["--child", *specs, "--parts", "--partition", str(args.partition)])
    print(f"\nlocal/dask time ratio, median of {args.rounds}: {statistics.median(ratios):.2f}")
    worker = figures["worker_cpu_s"]
    print(
        f"per partition of {args.partition}: worker CPU {statistics.mean(worker):.1f} s, "  # type: ignore[arg-type]
        f"store {statistics.mean(figures['bytes']) / 2**20:.1f} MiB, "  # type: ignore[arg-type]
        f"merge on the driver {statistics.mean(figures['merge_s']):.2f} s; "  # type: ignore[arg-type]
        f"story pass {figures['story_s']:.1f} s for {args.size:,} articles"
    )
    print("\n| workers | indexing h | merging h (driver) | story pass h (driver) | total h |")
    print("|---:|---:|---:|---:|---:|")
    print("\n".join(estimate(figures, args.size)))
    print("\ncommand: .venv/bin/python bench/bench_dask.py " + shlex.join(sys.argv[1:]))
    shutil.rmtree(tempfile.gettempdir() + "/bench-dask-none", ignore_errors=True)


if __name__ == "__main__":
    main()
