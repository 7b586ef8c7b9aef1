"""Score newsweave's facts and disagreements against the hand-annotated claim gold.

Usage: .venv/bin/python eval/claim_gold.py --split dev|test|all [--brief-json-dir DIR] [--run]
       [--data DIR] [--threshold T] [--json]

The gold (``eval/gold/claim_stories/<story>.json``, see docs/evaluation.md) holds character
offsets and a sha1 of each span, never article text: ``eval/claim_stories.py`` rebuilds the
articles from ``../shared/data`` and ``load_gold`` checks every span against its sha1.

System output: with ``--run`` each story is materialised into a temporary folder and
``.venv/bin/newsweave brief DIR --format json`` is run on it; otherwise ``<story>.json`` is
read from ``--brief-json-dir``. ``system_from_brief_json`` is the only place that knows the
brief's JSON shape (schema 1.1 and 2.0).

Matching: a system mention matches a gold anchor when both are in the same document and they
overlap by at least half of the shorter span.

Metrics (micro-averaged over the stories of the split):

- fact pairs. Gold pairs: every two anchors of different documents inside one gold fact, and
  inside one gold disagreement (all its sides together: the system should align the two sides
  of a disagreement into one fact and mark the disagreement there). System pairs: every two
  mentions of different documents inside one system fact (deduplicated). Recall: gold pairs
  with a system pair matching both ends. **Precision is counted only over the system pairs
  whose two mentions both match some gold anchor** (of any fact, disagreement side or trap):
  the gold does not annotate every claim of every article, so a pair of unannotated spans is
  neither right nor wrong. The unrestricted precision (over all system pairs) is reported too.
- disagreements found: recall over gold disagreements. A gold disagreement is found when one
  system disagreement has two different sides whose mentions match anchors of two different
  gold sides; "relation right" counts the found ones whose system relation equals the gold one.
- false contradictions: system disagreements of relation ``contradict`` that either have two
  sides matching the two anchors of a gold trap, or match no gold disagreement while two of
  their sides match anchors of one and the same gold fact.
- independent sources: for gold facts giving ``independent_sources``, the system fact whose
  mentions match most of the fact's anchors must report exactly that count.

Baseline: every sentence pair of different documents whose content-word Jaccard overlap
reaches a threshold is one two-mention "fact"; it reports no disagreements. The threshold is
tuned on the dev stories (best fact-pair F1) unless ``--threshold`` gives it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the sibling eval modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.claim_stories import DEFAULT_DATA, STORIES, materialise, story_articles

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "eval" / "gold" / "claim_stories"
SPLIT_FILE = GOLD_DIR / "SPLIT.json"
NEWSWEAVE = REPO / ".venv" / "bin" / "newsweave"
RELATIONS = ("contradict", "differ", "progression")
SLOTS = (
    "figure",
    "date",
    "place",
    "person",
    "negation",
    "modality",
    "quote_wording",
    "speaker",
)
MIN_OVERLAP = 0.5  # of the shorter span
THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(1, 13))


# ---------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class Span:
    document: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldFact:
    id: str
    label: str
    anchors: tuple[Span, ...]
    independent_sources: int | None = None


@dataclass(frozen=True, slots=True)
class GoldSide:
    value: str
    anchors: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldDisagreement:
    id: str
    label: str
    relation: str
    slot: str
    sides: tuple[GoldSide, ...]

    @property
    def anchors(self) -> tuple[Span, ...]:
        return tuple(a for side in self.sides for a in side.anchors)


@dataclass(frozen=True, slots=True)
class GoldTrap:
    id: str
    label: str
    anchors: tuple[Span, Span]


@dataclass(frozen=True, slots=True)
class GoldStory:
    id: str
    documents: tuple[str, ...]
    facts: tuple[GoldFact, ...]
    disagreements: tuple[GoldDisagreement, ...]
    traps: tuple[GoldTrap, ...]
    copy_groups: tuple[tuple[str, ...], ...]

    def all_anchors(self) -> list[Span]:
        spans = [a for f in self.facts for a in f.anchors]
        spans += [a for d in self.disagreements for a in d.anchors]
        spans += [a for t in self.traps for a in t.anchors]
        return spans


class GoldError(ValueError):
    """A gold file that does not fit the materialised texts or the format."""


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_split(name: str, split_file: Path = SPLIT_FILE) -> list[str]:
    data = json.loads(split_file.read_text(encoding="utf-8"))
    if name == "all":
        return [*data["dev"], *data["test"]]
    return list(data[name])


def story_texts(story_id: str, data: Path = DEFAULT_DATA) -> dict[str, str]:
    """Document id -> the text newsweave reads (the materialised ``.txt`` file's text)."""
    return {a.name: a.text for a in story_articles(story_id, data)}


def parse_gold(raw: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> GoldStory:
    """A gold story from its JSON; with ``texts``, every span is checked against its sha1."""
    errors: list[str] = []

    def span(item: Mapping[str, Any], where: str) -> Span:
        result = Span(str(item["document"]), int(item["start"]), int(item["end"]))
        if not 0 <= result.start < result.end:
            errors.append(f"{where}: empty or negative span {result}")
        if texts is not None:
            text = texts.get(result.document)
            if text is None:
                errors.append(f"{where}: unknown document {result.document!r}")
            elif result.end > len(text):
                errors.append(f"{where}: span {result} past the end ({len(text)})")
            elif sha1(text[result.start : result.end]) != item["sha1"]:
                errors.append(f"{where}: sha1 mismatch at {result}")
        return result

    facts = tuple(
        GoldFact(
            str(f["id"]),
            str(f["label"]),
            tuple(span(a, f"{f['id']}.anchors[{i}]") for i, a in enumerate(f["anchors"])),
            f.get("independent_sources"),
        )
        for f in raw["facts"]
    )
    disagreements: list[GoldDisagreement] = []
    for d in raw.get("disagreements", []):
        if d["relation"] not in RELATIONS or d["slot"] not in SLOTS:
            errors.append(f"{d['id']}: relation {d['relation']!r} / slot {d['slot']!r}")
        sides = tuple(
            GoldSide(
                str(s["value"]),
                tuple(span(a, f"{d['id']}.sides[{k}][{i}]") for i, a in enumerate(s["anchors"])),
            )
            for k, s in enumerate(d["sides"])
        )
        if len(sides) < 2:
            errors.append(f"{d['id']}: fewer than two sides")
        disagreements.append(
            GoldDisagreement(str(d["id"]), str(d["label"]), d["relation"], d["slot"], sides)
        )
    traps: list[GoldTrap] = []
    for t in raw.get("traps", []):
        a, b = (span(x, f"{t['id']}.anchors[{i}]") for i, x in enumerate(t["anchors"]))
        traps.append(GoldTrap(str(t["id"]), str(t["label"]), (a, b)))
    for fact in facts:
        if len({a.document for a in fact.anchors}) < 2:
            errors.append(f"{fact.id}: reported by fewer than two documents")
    if errors:
        raise GoldError(f"gold of {raw.get('story')}: " + "; ".join(errors))
    return GoldStory(
        id=str(raw["story"]),
        documents=tuple(str(d["id"]) for d in raw["documents"]),
        facts=facts,
        disagreements=tuple(disagreements),
        traps=tuple(traps),
        copy_groups=tuple(tuple(g["documents"]) for g in raw.get("copy_groups", [])),
    )


def load_gold(
    story_id: str, data: Path = DEFAULT_DATA, gold_dir: Path = GOLD_DIR, *, validate: bool = True
) -> GoldStory:
    """Read one story's gold, checking each span's sha1 against the materialised texts."""
    raw = json.loads((gold_dir / f"{story_id}.json").read_text(encoding="utf-8"))
    texts = story_texts(story_id, data) if validate else None
    if texts is not None:
        known = {d["id"]: d["sha1"] for d in raw["documents"]}
        changed = [doc for doc, text in texts.items() if known.get(doc) != sha1(text)]
        if changed or set(known) != set(texts):
            raise GoldError(f"gold of {story_id}: materialised texts differ for {changed}")
    return parse_gold(raw, texts)


# ---------------------------------------------------------------- system output


@dataclass(frozen=True, slots=True)
class SystemDisagreement:
    relation: str  # contradict | differ | progression
    slot: str
    sides: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True, slots=True)
class SystemFact:
    mentions: tuple[Span, ...]
    disagreements: tuple[SystemDisagreement, ...] = ()
    independent_sources: int | None = None


@dataclass(frozen=True, slots=True)
class SystemOutput:
    facts: tuple[SystemFact, ...]


def _spans(items: Iterable[Mapping[str, Any]]) -> tuple[Span, ...]:
    return tuple(Span(str(m["document"]), int(m["start"]), int(m["end"])) for m in items)


def system_from_brief_json(data: Mapping[str, Any]) -> SystemOutput:
    """The facts and disagreements of a brief JSON (schema 2.0 when ``claims`` is present,
    else 1.1, whose ``conflicts`` of kind ``wording`` become ``differ``, others ``contradict``).
    """
    claims = {str(c["id"]): c for c in data.get("claims") or []}
    v2 = "claims" in data

    def side_spans(side: Mapping[str, Any]) -> tuple[Span, ...]:
        if side.get("mentions"):
            return _spans(side["mentions"])
        return _spans(claims[str(c)] for c in side.get("claims", []) if str(c) in claims)

    facts: list[SystemFact] = []
    for fact in data.get("facts", []):
        mentions = side_spans(fact)
        found: list[SystemDisagreement] = []
        if v2:
            for d in fact.get("disagreements", []):
                sides = tuple(side_spans(s) for s in d.get("sides", []))
                found.append(SystemDisagreement(str(d["relation"]), str(d.get("slot")), sides))
        else:
            for c in fact.get("conflicts", []):
                relation = "differ" if c["kind"] == "wording" else "contradict"
                sides = tuple(_spans(s.get("mentions", [])) for s in c.get("sides", []))
                found.append(SystemDisagreement(relation, str(c["kind"]), sides))
        count = fact.get("independent_sources")
        facts.append(SystemFact(mentions, tuple(found), int(count) if count is not None else None))
    return SystemOutput(tuple(facts))


# ---------------------------------------------------------------- scoring


def matches(mention: Span, anchor: Span) -> bool:
    """Same document and an overlap of at least half the shorter span."""
    if mention.document != anchor.document:
        return False
    overlap = min(mention.end, anchor.end) - max(mention.start, anchor.start)
    shorter = min(mention.end - mention.start, anchor.end - anchor.start)
    return shorter > 0 and overlap >= MIN_OVERLAP * shorter


def _any_match(mentions: Iterable[Span], anchors: Iterable[Span]) -> bool:
    anchors = tuple(anchors)
    return any(matches(m, a) for m in mentions for a in anchors)


SpanPair = tuple[Span, Span]


def _pair(a: Span, b: Span) -> SpanPair:
    return (a, b) if (a.document, a.start, a.end) <= (b.document, b.start, b.end) else (b, a)


def cross_pairs(spans: Iterable[Span]) -> set[SpanPair]:
    unique = sorted(set(spans), key=lambda s: (s.document, s.start, s.end))
    return {_pair(a, b) for a, b in combinations(unique, 2) if a.document != b.document}


def gold_units(gold: GoldStory) -> list[tuple[Span, ...]]:
    """Anchor groups whose cross-document pairs are gold pairs: facts and disagreements."""
    return [f.anchors for f in gold.facts] + [d.anchors for d in gold.disagreements]


@dataclass(slots=True)
class Score:
    gold_pairs: int = 0
    gold_pairs_found: int = 0
    system_pairs: int = 0
    system_pairs_on_gold: int = 0  # both mentions match some gold anchor
    system_pairs_correct: int = 0
    disagreements: int = 0
    disagreements_found: int = 0
    relation_right: int = 0
    system_contradictions: int = 0
    false_contradictions: int = 0
    counts: int = 0
    counts_exact: int = 0
    found_ids: list[str] = field(default_factory=list)
    false_details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "gold_pairs",
            "gold_pairs_found",
            "system_pairs",
            "system_pairs_on_gold",
            "system_pairs_correct",
            "disagreements",
            "disagreements_found",
            "relation_right",
            "system_contradictions",
            "false_contradictions",
            "counts",
            "counts_exact",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.found_ids += other.found_ids
        self.false_details += other.false_details

    @property
    def recall(self) -> float:
        return _ratio(self.gold_pairs_found, self.gold_pairs)

    @property
    def precision(self) -> float:
        """Over the system pairs whose both mentions match gold anchors."""
        return _ratio(self.system_pairs_correct, self.system_pairs_on_gold)

    @property
    def precision_all(self) -> float:
        return _ratio(self.system_pairs_correct, self.system_pairs)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "fact_pairs": {
                "gold": self.gold_pairs,
                "system": self.system_pairs,
                "system_on_gold": self.system_pairs_on_gold,
                "correct": self.system_pairs_correct,
                "precision": round(self.precision, 4),
                "precision_unrestricted": round(self.precision_all, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
            },
            "disagreements": {
                "gold": self.disagreements,
                "found": self.disagreements_found,
                "recall": round(_ratio(self.disagreements_found, self.disagreements), 4),
                "relation_right": self.relation_right,
            },
            "false_contradictions": self.false_contradictions,
            "system_contradictions": self.system_contradictions,
            "independent_counts": {"gold": self.counts, "exact": self.counts_exact},
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score_story(gold: GoldStory, system: SystemOutput) -> Score:
    score = Score()
    _score_pairs(gold, system, score)
    _score_disagreements(gold, system, score)
    _score_counts(gold, system, score)
    return score


def _score_pairs(gold: GoldStory, system: SystemOutput, score: Score) -> None:
    gold_pairs: set[SpanPair] = set()
    for unit in gold_units(gold):
        gold_pairs |= cross_pairs(unit)
    system_pairs: set[SpanPair] = set()
    for fact in system.facts:
        system_pairs |= cross_pairs(fact.mentions)
    anchors = gold.all_anchors()

    def pair_matches(s: SpanPair, g: SpanPair) -> bool:
        return (matches(s[0], g[0]) and matches(s[1], g[1])) or (
            matches(s[0], g[1]) and matches(s[1], g[0])
        )

    score.gold_pairs = len(gold_pairs)
    score.gold_pairs_found = sum(
        1 for g in gold_pairs if any(pair_matches(s, g) for s in system_pairs)
    )
    score.system_pairs = len(system_pairs)
    for s in system_pairs:
        if any(pair_matches(s, g) for g in gold_pairs):
            score.system_pairs_correct += 1
        if _any_match([s[0]], anchors) and _any_match([s[1]], anchors):
            score.system_pairs_on_gold += 1


def _sides_hit(
    sys_sides: Sequence[tuple[Span, ...]], gold_a: Sequence[Span], gold_b: Sequence[Span]
) -> bool:
    """Two different system sides matching gold_a and gold_b respectively."""
    for i, j in combinations(range(len(sys_sides)), 2):
        x, y = sys_sides[i], sys_sides[j]
        if (_any_match(x, gold_a) and _any_match(y, gold_b)) or (
            _any_match(x, gold_b) and _any_match(y, gold_a)
        ):
            return True
    return False


def _matches_gold_disagreement(d: SystemDisagreement, gold: GoldDisagreement) -> bool:
    return any(_sides_hit(d.sides, a.anchors, b.anchors) for a, b in combinations(gold.sides, 2))


def _score_disagreements(gold: GoldStory, system: SystemOutput, score: Score) -> None:
    found = [d for f in system.facts for d in f.disagreements]
    score.disagreements = len(gold.disagreements)
    for g in gold.disagreements:
        hits = [d for d in found if _matches_gold_disagreement(d, g)]
        if hits:
            score.disagreements_found += 1
            score.found_ids.append(f"{gold.id}:{g.id}")
            if any(d.relation == g.relation for d in hits):
                score.relation_right += 1
    for d in found:
        if d.relation != "contradict":
            continue
        score.system_contradictions += 1
        trap = next(
            (t for t in gold.traps if _sides_hit(d.sides, [t.anchors[0]], [t.anchors[1]])), None
        )
        if trap is not None:
            score.false_contradictions += 1
            score.false_details.append(f"{gold.id}:{trap.id} (trap)")
            continue
        if any(_matches_gold_disagreement(d, g) for g in gold.disagreements):
            continue
        fact = next(
            (
                f
                for f in gold.facts
                if _sides_hit(d.sides, f.anchors, f.anchors) and _two_anchor_sides(d, f)
            ),
            None,
        )
        if fact is not None:
            score.false_contradictions += 1
            score.false_details.append(f"{gold.id}:{fact.id} (agreeing fact)")


def _two_anchor_sides(d: SystemDisagreement, fact: GoldFact) -> bool:
    """Two sides matching two different anchors of the fact (not one anchor twice)."""
    for x, y in combinations(d.sides, 2):
        for a, b in combinations(fact.anchors, 2):
            if (_any_match(x, [a]) and _any_match(y, [b])) or (
                _any_match(x, [b]) and _any_match(y, [a])
            ):
                return True
    return False


def _score_counts(gold: GoldStory, system: SystemOutput, score: Score) -> None:
    for fact in gold.facts:
        if fact.independent_sources is None:
            continue
        score.counts += 1
        best, best_hits = None, 0
        for candidate in system.facts:
            hits = sum(1 for a in fact.anchors if _any_match(candidate.mentions, [a]))
            if hits > best_hits:
                best, best_hits = candidate, hits
        exact = best is not None and best.independent_sources == fact.independent_sources
        if exact and best_hits >= 2:
            score.counts_exact += 1


# ---------------------------------------------------------------- baseline

# A sentence ends at . ! ? (plus closing quotes) before a capital, a quote or the end; or at a
# line end (ECB+ texts hold one sentence per line; AllSides leads one paragraph per line).
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+[A-Z\"\u201c'\u2018(]|\s*$)|\n")
_WORD = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_STOP_WORDS = """
    a an the and or but if of to in on at by for with from as is are was were be been being
    has have had do does did it its this that these those he she they them his her their we our
    you your i me my not no so than then there here which who whom whose what when where why
    how all any some more most other such only own same too very can will just said says say
    after before about into over under again further once also would could should may might
    up down out off s t"""
_STOP = frozenset(_STOP_WORDS.split())


def sentences(text: str) -> list[Span]:
    """Sentence-like spans (document left blank) of at least 20 characters."""
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append(_trimmed(text, start, m.end()))
        start = m.end()
    spans.append(_trimmed(text, start, len(text)))
    return [s for s in spans if s.end - s.start >= 20]


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span("", start, end)


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def baseline_candidates(texts: Mapping[str, str]) -> list[tuple[float, Span, Span]]:
    """Every cross-document sentence pair with its Jaccard overlap (> 0)."""
    units: list[tuple[Span, frozenset[str]]] = []
    for doc, text in texts.items():
        for s in sentences(text):
            span = Span(doc, s.start, s.end)
            units.append((span, content_words(text[s.start : s.end])))
    out: list[tuple[float, Span, Span]] = []
    for (a, wa), (b, wb) in combinations(units, 2):
        if a.document == b.document or not wa or not wb:
            continue
        jaccard = len(wa & wb) / len(wa | wb)
        if jaccard > 0:
            out.append((jaccard, a, b))
    return out


def baseline_output(
    candidates: Sequence[tuple[float, Span, Span]], threshold: float
) -> SystemOutput:
    return SystemOutput(tuple(SystemFact((a, b)) for j, a, b in candidates if j >= threshold))


# ---------------------------------------------------------------- running


def run_newsweave(story_id: str, data: Path = DEFAULT_DATA) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"claim-{story_id}-") as tmp:
        folder = Path(tmp) / story_id
        materialise(story_id, folder, data)
        done = subprocess.run(
            [str(NEWSWEAVE), "brief", str(folder), "--format", "json", "--no-progress"],
            check=True,
            capture_output=True,
            text=True,
        )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def tune_threshold(stories: Sequence[str], data: Path) -> float:
    cached = [(load_gold(s, data), baseline_candidates(story_texts(s, data))) for s in stories]
    best, best_f1 = THRESHOLD_GRID[0], -1.0
    for threshold in THRESHOLD_GRID:
        total = Score()
        for gold, candidates in cached:
            total.add(score_story(gold, baseline_output(candidates, threshold)))
        if total.f1 > best_f1:
            best, best_f1 = threshold, total.f1
    return best


def _table(rows: Sequence[tuple[str, Score]]) -> str:
    head = (
        f"{'story':28} {'gold':>5} {'sys':>5} {'onG':>5} {'P':>6} {'Pall':>6} {'R':>6} "
        f"{'F1':>6} {'dis':>6} {'falseC':>6} {'cnt':>5}"
    )
    lines = [head]
    for name, s in rows:
        lines.append(
            f"{name:28} {s.gold_pairs:5d} {s.system_pairs:5d} {s.system_pairs_on_gold:5d} "
            f"{s.precision:6.3f} {s.precision_all:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.disagreements_found:>2d}/{s.disagreements:<3d} {s.false_contradictions:6d} "
            f"{s.counts_exact:>2d}/{s.counts:<2d}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--brief-json-dir", type=Path, help="saved briefs: <story>.json")
    parser.add_argument("--run", action="store_true", help="run newsweave on each story")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--threshold", type=float, help="baseline Jaccard threshold")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    stories = read_split(args.split)
    unknown = [s for s in stories if s not in STORIES]
    if unknown:
        parser.error(f"stories in SPLIT.json without a builder entry: {unknown}")
    threshold = args.threshold
    if threshold is None:
        threshold = tune_threshold(read_split("dev"), args.data)
    report: dict[str, Any] = {"split": args.split, "baseline_threshold": threshold}
    systems: list[tuple[str, list[tuple[str, Score]]]] = []
    base_rows: list[tuple[str, Score]] = []
    sys_rows: list[tuple[str, Score]] = []
    for story_id in stories:
        gold = load_gold(story_id, args.data)
        candidates = baseline_candidates(story_texts(story_id, args.data))
        base_rows.append((story_id, score_story(gold, baseline_output(candidates, threshold))))
        brief: dict[str, Any] | None = None
        if args.run:
            brief = run_newsweave(story_id, args.data)
        elif args.brief_json_dir is not None:
            path = args.brief_json_dir / f"{story_id}.json"
            if path.is_file():
                brief = json.loads(path.read_text(encoding="utf-8"))
            else:
                print(f"no saved brief for {story_id}: {path}", file=sys.stderr)
        if brief is not None:
            sys_rows.append((story_id, score_story(gold, system_from_brief_json(brief))))
    systems.append((f"baseline (Jaccard >= {threshold})", base_rows))
    if sys_rows:
        systems.append(("newsweave", sys_rows))
    for name, rows in systems:
        total = Score()
        for _, s in rows:
            total.add(s)
        report[name] = {"total": total.summary(), "stories": {k: v.summary() for k, v in rows}}
        report[name]["total"]["disagreements_found_ids"] = total.found_ids
        report[name]["total"]["false_contradiction_ids"] = total.false_details
        if not args.json:
            print(f"\n== {name}, split {args.split}")
            print(_table([*rows, ("TOTAL", total)]))
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
