"""The copy-detection fixtures (eval/copy_fixtures.py) and the scoring of eval/copy_detection.py.

The edit functions are checked on text written here; the collection built from allsides-bias
(skipped where ../shared/data is absent) is checked for determinism, for gold ranges that
really hold copied text, and for negative pairs that share no unquoted run.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.copy_detection import jaccard_detect, score, span_scores
from eval.copy_fixtures import (
    MAX_SHARED_SHINGLES,
    PASSAGE_DELAY_DAYS,
    REPRINT_DELAY_DAYS,
    Collection,
    CopiedRange,
    GoldCopy,
    NegativePair,
    Row,
    make_collection,
    make_passage_copy,
    make_reprint,
    merge_ranges,
    render,
    swap_quote_marks,
    unquoted_shingles,
)
from newsweave.model import Article, CopyRelation, SharedSpan

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
needs_data = pytest.mark.skipif(
    not (DATA / "allsides-bias" / "articles_sample.jsonl").is_file(),
    reason="../shared/data/allsides-bias is not present",
)
SMALL_N = 40

ORIGIN_TEXT = "\n\n".join(
    (
        "The city council voted 7-2 on Tuesday to approve a new budget that raises spending "
        "on road repairs by 12 percent, officials said after the meeting ran late into the "
        "evening.",
        'Mayor Dana Ortiz said the plan "keeps our promise to fix the streets people drive '
        'every day" and added that the increase would be paid for by a delay in two building '
        "projects, a new police station in the east end and the renovation of the main "
        "library downtown.",
        "Council member Ray Liu, who voted against the plan, said the delay would hurt the "
        "northern districts because the library renovation there had already been postponed "
        "twice.",
        "The budget also sets aside money for six new bus routes, which the transit agency "
        "announced last month would start running in the spring if the funding came through.",
        "Residents who spoke at the meeting were divided. Some said the roads near schools "
        "were dangerous and needed work before winter, while others asked the council to keep"
        " its earlier promise on the library, which has been closed for repairs since a pipe "
        "burst two years ago.",
        "The new budget takes effect on July 1. The council will hold a hearing on the "
        "delayed building projects in September, officials said.",
    )
)

FILLER_TEXT = "\n\n".join(
    (
        "The state's largest utility said on Monday it would replace 4,000 wooden poles along"
        " the coast over the next three years to protect the grid from winter storms.",
        "The company estimated the work would cost about $300 million and said customers "
        "would see a small increase on their monthly bills starting next year.",
        "Regulators must still approve the plan. A spokesperson for the commission said a "
        "decision was expected before the end of the year after public comment.",
    )
)


def make_row(ident: str, text: str, outlet: str, day: int = 10) -> Row:
    spans = tuple(m.span() for m in re.finditer(r"[^\n]+", text))
    return Row(
        ident, "Council approves budget", outlet, "budget", dt.date(2024, 6, day), text, spans
    )


ORIGIN = make_row("o1", ORIGIN_TEXT, "Example Times")
FILLER = make_row("f1", FILLER_TEXT, "Coast Daily")


def normalised(text: str) -> str:
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def assert_ranges_hold(source: str, target: str, ranges: tuple[CopiedRange, ...]) -> None:
    for r in ranges:
        assert r.source_end - r.source_start == r.target_end - r.target_start
        assert r.target_end > r.target_start
        copied = target[r.target_start : r.target_end]
        assert normalised(source[r.source_start : r.source_end]) == normalised(copied)


# --- edits on text written here -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will vote" today.', "He said “we will vote” today."),
        ("It's the mayor's plan.", "It’s the mayor’s plan."),
        ("Residents called it 'unfair' at once.", "Residents called it ‘unfair’ at once."),
        ("“We will,” she said. ‘Not now’", "\"We will,\" she said. 'Not now'"),
        ("The council’s vote", "The council's vote"),
        ("No quotation marks at all.", "No quotation marks at all."),
    ],
)
def test_swap_quote_marks(text: str, expected: str) -> None:
    assert swap_quote_marks(text) == expected


@given(st.text(alphabet=st.sampled_from("ab .,\n\"'“”‘’")))
def test_swapping_quote_marks_keeps_every_other_character(text: str) -> None:
    swapped = swap_quote_marks(text)
    assert len(swapped) == len(text)
    assert normalised(swapped) == normalised(text)


def test_merge_ranges_joins_only_ranges_contiguous_on_both_sides() -> None:
    ranges = [CopiedRange(0, 5, 10, 15), CopiedRange(5, 9, 15, 19), CopiedRange(9, 12, 21, 24)]
    assert merge_ranges(ranges) == [CopiedRange(0, 9, 10, 19), CopiedRange(9, 12, 21, 24)]


def test_render_records_where_copied_segments_land() -> None:
    paragraphs: list[list[tuple[str, int | None]]] = [
        [("Breaking.", None)],
        [("Officials ", 40), ("stated", None), (" it.", 53)],
    ]
    text, ranges = render(paragraphs)
    assert text == "Breaking.\n\nOfficials stated it."
    assert ranges == [CopiedRange(40, 50, 11, 21), CopiedRange(53, 57, 27, 31)]


@pytest.mark.parametrize("seed", range(30))
def test_reprint_ranges_hold_copied_text(seed: int) -> None:
    article, gold, _ = make_reprint(ORIGIN, FILLER, "Lakeview Gazette", random.Random(seed))
    assert_ranges_hold(ORIGIN.text, article.text, gold.ranges)
    assert gold.kind == "reprint" and article.outlet == "Lakeview Gazette"
    assert article.published is not None
    assert 0 <= (article.published - ORIGIN.published).days <= REPRINT_DELAY_DAYS
    assert ("headline" in gold.edits) == (article.title != ORIGIN.title)
    if "trim_ending" not in gold.edits:  # the last paragraph survives, maybe edited
        assert gold.ranges[-1].source_end > ORIGIN.paragraphs[-1][0]


def test_reprint_edits_show_in_the_text() -> None:
    seen: set[str] = set()
    for seed in range(60):
        article, gold, _ = make_reprint(ORIGIN, FILLER, "Lakeview Gazette", random.Random(seed))
        seen.update(gold.edits)
        if "insert_paragraph" in gold.edits:
            assert any(p in normalised(article.text) for p in FILLER_TEXT.split("\n\n"))
        if "substitutions" in gold.edits:
            assert any(w in article.text for w in ("stated", "per cent", "authorities"))
        if "reflow" in gold.edits:  # two paragraphs (one maybe the inserted one) joined
            joined = any(
                ORIGIN.text[a.source_end : b.source_start] == "\n\n"
                and article.text[a.target_end : b.target_start] == " "
                for a, b in zip(gold.ranges, gold.ranges[1:], strict=False)
            )
            text = normalised(article.text)
            filler = FILLER_TEXT.split("\n\n")
            assert joined or any(f"{p} " in text or f" {p}" in text for p in filler)
        if "credit_line" in gold.edits:
            assert "originally published by Example Times." in article.text[:200]
        if not set(gold.edits) - {"headline", "quote_marks"}:
            assert normalised(article.text) == normalised(ORIGIN.text)
    assert seen == {
        "headline",
        "trim_ending",
        "insert_paragraph",
        "quote_marks",
        "boilerplate_top",
        "boilerplate_bottom",
        "substitutions",
        "reflow",
        "credit_line",
    }


def test_passage_copy_holds_one_paragraph_of_the_origin_and_filler_text() -> None:
    made = make_passage_copy(ORIGIN, FILLER, "Metro Observer", random.Random(4))
    assert made is not None
    article, gold = made
    assert_ranges_hold(ORIGIN.text, article.text, gold.ranges)
    (copied,) = gold.ranges
    assert ORIGIN.text[copied.source_start : copied.source_end] in ORIGIN_TEXT.split("\n\n")
    assert len(article.text[copied.target_start : copied.target_end].split()) >= 40
    assert copied.target_end - copied.target_start < len(article.text) / 2
    assert article.published is not None
    assert 0 <= (article.published - ORIGIN.published).days <= PASSAGE_DELAY_DAYS


# --- scoring --------------------------------------------------------------------------------


def test_score_counts_pairs_directions_negatives_and_spans() -> None:
    text = "Shared words here and more.\n\nOwn words."
    articles = [Article(i, i, text, outlet=i) for i in ("a", "b", "c", "d")]
    gold = [GoldCopy("a", "b", "reprint", (CopiedRange(0, 27, 0, 27),))]
    collection = Collection(articles, gold, [NegativePair("c", "d", "same_event")])
    relations = (
        CopyRelation("b", "a", 27, (SharedSpan(0, 13, 0, 13),), near_duplicate=True),
        CopyRelation("c", "d", 27, (), near_duplicate=False),
    )
    report = score("x", collection, relations, 1.0)
    assert (report.overall.precision, report.overall.recall) == (0.5, 1.0)
    assert report.direction == 0.0  # found, but backwards
    assert report.negatives_linked == {"same_event": (1, 1)}
    assert report.per_kind["reprint"].precision == 1.0
    assert report.per_kind["passage"].precision == 0.0
    recall, precision = span_scores([(gold[0], relations[0])], {"b": text})
    assert (round(recall, 3), precision) == (round(11 / 23, 3), 1.0)  # non-space characters


def test_baseline_links_near_duplicates_only() -> None:
    day = dt.date(2024, 6, 10)
    later = Article("r", "r", ORIGIN_TEXT + "\n\nThis story has been updated.", published=day)
    origin = Article("o", "o", ORIGIN_TEXT, published=day - dt.timedelta(days=1))
    other = Article("f", "f", FILLER_TEXT, published=day)
    (relation,) = jaccard_detect([later, other, origin])
    assert (relation.source, relation.target) == ("o", "r")


# --- the collection built from the real data --------------------------------------------------


@pytest.fixture(scope="module")
def collection() -> Collection:
    return make_collection(DATA, SMALL_N, seed=5)


@needs_data
def test_collection_is_deterministic_for_a_seed(collection: Collection) -> None:
    again = make_collection(DATA, SMALL_N, seed=5)
    assert again.articles == collection.articles
    assert again.gold == collection.gold
    assert again.negatives == collection.negatives
    other = make_collection(DATA, SMALL_N, seed=6)
    assert {a.text for a in other.articles} != {a.text for a in collection.articles}


@needs_data
def test_gold_ranges_hold_copied_text(collection: Collection) -> None:
    articles = {a.id: a for a in collection.articles}
    kinds = {g.kind for g in collection.gold}
    assert kinds == {"reprint", "passage"}
    assert len(articles) == len(collection.articles)
    for gold in collection.gold:
        source, target = articles[gold.source], articles[gold.target]
        assert_ranges_hold(source.text, target.text, gold.ranges)
        assert source.outlet != target.outlet
        assert source.published is not None and target.published is not None
        assert source.published <= target.published


@needs_data
def test_negative_pairs_share_no_unquoted_run(collection: Collection) -> None:
    articles = {a.id: a for a in collection.articles}
    gold_pairs = {frozenset((g.source, g.target)) for g in collection.gold}
    assert {n.kind for n in collection.negatives} == {"same_event", "quoted_speech"}
    for negative in collection.negatives:
        first, second = articles[negative.first], articles[negative.second]
        assert frozenset((first.id, second.id)) not in gold_pairs
        shared = unquoted_shingles(first.text) & unquoted_shingles(second.text)
        assert len(shared) < MAX_SHARED_SHINGLES
        if negative.kind == "same_event":
            assert first.outlet != second.outlet and first.published == second.published
        else:  # one long quotation, whole, in both
            quoted = [p for p in first.text.split("\n\n") if "spokesperson said: “" in p]
            assert quoted and quoted[0].split("“")[1].rstrip("”") in second.text
