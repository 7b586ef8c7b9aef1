"""Score copy detection on reprint fixtures made at run time from allsides-bias articles.

Usage: .venv/bin/python eval/copy_detection.py [--n 300] [--seed 0] [--data DIR] [--show K]
       [--set FIELD=VALUE ...]

Tune ``CopyParams`` on one seed (``--set`` replaces a field) and report another: the
collections of two seeds share about a tenth of their originals.

The collection (eval/copy_fixtures.py) holds ``n`` real originals, reprints of some of them
with realistic edits, articles that copy one paragraph of an origin, and negative pairs (one
topic and date; one long quotation shared). Systems:

- newsweave: ``newsweave.corpus.api.find_copies`` (MinHash LSH, exact verification), the code
  path of ``newsweave cluster``;
- baseline: whole-document Jaccard of word 5-gram shingles >= 0.5, every pair compared exactly,
  the earlier article (then the smaller id) taken as the source.

Reported: pair precision, recall and F1 (a pair is found when the relation links the two
articles, in either direction), overall and per kind (recall against the gold kind; precision
of the relations the system marks as that kind: ``near_duplicate`` is a reprint), direction
accuracy (the found source is the true origin), the share of negative pairs wrongly linked,
span recall and precision in characters (non-space characters of the target: gold copied
ranges against the relation's ``spans``, over the found pairs), and articles per second.
There is no published reference for these fixtures (they are ours).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the sibling eval modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.copy_fixtures import DEFAULT_DATA, Collection, GoldCopy, make_collection
from newsweave.model import Article, CopyRelation

# Whole-document Jaccard of word 5-gram shingles from which the baseline links two articles:
# the usual near-duplicate cut (Broder 1997 resemblance); fixed, not tuned on these fixtures.
BASELINE_JACCARD = 0.5
BASELINE_SHINGLE_WORDS = 5
KINDS = ("reprint", "passage")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
Detect = Callable[[Sequence[Article]], tuple[CopyRelation, ...]]


@dataclass(frozen=True, slots=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int


@dataclass(frozen=True, slots=True)
class Report:
    system: str
    overall: PairScore
    per_kind: dict[str, PairScore]
    direction: float  # share of found gold pairs whose source is the true origin
    direction_same_day: tuple[int, int]  # (right, found) among pairs published the same day
    kind_accuracy: float  # share of found gold pairs whose near_duplicate flag fits the kind
    negatives_linked: dict[str, tuple[int, int]]  # kind -> (linked, total)
    span_recall: float
    span_precision: float
    seconds: float
    articles: int


# --- systems -------------------------------------------------------------------------------


def newsweave_detect(
    articles: Sequence[Article], settings: Mapping[str, str] | None = None
) -> tuple[CopyRelation, ...]:
    """``find_copies`` with its default ``CopyParams``, or with ``settings`` replaced."""
    from newsweave.corpus.api import find_copies
    from newsweave.corpus.params import CopyParams

    params = CopyParams()
    for name, value in (settings or {}).items():
        kind = type(getattr(params, name))
        params = dataclasses.replace(params, **{name: kind(value)})
    return find_copies(articles, params)


def shingle_set(text: str, size: int = BASELINE_SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    words = [w.lower().replace("’", "'") for w in WORD.findall(text)]
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard_detect(articles: Sequence[Article]) -> tuple[CopyRelation, ...]:
    """Pairs of articles whose whole-text shingle sets have Jaccard >= BASELINE_JACCARD."""
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published, a.id))
    sets = [shingle_set(a.text) for a in ordered]
    found = []
    for i, j in combinations(range(len(ordered)), 2):
        union = len(sets[i] | sets[j])
        if union and len(sets[i] & sets[j]) / union >= BASELINE_JACCARD:
            found.append(CopyRelation(ordered[i].id, ordered[j].id, 0, (), near_duplicate=True))
    return tuple(found)


# --- scoring -------------------------------------------------------------------------------


def pair_score(predicted: int, gold: int, correct: int) -> PairScore:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1, predicted, gold, correct)


def unordered(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def non_space(text: str, ranges: Iterable[tuple[int, int]]) -> set[int]:
    """Positions of the non-space characters of ``text`` inside ``ranges``."""
    return {i for s, e in ranges for i in range(s, e) if not text[i].isspace()}


def target_spans(relation: CopyRelation, target: str) -> list[tuple[int, int]]:
    """The spans of ``relation`` in article ``target`` (whichever side of it ``target`` is)."""
    if relation.target == target:
        return [(s.target_start, s.target_end) for s in relation.spans]
    return [(s.source_start, s.source_end) for s in relation.spans]


def span_scores(
    found: Sequence[tuple[GoldCopy, CopyRelation]], texts: dict[str, str]
) -> tuple[float, float]:
    """Character recall and precision of the found relations' spans in the gold target."""
    hit = gold_total = predicted_total = 0
    for gold, relation in found:
        text = texts[gold.target]
        truth = non_space(text, ((r.target_start, r.target_end) for r in gold.ranges))
        guess = non_space(text, target_spans(relation, gold.target))
        hit += len(truth & guess)
        gold_total += len(truth)
        predicted_total += len(guess)
    return hit / max(gold_total, 1), hit / max(predicted_total, 1)


