"""Seconds per analysis stage for texts of N, 2N, 4N and 8N characters.

Each kind of text (normal news prose and pathological ones) is run through parsing and every
per-article stage; the ratio between consecutive sizes should stay near 2 (linear time).

    .venv/bin/python bench/bench_linear.py [--size 20000] [--kinds normal,quotes,...]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from newsweave.align.claims import embed_claims
from newsweave.analysis.parse import parse_article
from newsweave.model import Article, ArticleAnalysis
from newsweave.pipeline import STAGES

STORY = Path(__file__).resolve().parents[1] / "examples" / "story" / "continental-press.txt"


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _words(size: int) -> str:
    words = ("minister", "talks", "rail", "Halvik", "ship", "crew", "trade", "said", "the")
    out, i, n = [], 0, 0
    while n < size:
        word = words[(i * 7 + i // 3) % len(words)]
        out.append(word)
        n += len(word) + 1
        i += 1
    return " ".join(out)[:size]


TEXTS: dict[str, Callable[[int], str]] = {
    "normal": lambda n: _fill(STORY.read_text(encoding="utf-8") + "\n\n", n),
    "one_sentence": _words,
    "quotes": lambda n: _fill('"', n),
    "curly_quotes": lambda n: _fill("\u201c\u201d ", n),
    "brackets": lambda n: "(" * (n // 2) + ")" * (n - n // 2),
    "dates": lambda n: _fill("12/12/12 ", n),
    "numbers": lambda n: _fill("1,000 2.5 million 30% ", n),
    "short_lines": lambda n: _fill("Talks\n", n),
    "capitals": lambda n: _fill("Foreign Minister Aleksandr Varga ", n),
}


def stage_times(text: str) -> dict[str, float]:
    """Seconds spent parsing ``text`` and in each default stage (and embedding)."""
    article = Article("a1", "bench.txt", text, published=dt.date(2025, 10, 17))
    times: dict[str, float] = {}
    start = time.perf_counter()
    parsed = parse_article(article)
    times["parse"] = time.perf_counter() - start
    done = ArticleAnalysis(article, parsed.sentences, (), (), (), ())
    for stage in STAGES.values():
        start = time.perf_counter()
        done = stage.run(parsed, done)
        times[stage.name] = time.perf_counter() - start
    start = time.perf_counter()
    embed_claims([dataclasses.replace(done)])
    times["embed"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="N, characters")
    parser.add_argument("--kinds", default=",".join(TEXTS), help="comma-separated text kinds")
    args = parser.parse_args()
    stage_times("Warm up. The model loads once.")
    for kind in args.kinds.split(","):
        rows = [(n, stage_times(TEXTS[kind](n))) for n in (args.size * k for k in (1, 2, 4, 8))]
        stages = list(rows[0][1])
        print(f"\n{kind}: seconds per stage (ratio to the previous size)")
        print(f"{'chars':>10} " + " ".join(f"{s:>14}" for s in [*stages, "total"]))
        previous: dict[str, float] = {}
        for n, times in rows:
            times = {**times, "total": sum(times.values())}
            cells = [_cell(times[s], previous.get(s)) for s in [*stages, "total"]]
            print(f"{n:>10} " + " ".join(f"{c:>14}" for c in cells))
            previous = times


def _cell(seconds: float, before: float | None) -> str:
    if before is None or before < 0.005:
        return f"{seconds:.3f}"
    return f"{seconds:.3f} ({seconds / before:.1f})"


if __name__ == "__main__":
    main()
