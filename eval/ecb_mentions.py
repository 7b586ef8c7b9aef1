"""Gold event mentions of ECB+ for mention-level cross-document event coreference.

A mention is an ``ACTION_*`` or ``NEG_*`` markable anchored in a sentence listed in
``ECBplus_coreference_sentences.csv`` (the exhaustively annotated sentences: 1,780 mentions in
test topics 36-45, the count every published ECB+ paper uses). Its gold cluster is:

- the cross-document instance id (``note`` of its ``CROSS_DOC_COREF`` relation), else
- its within-document chain (``INTRA_DOC_COREF``, 18 test mentions; as in Barhom et al.'s
  preprocessing a chain of one document only), else
- a singleton of its own.

Texts and offsets are those of ``eval/ecbplus_data.py``: ``start``/``end`` index
``GoldDocument.text`` (one gold sentence per line), so a mention can be compared with anything
newsweave reports on the same text. Lemmas and parts of speech come from the project's spaCy
model (``newsweave.analysis.nlp.MODEL_PACKAGE``) run on the gold tokens; newsweave's own
pipeline disables the lemmatizer, so this module loads the package with all its pipes.

``training_pairs`` gives labelled mention pairs of one topic for a pair classifier.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import random
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.ecbplus_data import (
    _QUOTES,
    DEFAULT_DATA,
    ECB_DIR,
    EVENT_TAG_PREFIXES,
    SENTENCES_CSV,
    GoldDocument,
    SentenceKey,
    _file_order,
    parse_ecbplus,
    read_annotated_sentences,
)
from newsweave.analysis.nlp import MODEL_PACKAGE

# training_pairs keeps every positive pair and at most this many negatives drawn per mention
# (so ~2 x 20 per mention once pairs drawn from both ends are merged).
NEGATIVES_PER_MENTION = 20
PAIR_SEED = 13


@dataclass(frozen=True, slots=True)
class EventMention:
    id: str  # "36_1ecb:23": document and markable m_id, unique in the corpus
    doc: str  # "36_1ecb"
    topic: str  # "36"
    subtopic: str  # "36ecb" or "36ecbplus": one seminal event each
    sentence: int  # the gold sentence number
    tokens: tuple[int, ...]  # positions of its tokens in the sentence (0-based, sorted)
    start: int  # characters in GoldDocument.text: first token's start .. last token's end
    end: int
    text: str  # == GoldDocument.text[start:end] (covers the gap of the 11 split mentions)
    lemma: str  # lowercased lemmas of its tokens, space-joined ("take over")
    head_lemma: str  # lowercased lemma of its syntactic head in the sentence ("take")
    pos: str  # the head's coarse part of speech (VERB, NOUN, ...)
    tag: str  # the markable: ACTION_OCCURRENCE, NEG_ACTION_STATE, ...
    cluster: str  # gold cluster: cross-doc instance, "INTRA:doc:m_id" or "SINGLETON:doc:m_id"

    @property
    def token_span(self) -> tuple[int, int]:
        """First token and one past the last, in the sentence."""
        return self.tokens[0], self.tokens[-1] + 1

    @property
    def sentence_key(self) -> SentenceKey:
        return self.doc, self.sentence


@dataclass(frozen=True, slots=True)
class EcbTopic:
    topic: str
    documents: Mapping[str, GoldDocument]  # by document id, in file order
    mentions: tuple[EventMention, ...]  # in document, sentence and token order

    def sentence_text(self, mention: EventMention) -> str:
        doc = self.documents[mention.doc]
        span = next(s for s in doc.sentences if s.number == mention.sentence)
        return doc.text[span.start : span.end]

    def gold_clusters(self) -> list[list[int]]:
        """Indexes into ``mentions``, one list per gold cluster."""
        by_cluster: dict[str, list[int]] = {}
        for i, mention in enumerate(self.mentions):
            by_cluster.setdefault(mention.cluster, []).append(i)
        return list(by_cluster.values())


@dataclass(frozen=True, slots=True)
class MentionPair:
    topic: str
    first: int  # indexes into EcbTopic.mentions, first < second
    second: int
    same: bool  # one gold cluster


@functools.cache
def load_lemmatizing_nlp() -> Any:
    """The project's spaCy model with every pipe (lemmatizer included), loaded once."""
    return importlib.import_module(MODEL_PACKAGE).load()


@dataclass(frozen=True, slots=True)
class _RawMention:
    m_id: str
    tag: str
    sentence: int
    tokens: tuple[int, ...]
    cluster: str


def _token_offsets(words: Sequence[str], line: str) -> list[tuple[int, int]]:
    """Where each (quote-mapped) token of a sentence lies in its detokenized line."""
    offsets: list[tuple[int, int]] = []
    cursor = 0
    for word in words:
        if not line.startswith(word, cursor) and line.startswith(" " + word, cursor):
            cursor += 1
        if not line.startswith(word, cursor):
            raise ValueError(f"token {word!r} not found at {cursor} in {line!r}")
        offsets.append((cursor, cursor + len(word)))
        cursor += len(word)
    return offsets


