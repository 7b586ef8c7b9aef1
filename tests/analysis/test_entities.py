"""Entity extraction (spaCy) and canonicalisation across articles."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.analysis.entities import (
    EntityIndex,
    canonicalize,
    extract_entity_mentions,
)
from newsweave.analysis.names import name_key, person_names_match, tokens_match
from newsweave.model import EntityMention, EntityType, Mention
from tests.builders import make_parsed

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE


def mentions_of(*items: tuple[str, EntityType, str]) -> list[EntityMention]:
    """EntityMentions for (name, type, document), each at its own offset."""
    return [
        EntityMention(Mention(doc, 100 * i, 100 * i + len(name), name), kind, name)
        for i, (name, kind, doc) in enumerate(items)
    ]


def partition(index: EntityIndex) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((m.document, m.start) for m in e.mentions) for e in index.entities}


# ---- canonicalisation: conformance tables --------------------------------------------------

MERGE = [
    (("Sergei Lavrov", PERSON), ("Sergey Lavrov", PERSON)),
    (("Volodymyr Zelenskyy", PERSON), ("Volodymyr Zelenskiy", PERSON)),
    (("Viktor Orbán", PERSON), ("Viktor Orban", PERSON)),
    (("Viktor Orban", PERSON), ("Orbán", PERSON)),
    (("Volodymyr Zelenskyy", PERSON), ("Zelensky", PERSON)),
    (("Volodymyr Zelenskyy", PERSON), ("Zelenskiy", ORG)),  # spaCy's usual mislabel
    (("Dmitry Peskov", PERSON), ("Dmitriy Peskov", PERSON)),
    (("Alexei Navalny", PERSON), ("Aleksei Navalny", PERSON)),
    (("Donald J. Trump", PERSON), ("Donald Trump", PERSON)),
    (("U.S.", PLACE), ("United States", PLACE)),
    (("US", PLACE), ("the United States", PLACE)),
    (("EU", ORG), ("European Union", ORG)),
    (("the Kremlin", ORG), ("Kremlin", ORG)),
]
KEEP_APART = [
    (("Donald Trump", PERSON), ("Donald Trump Jr.", PERSON)),
    (("Sergei Lavrov", PERSON), ("Sergei Shoigu", PERSON)),
    (("Mark Rutte", PERSON), ("Mark Carney", PERSON)),
    (("Maria Lopez", PERSON), ("Marie Lopez", PERSON)),  # short given names must match exactly
    (("Moscow", PLACE), ("Moscow Oblast", PLACE)),
    (("Austria", PLACE), ("Australia", PLACE)),
    (("Kremlin", ORG), ("Moscow", PLACE)),
    (("Washington", PLACE), ("George Washington", PERSON)),  # places are never surnames
]


@pytest.mark.parametrize(("first", "second"), MERGE)
def test_variants_merge(first: tuple[str, EntityType], second: tuple[str, EntityType]) -> None:
    index = canonicalize(mentions_of((*first, "a1"), (*second, "a2")))
    assert len(index.entities) == 1


@pytest.mark.parametrize(("first", "second"), KEEP_APART)
def test_distinct_names_stay_apart(
    first: tuple[str, EntityType], second: tuple[str, EntityType]
) -> None:
    index = canonicalize(mentions_of((*first, "a1"), (*second, "a1")))
    assert len(index.entities) == 2


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("zelenskyy", "zelensky", True),
        ("sergei", "sergey", True),
        ("volodymyr", "volodimir", True),
        ("maria", "marie", False),
        ("lavrov", "shoigu", False),
    ],
)
def test_tokens_match(a: str, b: str, expected: bool) -> None:
    assert tokens_match(a, b) is expected
    assert tokens_match(b, a) is expected


def test_person_names_match_ignores_middle_initials_but_not_suffixes() -> None:
    assert person_names_match(("donald", "j", "trump"), ("donald", "trump"))
    assert not person_names_match(("donald", "trump", "jr"), ("donald", "trump"))


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the U.S.", "united states"),
        ("USA", "united states"),
        ("Orbán", "orban"),
        ("UK", "united kingdom"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_canonical_name_is_most_complete_then_most_frequent() -> None:
    index = canonicalize(
        mentions_of(
            ("Zelenskiy", PERSON, "a1"),
            ("Volodymyr Zelenskiy", PERSON, "a1"),
            ("Volodymyr Zelenskyy", PERSON, "a2"),
            ("Volodymyr Zelenskyy", PERSON, "a3"),
        )
    )
    (entity,) = index.entities
    assert entity.name == "Volodymyr Zelenskyy"
    assert entity.id == "person:volodymyr-zelenskyy"
    assert entity.aliases == ("Volodymyr Zelenskiy", "Zelenskiy")
    assert len(entity.mentions) == 4


def test_canonical_name_keeps_diacritics_on_a_tie() -> None:
    index = canonicalize(
        mentions_of(("Viktor Orban", PERSON, "a1"), ("Viktor Orbán", PERSON, "a2"))
    )
    assert index.entities[0].name == "Viktor Orbán"
    assert index.entities[0].id == "person:viktor-orban"


def test_alias_table_gives_the_display_name() -> None:
    index = canonicalize(mentions_of(("U.S.", PLACE, "a1"), ("US", PLACE, "a2")))
    assert [(e.id, e.name) for e in index.entities] == [("place:united-states", "United States")]


def test_majority_label_wins() -> None:
    index = canonicalize(
        mentions_of(("Trump", PERSON, "a1"), ("Trump", ORG, "a2"), ("Trump", PERSON, "a3"))
    )
    assert [e.type for e in index.entities] == [PERSON]


def test_mislabelled_surnames_do_not_change_the_persons_type() -> None:
    ms = mentions_of(
        ("Donald Trump", PERSON, "a1"),
        ("Melania Trump", PERSON, "a2"),
        ("Trump", ORG, "a1"),
        ("Trump", ORG, "a1"),
        ("Trump", PERSON, "a3"),
    )
    index = canonicalize(ms)
    donald = index.find("Donald Trump")
    assert donald is not None
    assert donald.type is PERSON
    assert len(donald.mentions) == 3
    assert partition(canonicalize(relabel(ms, index))) == partition(index)


def test_roles_are_united_case_insensitively() -> None:
    first, second, third = mentions_of(
        ("Yuri Ushakov", PERSON, "a1"), ("Ushakov", PERSON, "a2"), ("Yuri Ushakov", PERSON, "a3")
    )
    index = canonicalize(
        [
            dataclasses.replace(first, roles=("Kremlin aide",)),
            dataclasses.replace(second, roles=("aide", "Kremlin aide")),
            dataclasses.replace(third, roles=("Kremlin Aide",)),
        ]
    )
    assert index.entities[0].roles == ("Kremlin aide", "aide")


# ---- surnames and ambiguity --------------------------------------------------------------------


def test_surname_attaches_to_the_unique_full_name() -> None:
    ms = mentions_of(("Vladimir Putin", PERSON, "a1"), ("Putin", PERSON, "a2"))
    index = canonicalize(ms)
    assert index.resolve(ms[1].mention) == index.find("Vladimir Putin")
    assert index.find("Putin") is not None
    assert index.find("Putin's") == index.find("Putin")


def test_ambiguous_surname_stays_unresolved() -> None:
    ms = mentions_of(
        ("Donald Trump", PERSON, "a1"), ("Melania Trump", PERSON, "a2"), ("Trump", PERSON, "a3")
    )
    index = canonicalize(ms)
    resolved = index.resolve(ms[2].mention)
    assert resolved is not None
    assert resolved.name == "Trump"
    assert len(index.entities) == 3


def test_ambiguous_surname_prefers_the_full_name_in_the_same_article() -> None:
    ms = mentions_of(
        ("Donald Trump", PERSON, "a1"), ("Melania Trump", PERSON, "a2"), ("Trump", PERSON, "a2")
    )
    index = canonicalize(ms)
    assert index.resolve(ms[2].mention) == index.find("Melania Trump")


def test_ambiguous_surname_goes_to_a_far_more_frequent_bearer() -> None:
    ms = mentions_of(
        ("Donald Trump", PERSON, "a1"),
        ("Donald Trump", PERSON, "a2"),
        ("Donald Trump", PERSON, "a3"),
        ("Melania Trump", PERSON, "a4"),
        ("Trump", PERSON, "a5"),
    )
    index = canonicalize(ms)
    assert index.resolve(ms[4].mention) == index.find("Donald Trump")


def test_find_returns_none_for_an_ambiguous_surname() -> None:
    index = canonicalize(
        mentions_of(("Donald Trump", PERSON, "a1"), ("Donald Trump Jr.", PERSON, "a2"))
    )
    assert index.find("Trump") is None
    assert index.find("Donald Trump Jr.") is not None
    assert index.find("Nobody") is None


def test_find_by_alias_and_spelling_variant() -> None:
    index = canonicalize(
        mentions_of(("Volodymyr Zelenskyy", PERSON, "a1"), ("Zelenskiy", PERSON, "a2"))
    )
    assert index.find("Zelenskiy") == index.find("Volodymyr Zelenskyy")
    assert index.find("Zelensky") == index.find("Volodymyr Zelenskyy")


def test_resolve_by_overlap_and_document() -> None:
    ms = mentions_of(("Sergei Lavrov", PERSON, "a1"))
    index = canonicalize(ms)
    assert index.resolve(Mention("a1", 6, 12, "Lavrov")) == index.entities[0]
    assert index.resolve(Mention("a2", 6, 12, "Lavrov")) is None
    assert index.resolve(Mention("a1", 50, 56, "Lavrov")) is None


# ---- laws ----------------------------------------------------------------------------------

POOL = [
    "Vladimir Putin", "Putin", "Volodymyr Zelenskyy", "Zelenskiy", "Zelensky", "Sergei Lavrov",
    "Sergey Lavrov", "Lavrov", "Donald Trump", "Donald Trump Jr.", "Trump", "Melania Trump",
    "U.S.", "United States", "Kremlin", "Moscow", "Orban", "Viktor Orbán",
]  # fmt: skip
mention_lists = st.lists(
    st.tuples(
        st.sampled_from(POOL),
        st.sampled_from([PERSON, PERSON, ORG, PLACE]),
        st.sampled_from(["a1", "a2", "a3"]),
    ),
    max_size=14,
).map(lambda items: mentions_of(*items))


@settings(max_examples=150, deadline=None)
@given(mention_lists, st.randoms())
def test_canonicalize_is_independent_of_input_order(
    ms: list[EntityMention], rng: random.Random
) -> None:
    shuffled = list(ms)
    rng.shuffle(shuffled)
    assert canonicalize(shuffled) == canonicalize(ms)


@settings(max_examples=100, deadline=None)
@given(mention_lists)
def test_canonicalize_ignores_repeated_input(ms: list[EntityMention]) -> None:
    assert canonicalize(ms + ms) == canonicalize(ms)


def relabel(ms: Sequence[EntityMention], index: EntityIndex) -> list[EntityMention]:
    """Each mention renamed to its entity's canonical name and type."""
    result = []
    for m in ms:
        entity = index.resolve(m.mention)
        assert entity is not None
        result.append(dataclasses.replace(m, name=entity.name, type=entity.type))
    return result


