"""Benchmark: corpus mode (story clustering with copy detection) against collection size (issue 4).

For each size, a collection made by bench/corpus_replica.py from ../shared/data/allsides-bias
(the 2,519 full texts, then reprints with light edits) is written as JSON Lines under --work
(outside the repository; reused when already there). A fresh process per size then runs
``newsweave.corpus.api.cluster_paths`` on it with a new state folder, and reports wall time,
articles/s, its peak RSS, the stories and copy relations found and the state's size on disk.
A second fresh process then adds 1% new, later-dated articles with the same state (the
incremental step) and is timed the same way.

Prints one line per size as it goes, then a markdown table for docs/benchmarks.md, the growth
exponents of time and memory, and the command line used. ``--profile`` runs the smallest size
once more under cProfile in one process (workers=1, not timed) and prints the top entries by
cumulative time.

Usage: .venv/bin/python bench/bench_corpus.py [--sizes 1000 5000 10000 50000] [--workers N]
       [--work /tmp/newsweave-bench-corpus] [--seed 0] [--profile] [--data DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import pstats
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_replica import DATA, ROOT, build_collection

WORK = Path(tempfile.gettempdir()) / "newsweave-bench-corpus"
INCREMENT_FRACTION = 0.01  # the incremental step adds 1% of the collection, later-dated
PROFILE_TOP = 15  # profile entries printed, by cumulative time


def child(specs: list[str], state: Path, workers: int | None, profile: Path | None) -> None:
    """Run one clustering in this (fresh) process and print its figures as one JSON line."""
    from newsweave.corpus.api import CorpusOptions, cluster_paths

    options = CorpusOptions(state=state, workers=workers)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    run = cluster_paths(specs, options)
    seconds = time.perf_counter() - start
    if profiler is not None and profile is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    copies = [c for story in run.stories for c in story.copies]
    figures = {
        "seconds": seconds,
        "added": run.added,
        "known": run.known,
        "rejected": len(run.rejected),
        "stories": len(run.stories),
        "multi": sum(1 for story in run.stories if len(story.documents) > 1),
        "documents": sum(len(story.documents) for story in run.stories),
        "copies": len(copies),
        "near_duplicates": sum(1 for c in copies if c.near_duplicate),
        "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "workers_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }
    print(json.dumps(figures))


def run_child(
    specs: list[Path], state: Path, workers: int | None, profile: Path | None = None
) -> dict[str, float]:
    """Figures of one clustering in a fresh process, plus its wall time with start-up."""
    command = [sys.executable, __file__, "--child", *map(str, specs), "--state", str(state)]
    command += [] if workers is None else ["--workers", str(workers)]
    command += [] if profile is None else ["--profile-to", str(profile)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        lines = (done.stderr.strip() or "no output").splitlines()
        raise SystemExit(f"bench_corpus: clustering failed: {lines[-1]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_s"] = wall
    return figures


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def measure(size: int, args: argparse.Namespace) -> dict[str, float]:
    """Cluster a collection of ``size`` articles, then add 1% with the same state."""
    extra = max(1, round(size * INCREMENT_FRACTION))
    collection = build_collection(
        args.work / f"n{size}-s{args.seed}", size, args.seed, extra, args.data
    )
    state = Path(tempfile.mkdtemp(prefix=f"state-{size}-", dir=args.work))
    try:
        full = run_child([collection / "articles"], state, args.workers)
        full["state_mib"] = folder_mib(state)
        step = run_child([collection / "extra"], state, args.workers)
        full["state_after_mib"] = folder_mib(state)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    full.update({"size": size, "extra": extra, "step_s": step["seconds"]})
    full.update({"step_added": step["added"], "step_stories": step["stories"]})
    full["step_rss_kib"] = step["rss_kib"]
    return full


def profile_run(size: int, args: argparse.Namespace) -> None:
    collection = build_collection(
        args.work / f"n{size}-s{args.seed}", size, args.seed, 0, args.data
    )
    state = Path(tempfile.mkdtemp(prefix=f"profile-{size}-", dir=args.work))
    stats_file = state / "run.pstats"
    try:
        # One process (workers=1), so the features computed in workers show in the profile too.
        run_child([collection / "articles"], state / "index", 1, stats_file)
        print(f"\ncProfile of the {size}-article run in one process (workers=1), not timed:")
        pstats.Stats(str(stats_file)).sort_stats("cumulative").print_stats(PROFILE_TOP)
    finally:
        shutil.rmtree(state, ignore_errors=True)


def progress_line(r: dict[str, float]) -> str:
    return (
        f"{r['size']:>6} articles: {r['seconds']:7.1f} s {r['size'] / r['seconds']:6.1f} art/s "
        f"| peak RSS {r['rss_kib'] / 1024:6.0f} MiB | {r['stories']:.0f} stories "
        f"({r['multi']:.0f} multi-article) | {r['copies']:.0f} copy relations "
        f"({r['near_duplicates']:.0f} near-duplicate) | state {r['state_mib']:.1f} MiB "
        f"| +{r['extra']:.0f} in {r['step_s']:.1f} s (added {r['step_added']:.0f})"
    )


def markdown_table(rows: list[dict[str, float]], workers: int | None) -> str:
    has_workers = any(r["workers_rss_kib"] for r in rows)
    head = ["articles", "time s", "articles/s", "peak RSS MiB"]
    head += ["worker peak RSS MiB"] if has_workers else []
    head += ["stories (multi-article)", "copy relations (near-dup)", "state MiB"]
    head += ["+1% articles", "incremental s", "incremental articles/s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in rows:
        cells = [f"{r['size']:,.0f}", f"{r['seconds']:.1f}", f"{r['size'] / r['seconds']:.1f}"]
        cells += [f"{r['rss_kib'] / 1024:.0f}"]
        cells += [f"{r['workers_rss_kib'] / 1024:.0f}"] if has_workers else []
        cells += [f"{r['stories']:,.0f} ({r['multi']:,.0f})"]
        cells += [f"{r['copies']:,.0f} ({r['near_duplicates']:,.0f})", f"{r['state_mib']:.1f}"]
        cells += [f"{r['extra']:.0f}", f"{r['step_s']:.1f}", f"{r['extra'] / r['step_s']:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth(rows: list[dict[str, float]], key: str) -> float:
    first, last = rows[0], rows[-1]
    return math.log(last[key] / first[key]) / math.log(last["size"] / first["size"])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 50000])
    parser.add_argument("--workers", type=int, default=None, help="CorpusOptions.workers")
    parser.add_argument("--work", type=Path, default=WORK, help="collections and states go here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        child(args.child, args.state, args.workers, args.profile_to)
        return
    if ROOT in args.work.resolve().parents:
        raise SystemExit("bench_corpus: --work must lie outside the repository")
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        rows.append(measure(size, args))
        print(progress_line(rows[-1]), flush=True)
    print()
    print(markdown_table(rows, args.workers))
    if len(rows) >= 2:
        span = f"from {rows[0]['size']:,.0f} to {rows[-1]['size']:,.0f} articles"
        time_power, memory_power = growth(rows, "seconds"), growth(rows, "rss_kib")
        print(f"\ntime grows as N^{time_power:.2f}, peak RSS as N^{memory_power:.2f} {span}")
    print(f"\ncommand: .venv/bin/python bench/{Path(__file__).name} {shlex.join(sys.argv[1:])}")
    if args.profile:
        profile_run(min(args.sizes), args)


if __name__ == "__main__":
    main()