def kind_score(
    kind: str,
    gold: Sequence[GoldCopy],
    relations: Sequence[CopyRelation],
    by_pair: dict[frozenset[str], CopyRelation],
) -> PairScore:
    """Recall on the gold copies of ``kind``; precision of the relations flagged as ``kind``."""
    gold_pairs = {unordered(g.source, g.target) for g in gold}
    flagged = [r for r in relations if r.near_duplicate == (kind == "reprint")]
    right = sum(unordered(r.source, r.target) in gold_pairs for r in flagged)
    of_kind = [unordered(g.source, g.target) for g in gold if g.kind == kind]
    recalled = sum(pair in by_pair for pair in of_kind)
    precision = right / len(flagged) if flagged else 0.0
    recall = recalled / len(of_kind) if of_kind else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1, len(flagged), len(of_kind), recalled)


def same_day_direction(
    found: Sequence[tuple[GoldCopy, CopyRelation]], articles: Sequence[Article]
) -> tuple[int, int]:
    """(right direction, found) over the found pairs whose articles share a publication date:
    the date decides every other pair."""
    dates = {a.id: a.published for a in articles}
    same = [(g, r) for g, r in found if dates[g.source] == dates[g.target]]
    return sum(r.source == g.source for g, r in same), len(same)


def verification_recall(collection: Collection) -> tuple[int, int] | None:
    """(found, gold) when the exact verification alone is given every gold pair: separates
    misses of the LSH candidates from misses of the verification. None without the module."""
    try:
        from newsweave.corpus.copies import prepare, verify_pair
    except ImportError:
        return None
    articles = {a.id: a for a in collection.articles}
    found = sum(
        verify_pair(prepare(articles[g.source]), prepare(articles[g.target])) is not None
        for g in collection.gold
    )
    return found, len(collection.gold)


def score(
    system: str, collection: Collection, relations: Sequence[CopyRelation], seconds: float
) -> Report:
    by_pair = {unordered(r.source, r.target): r for r in relations}
    gold_pairs = {unordered(g.source, g.target): g for g in collection.gold}
    found = [(g, by_pair[p]) for p, g in gold_pairs.items() if p in by_pair]
    per_kind = {k: kind_score(k, collection.gold, relations, by_pair) for k in KINDS}
    negatives: dict[str, tuple[int, int]] = {}
    for negative in collection.negatives:
        linked, total = negatives.get(negative.kind, (0, 0))
        hit = unordered(negative.first, negative.second) in by_pair
        negatives[negative.kind] = (linked + hit, total + 1)
    texts = {a.id: a.text for a in collection.articles}
    recall_chars, precision_chars = span_scores(found, texts)
    return Report(
        system,
        pair_score(len(by_pair), len(gold_pairs), len(found)),
        per_kind,
        sum(r.source == g.source for g, r in found) / max(len(found), 1),
        same_day_direction(found, collection.articles),
        sum(r.near_duplicate == (g.kind == "reprint") for g, r in found) / max(len(found), 1),
        negatives,
        recall_chars,
        precision_chars,
        seconds,
        len(collection.articles),
    )


