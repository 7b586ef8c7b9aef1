"""Copy-detection fixtures made at run time from real articles of ../shared/data/allsides-bias.

``make_collection(path, n, seed)`` draws ``n`` original articles (``articles_sample.jsonl``) and
adds, deterministically for a seed:

- reprints: an original republished 0-2 days later by another (fictitious) outlet with edits,
  each applied with its own probability and recorded: a new headline, a trimmed ending, a
  paragraph inserted from an unrelated article, straight <-> curly quotation marks, boilerplate
  at the top or bottom, a few word substitutions, two paragraphs joined into one, a line
  crediting the origin's outlet;
- passages: a new article (another outlet, 0-3 days later) of 2-4 paragraphs of its own plus one
  paragraph (>= 40 words) copied from the origin;
- negatives: pairs of originals of one topic and date (independent reports), and pairs of
  unrelated originals given one long quotation each (shared words inside quotation marks are
  not copying).

The gold lists each (source, target) pair with its kind and the character ranges of the target
copied from the source (equal text in both, up to quotation marks). The real articles are never
written anywhere: the collection exists only in memory. Text not copied from an origin (the
"own" paragraphs, inserted paragraphs, quotations) comes from "filler" articles that are not in
the collection, each used once, so that no unplanned copy relation appears.

The dataset itself holds real copies (wire stories reprinted by two outlets, shared footers):
an article is admitted (as an original or a filler) only if it shares fewer than
``MAX_SHARED_SHINGLES`` word 8-grams, outside quotations, with every admitted article.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SAMPLE_FILE = Path("allsides-bias") / "articles_sample.jsonl"

# Share of the originals reprinted, and given one copied paragraph in a new article; an origin
# has one derived article at most, so that no two derived articles share text with each other.
REPRINT_SHARE = 0.25
PASSAGE_SHARE = 0.15
# Pairs of originals of one topic and date (independent reports), per original.
SAME_EVENT_SHARE = 0.1
# Pairs of originals given one shared long quotation: one per this many originals (at least 1).
QUOTE_PAIR_EVERY = 60
# Probability of each reprint edit (independent draws): chosen to give every combination
# several times in a collection of 300 originals.
EDIT_PROBABILITY = {
    "headline": 0.7,
    "trim_ending": 0.4,
    "insert_paragraph": 0.3,
    "quote_marks": 0.5,
    "boilerplate_top": 0.3,
    "boilerplate_bottom": 0.4,
    "substitutions": 0.5,
    "reflow": 0.3,
    "credit_line": 0.2,
}
TRIM_SHARE = (0.2, 0.5)  # share of the paragraphs a trimmed ending drops
MAX_SUBSTITUTIONS = 5
REPRINT_DELAY_DAYS = 2
PASSAGE_DELAY_DAYS = 3
OWN_PARAGRAPHS = (2, 4)
# Words of the paragraph a passage copy takes, and the largest share of it inside quotations
# (a copied paragraph that is all quotation is not copying by the rules scored).
COPIED_PARAGRAPH_WORDS = 40
COPIED_PARAGRAPH_MAX_QUOTED = 0.3
# An origin keeps at least this many characters outside quotations, so that every gold copy
# is detectable under the rule that quoted text does not count.
ORIGIN_MIN_UNQUOTED_CHARS = 800
ORIGINAL_MIN_WORDS = 150
ORIGINAL_MIN_PARAGRAPHS = 3
# Words of the quotation shared by a quoted-speech negative pair.
QUOTATION_WORDS = (40, 120)
# Word 8-grams (outside quotations) an admitted article may share with another admitted one:
# 5 shared 8-grams means a 12-word run, longer than phrasing independent reports share.
SHINGLE_WORDS = 8
MAX_SHARED_SHINGLES = 5

REPRINT_OUTLETS = (
    "Riverside Herald",
    "Lakeview Gazette",
    "Pine County Courier",
    "Harbor City Times",
    "Summit Daily Record",
    "Prairie Sentinel",
    "Bayside Chronicle",
    "Granite Valley Ledger",
)
PASSAGE_OUTLETS = ("Metro Observer", "Northside Bulletin", "Coastal Journal", "Midland Examiner")
BOILERPLATE_TOP = (
    "This story has been updated.",
    "Listen to this article.",
    "Updated {date}.",
)
BOILERPLATE_BOTTOM = (
    "Copyright {year} {outlet}. All rights reserved.",
    "Sign up for our newsletter to get the day's top stories in your inbox.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Have a news tip? Email the {outlet} newsroom.",
)
CREDIT_LINE = "This article was originally published by {origin}."
HEADLINE_PREFIXES = ("UPDATE: ", "WATCH: ", "", "")
SUBSTITUTIONS = {
    "said": "stated",
    "says": "states",
    "percent": "per cent",
    "also": "additionally",
    "because": "since",
    "people": "individuals",
    "announced": "revealed",
    "officials": "authorities",
}
QUOTE_FRAMES = (
    "In a statement released later in the day, the spokesperson said: “{q}”",
    '"{q}" the spokesperson told reporters on a conference call.',
)

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
QUOTATION = re.compile(r"\"[^\"\n]{1,1500}\"|“[^”\n]{1,1500}”")
DATE = re.compile(r"(?:2012|2013|2014|2015|2016|2017|2018|2019|2020)-\d\d-\d\d")
PARAGRAPH = re.compile(r"[^\n]+")
LONG_QUOTATION = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")


@dataclass(frozen=True, slots=True)
class CopiedRange:
    """Characters the target copied: ``source[s:e]`` equals ``target[t:u]`` up to quote marks."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class GoldCopy:
    source: str
    target: str
    kind: str  # "reprint" | "passage"
    ranges: tuple[CopiedRange, ...]
    edits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NegativePair:
    """Two articles that share no copied text: ``same_event`` or ``quoted_speech``."""

    first: str
    second: str
    kind: str


