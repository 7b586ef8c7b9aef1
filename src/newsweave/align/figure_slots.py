"""Figures of one thing stated in claims that did not align: "a 90-minute meeting" in one outlet,
"after a two-and-a-half-hour meeting that overran" in another.

Two outlets often describe the same measurable thing in sentences too different to align as
one fact. A figure written as a compound adjective names what it measures ("90-minute
meeting", "1,600-km line"): such figures form a slot (kind, unit, noun). Figures of one slot in
claims of different outlets about the same topic (embedding cosine at least
``SLOT_MIN_COSINE``) are compared; disagreeing ones are a figure conflict. Only the compound
form is used: "300 workers" and "500 workers" may well be different groups of workers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.align.conflicts import COMPARED_FIGURES, ClaimFacts, figure_conflict
from newsweave.align.embed import Vectors
from newsweave.model import Conflict, Figure, FigureKind

# Cosine between two claims (all-MiniLM-L6-v2) from which they are about the same thing.
# Sentences giving one measure in different words can score far lower (0.19 for the talks'
# duration in the example story), hence the second test below.
SLOT_MIN_COSINE = 0.45
# Share of a run's articles that name the measured noun for it to be the story's own ("the
# meeting", "the call"): a noun most outlets use is the story's central thing, so two figures
# of it describe the same thing even in unrelated sentences. Half: in the example story
# "meeting" is in 6 of 9 articles, "campaign" in 1.
CENTRAL_NOUN_SHARE = 0.5
WORD = re.compile(r"[a-z]+")
NEXT_WORD = re.compile(r"\s*([a-z]+)\b")
# "The meeting at Vennerholm Palace on Thursday lasted ": the thing is the first noun after the
# clause's determiner, and the duration follows the verb directly.
LASTED = re.compile(
    r"(?:^|[,;]\s*)(?:the|a|an|their|its|his|her)\s+([a-z]+)\b[^.;,]*?"
    r"\b(?:lasted|lasting|went on for|ran for)\s+$",
    re.IGNORECASE,
)

Slot = tuple[str, str, str]  # figure kind, unit, the noun it measures


def figure_slot(figure: Figure, text_after: str, text_before: str = "") -> Slot | None:
    """The slot of a figure that names what it measures, else None: a compound adjective
    ("90-minute" + " meeting"), or a duration that a thing "lasted" ("The meeting at the
    palace lasted" + "two and a half hours")."""
    if figure.kind not in COMPARED_FIGURES:
        return None
    if "-" in figure.mention.text:
        noun = NEXT_WORD.match(text_after)
    elif figure.kind is FigureKind.DURATION:
        noun = LASTED.search(text_before)
    else:
        return None
    if noun is None or noun.group(1).lower() in STOP_WORDS:
        return None
    return figure.kind.value, figure.unit, noun.group(1).lower()


def slot_conflicts(
    items: Sequence[ClaimFacts], texts: dict[str, str], vectors: Vectors, cluster_of: list[int]
) -> dict[int, list[Conflict]]:
    """Figure conflicts between claims of different facts, by the cluster of their first side.

    ``texts`` maps document ids to article texts; ``cluster_of[i]`` is claim i's fact index.
    """
    slots: dict[Slot, list[tuple[int, Figure]]] = defaultdict(list)
    for i, item in enumerate(items):
        sentence = item.claim.sentence
        for figure in item.figures:
            text = texts[figure.mention.document]
            before = text[max(sentence.start, _piece_start(item, figure)) : figure.mention.start]
            slot = figure_slot(figure, text[figure.mention.end : figure.mention.end + 40], before)
            if slot is not None:
                slots[slot].append((i, figure))
    found: dict[int, list[Conflict]] = defaultdict(list)
    vocabularies = [_words(text) for text in texts.values()] if slots else []
    for slot, members in sorted(slots.items()):
        central = _share_naming(slot[2], vocabularies) >= CENTRAL_NOUN_SHARE
        linked = _linked(members, items, vectors, cluster_of, central=central)
        conflict = figure_conflict([(items[i], f) for i, f in linked], f"{slot[2]} {slot[0]}")
        if conflict is not None:
            found[min(cluster_of[i] for i, _ in linked)].append(conflict)
    return found


def _words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower()))


def _share_naming(noun: str, vocabularies: Sequence[frozenset[str]]) -> float:
    found = sum(noun in words for words in vocabularies)
    return found / len(vocabularies) if vocabularies else 0.0


def _linked(
    members: list[tuple[int, Figure]],
    items: Sequence[ClaimFacts],
    vectors: Vectors,
    cluster_of: list[int],
    *,
    central: bool,
) -> list[tuple[int, Figure]]:
    """Members with a claim of another outlet and another fact in the slot, about the same
    thing: a central noun, or claims on one topic."""
    keep: set[int] = set()
    for n, (i, _) in enumerate(members):
        for j, _other in members[n + 1 :]:
            if (
                items[i].outlet != items[j].outlet
                and cluster_of[i] != cluster_of[j]
                and (central or float(vectors[i] @ vectors[j]) >= SLOT_MIN_COSINE)
            ):
                keep.update((i, j))
    return [(i, f) for i, f in members if i in keep]


def _piece_start(item: ClaimFacts, figure: Figure) -> int:
    """Where the claim's own words containing ``figure`` start: what precedes it in its claim."""
    at = figure.mention.start
    return next((s for s, e in item.claim.pieces if s <= at < e), item.claim.sentence.start)
