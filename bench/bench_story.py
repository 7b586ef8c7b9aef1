"""Benchmark: a brief of one large story, end to end, and how alignment time grows (issue 3).

The story is built from ../shared/data/allsides-bias: the articles of its densest topic in the
2020-05/06 window (coronavirus, 257 articles), then the next topics of that window, until the
size asked for. Nothing is written into the repository: the story is read from memory.

Prints, for each size: articles/s end to end (reading excluded, model loading included once),
seconds spent in per-article analysis and in cross-document alignment (wall and CPU, workers
included), the number of claims, alignment time per claim, and the whole run over the analysis
alone (a ratio that moves less than seconds on a shared machine); then the growth exponent
of alignment time in the number of claims (1.0 is linear; all-pairs would be 2.0).

Usage: .venv/bin/python bench/bench_story.py [--sizes 125 250 500] [--workers 2] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import resource
import time
from collections import Counter
from pathlib import Path

from newsweave.analysis.nlp import load_nlp
from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.ingest import ReadResult
from newsweave.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def story_articles(data: Path, size: int) -> list[Article]:
    """``size`` articles of the densest topics of the 2020-05/06 window, in date order."""
    rows = [json.loads(line) for line in (data / "allsides-bias" / "articles_sample.jsonl").open()]
    window = [r for r in rows if r.get("in_window_2020_05_06") and r["content"].strip()]
    topics = [t for t, _ in Counter(r["topic"] for r in window).most_common()]
    chosen = sorted(window, key=lambda r: (topics.index(r["topic"]), r["date"], r["ID"]))[:size]
    chosen.sort(key=lambda r: (r["date"], r["ID"]))
    return [
        Article(
            id=r["ID"],
            source=f"allsides:{r['ID']}",
            text=r["content"],
            title=r["title"],
            outlet=r["source"],
            published=dt.date.fromisoformat(r["date"]),
            input_format="jsonl",
        )
        for r in chosen
    ]


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished worker processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(articles: list[Article], workers: int) -> dict[str, float]:
    start, start_cpu = time.perf_counter(), _cpu()
    analyses = analyze(articles, BriefOptions(workers=workers))
    analysed, analysed_cpu = time.perf_counter(), _cpu()
    brief = assemble_brief(analyses, ReadResult(tuple(articles), ()))
    done, done_cpu = time.perf_counter(), _cpu()
    return {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "claims": sum(len(a.claims) for a in analyses),
        "facts": len(brief.facts),
        "multi": sum(1 for f in brief.facts if len(f.outlets) > 1),
        "analysis_s": analysed - start,
        "align_s": done - analysed,
        "total_s": done - start,
        "analysis_cpu_s": analysed_cpu - start_cpu,
        "align_cpu_s": done_cpu - analysed_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[125, 250, 500])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    started = time.perf_counter()
    load_nlp()
    print(f"model load {time.perf_counter() - started:.2f} s (once, before the runs)")
    rows = []
    for size in args.sizes:
        r = run(story_articles(args.data, size), args.workers)
        rows.append(r)
        print(
            f"{r['articles']:>4} articles {r['words']:>7} words {r['claims']:>6} claims "
            f"{r['facts']:>6} facts ({r['multi']} multi-outlet) "
            f"| analysis {r['analysis_s']:6.1f} s "
            f"align {r['align_s']:5.1f} s | {r['articles'] / r['total_s']:.2f} articles/s "
            f"| align {1e3 * r['align_s'] / r['claims']:.2f} ms/claim "
            f"| CPU analysis {r['analysis_cpu_s']:.1f} s align {r['align_cpu_s']:.1f} s "
            f"| total / analysis {r['total_s'] / r['analysis_s']:.2f}"
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        exponent = math.log(last["align_s"] / first["align_s"]) / math.log(
            last["claims"] / first["claims"]
        )
        print(
            f"alignment time grows as claims^{exponent:.2f} "
            f"from {first['claims']} to {last['claims']} claims"
        )


if __name__ == "__main__":
    main()
