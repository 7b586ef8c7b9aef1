"""A large article collection for the corpus benchmark, made from ../shared/data/allsides-bias.

The 2,519 full texts of ``articles_sample.jsonl`` come first, unchanged; then replicas, round
after round, each with light edits a reprint would show: another (fake) outlet, the date moved
0-30 days later, words swapped in the headline, a paragraph dropped or repeated, other quote
marks, a boilerplate line. Every replica depends only on (seed, round, original), so a
collection is the same whatever its size or chunking, and the first N records of a larger
collection are the collection of size N.

Records are written as JSON Lines (``id``, ``title``, ``text``, ``outlet``, ``published``), 1,000
per file, streamed: only the originals stay in memory, never the N records. Write them outside
the repository (the texts are the publishers'; they must not be committed).

Usage: .venv/bin/python bench/corpus_replica.py --out /tmp/corpus-5k --size 5000 [--seed 0]
       [--extra 50] (also writes ``extra/``: later-dated new articles for an incremental step)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SAMPLE = Path("allsides-bias") / "articles_sample.jsonl"
CHUNK_RECORDS = 1_000  # records per file: many files, as a crawl folder has, each small
MAX_SHIFT_DAYS = 30  # a reprint appears the same day or up to a month later
EXTRA_GAP_DAYS = 14  # incremental articles fall within two weeks after the collection's end
MANIFEST = "collection.json"
GENERATOR_VERSION = 1  # bump when the edits change, so cached collections are rebuilt

# Chances of each optional edit per replica; outlet and date always change.
HEADLINE_SWAP_P = 0.7
PARAGRAPH_EDIT_P = 0.6
QUOTE_CHANGE_P = 0.4
BOILERPLATE_P = 0.5

_OUTLET_PLACES = ("Daily", "Evening", "Metro", "National", "Valley", "Harbor", "Capitol",
                  "Prairie", "Coastal", "Northern", "Lakeside", "Midland")  # fmt: skip
_OUTLET_KINDS = ("Ledger", "Courier", "Sentinel", "Gazette", "Herald", "Dispatch", "Chronicle",
                 "Tribune", "Observer", "Bulletin", "Record", "Post")  # fmt: skip
_HEADLINE_WORDS = {
    "says": "claims", "said": "stated", "new": "fresh", "plan": "proposal", "calls": "urges",
    "after": "following", "over": "amid", "big": "major", "amid": "during", "warns": "cautions",
    "wants": "seeks", "slams": "blasts", "could": "may", "will": "set to",
}  # fmt: skip
_BOILERPLATE = (
    "Copyright {year} {outlet}. All rights reserved.",
    "This story has been updated with additional reporting.",
    "Sign up for the {outlet} morning newsletter to get the day's top stories.",
    "{outlet} staff contributed to this report.",
    "This material may not be published, broadcast, rewritten or redistributed.",
)


@dataclass(frozen=True, slots=True)
class Original:
    id: str
    title: str
    text: str
    outlet: str
    published: dt.date | None


def load_originals(data: Path = DATA) -> list[Original]:
    """The full-text articles of the sample, in file order (undated ones keep no date)."""
    originals = []
    with (data / SAMPLE).open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["content"].strip():
                originals.append(
                    Original(row["ID"], row["title"], row["content"], row["source"], _day(row))
                )
    return originals


def _day(row: dict[str, str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(row.get("date") or "")
    except ValueError:
        return None


def source_checksum(data: Path = DATA) -> str:
    """SHA-256 prefix of the sample file, so a cached collection is rebuilt if the data change."""
    return hashlib.sha256((data / SAMPLE).read_bytes()).hexdigest()[:16]


def record_of(original: Original) -> dict[str, str]:
    record = {"id": original.id, "title": original.title, "text": original.text}
    record["outlet"] = original.outlet
    if original.published is not None:
        record["published"] = original.published.isoformat()
    return record


def replica(original: Original, round_number: int, seed: int, shift: int | None = None) -> Original:
    """A reprint of ``original``; the edits depend only on (seed, round, original id)."""
    rng = random.Random(f"{seed}:{round_number}:{original.id}")
    outlet = f"{rng.choice(_OUTLET_PLACES)} {rng.choice(_OUTLET_KINDS)}"
    days = rng.randint(0, MAX_SHIFT_DAYS) if shift is None else shift
    published = original.published + dt.timedelta(days=days) if original.published else None
    title = edit_headline(original.title, rng) if rng.random() < HEADLINE_SWAP_P else original.title
    text = original.text
    if rng.random() < PARAGRAPH_EDIT_P:
        text = edit_paragraphs(text, rng)
    if rng.random() < QUOTE_CHANGE_P:
        text = swap_quote_marks(text)
    if rng.random() < BOILERPLATE_P:
        year = (published or dt.date(2020, 1, 1)).year
        line = rng.choice(_BOILERPLATE).format(year=year, outlet=outlet)
        text = f"{line}\n\n{text}" if rng.random() < 0.5 else f"{text}\n\n{line}"
    return Original(f"{original.id}~r{round_number}", title, text, outlet, published)


def edit_headline(title: str, rng: random.Random) -> str:
    """Swap two neighbouring words, or replace one word with a near-synonym."""
    words = title.split()
    synonyms = [n for n, w in enumerate(words) if w.lower() in _HEADLINE_WORDS]
    if synonyms and rng.random() < 0.5:
        n = rng.choice(synonyms)
        words[n] = _HEADLINE_WORDS[words[n].lower()]
    elif len(words) >= 4:
        n = rng.randrange(1, len(words) - 1)
        words[n], words[n + 1] = words[n + 1], words[n]
    return " ".join(words)


def edit_paragraphs(text: str, rng: random.Random) -> str:
    """Drop one paragraph after the first (the lead stays), or repeat one."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 3:
        return text
    n = rng.randrange(1, len(paragraphs))
    if rng.random() < 0.5:
        del paragraphs[n]
    else:
        paragraphs.insert(n, paragraphs[n])
    return "\n\n".join(paragraphs)


