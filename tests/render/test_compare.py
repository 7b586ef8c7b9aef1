"""Side-by-side pieces: shared words and conflicting values marked, text kept whole."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import Conflict, ConflictKind, ConflictSide, Mention, Support
from newsweave.render.compare import (
    compare_fact,
    conflict_ranges,
    shared_words,
    split_pieces,
)
from tests.render.brief_builder import make_brief


@pytest.mark.parametrize(
    ("texts", "shared"),
    [
        (["The bridge will close.", "The bridge closes."], {"bridge"}),  # "the", "will" say nothing
        (["Cost: $4.2 million", "cost at $4.5 million"], {"cost", "million"}),  # 4.2 ≠ 4.5
        (["40,000 drivers", "40,000 cars"], {"40,000"}),
        (["We can't stay", "we CAN'T go"], {"can't"}),
        (["only here", "nothing alike"], set()),
        (["one sentence alone"], set()),
        (["A bridge", "a road", "the bridge"], {"bridge"}),  # two of three is enough
    ],
)
def test_shared_words(texts: list[str], shared: set[str]) -> None:
    assert shared_words(texts) == shared


@pytest.mark.parametrize(
    ("text", "shared", "conflicts", "expected"),
    [
        ("Calder Bridge shut", {"calder", "bridge"}, [], [("Calder Bridge", "s"), (" shut", "")]),
        ("bridge, then bridge", {"bridge"}, [],
         [("bridge", "s"), (", then ", ""), ("bridge", "s")]),
        ("cost $4.2 million.", {"million", "cost"}, [(5, 17)],
         [("cost", "s"), (" ", ""), ("$4.2 million", "c"), (".", "")]),
        ("", {"x"}, [], []),
        ("no marks", set(), [], [("no marks", "")]),
        ("out of range", set(), [(-3, 99)], [("out of range", "c")]),
    ],
)  # fmt: skip
def test_split_pieces(
    text: str, shared: set[str], conflicts: list[tuple[int, int]], expected: list[tuple[str, str]]
) -> None:
    pieces = split_pieces(text, frozenset(shared), conflicts)
    flags = [(p.text, ("s" if p.shared else "") + ("c" if p.conflict else "")) for p in pieces]
    assert flags == expected


@given(
    text=st.text(alphabet="ab ,.'$4", max_size=30),
    shared=st.sets(st.sampled_from(["a", "b", "ab", "4", "a'b"])),
    conflicts=st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), max_size=3),
)
def test_pieces_keep_the_text_and_never_repeat_a_mark(
    text: str, shared: set[str], conflicts: list[tuple[int, int]]
) -> None:
    pieces = split_pieces(text, frozenset(shared), conflicts)
    assert "".join(piece.text for piece in pieces) == text
    assert all(piece.text for piece in pieces)
    marks = [(p.shared, p.conflict) for p in pieces]
    assert all(a != b for a, b in itertools.pairwise(marks))
    assert not any(p.shared and p.conflict for p in pieces)


def test_conflict_ranges_use_side_spans_inside_the_sentence() -> None:
    cost = make_brief().facts[1]
    gazette, post = cost.support
    assert [gazette.mention.text[a:b] for a, b in conflict_ranges(cost, gazette)] == [
        "$4.2 million"
    ]
    assert [post.mention.text[a:b] for a, b in conflict_ranges(cost, post)] == ["$4.5 million"]


def test_conflict_ranges_fall_back_to_the_value_for_the_sides_outlets() -> None:
    cost = make_brief().facts[1]
    elsewhere = Mention("a9", 0, 3, "xyz")
    sides = tuple(
        dataclasses.replace(side, mentions=(elsewhere,)) for side in cost.conflicts[0].sides
    )
    fact = dataclasses.replace(
        cost, conflicts=(dataclasses.replace(cost.conflicts[0], sides=sides),)
    )
    gazette, post = fact.support
    found = [gazette.mention.text[a:b] for a, b in conflict_ranges(fact, gazette)]
    assert found == ["about $4.2 million"]  # the side's value as the sentence spells it
    assert [post.mention.text[a:b] for a, b in conflict_ranges(fact, post)] == ["$4.5 million"]
    outsider = Support("Elsewhere", post.mention, "Elsewhere")
    assert conflict_ranges(fact, outsider) == []


def test_wording_conflicts_are_not_marked() -> None:
    fact = make_brief().facts[2]
    side = ConflictSide("We cannot", ("Harbor Gazette",), (fact.support[0].mention,))
    wording = Conflict(ConflictKind.WORDING, "w", (side,))
    assert conflict_ranges(dataclasses.replace(fact, conflicts=(wording,)), fact.support[0]) == []


def test_compare_fact_gives_a_column_per_report() -> None:
    closing = make_brief().facts[0]
    columns = compare_fact(closing, closing.support)
    assert [column.text for column in columns] == [s.mention.text for s in closing.support]
    wire = [p.text for p in columns[2].pieces if p.shared]
    assert wire == [
        "Calder Bridge",
        "close",
        "three weeks starting next Monday",
        "city officials said",
    ]