@dataclass(frozen=True, slots=True)
class Collection:
    articles: list[Article]
    gold: list[GoldCopy]
    negatives: list[NegativePair] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Row:
    """One usable article of the sample file."""

    id: str
    title: str
    outlet: str
    topic: str
    published: dt.date
    text: str
    paragraphs: tuple[tuple[int, int], ...]  # character ranges of the non-empty lines


Segment = tuple[str, int | None]  # text, and its start in the source when copied
Paragraph = list[Segment]


# --- reading and admitting articles ---------------------------------------------------------


def read_rows(path: Path) -> list[Row]:
    """The articles of the sample file with a valid date and enough text to edit."""
    rows = []
    with (path / SAMPLE_FILE).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record.get("content") or ""
            date = str(record.get("date") or "")
            paragraphs = tuple(m.span() for m in PARAGRAPH.finditer(text) if m.group().strip())
            if not DATE.fullmatch(date) or len(paragraphs) < ORIGINAL_MIN_PARAGRAPHS:
                continue
            if len(text.split()) < ORIGINAL_MIN_WORDS:
                continue
            rows.append(
                Row(
                    record["ID"],
                    record.get("title") or "",
                    record.get("source") or "",
                    record.get("topic") or "",
                    dt.date.fromisoformat(date),
                    text,
                    paragraphs,
                )
            )
    return rows


class Admission:
    """Admits articles that share no long unquoted run with an admitted one.

    Same-outlet pairs count too: a reprint of one article of an outlet would otherwise share
    the outlet's footer or link lists with its other articles.
    """

    def __init__(self) -> None:
        self._owners: dict[tuple[str, ...], list[str]] = defaultdict(list)

    def admit(self, row: Row) -> bool:
        keys = unquoted_shingles(row.text)
        shared: dict[str, int] = defaultdict(int)
        for key in keys:
            for owner in self._owners.get(key, ()):
                shared[owner] += 1
        if any(count >= MAX_SHARED_SHINGLES for count in shared.values()):
            return False
        for key in keys:
            self._owners[key].append(row.id)
        return True


def unquoted_shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower().replace("’", "'") for w in WORD.findall(QUOTATION.sub(" | ", text))]
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def quoted_share(text: str) -> float:
    inside = sum(m.end() - m.start() for m in QUOTATION.finditer(text))
    return inside / max(len(text), 1)


# --- editing -------------------------------------------------------------------------------


def source_paragraphs(row: Row) -> list[Paragraph]:
    return [[(row.text[s:e], s)] for s, e in row.paragraphs]


def swap_quote_marks(text: str) -> str:
    """Curly quotation marks to straight ones, or straight to curly when there are no curly.

    >>> swap_quote_marks('He said "yes" and it\\'s done')
    'He said “yes” and it’s done'
    >>> swap_quote_marks("“No,” she said. ‘Fine’")
    '"No," she said. \\'Fine\\''
    """
    if any(c in text for c in "“”‘’"):
        return text.translate(str.maketrans("“”‘’", "\"\"''"))
    out = []
    for i, char in enumerate(text):
        opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "([—"
        if char == '"':
            char = "“" if opening else "”"
        elif char == "'":
            char = "‘" if opening else "’"
        out.append(char)
    return "".join(out)


