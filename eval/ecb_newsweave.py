"""newsweave's facts as an ECB+ event-coreference system (a ``Clusterer``, eval/ecb_event_coref.py).

Usage: .venv/bin/python eval/ecb_event_coref.py --split test --system lemma \
       --system eval.ecb_newsweave:facts_clusterer --scope topic --scope subtopic

The group's documents are briefed by newsweave as one story (claims aligned into facts by the
shipped pair scorer). A gold event mention takes the claim whose own words hold its trigger: a
mention that is its claim's predicate joins the claim's fact; another event mention in that
claim (a nominal event inside it) joins the fact together with its lemma, so two different
events of one claim are not merged. A mention in no claim (a heading, a reporting frame) stays
alone. The gold clusters are never read.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.ecb_mentions import EventMention
from eval.ecbplus_data import GoldDocument
from newsweave.api import BriefOptions, analyze, assemble_brief
from newsweave.ingest import ReadResult


def facts_clusterer(
    mentions: Sequence[EventMention], documents: Mapping[str, GoldDocument]
) -> list[list[int]]:
    """Clusters of ``mentions`` (indexes) from newsweave's facts over ``documents``."""
    used = sorted({m.doc for m in mentions})
    articles = tuple(documents[d].article() for d in used)
    brief = assemble_brief(
        analyze(articles, BriefOptions(workers=1)), ReadResult(articles=articles, rejected=())
    )
    fact_of = {claim: fact.id for fact in brief.facts for claim in fact.claims}
    claims_by_doc: dict[str, list[tuple[int, int, str, str]]] = {}
    for claim in brief.claims:
        for start, end in claim.pieces:
            claims_by_doc.setdefault(claim.sentence.document, []).append(
                (start, end, claim.id, claim.predicate)
            )
    clusters: dict[tuple[str, str], list[int]] = {}
    for n, mention in enumerate(mentions):
        found = next(
            (c for c in claims_by_doc.get(mention.doc, []) if c[0] <= mention.start < c[1]),
            None,
        )
        if found is None:
            key = ("alone", mention.id)
        else:
            role = "" if mention.head_lemma == found[3] else mention.head_lemma
            key = (fact_of.get(found[2], found[2]), role)
        clusters.setdefault(key, []).append(n)
    return list(clusters.values())
