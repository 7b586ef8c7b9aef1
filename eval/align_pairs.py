"""Score cross-document claim alignment as sentence pairs on ECB+ and MEANTIME.

Usage: .venv/bin/python eval/align_pairs.py [--data DIR] [--corpus ecbplus|meantime|both]
       [--split train|dev|test|all] [--limit-topics N] [--baseline-only] [--examples N]
       [--sweep [FIELD=V1,V2 ...]] [--cache DIR] [--workers N]

--sweep scores AlignParams on the ECB+ training topics: bare, a min_score grid; with
FIELD=V1,V2 arguments, every combination of them. --cache DIR keeps the per-article analyses
between runs (for sweeping the cross-document parameters); empty it when the per-article
pipeline changes.

Gold (eval/ecbplus_data.py, eval/meantime_data.py): two annotated sentences of different
documents of one sub-topic are a pair when their event mentions share a cross-document event
instance. newsweave reads a whole ECB+ topic (both sub-topics: similar but different events must
stay apart) or a MEANTIME sub-corpus as one story; every two supports of one fact from different
documents are a predicted pair, each mapped to the gold sentence it overlaps most. Pairs across
sub-topics are false positives. Pairwise precision, recall and F1 over unordered cross-document
sentence pairs, micro-averaged over the topics of the split.

Baseline: two sentences of different documents of one topic are aligned when the Jaccard overlap
of their lowercased content words reaches a threshold tuned on the ECB+ training topics.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import pickle
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

if __package__ in (None, ""):  # run as a script: make the sibling eval modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.ecbplus_data import (
    DEFAULT_DATA,
    SPLITS,
    TRAIN_TOPICS,
    GoldDocument,
    Pair,
    SentenceKey,
    gold_pairs,
    group_documents,
    load_ecbplus,
    make_pair,
)
from eval.meantime_data import load_meantime
from newsweave.align.params import AlignParams
from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.ingest import ReadResult
from newsweave.model import ArticleAnalysis, Brief

BASELINE_GRID = tuple(round(0.05 * i, 2) for i in range(1, 13))  # Jaccard 0.05 .. 0.60
DEFAULT_SWEEP = "min_score=0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9"
REFERENCE = (
    "Published (ECB+ test 36-45, gold mentions): event CoNLL F1 ~79.5 (Barhom et al. 2019), "
    "~81.0 (Cattan et al. 2021), ~85.6 (CDLM, Caciularu et al. 2021). Those are mention-level "
    "coreference scores (MUC/B3/CEAF-e), not sentence-pair F1: not directly comparable. "
    "MEANTIME has no published cross-document leaderboard."
)
_WORD = re.compile(r"[^\W_]+")

Analysed = tuple[tuple[ArticleAnalysis, ...], ReadResult]


@dataclass(frozen=True, slots=True)
class PairScore:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: PairScore) -> PairScore:
        return PairScore(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )


def score_pairs(predicted: Iterable[Pair], gold: Iterable[Pair]) -> PairScore:
    """Pairwise counts; pairs are unordered, so each is normalised first."""
    found = {make_pair(a, b) for a, b in predicted}
    expected = {make_pair(a, b) for a, b in gold}
    return PairScore(len(found & expected), len(found), len(expected))


def content_words(text: str) -> frozenset[str]:
    """Lowercased words that are not stop words (numbers kept)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def sentence_text(doc: GoldDocument, number: int) -> str:
    span = next(s for s in doc.sentences if s.number == number)
    return doc.text[span.start : span.end]


def overlap_scores(docs: Sequence[GoldDocument]) -> dict[Pair, float]:
    """Word-overlap score of every two annotated sentences of different documents of a group."""
    scores: dict[Pair, float] = {}
    for group in group_documents(docs).values():
        words = [
            ((doc.id, n), content_words(sentence_text(doc, n)))
            for doc in group
            for n in sorted(doc.annotated)
        ]
        for (key_a, words_a), (key_b, words_b) in combinations(words, 2):
            if key_a[0] != key_b[0]:
                scores[make_pair(key_a, key_b)] = jaccard(words_a, words_b)
    return scores


def pairs_at(scores: Mapping[Pair, float], threshold: float) -> set[Pair]:
    return {pair for pair, score in scores.items() if score >= threshold}


def tune_threshold(
    scores: Mapping[Pair, float], gold: set[Pair], grid: Sequence[float] = BASELINE_GRID
) -> float:
    """The grid threshold with the best pair F1 (the lowest one on ties)."""
    return max(grid, key=lambda t: (score_pairs(pairs_at(scores, t), gold).f1, -t))


def sentence_at(doc: GoldDocument, start: int, end: int) -> int | None:
    """The gold sentence that overlaps ``[start, end)`` most, if any does."""
    best, best_overlap = None, 0
    for sentence in doc.sentences:
        overlap = min(end, sentence.end) - max(start, sentence.start)
        if overlap > best_overlap:
            best, best_overlap = sentence.number, overlap
    return best