def _read_mentions(
    root: ET.Element, doc_id: str, annotated: frozenset[int]
) -> tuple[dict[int, list[str]], list[_RawMention]]:
    """Each sentence's tokens, and the event markables of the annotated sentences."""
    position: dict[str, tuple[int, int]] = {}  # t_id -> (sentence, index in sentence)
    words: dict[int, list[str]] = {}
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        sentence = words.setdefault(number, [])
        position[token.get("t_id", "")] = (number, len(sentence))
        sentence.append(_QUOTES.get(token.text or "", token.text or ""))
    cross: dict[str, str] = {}
    intra: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        for source in relation.findall("source"):
            m_id = source.get("m_id", "")
            if relation.tag == "CROSS_DOC_COREF":
                cross[m_id] = relation.get("note", "")
            elif relation.tag == "INTRA_DOC_COREF" and target is not None:
                intra[m_id] = f"INTRA:{doc_id}:{target.get('m_id', '')}"
    found: list[_RawMention] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if not markable.tag.startswith(EVENT_TAG_PREFIXES):
            continue
        anchors = [position[a.get("t_id", "")] for a in markable.findall("token_anchor")]
        if not anchors or anchors[0][0] not in annotated:
            continue
        m_id = markable.get("m_id", "")
        cluster = cross.get(m_id) or intra.get(m_id) or f"SINGLETON:{doc_id}:{m_id}"
        tokens = tuple(sorted(index for sentence, index in anchors if sentence == anchors[0][0]))
        found.append(_RawMention(m_id, markable.tag, anchors[0][0], tokens, cluster))
    found.sort(key=lambda m: (m.sentence, m.tokens, m.m_id))
    return words, found


def _head(tokens: Sequence[int], parsed: Any) -> Any:
    """The mention token whose syntactic head lies outside the mention (the first such)."""
    inside = set(tokens)
    for i in tokens:
        token = parsed[i]
        if token.head.i == token.i or token.head.i not in inside:
            return token
    return parsed[tokens[0]]


def load_topics(
    topics: Iterable[int], data: Path = DEFAULT_DATA, nlp: Any | None = None
) -> list[EcbTopic]:
    """The gold event mentions of ``topics`` (ECB+ topic numbers), one EcbTopic each."""
    from spacy.tokens import Doc

    nlp = nlp if nlp is not None else load_lemmatizing_nlp()
    root = data / ECB_DIR
    listed = read_annotated_sentences(root / SENTENCES_CSV)
    out: list[EcbTopic] = []
    for topic in topics:
        paths = sorted((root / "ECB+" / str(topic)).glob("*.xml"), key=_file_order)
        documents: dict[str, GoldDocument] = {}
        raw: list[tuple[GoldDocument, dict[int, list[str]], list[_RawMention]]] = []
        for path in paths:
            if path.stem not in listed:
                continue
            doc = parse_ecbplus(path, listed[path.stem])
            words, found = _read_mentions(ET.parse(path).getroot(), doc.id, listed[path.stem])
            documents[doc.id] = doc
            raw.append((doc, words, found))
        # Parse every annotated sentence once, on its gold tokens.
        keys: list[tuple[GoldDocument, int, list[tuple[int, int]]]] = []
        spacy_docs: list[Any] = []
        for doc, words, _ in raw:
            for span in doc.sentences:
                if span.number not in doc.annotated:
                    continue
                line = doc.text[span.start : span.end]
                offsets = _token_offsets(words[span.number], line)
                spaces = [a[1] < b[0] for a, b in itertools.pairwise(offsets)]
                spacy_docs.append(Doc(nlp.vocab, words=words[span.number], spaces=[*spaces, False]))
                keys.append(
                    (doc, span.number, [(span.start + a, span.start + b) for a, b in offsets])
                )
        parsed_by: dict[SentenceKey, tuple[Any, list[tuple[int, int]]]] = {}
        for (doc, number, offsets), parsed in zip(keys, nlp.pipe(spacy_docs), strict=True):
            parsed_by[doc.id, number] = (parsed, offsets)
        mentions: list[EventMention] = []
        for doc, _, found in raw:
            for m in found:
                parsed, offsets = parsed_by[doc.id, m.sentence]
                head = _head(m.tokens, parsed)
                start, end = offsets[m.tokens[0]][0], offsets[m.tokens[-1]][1]
                mentions.append(
                    EventMention(
                        id=f"{doc.id}:{m.m_id}",
                        doc=doc.id,
                        topic=str(topic),
                        subtopic=doc.subtopic,
                        sentence=m.sentence,
                        tokens=m.tokens,
                        start=start,
                        end=end,
                        text=doc.text[start:end],
                        lemma=" ".join(parsed[i].lemma_.lower() for i in m.tokens),
                        head_lemma=head.lemma_.lower(),
                        pos=head.pos_,
                        tag=m.tag,
                        cluster=m.cluster,
                    )
                )
        out.append(EcbTopic(str(topic), documents, tuple(mentions)))
    return out


def training_pairs(
    topics: Iterable[EcbTopic],
    negatives_per_mention: int = NEGATIVES_PER_MENTION,
    seed: int = PAIR_SEED,
) -> list[MentionPair]:
    """Labelled mention pairs within each topic, across documents and within one.

    Every coreferent pair is kept; for each mention, ``negatives_per_mention`` non-coreferent
    mentions of its topic (both sub-topics: the similar other event is the hard negative) are
    drawn at random, with a generator seeded by ``seed`` and the mention id, so the sample is
    the same on every run and does not depend on the order of the topics. Sorted by topic
    order, then (first, second).
    """
    pairs: list[MentionPair] = []
    for topic in topics:
        mentions = topic.mentions
        chosen: dict[tuple[int, int], bool] = {}
        members: dict[str, list[int]] = {}
        for i, mention in enumerate(mentions):
            members.setdefault(mention.cluster, []).append(i)
        for group in members.values():
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    chosen[group[a], group[b]] = True
        for i, mention in enumerate(mentions):
            others = [j for j in range(len(mentions)) if mentions[j].cluster != mention.cluster]
            rng = random.Random(f"{seed}:{mention.id}")
            for j in rng.sample(others, min(negatives_per_mention, len(others))):
                chosen[min(i, j), max(i, j)] = False
        pairs.extend(
            MentionPair(topic.topic, a, b, same) for (a, b), same in sorted(chosen.items())
        )
    return pairs
