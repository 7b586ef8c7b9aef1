"""Read MEANTIME (English, CAT XML) into gold documents for cross-document alignment.

Gold pairs: two sentences of different documents of one sub-corpus (airbus, apple, gm, stock)
whose ``EVENT_MENTION`` markables refer (``REFERS_TO``) to one ``EVENT`` instance id. A
sentence counts when it holds at least one event mention: MEANTIME annotates the title and the
first five sentences of each article in full and later sentences only in part, so this is the
counterpart of ECB+'s list of annotated sentences. The document creation time (the ``TIMEX3``
with ``functionInDocument="CREATION_TIME"``) is the article's publication date.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from eval.ecbplus_data import GoldDocument, anchored_sentences, read_tokens, rebuild_text

MEANTIME_DIR = "meantime-en"
ANNOTATION_DIR = "intra_cross-doc_annotation"
CORPORA = ("airbus", "apple", "gm", "stock")


def parse_meantime(path: Path, corpus: str) -> GoldDocument:
    """One MEANTIME document of sub-corpus ``corpus``."""
    root = ET.parse(path).getroot()
    sentence_of, sentences = read_tokens(root)
    found = root.find("Markables")
    markables = list(found) if found is not None else []
    sentence_of_event = anchored_sentences(
        (m for m in markables if m.tag == "EVENT_MENTION"), sentence_of
    )
    instance_of = {
        m.get("m_id", ""): m.get("instance_id", "") for m in markables if m.tag == "EVENT"
    }
    instances: dict[int, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for relation in relations.iter("REFERS_TO") if relations is not None else []:
        target = relation.find("target")
        instance = instance_of.get(target.get("m_id", "") if target is not None else "")
        for source in relation.findall("source") if instance else []:
            number = sentence_of_event.get(source.get("m_id", ""))
            if number is not None and instance:
                instances[number].add(instance)
    text, spans = rebuild_text(sentences)
    return GoldDocument(
        id=path.stem,
        group=corpus,
        subtopic=corpus,
        text=text,
        sentences=spans,
        annotated=frozenset(sentence_of_event.values()),
        instances={n: frozenset(ids) for n, ids in instances.items()},
        published=creation_date(markables),
    )


def creation_date(markables: Iterable[ET.Element]) -> dt.date | None:
    """The document creation time, when it is a full ISO date."""
    for markable in markables:
        if markable.tag == "TIMEX3" and markable.get("functionInDocument") == "CREATION_TIME":
            try:
                return dt.date.fromisoformat(markable.get("value", "")[:10])
            except ValueError:
                return None
    return None


def load_meantime(data: Path, corpora: Iterable[str] = CORPORA) -> list[GoldDocument]:
    """The documents of the given sub-corpora, in corpus and file order."""
    root = data / MEANTIME_DIR / ANNOTATION_DIR
    return [
        parse_meantime(path, corpus)
        for corpus in corpora
        for path in sorted((root / f"corpus_{corpus}").glob("*.xml"))
    ]