def substitute_words(paragraphs: list[Paragraph], rng: random.Random) -> int:
    """Replace up to MAX_SUBSTITUTIONS words of copied segments by synonyms; returns how many."""
    done = 0
    for _ in range(MAX_SUBSTITUTIONS):
        sites = [
            (p, s, m)
            for p, paragraph in enumerate(paragraphs)
            for s, (text, start) in enumerate(paragraph)
            if start is not None
            for m in WORD.finditer(text)
            if m.group() in SUBSTITUTIONS
        ]
        if not sites:
            break
        p, s, match = rng.choice(sites)
        text, start = paragraphs[p][s]
        assert start is not None
        paragraphs[p][s : s + 1] = [
            (text[: match.start()], start),
            (SUBSTITUTIONS[match.group()], None),
            (text[match.end() :], start + match.end()),
        ]
        done += 1
    return done


def render(paragraphs: Sequence[Paragraph]) -> tuple[str, list[CopiedRange]]:
    """The text of ``paragraphs`` (joined by blank lines) and the ranges copied from a source."""
    parts: list[str] = []
    ranges: list[CopiedRange] = []
    position = 0
    for n, paragraph in enumerate(paragraphs):
        if n:
            parts.append("\n\n")
            position += 2
        for text, start in paragraph:
            if start is not None and text:
                ranges.append(CopiedRange(start, start + len(text), position, position + len(text)))
            parts.append(text)
            position += len(text)
    return "".join(parts), merge_ranges(ranges)


def merge_ranges(ranges: Sequence[CopiedRange]) -> list[CopiedRange]:
    merged: list[CopiedRange] = []
    for r in ranges:
        last = merged[-1] if merged else None
        if last and last.source_end == r.source_start and last.target_end == r.target_start:
            merged[-1] = CopiedRange(
                last.source_start, r.source_end, last.target_start, r.target_end
            )
        else:
            merged.append(r)
    return merged


def new_headline(title: str, paragraphs: Sequence[Paragraph], rng: random.Random) -> str:
    """A rewritten headline: a prefix, the part before a colon, or the lead's first words."""
    lead_words = paragraphs[0][0][0].split()[:10]
    choice = rng.randrange(3)
    if choice == 0 or not title:
        return " ".join(lead_words).rstrip(",;:") + "..."
    if choice == 1 and ":" in title:
        return title.split(":", 1)[1].strip() or title
    return rng.choice(HEADLINE_PREFIXES[:2]) + title


def make_reprint(
    origin: Row, filler: Row, outlet: str, rng: random.Random
) -> tuple[Article, GoldCopy, bool]:
    """A reprint of ``origin`` with random edits; the flag says whether ``filler`` was used."""
    paragraphs = source_paragraphs(origin)
    edits = [name for name, p in EDIT_PROBABILITY.items() if rng.random() < p]
    title = new_headline(origin.title, paragraphs, rng) if "headline" in edits else origin.title
    if "trim_ending" in edits:
        drop = max(1, round(len(paragraphs) * rng.uniform(*TRIM_SHARE)))
        paragraphs = paragraphs[: max(2, len(paragraphs) - drop)]
    if "insert_paragraph" in edits:
        inserted = filler.text[slice(*rng.choice(filler.paragraphs))]
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), [(inserted, None)])
    if "substitutions" in edits and not substitute_words(paragraphs, rng):
        edits.remove("substitutions")
    if "reflow" in edits:
        at = rng.randrange(len(paragraphs) - 1)
        paragraphs[at : at + 2] = [[*paragraphs[at], (" ", None), *paragraphs[at + 1]]]
    if "quote_marks" in edits:
        paragraphs = [[(swap_quote_marks(t), s) for t, s in p] for p in paragraphs]
    published = origin.published + dt.timedelta(days=rng.randint(0, REPRINT_DELAY_DAYS))
    fill = {"outlet": outlet, "year": published.year, "date": published.strftime("%B %d, %Y")}
    if "credit_line" in edits:  # syndicated copy often names its origin at the top
        paragraphs.insert(0, [(CREDIT_LINE.format(origin=origin.outlet), None)])
    if "boilerplate_top" in edits:
        paragraphs.insert(0, [(rng.choice(BOILERPLATE_TOP).format(**fill), None)])
    if "boilerplate_bottom" in edits:
        lines = rng.sample(BOILERPLATE_BOTTOM, rng.randint(1, 2))
        paragraphs.extend([[(line.format(**fill), None)] for line in lines])
    text, ranges = render(paragraphs)
    article = new_article(rng, title, text, outlet, published)
    gold = GoldCopy("", article.id, "reprint", tuple(ranges), tuple(edits))
    return article, gold, "insert_paragraph" in edits


