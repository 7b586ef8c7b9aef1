"""Score a brief of the bundled example story against its gold answers.

Usage: .venv/bin/python eval/story_gold.py [--verbose]

Each category's score is the share of gold items the brief gets fully right; misses are listed
with --verbose. tests/test_example_story.py pins floors on these scores.
"""

from __future__ import annotations

import argparse
import json
import math
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.model import Brief, ConflictKind, FactStatus, Mention, Sentence, SentenceKind

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story"
GOLD = ROOT / "examples" / "story.gold.json"
Gold = dict[str, Any]


@dataclass
class Score:
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.matched + len(self.misses)

    @property
    def value(self) -> float:
        return self.matched / self.total if self.total else 1.0


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _spans_of(brief: Brief, document: str, needle: str) -> list[tuple[int, int]]:
    text = next(d.text for d in brief.documents if d.id == document)
    spans, start = [], text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def _overlaps(mention: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in spans)


def _score(
    items: Iterable[Gold], check: Callable[[Gold], bool], label: Callable[[Gold], str]
) -> Score:
    score = Score()
    for item in items:
        if check(item):
            score.matched += 1
        else:
            score.misses.append(label(item))
    return score


def score_entities(brief: Brief, gold: Gold) -> Score:
    def check(item: Gold) -> bool:
        for entity in brief.entities:
            if fold(entity.name) == fold(item["name"]) and entity.type.value == item["type"]:
                names = {fold(n) for n in (entity.name, *entity.aliases)}
                return all(fold(v) in names for v in item["variants"] if " " in v)
        return False

    return _score(gold["entities"], check, lambda i: i["name"])


def score_quotes(brief: Brief, gold: Gold) -> Score:
    def check(item: Gold) -> bool:
        return any(
            q.mention.document == item["document"]
            and item["text_contains"] in q.text
            and fold(q.speaker or "") == fold(item["speaker"])
            for q in brief.quotes
        )

    return _score(gold["quotes"], check, lambda i: f"{i['document']}: {i['text_contains'][:50]}")


def score_scare_quotes(brief: Brief, gold: Gold) -> Score:
    def check(item: Gold) -> bool:
        return any(
            q.mention.document == item["document"]
            and not q.is_statement
            and q.text.strip(" ,.") == item["text"]
            for q in brief.quotes
        )

    return _score(gold["scare_quotes"], check, lambda i: f"{i['document']}: {i['text']}")


def score_figures(brief: Brief, gold: Gold) -> Score:
    def check(item: Gold) -> bool:
        spans = _spans_of(brief, item["document"], item["text"])
        return any(
            f.mention.document == item["document"]
            and _overlaps(f.mention, spans)
            and f.kind.value == item["kind"]
            and math.isclose(f.value, item["value"], rel_tol=1e-6)
            and f.unit == item["unit"]
            and f.qualifier.value == item["qualifier"]
            for f in brief.figures
        )

    return _score(gold["figures"], check, lambda i: f"{i['document']}: {i['text']}")


def score_dates(brief: Brief, gold: Gold) -> Score:
    def check(item: Gold) -> bool:
        spans = _spans_of(brief, item["document"], item["text"])
        return any(
            d.mention.document == item["document"]
            and _overlaps(d.mention, spans)
            and d.value == item["value"]
            and d.granularity.value == item["granularity"]
            for d in brief.dates
        )

    label = lambda i: f"{i['document']}: {i['text']} = {i['value']}"  # noqa: E731
    return _score(gold["dates"], check, label)


def score_published(brief: Brief, gold: Gold) -> Score:
    published = {d.id: d.published.isoformat() if d.published else None for d in brief.documents}
    items = [{"id": k, "value": v} for k, v in gold["published"].items()]
    return _score(items, lambda i: published.get(i["id"]) == i["value"], lambda i: i["id"])


def score_segments(brief: Brief, gold: Gold) -> Score:
    claims = [s.text for s in brief.sentences if s.kind is SentenceKind.CLAIM]
    headings = {s.text for s in brief.sentences if s.kind is SentenceKind.HEADING}
    items = [{"line": b, "kind": "boilerplate"} for b in gold["boilerplate"]]
    items += [{"line": h, "kind": "heading"} for h in gold["headings"]]

    def check(item: Gold) -> bool:
        if item["kind"] == "heading" and item["line"] not in headings:
            return False
        return not any(item["line"] in c for c in claims)

    return _score(items, check, lambda i: f"{i['kind']}: {i['line']}")


def score_outlets(brief: Brief, gold: Gold) -> Score:
    outlets = {d.outlet for d in brief.documents}
    return _score(
        ({"o": o} for o in gold["outlets"]), lambda i: i["o"] in outlets, lambda i: i["o"]
    )