@settings(max_examples=150, deadline=None)
@given(mention_lists)
def test_canonicalize_is_idempotent_on_canonical_names(ms: list[EntityMention]) -> None:
    index = canonicalize(ms)
    again = canonicalize(relabel(ms, index))
    assert partition(again) == partition(index)
    assert {e.name for e in again.entities} == {e.name for e in index.entities}


# ---- extraction from text ----------------------------------------------------------------------


ROLE_CASES = [
    (
        "Kremlin aide Yuri Ushakov told reporters the call was productive.",
        "Yuri Ushakov",
        ("Kremlin aide",),
    ),
    (
        "President Donald Trump said the meeting would take place in Budapest.",
        "Donald Trump",
        ("President",),
    ),
    (
        "Ukrainian President Volodymyr Zelenskyy arrived in Washington on Friday.",
        "Volodymyr Zelenskyy",
        ("President",),
    ),
    (
        "Hungarian Prime Minister Viktor Orbán said he was ready to host the talks.",
        "Viktor Orbán",
        ("Prime Minister",),
    ),
    (
        "Yuri Ushakov, a top aide to Putin, said the talks would start soon.",
        "Yuri Ushakov",
        ("aide",),
    ),
    (
        "Dmitry Peskov, the Kremlin spokesman, declined to comment on the plan.",
        "Dmitry Peskov",
        ("Kremlin spokesman",),
    ),
    (
        "U.S. Secretary of State Marco Rubio spoke to his Russian counterpart.",
        "Marco Rubio",
        ("Secretary of State",),
    ),
    (
        "The plan was welcomed by German Chancellor Merz on Monday.",
        "Merz",
        ("Chancellor",),
    ),
]


