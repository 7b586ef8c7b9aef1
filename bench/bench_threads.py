"""Benchmark: how the merge and thread passes (``corpus.threads.link``) grow with the events.

Events are synthetic profiles, so that sizes far beyond the gold sets can be timed without
embedding anything: each belongs to one of ``events / 4`` threads spread over a year, and
draws its words from its thread's own vocabulary and from a Zipf-distributed collection
vocabulary (a few words are in most events, as "said" and "police" are), its names from its
thread's, its embedding near its thread's. Prints, per size, the seconds of one thread pass
and of one merge pass, the threads found, and then the growth exponent of the thread pass in
the number of events (1.0 is linear; comparing every pair would be 2.0).

Usage: .venv/bin/python bench/bench_threads.py [--sizes 2000 8000 32000] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import time

import numpy as np

from newsweave.corpus.params import StoryParams
from newsweave.corpus.threads import Profile, link, make_profile

DIM = 384  # the lead embedding's dimension
VOCABULARY = 50_000


def synthetic_events(count: int, seed: int) -> list[Profile]:
    rng = np.random.default_rng(seed)
    threads = max(1, count // 4)
    centres = rng.normal(size=(threads, DIM)).astype(np.float32)
    start = dt.date(2026, 1, 1)
    events: list[Profile] = []
    for _ in range(count):
        thread = int(rng.integers(threads))
        dense = centres[thread] + rng.normal(scale=1.2, size=DIM).astype(np.float32)
        own = {f"t{thread}w{int(k)}": 1.0 for k in rng.integers(0, 12, size=6)}
        common = {f"c{int(k) % VOCABULARY}": 0.5 for k in rng.zipf(1.4, size=30)}
        names = {f"t{thread}n{int(k)}": 1.0 for k in rng.integers(0, 4, size=2)}
        day = start + dt.timedelta(days=thread * 365 // threads + int(rng.integers(0, 20)))
        events.append(make_profile(dense, own | common, names, (day, day), 3))
    return events


def time_pass(events: list[Profile], params: StoryParams) -> tuple[float, float, int]:
    start = time.perf_counter()
    threads = link(events, params.thread_rule())
    middle = time.perf_counter()
    link(events, params.merge_rule())
    end = time.perf_counter()
    return middle - start, end - middle, len(set(threads))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 32000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    params = StoryParams()
    points: list[tuple[int, float]] = []
    print(f"{'events':>8} {'thread pass s':>14} {'merge pass s':>13} {'threads':>8}")
    for size in args.sizes:
        events = synthetic_events(size, args.seed)
        thread_s, merge_s, threads = time_pass(events, params)
        points.append((size, thread_s))
        print(f"{size:>8,} {thread_s:>14.2f} {merge_s:>13.2f} {threads:>8,}", flush=True)
    if len(points) >= 2:
        (n0, t0), (n1, t1) = points[0], points[-1]
        print(f"growth exponent of the thread pass: {math.log(t1 / t0) / math.log(n1 / n0):.2f}")


if __name__ == "__main__":
    main()
