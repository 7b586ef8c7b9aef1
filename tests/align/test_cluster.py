"""Clustering claims into facts: one claim per document per fact, a partition, deterministic."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.cluster import ClaimEvidence, Rarity, Scorer, cluster_claims
from newsweave.align.embed import Vectors, load_embedder
from newsweave.align.params import AlignParams

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
    vectors = load_embedder().embed([t for _, t in texts])
    found = cluster_claims([evidence(d) for d, _ in texts], vectors, PARAMS)
    assert found == [[0, 1], [2], [3]]


def test_a_fact_holds_at_most_one_claim_per_document() -> None:
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (4, 1))  # four identical claims
    found = cluster_claims(
        [evidence("a"), evidence("a"), evidence("b"), evidence("b")], vectors, PARAMS
    )
    assert found == [[0, 2], [1, 3]]


def test_claims_of_one_document_are_never_merged() -> None:
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))
    assert cluster_claims([evidence("a")] * 3, vectors, PARAMS) == [[0], [1], [2]]


def test_disjoint_entities_and_different_days_lower_the_score() -> None:
    scorer = Scorer(PARAMS, Rarity([]), Rarity([]))
    plain = scorer.score(evidence("a"), evidence("b"), 0.85)
    assert plain == 0.85
    disjoint = scorer.score(evidence("a", ("putin",)), evidence("b", ("macron",)), 0.85)
    assert disjoint == 0.85 - PARAMS.disjoint_entity_penalty
    other_day = scorer.score(evidence("a", days=16), evidence("b", days=14), 0.85)
    assert other_day == 0.85 - PARAMS.date_mismatch_penalty
    same_day = scorer.score(evidence("a", days=16), evidence("b", days=16), 0.85)
    assert same_day == 0.85


def test_sharing_a_rare_name_counts_more_than_sharing_a_common_one() -> None:
    run = [frozenset({"trump", "putin"})] * 8 + [frozenset({"lavrov"}), frozenset({"rubio"})]
    rarity = Rarity(run)
    share_common = rarity.overlap(frozenset({"putin", "lavrov"}), frozenset({"putin", "rubio"}))
    share_rare = rarity.overlap(frozenset({"putin", "lavrov"}), frozenset({"trump", "lavrov"}))
    assert 0.0 < share_common < 0.5 < share_rare < 1.0
    scorer = Scorer(PARAMS, rarity, Rarity([]))
    score = scorer.score(
        evidence("a", ("putin", "lavrov")), evidence("b", ("trump", "lavrov")), 0.7
    )
    assert score == 0.7 + PARAMS.entity_weight * share_rare


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