def predicted_pairs(brief: Brief, docs: Mapping[str, GoldDocument]) -> set[Pair]:
    """Cross-document pairs of annotated gold sentences that support one fact."""
    pairs: set[Pair] = set()
    for fact in brief.facts:
        keys: set[SentenceKey] = set()
        for support in fact.support:
            doc = docs.get(support.mention.document)
            number = doc and sentence_at(doc, support.mention.start, support.mention.end)
            if doc is not None and number is not None and number in doc.annotated:
                keys.add((doc.id, number))
        for a, b in combinations(sorted(keys), 2):
            if a[0] != b[0]:
                pairs.add(make_pair(a, b))
    return pairs


def claim_sentences(
    analysed: Mapping[str, Analysed], docs: Mapping[str, GoldDocument]
) -> set[SentenceKey]:
    """The annotated gold sentences that overlap a claim the aligner sees."""
    keys: set[SentenceKey] = set()
    for analyses, _ in analysed.values():
        for analysis in analyses:
            doc = docs[analysis.article.id]
            for claim in analysis.claims:
                number = sentence_at(doc, claim.sentence.start, claim.sentence.end)
                if number is not None and number in doc.annotated:
                    keys.add((doc.id, number))
    return keys


def reachable_score(gold: set[Pair], claims: set[SentenceKey]) -> PairScore:
    """The best any claim aligner could do: gold pairs whose two sentences are both claims."""
    reachable = {pair for pair in gold if pair[0] in claims and pair[1] in claims}
    return PairScore(len(reachable), len(reachable), len(gold))


def analyse_groups(
    docs: Sequence[GoldDocument], workers: int, cache: Path | None = None
) -> dict[str, Analysed]:
    """Run the per-article pipeline once over all documents; results split by group.

    With ``cache`` (a folder) the analyses are kept in a pickle named by the documents' ids and
    texts; empty the folder whenever the per-article pipeline changes.
    """
    articles = [doc.article() for doc in docs]
    path = cache / f"analyses-{documents_digest(docs)}.pickle" if cache else None
    analyses: tuple[ArticleAnalysis, ...]
    if path is not None and path.is_file():  # only ever a pickle this script wrote
        analyses = pickle.loads(path.read_bytes())
    else:
        analyses = analyze(articles, BriefOptions(workers=workers))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(analyses))
    by_group: dict[str, Analysed] = {}
    for name, group in group_documents(docs).items():
        ids = {doc.id for doc in group}
        chosen = tuple(a for a in analyses if a.article.id in ids)
        read = ReadResult(articles=tuple(a.article for a in chosen), rejected=())
        by_group[name] = (chosen, read)
    return by_group


def documents_digest(docs: Sequence[GoldDocument]) -> str:
    digest = hashlib.sha256()
    for doc in docs:
        digest.update(f"{doc.id}\0{doc.published}\0{doc.text}\0".encode())
    return digest.hexdigest()[:16]


def newsweave_pairs(
    docs: Sequence[GoldDocument], analysed: Mapping[str, Analysed], params: AlignParams
) -> set[Pair]:
    """Predicted pairs of newsweave's briefs, one brief per group."""
    by_id = {doc.id: doc for doc in docs}
    pairs: set[Pair] = set()
    for analyses, read in analysed.values():
        pairs |= predicted_pairs(build_brief(analyses, read, params), by_id)
    return pairs


def build_brief(
    analyses: Sequence[ArticleAnalysis], read: ReadResult, params: AlignParams
) -> Brief:
    return assemble_brief(analyses, read, params=params)


@dataclass(frozen=True, slots=True)
class Row:
    system: str
    corpus: str
    setting: str
    score: PairScore


def print_table(rows: Iterable[Row]) -> None:
    header = f"{'system':<10} {'corpus':<22} {'P':>6} {'R':>6} {'F1':>6}"
    header += f" {'pred':>6} {'gold':>6} {'tp':>6}  setting"
    print(header)
    print("-" * (len(header) + 30))
    for row in rows:
        s = row.score
        print(
            f"{row.system:<10} {row.corpus:<22} "
            f"{100 * s.precision:6.1f} {100 * s.recall:6.1f} {100 * s.f1:6.1f} "
            f"{s.predicted:6d} {s.gold:6d} {s.true_positives:6d}  {row.setting}"
        )


def count_cross_subtopic(pairs: Iterable[Pair], docs: Sequence[GoldDocument]) -> int:
    """How many pairs join sentences of different sub-topics (always wrong)."""
    subtopic = {doc.id: doc.subtopic for doc in docs}
    return sum(1 for a, b in pairs if subtopic[a[0]] != subtopic[b[0]])