def copyable_paragraph(origin: Row) -> tuple[int, int] | None:
    for start, end in origin.paragraphs:
        chunk = origin.text[start:end]
        is_long = len(chunk.split()) >= COPIED_PARAGRAPH_WORDS
        if is_long and quoted_share(chunk) <= COPIED_PARAGRAPH_MAX_QUOTED:
            return start, end
    return None


def make_passage_copy(
    origin: Row, filler: Row, outlet: str, rng: random.Random
) -> tuple[Article, GoldCopy] | None:
    """An article of 2-4 paragraphs of ``filler`` and one paragraph copied from ``origin``."""
    copied = copyable_paragraph(origin)
    if copied is None:
        return None
    own = own_paragraphs(filler, copied[1] - copied[0], rng)
    if own is None:
        return None
    count = len(own)
    paragraphs: list[Paragraph] = [[(filler.text[s:e], None)] for s, e in own]
    paragraphs.insert(rng.randrange(count + 1), [(origin.text[slice(*copied)], copied[0])])
    text, ranges = render(paragraphs)
    published = origin.published + dt.timedelta(days=rng.randint(0, PASSAGE_DELAY_DAYS))
    article = new_article(rng, filler.title, text, outlet, published)
    return article, GoldCopy("", article.id, "passage", tuple(ranges), ("one_paragraph",))


def own_paragraphs(
    filler: Row, copied_chars: int, rng: random.Random
) -> tuple[tuple[int, int], ...] | None:
    """2-4 consecutive paragraphs of ``filler`` longer together than the copied paragraph (so
    the copy is a passage of the new article, not most of it), or None."""
    count = min(rng.randint(*OWN_PARAGRAPHS), len(filler.paragraphs))
    for first in range(len(filler.paragraphs) - count + 1):
        own = filler.paragraphs[first : first + count]
        if sum(e - s for s, e in own) > copied_chars:
            return own
    return None


def long_quotation(filler: Row) -> str | None:
    """A quotation of QUOTATION_WORDS words in ``filler``, without its marks, or None."""
    for match in LONG_QUOTATION.finditer(filler.text):
        inner = (match.group(1) or match.group(2) or "").strip().rstrip(",")
        nested = any(mark in inner for mark in '"“”')
        if not nested and QUOTATION_WORDS[0] <= len(inner.split()) <= QUOTATION_WORDS[1]:
            return inner if inner[-1] in ".!?" else inner + "."
    return None


def with_quotation(row: Row, quotation: str, frame: str, rng: random.Random) -> Row:
    """``row`` with one paragraph quoting ``quotation`` inserted after its first paragraph."""
    paragraphs = [row.text[s:e] for s, e in row.paragraphs]
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), frame.format(q=quotation))
    text = "\n\n".join(paragraphs)
    spans = tuple(m.span() for m in PARAGRAPH.finditer(text))
    return Row(row.id, row.title, row.outlet, row.topic, row.published, text, spans)


# --- the collection ------------------------------------------------------------------------


def new_article(
    rng: random.Random, title: str, text: str, outlet: str, published: dt.date
) -> Article:
    """An article with an opaque id (ids must not tell originals from copies)."""
    ident = f"doc-{rng.getrandbits(40):010x}"
    return Article(ident, f"fixture:{ident}", text, title, outlet, published, input_format="jsonl")


def as_article(row: Row, ident: str) -> Article:
    return Article(
        ident,
        f"fixture:{ident}",
        row.text,
        row.title,
        row.outlet,
        row.published,
        input_format="jsonl",
    )


def admitted(rows: Sequence[Row], admission: Admission) -> Iterator[Row]:
    return (row for row in rows if admission.admit(row))


def same_event_pairs(
    rows: Sequence[Row], admission: Admission, count: int, rng: random.Random
) -> list[tuple[Row, Row]]:
    """Up to ``count`` pairs of admitted rows of one topic and date from different outlets."""
    groups: dict[tuple[str, dt.date], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row.topic, row.published)].append(row)
    keys = sorted(k for k, g in groups.items() if len({r.outlet for r in g}) > 1)
    rng.shuffle(keys)
    pairs: list[tuple[Row, Row]] = []
    for key in keys:
        if len(pairs) == count:
            break
        first = next(admitted(groups[key], admission), None)
        rest = [r for r in groups[key] if first and r.outlet != first.outlet]
        second = next(admitted(rest, admission), None)
        if first and second:
            pairs.append((first, second))
    return pairs


