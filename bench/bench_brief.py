"""Benchmarks for `newsweave brief` (issue 2). Prints figures; results go to docs/benchmarks.md.

1. Fresh-process wall time and peak memory of `newsweave brief` on the five seed articles
   (model loading included), repeated, as a user would run it.
2. Extraction throughput (words/s) of the per-article pipeline over a large batch of real
   articles (../shared/data/allsides-bias), with 1 and with 2 worker processes.

Usage: .venv/bin/python bench/bench_brief.py [--runs 5] [--articles 600] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
MEMORY_SAMPLE_S = 0.02  # memory is sampled in separate runs, so sampling cannot slow the timed ones


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and its descendants (Linux /proc, children files)."""
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        total += next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")), 0)
        frontier.extend(int(c) for c in children)
    return total


def fresh_process_runs(seeds: Path, runs: int, sample: bool) -> list[tuple[float, float]]:
    """(wall seconds, peak RSS MiB of the whole process tree) of fresh `newsweave brief` runs."""
    exe = Path(sys.executable).with_name("newsweave")
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(exe), "brief", str(seeds), "--format", "json", "-o", os.devnull],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak = 0
        if not sample:
            process.wait()
        while process.poll() is None:
            peak = max(peak, _tree_rss_kib(process.pid))
            time.sleep(MEMORY_SAMPLE_S)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"newsweave brief failed with status {process.returncode}")
        results.append((wall, peak / 1024))
    return results


def load_articles(data: Path, limit: int) -> list[object]:
    from newsweave.model import Article

    articles = []
    with (data / "allsides-bias" / "articles_sample.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record.get("content") or ""
            if text.strip():
                articles.append(Article(id=str(record["ID"]), source="allsides", text=text))
            if len(articles) >= limit:
                break
    return articles


def throughput(articles: list[object], workers: int) -> tuple[float, float]:
    """(words per second, seconds) for the per-article pipeline, model already loaded."""
    from newsweave.analysis.nlp import load_nlp
    from newsweave.api import BriefOptions, analyze

    load_nlp()
    words = sum(len(a.text.split()) for a in articles)  # type: ignore[attr-defined]
    start = time.perf_counter()
    analyze(articles, BriefOptions(workers=workers))  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    return words / seconds, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    walls = [w for w, _ in fresh_process_runs(args.data / "seeds", args.runs, sample=False)]
    runs = fresh_process_runs(args.data / "seeds", 2, sample=True)
    print(f"brief on 5 seed articles, fresh process x{args.runs}:")
    print(f"  wall  median {statistics.median(walls):.2f} s  max {max(walls):.2f} s")
    print(f"  peak RSS of the process tree (separate runs) {max(m for _, m in runs):.0f} MiB")
    articles = load_articles(args.data, args.articles)
    words = sum(len(a.text.split()) for a in articles)  # type: ignore[attr-defined]
    print(f"extraction over {len(articles)} allsides articles ({words:,} words):")
    for workers in (1, 2):
        rate, seconds = throughput(articles, workers)
        print(f"  workers={workers}: {rate:,.0f} words/s ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