def print_examples(
    predicted: set[Pair], gold: set[Pair], docs: Sequence[GoldDocument], count: int
) -> None:
    """Some wrong merges and misses, for reading on the terminal only."""
    by_id = {doc.id: doc for doc in docs}
    subtopic = {doc.id: doc.subtopic for doc in docs}
    for label, pairs in (("wrong merge", predicted - gold), ("miss", gold - predicted)):
        for a, b in sorted(pairs)[:: max(1, len(pairs) // max(count, 1))][:count]:
            cross = "across sub-topics" if subtopic[a[0]] != subtopic[b[0]] else "same sub-topic"
            print(f"\n[{label}, {cross}] {a} / {b}")
            for key in (a, b):
                print("   ", sentence_text(by_id[key[0]], key[1])[:200])


def limited(topics: Sequence[int], limit: int | None) -> Sequence[int]:
    return topics[:limit] if limit else topics


def log(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--corpus", choices=("ecbplus", "meantime", "both"), default="both")
    parser.add_argument("--split", choices=tuple(SPLITS), default="test")
    parser.add_argument("--limit-topics", "--limit", type=int, default=None, dest="limit")
    parser.add_argument(
        "--sweep",
        nargs="*",
        metavar="FIELD=V1,V2",
        default=None,
        help="score AlignParams grids on the train topics (bare: a min_score grid)",
    )
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep analyses in")
    parser.add_argument("--baseline-only", action="store_true")
    parser.add_argument("--examples", type=int, default=0, help="print N errors of each kind")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    grid = parse_grid(args.sweep or [DEFAULT_SWEEP])  # checked before the long runs
    started = time.perf_counter()
    train = load_ecbplus(args.data, TRAIN_TOPICS)  # all of them: the baseline costs ~1 s
    threshold = tune_threshold(overlap_scores(train), gold_pairs(train))
    log(f"baseline threshold {threshold} tuned on {len(train)} train documents", started)
    rows: list[Row] = []
    corpora: list[tuple[str, list[GoldDocument]]] = []
    if args.corpus in ("ecbplus", "both"):
        topics = limited(SPLITS[args.split], args.limit)
        name = f"ecb+ {args.split} ({len(topics)} topics)"
        corpora.append((name, load_ecbplus(args.data, topics)))
    if args.corpus in ("meantime", "both"):
        corpora.append(("meantime (120 docs)", load_meantime(args.data)))
    for name, docs in corpora:
        rows += evaluate(name, docs, threshold, args, started)
    if args.sweep is not None:
        chosen = {str(t) for t in limited(TRAIN_TOPICS, args.limit)}
        swept = [doc for doc in train if doc.group in chosen]
        rows += sweep(swept, gold_pairs(swept), grid, args, started)
    print_table(rows)
    print("\n" + REFERENCE)
    return 0


def evaluate(
    name: str,
    docs: Sequence[GoldDocument],
    threshold: float,
    args: argparse.Namespace,
    started: float,
) -> list[Row]:
    gold = gold_pairs(docs)
    baseline = score_pairs(pairs_at(overlap_scores(docs), threshold), gold)
    rows = [Row("baseline", name, f"jaccard>={threshold}", baseline)]
    if args.baseline_only:
        return rows
    log(f"analysing {len(docs)} documents of {name}", started)
    analysed = analyse_groups(docs, args.workers, args.cache)
    log("aligning", started)
    predicted = newsweave_pairs(docs, analysed, AlignParams())
    rows.append(Row("newsweave", name, "default", score_pairs(predicted, gold)))
    claims = claim_sentences(analysed, {doc.id: doc for doc in docs})
    rows.append(Row("ceiling", name, "claims only", reachable_score(gold, claims)))
    wrong = predicted - gold
    across = count_cross_subtopic(wrong, docs)
    print(f"{name}: {len(wrong)} wrong pairs, {across} of them across sub-topics")
    if args.examples:
        print_examples(predicted, gold, docs, args.examples)
    return rows


def parse_grid(specs: Sequence[str]) -> list[AlignParams]:
    """Every combination of ``FIELD=V1,V2`` value lists, as AlignParams."""
    defaults = AlignParams()
    names = [f.name for f in fields(AlignParams)]
    axes: list[list[tuple[str, Any]]] = []
    for spec in specs:
        name, _, values = spec.partition("=")
        if name not in names or not values:
            raise SystemExit(f"--sweep takes FIELD=V1,V2 with FIELD one of {', '.join(names)}")
        default = getattr(defaults, name)
        kind = float if default is None else type(default)  # None: an unset float threshold
        axes.append([(name, kind(v)) for v in values.split(",")])
    return [replace(defaults, **dict(combo)) for combo in itertools.product(*axes)]


def describe(params: AlignParams) -> str:
    """The fields that differ from the defaults."""
    defaults = AlignParams()
    changed = [
        f"{f.name}={getattr(params, f.name)}"
        for f in fields(AlignParams)
        if getattr(params, f.name) != getattr(defaults, f.name)
    ]
    return " ".join(changed) or "default"


def sweep(
    train: Sequence[GoldDocument],
    gold: set[Pair],
    grid: Sequence[AlignParams],
    args: argparse.Namespace,
    started: float,
) -> list[Row]:
    log(f"analysing {len(train)} train documents for the sweep", started)
    analysed = analyse_groups(train, args.workers, args.cache)
    rows = []
    for params in grid:
        score = score_pairs(newsweave_pairs(train, analysed, params), gold)
        rows.append(Row("newsweave", "ecb+ train (sweep)", describe(params), score))
    log("sweep done", started)
    return rows


if __name__ == "__main__":
    sys.exit(main())
