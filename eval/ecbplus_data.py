"""Read ECB+ (CAT XML) into gold documents for sentence-level cross-document alignment.

Each document's text is rebuilt from its tokens, one gold sentence per line, so that any span
newsweave reports maps back to gold sentences by character offset. The CAT-XML pieces shared
with MEANTIME (``GoldDocument``, ``rebuild_text``, ``gold_pairs``) live here too.

Gold pairs: two annotated sentences of different documents in one sub-topic (topic + ``ecb``
or ``ecbplus``) whose event mentions (``ACTION_*``/``NEG_*`` markables) are linked to one
cross-document instance (the ``note`` of a ``CROSS_DOC_COREF`` relation). Only sentences listed
in ``ECBplus_coreference_sentences.csv`` count, as in the standard CDCR evaluation.
"""

from __future__ import annotations

import csv
import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from newsweave.model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECB_DIR = "ecbplus"
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"

# The split of Cybulska & Vossen (2015) that every published ECB+ figure uses.
TRAIN_TOPICS = tuple(t for t in range(1, 23) if t not in (15, 17))
DEV_TOPICS = (23, 24, 25)
TEST_TOPICS = tuple(range(36, 46))
SPLITS: Mapping[str, tuple[int, ...]] = {
    "train": TRAIN_TOPICS,
    "dev": DEV_TOPICS,
    "test": TEST_TOPICS,
    "all": tuple(t for t in range(1, 46) if t not in (15, 17)),  # 26-35 are in no split
}

EVENT_TAG_PREFIXES = ("ACTION_", "NEG_")

SentenceKey = tuple[str, int]  # (document id, gold sentence number)
Pair = tuple[SentenceKey, SentenceKey]  # unordered pair, stored sorted


@dataclass(frozen=True, slots=True)
class GoldSentence:
    number: int  # the ``sentence`` attribute of its tokens
    start: int  # character offsets in ``GoldDocument.text``
    end: int


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str  # the file name stem ("36_1ecb")
    group: str  # what newsweave reads as one story: an ECB+ topic or a MEANTIME sub-corpus
    subtopic: str  # gold pairs never cross it ("36ecb", "36ecbplus"; MEANTIME: the sub-corpus)
    text: str
    sentences: tuple[GoldSentence, ...]
    annotated: frozenset[int]  # sentence numbers that count for gold and predicted pairs
    instances: Mapping[int, frozenset[str]]  # sentence number -> cross-doc event instance ids
    published: dt.date | None = None

    def article(self) -> Article:
        """The newsweave input: each document is its own outlet."""
        return Article(
            id=self.id,
            source=f"{self.id}.xml",
            text=self.text,
            outlet=self.id,
            published=self.published,
        )


def make_pair(a: SentenceKey, b: SentenceKey) -> Pair:
    return (a, b) if a <= b else (b, a)


# Tokens written without the space before them / after them when the text is rebuilt.
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%") | {"'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset(["(", "[", "{", "$", "#"])
_QUOTES = {"``": '"', "''": '"', '"': '"'}


def detokenize(tokens: Sequence[str]) -> str:
    """Join PTB-style tokens into readable text (the tokeniser needs no exact inverse here).

    >>> detokenize(["He", "said", "``", "no", "''", "(", "twice", ")", "."])
    'He said "no" (twice).'
    >>> detokenize(["a", "14", "-", "year", "-", "old", "ca", "n't"])
    "a 14-year-old can't"
    >>> detokenize(["U", ".", "S", ".", "at", "2", ":", "09", "a", ".", "m", ".", "1", ",", "500"])
    'U.S. at 2:09 a.m. 1,500'
    """
    out: list[str] = []
    glue_next = True
    quote_open = False
    for i, token in enumerate(tokens):
        word = _QUOTES.get(token, token)
        glue = glue_next or word in _NO_SPACE_BEFORE or word == "-"
        glue_next = word in _NO_SPACE_AFTER or word == "-" or _joins_neighbours(tokens, i)
        if word == '"':
            quote_open = not quote_open
            glue = glue or not quote_open
            glue_next = quote_open
        out.append(word if glue else " " + word)
    return "".join(out)


def _joins_neighbours(tokens: Sequence[str], i: int) -> bool:
    """A separator inside a number ("6.1", "2:09") or an initialism ("U.S.", "a.m.")."""
    if tokens[i] not in ".:," or not 0 < i < len(tokens) - 1:
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    if before.isdigit() and after.isdigit():
        if tokens[i] == ",":
            return len(after) == 3  # "1,500"; "May 4, 2011" keeps its space
        return tokens[i] == ":" or len(before) <= 3  # "6.1"; "2008. 4" is a year ending a line
    return tokens[i] == "." and len(before) == 1 == len(after) and (before + after).isalpha()