@pytest.mark.parametrize(("text", "name", "roles"), ROLE_CASES)
def test_titles_become_roles(text: str, name: str, roles: tuple[str, ...]) -> None:
    parsed = make_parsed(text)
    people = {m.name: m for m in extract_entity_mentions(parsed) if m.type is PERSON}
    assert people[name].roles == roles
    mention = people[name].mention
    assert parsed.article.text[mention.start : mention.end] == mention.text == name


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Putin's envoy Kirill Dmitriev arrived in Moscow on Sunday.", "Putin"),
        ("Later, Zelenskyy’s chief of staff said the talks in Kyiv were useful.", "Zelenskyy"),
        ("The Kremlin said the date was not yet fixed.", "Kremlin"),
    ],
)
def test_possessives_and_articles_are_left_out_of_the_span(text: str, surface: str) -> None:
    parsed = make_parsed(text)
    found = [m for m in extract_entity_mentions(parsed) if m.name == surface]
    assert found
    assert found[0].mention.text == surface
    assert parsed.article.text[found[0].mention.start : found[0].mention.end] == surface


def test_title_words_tagged_as_organisations_are_dropped() -> None:
    parsed = make_parsed("U.S. Secretary of State Marco Rubio spoke to his Russian counterpart.")
    names = [m.name for m in extract_entity_mentions(parsed)]
    assert "State" not in names
    assert "U.S." in names


def test_bylines_and_boilerplate_are_skipped() -> None:
    text = (
        "Leaders agree to meet in Budapest\n"
        "By Anna Kowalski\n"
        "President Donald Trump said on Thursday that he would meet Vladimir Putin in Budapest.\n"
        "Share this article\n"
    )
    names = {m.name for m in extract_entity_mentions(make_parsed(text))}
    assert {"Donald Trump", "Vladimir Putin", "Budapest"} <= names
    assert "Anna Kowalski" not in names


def test_surnames_resolve_across_articles_end_to_end() -> None:
    first = make_parsed(
        "Russian President Vladimir Putin spoke with President Donald Trump by phone.", id="a1"
    )
    second = make_parsed("Putin said the call with Trump had been frank and useful.", id="a2")
    ms = extract_entity_mentions(first) + extract_entity_mentions(second)
    index = canonicalize(ms)
    putin = index.find("Putin")
    assert putin is not None
    assert putin.id == "person:vladimir-putin"
    assert putin.roles == ("President",)
    assert {m.document for m in putin.mentions} == {"a1", "a2"}
