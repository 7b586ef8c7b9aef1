"""What the pair scorer knows of two claims: a fixed vector of features, and the learned model.

The features (``FEATURES``) compare two claims of different documents: static-embedding cosine,
rarity-weighted overlap of their words and canonical entities, the predicate, dates, figures,
negation and modality. The weights are learned (logistic regression) by
``eval/train_pair_scorer.py`` on ECB+ training topics and the dev stories of
``eval/gold/claim_stories``; the threshold is chosen on dev data; both ship in
``resources/pair_scorer.json`` with the numbers that chose them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from newsweave.errors import ModelUnavailableError

FEATURES = (
    "cosine",
    "cosine_excess",
    "words",
    "stems",
    "numbers_shared",
    "entities",
    "disjoint_entities",
    "same_predicate",
    "days_overlap",
    "days_disjoint",
    "figures_agree",
    "figures_disjoint",
    "negation_differs",
    "modality_differs",
    "short",
)
FULL_FEATURES = (*FEATURES, "minilm_cosine", "minilm_cosine_excess")
# Cosine above which two claims read as paraphrases: the hinge lets the linear model weigh
# near-paraphrases more than the plain cosine does (all-MiniLM-L6-v2 gives 0.5-0.7 to claims
# that merely share a topic).
COSINE_HINGE = 0.7
# Endings stripped to compare words by stem ("added"/"adds", "declined"/"declines"), longest
# first; a stem keeps at least MIN_STEM_CHARS characters so that short words ("was", "bed")
# stay whole. Also what the negation check compares (align/conflicts.py).
STEM_SUFFIXES = ("ing", "ed", "es", "s", "e", "d")
MIN_STEM_CHARS = 3
# Content words under which a claim is short: few words, so cosine alone says little.
SHORT_CLAIM_WORDS = 4
MODEL_FILE = "pair_scorer.json"


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """What the scorer knows of one claim besides its embedding."""

    document: str
    entities: frozenset[str]  # canonical ids of the people, organisations and places it names
    days: tuple[tuple[dt.date, dt.date], ...]  # the day-precise dates it gives
    words: frozenset[str] = frozenset()  # content words
    predicate: str = ""  # lemma of its predicate
    figures: tuple[tuple[str, float, float], ...] = ()  # (kind and unit, low, high)
    negated: bool = False
    modality: str = "asserted"
    stems: frozenset[str] = field(init=False)  # of ``words``, computed once
    numbers: frozenset[str] = field(init=False)  # numbers as written: "194,000" -> "194000"

    def __post_init__(self) -> None:
        object.__setattr__(self, "stems", frozenset(stem(w) for w in self.words))
        numbers = (w.replace(",", "") for w in self.words if any(ch.isdigit() for ch in w))
        object.__setattr__(self, "numbers", frozenset(numbers))


def stem(word: str) -> str:
    """A crude English stem: "produced", "produces", "producing" -> "produc".

    >>> stem("declined"), stem("declines"), stem("was")
    ('declin', 'declin', 'was')
    """
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_CHARS:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)]
    return word


class Rarity:
    """Inverse document frequency over the claims of a run: what is distinctive in this story.

    In a story about two leaders every claim names them; sharing them says little, sharing
    a third, rarer name or word says much. Smoothed as scikit-learn's ``smooth_idf``
    (ln((1 + n) / (1 + df)) + 1): a word every claim uses still weighs 1, so two identical
    claims overlap fully however small the run.

    Sums are exact: each weight is held as an integer multiple of one power of two (every float
    is one), so a sum never depends on the order of set iteration (which changes with the
    process's string hash seed) and equals ``math.fsum``'s, rounded once when divided back. A
    set's total is computed once, and the union's total is the two totals less the shared
    part: a pair costs a walk over what the claims share, not over all their words.
    """

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        counts: dict[str, int] = {}
        for items in sets:
            for item in items:
                counts[item] = counts.get(item, 0) + 1
        total = max(len(sets), 1)
        idf = {item: math.log((1 + total) / (1 + n)) + 1 for item, n in counts.items()}
        self._scale = max((w.as_integer_ratio()[1] for w in idf.values()), default=1)
        self._weight = {item: _scaled(w, self._scale) for item, w in idf.items()}
        self._totals: dict[frozenset[str], int] = {}

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard: rarity of what both share over rarity of what either has."""
        common = a & b
        if not common:
            return 0.0  # what the division gives, without totalling either set
        weight = self._weight
        shared = sum(weight.get(x, 0) for x in common)
        union = self._total(a) + self._total(b) - shared
        return (shared / self._scale) / (union / self._scale) if union > 0 else 0.0

    def _total(self, items: frozenset[str]) -> int:
        found = self._totals.get(items)
        if found is None:
            found = self._totals[items] = sum(self._weight.get(x, 0) for x in items)
        return found


def _scaled(weight: float, scale: int) -> int:
    """``weight`` times ``scale`` (a multiple of its denominator, a power of two): exact."""
    numerator, denominator = weight.as_integer_ratio()
    return numerator * (scale // denominator)


def pair_features(
    a: ClaimEvidence,
    b: ClaimEvidence,
    cosine: float,
    words: Rarity,
    entities: Rarity,
    stems: Rarity | None = None,
) -> list[float]:
    """The feature vector of one pair, in the order of ``FEATURES``."""
    stems = stems if stems is not None else Rarity([])
    both_named = bool(a.entities and b.entities)
    both_dated = bool(a.days and b.days)
    days_meet = both_dated and _days_overlap(a.days, b.days)
    agree, disjoint = _figures(a.figures, b.figures)
    return [
        cosine,
        max(cosine - COSINE_HINGE, 0.0),
        words.overlap(a.words, b.words),
        stems.overlap(a.stems, b.stems),
        float(bool(a.numbers & b.numbers)),
        entities.overlap(a.entities, b.entities) if both_named else 0.0,
        float(both_named and not a.entities & b.entities),
        float(bool(a.predicate) and a.predicate == b.predicate),
        float(days_meet),
        float(both_dated and not days_meet),
        float(agree),
        float(disjoint),
        float(a.negated != b.negated),
        float(a.modality != b.modality),
        float(min(len(a.words), len(b.words)) < SHORT_CLAIM_WORDS),
    ]


def _days_overlap(
    a: tuple[tuple[dt.date, dt.date], ...], b: tuple[tuple[dt.date, dt.date], ...]
) -> bool:
    return any(s1 <= e2 and s2 <= e1 for s1, e1 in a for s2, e2 in b)


def _figures(
    a: tuple[tuple[str, float, float], ...], b: tuple[tuple[str, float, float], ...]
) -> tuple[bool, bool]:
    """Whether the two claims give agreeing figures of one unit, and whether disjoint ones."""
    agree = disjoint = False
    for unit, low, high in a:
        for other_unit, other_low, other_high in b:
            if unit != other_unit:
                continue
            if low <= other_high and other_low <= high:
                agree = True
            else:
                disjoint = True
    return agree, disjoint


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic regression over standardised ``FEATURES``, and its decision threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(same fact) for each row of features (n x len(FEATURES))."""
        if len(rows) == 0:
            return np.zeros(0)
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True, slots=True)
class PairScorer:
    """Two models in a cascade: the fast one decides most candidate pairs from the static
    embedding and the other cheap features; a pair it leaves undecided (a fast probability in
    ``[undecided_low, undecided_high)``) goes to the full model, which adds MiniLM's cosine.
    The band is chosen on dev data (eval/train_pair_scorer.py) so that few pairs the full
    model would link are dropped early and those linked early are as precise as it is.
    """

    fast: PairModel  # over FEATURES (``cosine`` is the static embedding's)
    full: PairModel  # over FULL_FEATURES
    undecided_low: float
    undecided_high: float


def full_features(rows: np.ndarray, minilm_cosines: Sequence[float]) -> np.ndarray:
    """``rows`` (FEATURES) with MiniLM's cosine and its hinge appended (FULL_FEATURES)."""
    cosines = np.asarray(minilm_cosines, dtype=np.float64).reshape(-1, 1)
    excess = np.maximum(cosines - COSINE_HINGE, 0.0)
    return np.hstack([rows.reshape(len(cosines), len(FEATURES)), cosines, excess])


def model_from_json(data: dict[str, Any], names: Sequence[str]) -> PairModel:
    if data.get("features") != list(names):
        raise ModelUnavailableError(
            f"{MODEL_FILE}: features {data.get('features')} do not match this version's "
            f"{list(names)}; retrain with eval/train_pair_scorer.py"
        )
    return PairModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


def scorer_from_json(data: dict[str, Any]) -> PairScorer:
    low, high = data["undecided"]
    return PairScorer(
        fast=model_from_json(data["fast"], FEATURES),
        full=model_from_json(data["full"], FULL_FEATURES),
        undecided_low=float(low),
        undecided_high=float(high),
    )


@functools.cache
def load_pair_scorer() -> PairScorer:
    """The shipped pair scorer (``resources/pair_scorer.json``), read once per process."""
    text = resources.files("newsweave.align").joinpath("resources", MODEL_FILE).read_text("utf-8")
    return scorer_from_json(json.loads(text))