def rebuild_text(
    sentences: Sequence[tuple[int, Sequence[str]]],
) -> tuple[str, tuple[GoldSentence, ...]]:
    """The text of (sentence number, tokens) pairs, one sentence per line, with offsets."""
    lines: list[str] = []
    spans: list[GoldSentence] = []
    offset = 0
    for number, tokens in sentences:
        line = detokenize(tokens)
        spans.append(GoldSentence(number, offset, offset + len(line)))
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines), tuple(spans)


def read_tokens(root: ET.Element) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Token id -> sentence number, and each sentence's tokens in document order."""
    sentence_of: dict[str, int] = {}
    by_sentence: dict[int, list[str]] = {}
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        sentence_of[token.get("t_id", "")] = number
        by_sentence.setdefault(number, []).append(token.text or "")
    return sentence_of, list(by_sentence.items())


def anchored_sentences(
    markables: Iterable[ET.Element], sentence_of: Mapping[str, int]
) -> dict[str, int]:
    """Markable id -> the sentence of its first anchor token (unanchored ones are instances)."""
    found: dict[str, int] = {}
    for markable in markables:
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        if anchors and anchors[0] in sentence_of:
            found[markable.get("m_id", "")] = sentence_of[anchors[0]]
    return found


def parse_ecbplus(path: Path, annotated: frozenset[int]) -> GoldDocument:
    """One ECB+ document; ``annotated`` are its sentence numbers listed in the CSV."""
    root = ET.parse(path).getroot()
    sentence_of, sentences = read_tokens(root)
    markables = root.find("Markables")
    events = [m for m in (markables if markables is not None else []) if _is_event(m.tag)]
    sentence_of_event = anchored_sentences(events, sentence_of)
    instances: dict[int, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for relation in relations.iter("CROSS_DOC_COREF") if relations is not None else []:
        for source in relation.findall("source"):
            number = sentence_of_event.get(source.get("m_id", ""))
            if number is not None:
                instances[number].add(relation.get("note", ""))
    text, spans = rebuild_text(sentences)
    topic, stem = path.stem.split("_", 1)
    kind = "ecbplus" if stem.endswith("ecbplus") else "ecb"
    return GoldDocument(
        id=path.stem,
        group=topic,
        subtopic=topic + kind,
        text=text,
        sentences=spans,
        annotated=annotated,
        instances={n: frozenset(ids) for n, ids in instances.items()},
    )


def _is_event(tag: str) -> bool:
    return tag.startswith(EVENT_TAG_PREFIXES)


def read_annotated_sentences(csv_path: Path) -> dict[str, frozenset[int]]:
    """Document id ("36_1ecb") -> its sentence numbers listed as annotated."""
    listed: dict[str, set[int]] = defaultdict(set)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            listed[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return {doc: frozenset(numbers) for doc, numbers in listed.items()}


def load_ecbplus(data: Path, topics: Iterable[int]) -> list[GoldDocument]:
    """The documents of ``topics`` that have annotated sentences, in topic and file order."""
    root = data / ECB_DIR
    listed = read_annotated_sentences(root / SENTENCES_CSV)
    docs: list[GoldDocument] = []
    for topic in topics:
        for path in sorted((root / "ECB+" / str(topic)).glob("*.xml"), key=_file_order):
            if path.stem in listed:
                docs.append(parse_ecbplus(path, listed[path.stem]))
    return docs


def _file_order(path: Path) -> tuple[bool, int]:
    stem = path.stem.split("_", 1)[1]
    digits = "".join(c for c in stem if c.isdigit())
    return stem.endswith("ecbplus"), int(digits or 0)


def gold_pairs(docs: Iterable[GoldDocument]) -> set[Pair]:
    """Annotated sentences of different documents of one sub-topic sharing an event instance."""
    members: dict[tuple[str, str], set[SentenceKey]] = defaultdict(set)
    for doc in docs:
        for number, ids in doc.instances.items():
            if number in doc.annotated:
                for instance in ids:
                    members[doc.subtopic, instance].add((doc.id, number))
    pairs: set[Pair] = set()
    for keys in members.values():
        for a, b in combinations(sorted(keys), 2):
            if a[0] != b[0]:
                pairs.add(make_pair(a, b))
    return pairs


def group_documents(docs: Iterable[GoldDocument]) -> dict[str, list[GoldDocument]]:
    """Documents by group (ECB+ topic, MEANTIME sub-corpus), in first-seen order."""
    groups: dict[str, list[GoldDocument]] = {}
    for doc in docs:
        groups.setdefault(doc.group, []).append(doc)
    return groups
