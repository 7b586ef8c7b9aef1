"""Clustering claims into facts: one claim per document per fact, a partition, deterministic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.claims import content_words
from newsweave.align.cluster import ClaimEvidence, Rarity, cluster_claims
from newsweave.align.embed import Vectors
from newsweave.align.pair_features import (
    FEATURES,
    full_features,
    load_pair_scorer,
    pair_features,
)
from newsweave.align.params import AlignParams
from newsweave.align.static_embed import load_static_embedder

PARAMS = AlignParams()
OCT_16, OCT_17 = dt.date(2025, 10, 16), dt.date(2025, 10, 17)


def evidence(
    document: str, entities: tuple[str, ...] = (), days: int | None = None
) -> ClaimEvidence:
    spans = () if days is None else ((dt.date(2025, 10, days), dt.date(2025, 10, days)),)
    return ClaimEvidence(document, frozenset(entities), spans)


def test_paraphrases_in_different_outlets_form_one_fact_and_other_claims_stay_apart() -> None:
    texts = [
        ("g", "Dock workers in Halvik ended their strike on Friday after accepting a pay offer."),
        ("o", "The Halvik dockers' strike ended on Friday when the union accepted the pay offer."),
        ("g", "The mayor of Halvik announced a new budget for the city's parks and libraries."),
        ("o", "Heavy rain flooded several roads along the coast on Thursday night."),
    ]
    vectors = load_static_embedder().embed([t for _, t in texts])
    claims = [dataclasses.replace(evidence(d), words=content_words(t)) for d, t in texts]
    found = cluster_claims(claims, vectors, PARAMS)
    assert found == [[0, 1], [2], [3]]


def test_a_fact_holds_at_most_one_claim_per_document() -> None:
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (4, 1))  # four identical claims
    words = content_words("The harbour strike in Halvik ended on Friday.")
    same = [dataclasses.replace(evidence(d), words=words) for d in "aabb"]
    found = cluster_claims(same, vectors, PARAMS)
    assert found == [[0, 2], [1, 3]]


def test_claims_of_one_document_are_never_merged() -> None:
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))
    assert cluster_claims([evidence("a")] * 3, vectors, PARAMS) == [[0], [1], [2]]


def features(a: ClaimEvidence, b: ClaimEvidence, cosine: float = 0.8) -> dict[str, float]:
    row = pair_features(a, b, cosine, Rarity([]), Rarity([a.entities, b.entities]))
    return dict(zip(FEATURES, row, strict=True))


def test_features_see_disjoint_entities_and_days() -> None:
    plain = features(evidence("a"), evidence("b"))
    assert plain["cosine"] == 0.8 and plain["disjoint_entities"] == 0.0
    disjoint = features(evidence("a", ("putin",)), evidence("b", ("macron",)))
    assert disjoint["disjoint_entities"] == 1.0 and disjoint["entities"] == 0.0
    other_day = features(evidence("a", days=16), evidence("b", days=14))
    assert (other_day["days_disjoint"], other_day["days_overlap"]) == (1.0, 0.0)
    same_day = features(evidence("a", days=16), evidence("b", days=16))
    assert (same_day["days_disjoint"], same_day["days_overlap"]) == (0.0, 1.0)


def test_features_compare_figures_of_one_unit_only() -> None:
    def with_figures(*figures: tuple[str, float, float]) -> ClaimEvidence:
        return ClaimEvidence("a", frozenset(), (), figures=figures)

    agree = features(with_figures(("count:people", 40, 60)), with_figures(("count:people", 50, 50)))
    assert (agree["figures_agree"], agree["figures_disjoint"]) == (1.0, 0.0)
    apart = features(with_figures(("count:people", 3, 3)), with_figures(("count:people", 9, 9)))
    assert (apart["figures_agree"], apart["figures_disjoint"]) == (0.0, 1.0)
    other = features(with_figures(("count:people", 3, 3)), with_figures(("duration:min", 9, 9)))
    assert (other["figures_agree"], other["figures_disjoint"]) == (0.0, 0.0)


def test_the_shipped_models_prefer_closer_claims_and_shared_rare_names() -> None:
    scorer = load_pair_scorer()
    model = scorer.fast
    a, b = evidence("a", ("lavrov",)), evidence("b", ("lavrov",))
    rarity = Rarity([a.entities, b.entities, frozenset({"putin"}), frozenset({"putin"})])
    rows = np.array(
        [
            pair_features(a, b, 0.9, Rarity([]), rarity),
            pair_features(a, b, 0.5, Rarity([]), rarity),
            pair_features(
                evidence("a", ("putin",)), evidence("b", ("macron",)), 0.5, Rarity([]), rarity
            ),
        ]
    )
    high, low, disjoint = model.probabilities(rows).tolist()
    assert high > low > disjoint
    assert 0.0 < model.threshold < 1.0
    full = scorer.full.probabilities(full_features(rows, [0.9, 0.9, 0.9])).tolist()
    closer = scorer.full.probabilities(full_features(rows[1:2], [0.95])).tolist()
    farther = scorer.full.probabilities(full_features(rows[1:2], [0.3])).tolist()
    assert full[1] > full[2]  # same cosines: a shared rare name beats disjoint names
    assert closer[0] > farther[0]
    assert 0.0 <= scorer.undecided_low <= scorer.undecided_high


def test_sharing_a_rare_name_counts_more_than_sharing_a_common_one() -> None:
    run = [frozenset({"trump", "putin"})] * 8 + [frozenset({"lavrov"}), frozenset({"rubio"})]
    rarity = Rarity(run)
    share_common = rarity.overlap(frozenset({"putin", "lavrov"}), frozenset({"putin", "rubio"}))
    share_rare = rarity.overlap(frozenset({"putin", "lavrov"}), frozenset({"trump", "lavrov"}))
    assert 0.0 < share_common < 0.5 < share_rare < 1.0


def random_unit(rng: np.random.Generator, n: int, dims: int) -> Vectors:
    rows = rng.standard_normal((n, dims)).astype(np.float32)
    unit: Vectors = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


@st.composite
def claim_sets(draw: st.DrawFn) -> tuple[list[ClaimEvidence], Vectors]:
    """Claims near a few topic vectors (so that some merge), over up to five documents."""
    n = draw(st.integers(0, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    topics = random_unit(rng, 4, 16)
    noise = draw(st.sampled_from([0.05, 0.2, 0.6]))
    rows = topics[rng.integers(0, 4, n)] + noise * rng.standard_normal((n, 16))
    vectors: Vectors = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    people = ["putin", "trump", "lavrov", "rubio"]
    found = [
        ClaimEvidence(
            document=f"d{rng.integers(0, 5)}",
            entities=frozenset(p for p in people if rng.random() < 0.3),
            days=((OCT_16, OCT_16),) if rng.random() < 0.2 else (),
        )
        for _ in range(n)
    ]
    return found, vectors


@settings(max_examples=40, deadline=None)
@given(claim_sets(), st.booleans())
def test_clusters_partition_the_claims_with_one_claim_per_document(
    case: tuple[list[ClaimEvidence], Vectors], use_hnsw: bool
) -> None:
    found_evidence, vectors = case
    params = dataclasses.replace(PARAMS, exact_search_max_claims=0 if use_hnsw else 10_000)
    clusters = cluster_claims(found_evidence, vectors, params)
    flat = sorted(i for members in clusters for i in members)
    assert flat == list(range(len(found_evidence)))
    for members in clusters:
        documents = [found_evidence[i].document for i in members]
        assert len(documents) == len(set(documents))
        assert members == sorted(members)
    assert [m[0] for m in clusters] == sorted(m[0] for m in clusters)
    assert cluster_claims(found_evidence, vectors.copy(), params) == clusters


names = st.frozensets(st.sampled_from(["putin", "trump", "lavrov", "kyiv", "geneva", "nato"]))


@given(st.lists(names, max_size=8), names, names)
def test_rarity_overlap_is_symmetric_and_between_zero_and_one(
    run: list[frozenset[str]], a: frozenset[str], b: frozenset[str]
) -> None:
    rarity = Rarity([*run, a, b])
    overlap = rarity.overlap(a, b)
    assert overlap == rarity.overlap(b, a)
    assert 0.0 <= overlap <= 1.0
    if a == b and rarity.overlap(a, a) > 0:
        assert overlap == 1.0


many_names = st.frozensets(st.sampled_from([f"name{n}" for n in range(40)]), max_size=12)


@given(st.lists(many_names, max_size=30), many_names, many_names)
def test_rarity_overlap_equals_the_fsum_of_its_weights(
    run: list[frozenset[str]], a: frozenset[str], b: frozenset[str]
) -> None:
    """Exact integer sums give what ``math.fsum`` over the idf weights gives, bit for bit."""
    sets = [*run, a, b]
    counts = Counter(item for items in sets for item in items)
    idf = {x: math.log((1 + len(sets)) / (1 + n)) + 1 for x, n in counts.items()}
    union = math.fsum(idf[x] for x in a | b)
    expected = math.fsum(idf[x] for x in a & b) / union if union > 0 else 0.0
    assert Rarity(sets).overlap(a, b) == expected