def make_collection(path: Path = DEFAULT_DATA, n: int = 300, seed: int = 0) -> Collection:
    """A shuffled collection of ``n`` originals, their reprints and passage copies, with gold."""
    rng = random.Random(seed)
    rows = read_rows(path)
    rng.shuffle(rows)
    admission = Admission()
    pairs = same_event_pairs(rows, admission, round(n * SAME_EVENT_SHARE), rng)
    originals = [row for pair in pairs for row in pair]
    used = {row.id for row in originals}
    pool = admitted([r for r in rows if r.id not in used], admission)
    originals += [row for _, row in zip(range(n - len(originals)), pool, strict=False)]
    if len(originals) < n:
        raise ValueError(f"only {len(originals)} usable articles in {path / SAMPLE_FILE}")
    return _derive(originals, pairs, pool, rng)


def _derive(
    originals: list[Row], pairs: list[tuple[Row, Row]], fillers: Iterator[Row], rng: random.Random
) -> Collection:
    ids = {row.id: f"doc-{rng.getrandbits(40):010x}" for row in originals}
    eligible = [r for r in originals if unquoted_chars(r.text) >= ORIGIN_MIN_UNQUOTED_CHARS]
    rng.shuffle(eligible)
    reprinted = eligible[: round(len(originals) * REPRINT_SHARE)]
    articles, reprint_gold = _reprints(reprinted, fillers, rng)
    more, passage_gold, unused = _passages(
        eligible[len(reprinted) :], round(len(originals) * PASSAGE_SHARE), fillers, rng
    )
    articles += more
    gold = [_with_source(g, ids[origin.id]) for g, origin in [*reprint_gold, *passage_gold]]
    negatives = [NegativePair(ids[a.id], ids[b.id], "same_event") for a, b in pairs]
    paired = {row.id for pair in pairs for row in pair}
    quoting = [r for r in unused if r.id not in paired]
    count = max(1, len(originals) // QUOTE_PAIR_EVERY)
    changed, quote_pairs = _quote_pairs(quoting, fillers, rng, count)
    negatives += [NegativePair(ids[a], ids[b], "quoted_speech") for a, b in quote_pairs]
    articles += [as_article(changed.get(r.id, r), ids[r.id]) for r in originals]
    rng.shuffle(articles)
    return Collection(articles, gold, negatives)


def _next(fillers: Iterator[Row]) -> Row:
    filler = next(fillers, None)
    if filler is None:
        raise ValueError("too few usable articles left for the filler text: lower n")
    return filler


def _reprints(
    origins: Sequence[Row], fillers: Iterator[Row], rng: random.Random
) -> tuple[list[Article], list[tuple[GoldCopy, Row]]]:
    articles, gold = [], []
    filler = _next(fillers)
    for origin in origins:
        article, copy, used = make_reprint(origin, filler, rng.choice(REPRINT_OUTLETS), rng)
        filler = _next(fillers) if used else filler
        articles.append(article)
        gold.append((copy, origin))
    return articles, gold


def _passages(
    origins: Sequence[Row], count: int, fillers: Iterator[Row], rng: random.Random
) -> tuple[list[Article], list[tuple[GoldCopy, Row]], list[Row]]:
    """Up to ``count`` passage copies of ``origins``, and the origins left unused."""
    articles: list[Article] = []
    gold: list[tuple[GoldCopy, Row]] = []
    unused = []
    for origin in origins:
        made = None
        if len(gold) < count:
            made = make_passage_copy(origin, _next(fillers), rng.choice(PASSAGE_OUTLETS), rng)
        if made:
            articles.append(made[0])
            gold.append((made[1], origin))
        else:
            unused.append(origin)
    return articles, gold, unused


def _with_source(copy: GoldCopy, source: str) -> GoldCopy:
    return GoldCopy(source, copy.target, copy.kind, copy.ranges, copy.edits)


def _quote_pairs(
    rows: Sequence[Row], fillers: Iterator[Row], rng: random.Random, count: int
) -> tuple[dict[str, Row], list[tuple[str, str]]]:
    """Pairs of ``rows`` each given the same long quotation (taken from a filler)."""
    changed: dict[str, Row] = {}
    pairs: list[tuple[str, str]] = []
    candidates = list(rows)
    while len(pairs) < count and len(candidates) >= 2:
        quotation = next((q for q in map(long_quotation, fillers) if q), None)
        if quotation is None:
            break
        first, second = candidates.pop(), candidates.pop()
        changed[first.id] = with_quotation(first, quotation, QUOTE_FRAMES[0], rng)
        changed[second.id] = with_quotation(second, quotation, QUOTE_FRAMES[1], rng)
        pairs.append((first.id, second.id))
    return changed, pairs


def unquoted_chars(text: str) -> int:
    return len(text) - sum(m.end() - m.start() for m in QUOTATION.finditer(text))