def swap_quote_marks(text: str) -> str:
    """Curly quotes to straight ones; a text with none gets curly ones instead."""
    if "“" in text or "’" in text:
        table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
        return text.translate(table)
    pieces = text.split('"')
    curly = "".join(p + ("“" if n % 2 == 0 else "”") for n, p in enumerate(pieces[:-1]))
    return (curly + pieces[-1]).replace("'", "’")


def iter_records(originals: Sequence[Original], size: int, seed: int) -> Iterator[Original]:
    """The first ``size`` articles of the collection: originals, then rounds of replicas."""
    for count in range(size):
        round_number, index = divmod(count, len(originals))
        original = originals[index]
        yield original if round_number == 0 else replica(original, round_number, seed)


def iter_extra(
    originals: Sequence[Original], count: int, seed: int, after: dt.date
) -> Iterator[Original]:
    """``count`` new articles dated after ``after``: reprints of the latest dated originals."""
    dated = sorted((o for o in originals if o.published), key=lambda o: (o.published, o.id))
    latest = dated[::-1]
    for n in range(count):
        original = latest[n % len(latest)]
        rng = random.Random(f"{seed}:extra:{n}")
        target = after + dt.timedelta(days=rng.randint(1, EXTRA_GAP_DAYS))
        assert original.published is not None
        shift = (target - original.published).days
        yield replica(original, -1 - n // len(latest), seed, shift=shift)


def write_jsonl_chunks(records: Iterator[Original], out: Path, prefix: str) -> tuple[int, str]:
    """Write records, CHUNK_RECORDS per file; returns (count, latest ISO date or "")."""
    out.mkdir(parents=True, exist_ok=True)
    count, latest = 0, ""
    while True:
        path = out / f"{prefix}-{count // CHUNK_RECORDS:05d}.jsonl"
        written, chunk_latest = _write_chunk(itertools.islice(records, CHUNK_RECORDS), path)
        count, latest = count + written, max(latest, chunk_latest)
        if written < CHUNK_RECORDS:
            return count, latest


def _write_chunk(records: Iterator[Original], path: Path) -> tuple[int, str]:
    count, latest = 0, ""
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            row = record_of(record)
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count, latest = count + 1, max(latest, row.get("published", ""))
    if count == 0:
        path.unlink()
    return count, latest


def manifest_for(size: int, seed: int, extra: int, data: Path) -> dict[str, object]:
    return {"size": size, "seed": seed, "extra": extra, "version": GENERATOR_VERSION,
            "source_sha256": source_checksum(data)}  # fmt: skip


def build_collection(
    out: Path, size: int, seed: int = 0, extra: int = 0, data: Path = DATA
) -> Path:
    """Write the collection into ``out/articles`` (and ``extra`` later articles into ``out/extra``).

    Reuses ``out`` when its manifest matches; the manifest is written last, so an interrupted
    build is redone.
    """
    wanted = manifest_for(size, seed, extra, data)
    manifest = out / MANIFEST
    if manifest.exists() and _same(json.loads(manifest.read_text()), wanted):
        return out
    manifest.unlink(missing_ok=True)
    for old in [*out.glob("articles/*.jsonl"), *out.glob("extra/*.jsonl")]:
        old.unlink()
    originals = load_originals(data)
    _, latest = write_jsonl_chunks(iter_records(originals, size, seed), out / "articles", "part")
    if extra:
        after = dt.date.fromisoformat(latest)
        write_jsonl_chunks(iter_extra(originals, extra, seed, after), out / "extra", "extra")
    manifest.write_text(json.dumps({**wanted, "latest": latest}, indent=1))
    return out


def _same(found: dict[str, object], wanted: dict[str, object]) -> bool:
    return all(found.get(key) == value for key, value in wanted.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if ROOT in args.out.resolve().parents:
        raise SystemExit("--out must lie outside the repository (the texts must not be committed)")
    start = time.perf_counter()
    build_collection(args.out, args.size, args.seed, args.extra, args.data)
    seconds = time.perf_counter() - start
    print(f"{args.size} articles (+{args.extra} extra) in {args.out} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