def _figure_conflicts(brief: Brief) -> list[set[str]]:
    """The figure texts of each side pair of every figure conflict of the brief."""
    found = []
    for fact in brief.facts:
        for conflict in fact.conflicts:
            if conflict.kind is ConflictKind.FIGURE:
                found.append({fold(m.text) for m in conflict.mentions})
    return found


def score_conflicting_figures(brief: Brief, gold: Gold) -> Score:
    conflicts = _figure_conflicts(brief)
    return _score(
        ({"pair": p} for p in gold["conflicting_figures"]),
        lambda i: any({fold(x) for x in i["pair"]} <= c for c in conflicts),
        lambda i: " vs ".join(i["pair"]),
    )


def score_agreeing_figures(brief: Brief, gold: Gold) -> Score:
    """Agreeing figures never on opposite sides of a conflict (a false conflict is a miss)."""
    sides = [
        [{fold(m.text) for m in side.mentions} for side in conflict.sides]
        for fact in brief.facts
        for conflict in fact.conflicts
        if conflict.kind is ConflictKind.FIGURE
    ]

    def opposed(a: str, b: str) -> bool:
        return any(
            a in x and b in y for conflict in sides for x in conflict for y in conflict if x != y
        )

    return _score(
        ({"pair": p} for p in gold["agreeing_figures"]),
        lambda i: not opposed(fold(i["pair"][0]), fold(i["pair"][1])),
        lambda i: " ~ ".join(i["pair"]),
    )


def score_copies(brief: Brief, gold: Gold) -> Score:
    links = {(c.origin, c.copier) for c in brief.sources.copies}
    extra = [f"extra {c.copier} copies {c.origin}" for c in brief.sources.copies
             if [c.origin, c.copier] not in gold["copies"]]  # fmt: skip
    score = _score(
        ({"pair": p} for p in gold["copies"]),
        lambda i: tuple(i["pair"]) in links,
        lambda i: f"{i['pair'][1]} copies {i['pair'][0]}",
    )
    score.misses.extend(extra)
    return score


def score_quote_variants(brief: Brief, gold: Gold) -> Score:
    by_id = {q.id: q for q in brief.quotes}

    def check(item: Gold) -> bool:
        first, second = (fold(x) for x in item["pair"])
        return any(
            first in fold(q.text) and any(second in fold(by_id[v].text) for v in q.variants)
            for q in brief.quotes
        )

    return _score(({"pair": p} for p in gold["quote_variants"]), check, lambda i: str(i["pair"]))


def score_single_source(brief: Brief, gold: Gold) -> Score:
    """A gold detail (words of one sentence) is right when a single-source fact has a claim in
    that sentence: claims are clauses, and the gold was written for sentences."""
    sentences = _sentences_by_document(brief)

    def sentence_text(m: Mention) -> str:
        found = [s for s in sentences.get(m.document, []) if s.start <= m.start < s.end]
        return found[0].text if found else m.text

    def check(item: Gold) -> bool:
        return any(
            fact.status is FactStatus.SINGLE_SOURCE
            and any(m.document == item["document"] and item["text_contains"] in sentence_text(m)
                    for m in fact.mentions)
            for fact in brief.facts
        )  # fmt: skip

    return _score(gold["single_source"], check, lambda i: i["text_contains"])


def _sentences_by_document(brief: Brief) -> dict[str, list[Sentence]]:
    found: dict[str, list[Sentence]] = {}
    for sentence in brief.sentences:
        found.setdefault(sentence.document, []).append(sentence)
    return found


SCORERS: dict[str, Callable[[Brief, Gold], Score]] = {
    "outlets": score_outlets,
    "published": score_published,
    "segments": score_segments,
    "entities": score_entities,
    "quotes": score_quotes,
    "scare_quotes": score_scare_quotes,
    "figures": score_figures,
    "dates": score_dates,
    "conflicting_figures": score_conflicting_figures,
    "agreeing_figures": score_agreeing_figures,
    "copies": score_copies,
    "quote_variants": score_quote_variants,
    "single_source": score_single_source,
}


def score_brief(brief: Brief, gold: Gold) -> dict[str, Score]:
    return {name: scorer(brief, gold) for name, scorer in SCORERS.items()}


def load_gold() -> Gold:
    data: Gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def main() -> None:
    from newsweave.api import brief

    parser = argparse.ArgumentParser(description="Score the example story's brief against gold.")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    scores = score_brief(brief([str(STORY)]), load_gold())
    for name, score in scores.items():
        print(f"{name:13} {score.matched:3}/{score.total:<3} {score.value:6.1%}")
        if args.verbose:
            for miss in score.misses:
                print(f"    miss: {miss}")


if __name__ == "__main__":
    main()