def evaluate(collection: Collection, system: str, detect: Detect) -> tuple[Report, list[str]]:
    """The report of ``detect`` on ``collection`` and a description of each error."""
    start = time.perf_counter()
    relations = detect(collection.articles)
    report = score(system, collection, relations, time.perf_counter() - start)
    return report, failures(collection, relations)


def failures(collection: Collection, relations: Sequence[CopyRelation]) -> list[str]:
    """Missed gold copies (with their edits), wrong directions and false links."""
    by_pair = {unordered(r.source, r.target): r for r in relations}
    gold_pairs = {unordered(g.source, g.target): g for g in collection.gold}
    articles = {a.id: a for a in collection.articles}
    lines = []
    for pair, gold in gold_pairs.items():
        found = by_pair.get(pair)
        copied = sum(r.target_end - r.target_start for r in gold.ranges)
        what = f"{gold.kind} {gold.source}->{gold.target} ({copied} chars; {','.join(gold.edits)})"
        if found is None:
            lines.append(f"missed {what}")
        elif found.source != gold.source:
            dates = f"{articles[gold.source].published} vs {articles[gold.target].published}"
            lines.append(f"reversed {what} [{dates}]")
    negative_kind = {unordered(n.first, n.second): n.kind for n in collection.negatives}
    for pair, relation in by_pair.items():
        if pair not in gold_pairs:
            kind = negative_kind.get(pair, "unrelated")
            lines.append(
                f"false link ({kind}) {relation.source}->{relation.target} "
                f"shared {relation.shared_chars} chars in {len(relation.spans)} spans: "
                + " | ".join(
                    repr(articles[relation.target].text[s.target_start : s.target_end][:80])
                    for s in relation.spans[:3]
                )
            )
    return lines


# --- output --------------------------------------------------------------------------------


def print_reports(reports: Sequence[Report]) -> None:
    head = f"{'system':<10} {'kind':<8} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5}"
    print(head)
    for report in reports:
        rows = [("all", report.overall), *report.per_kind.items()]
        for kind, s in rows:
            print(
                f"{report.system:<10} {kind:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                f"{s.predicted:5d} {s.gold:5d}"
            )
    print()
    print(
        f"{'system':<10} {'direction':>9} {'same-day':>9} {'kind acc':>8} {'span R':>7} "
        f"{'span P':>7} {'neg linked':>36} {'art/s':>6}"
    )
    for r in reports:
        negatives = ", ".join(f"{k} {a}/{t}" for k, (a, t) in sorted(r.negatives_linked.items()))
        same_day = "{}/{}".format(*r.direction_same_day)
        print(
            f"{r.system:<10} {r.direction:9.3f} {same_day:>9} {r.kind_accuracy:8.3f} "
            f"{r.span_recall:7.3f} {r.span_precision:7.3f} {negatives:>36} "
            f"{r.articles / max(r.seconds, 1e-9):6.0f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=300, help="originals in the collection")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=20, help="failure cases listed per system")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="replace one CopyParams field for the newsweave run (repeatable)",
    )
    args = parser.parse_args(argv)
    settings = dict(item.split("=", 1) for item in args.set)
    collection = make_collection(args.data, args.n, args.seed)
    kinds = {k: sum(g.kind == k for g in collection.gold) for k in KINDS}
    print(
        f"{len(collection.articles)} articles ({args.n} originals, {kinds['reprint']} reprints, "
        f"{kinds['passage']} passage copies, {len(collection.negatives)} negative pairs), "
        f"seed {args.seed}\n"
    )
    results = [
        evaluate(collection, "baseline", jaccard_detect),
        evaluate(collection, "newsweave", lambda a: newsweave_detect(a, settings)),
    ]
    print_reports([report for report, _ in results])
    verified = verification_recall(collection)
    if verified:
        print("\nnewsweave exact verification given every gold pair: {}/{} found".format(*verified))
    for report, errors in results:
        print(f"\n{report.system}: {len(errors)} errors" + (":" if errors else ""))
        for line in errors[: args.show]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
