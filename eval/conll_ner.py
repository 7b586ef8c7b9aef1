"""Entity-level micro P/R/F1 (exact span and type, as conlleval) on CoNLL-2003 English test.

Usage: .venv/bin/python eval/conll_ner.py [--limit N] [--data DIR] [--split eng.testb]

spaCy runs over each sentence's own tokens (a Doc built from the words, so spans align with the
gold tokens). OntoNotes labels are mapped to CoNLL's: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE->MISC; numeric labels are dropped. Two runs are
scored: spaCy's raw spans, and the spans after newsweave's cleaning (leading "the",
possessives, honorifics and, for persons, leading titles removed).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.tokens import Doc, Span

from newsweave.analysis.entities import clean_entity_span
from newsweave.analysis.nlp import load_nlp

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "conll2003-ner"
LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    **dict.fromkeys(["NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"], "MISC"),
}
TYPES = ("LOC", "MISC", "ORG", "PER")
BATCH_SIZE = 256
Spans = set[tuple[int, int, int, str]]  # (sentence, start token, end token, type)


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences as (words, IOB2 tags)."""
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        columns = line.split()
        words.append(columns[0])
        tags.append(columns[-1])
    if words:
        yield words, tags


def gold_spans(index: int, tags: list[str]) -> Spans:
    spans: Spans = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label
        if start >= 0 and not inside:
            spans.add((index, start, i, label))
            start, label = -1, ""
        if tag.startswith("B-") or (tag.startswith("I-") and not inside):
            start, label = i, tag[2:]
    return spans


def raw_span(ent: Span) -> Span | None:
    return ent


def cleaned_span(ent: Span) -> Span | None:
    cleaned = clean_entity_span(ent)
    return cleaned[0] if cleaned else None


def predicted_spans(index: int, doc: Doc, clean: Callable[[Span], Span | None]) -> Spans:
    spans: Spans = set()
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        span = clean(ent) if label else None
        if label and span is not None:
            spans.add((index, span.start, span.end, label))
    return spans


def score(gold: Spans, predicted: Spans) -> dict[str, tuple[float, float, float, int]]:
    """Per type and overall: precision, recall, F1 (percent) and gold count."""
    result = {}
    for label in (*TYPES, "overall"):
        g = {s for s in gold if label in (s[3], "overall")}
        p = {s for s in predicted if label in (s[3], "overall")}
        hits = len(g & p)
        precision = 100 * hits / len(p) if p else 0.0
        recall = 100 * hits / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        result[label] = (precision, recall, f1, len(g))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--split", default="eng.testb")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    args = parser.parse_args()

    sentences = list(read_conll(args.data / args.split))[: args.limit]
    nlp = load_nlp()
    started = time.perf_counter()
    docs = [Doc(nlp.vocab, words=words, spaces=[True] * len(words)) for words, _ in sentences]
    parsed = list(nlp.pipe(docs, batch_size=BATCH_SIZE))
    elapsed = time.perf_counter() - started

    gold: Spans = set()
    for i, (_, tags) in enumerate(sentences):
        gold |= gold_spans(i, tags)
    tokens = sum(len(words) for words, _ in sentences)
    print(f"{args.split}: {len(sentences)} sentences, {tokens} tokens, {len(gold)} gold entities")
    print(f"spaCy {nlp.meta['name']} {nlp.meta['version']}: {elapsed:.1f} s")
    for title, clean in (("raw spaCy spans", raw_span), ("after cleaning", cleaned_span)):
        predicted: Spans = set()
        for i, doc in enumerate(parsed):
            predicted |= predicted_spans(i, doc, clean)
        print(f"\n{title}\n{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for label, (p, r, f1, n) in score(gold, predicted).items():
            print(f"{label:<8} {p:6.2f} {r:6.2f} {f1:6.2f} {n:6d}")
    print("\npublished (overall F1): best CoNLL-2003 system 88.76; BERT-large 92.8")


if __name__ == "__main__":
    main()
