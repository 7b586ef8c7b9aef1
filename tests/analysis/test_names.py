"""Name comparison: the bounded edit check agrees with the full edit distance."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsweave.analysis.names import (
    FUZZY_MIN_LENGTH,
    TOKEN_SIMILARITY_MIN,
    levenshtein,
    tokens_match,
    transliteration_key,
    within_edits,
)

letters = st.text(alphabet="abcdeiouvyz", max_size=12)


@given(letters, letters, st.integers(0, 6))
def test_within_edits_is_the_edit_distance_within_the_limit(a: str, b: str, limit: int) -> None:
    assert within_edits(a, b, limit) == (levenshtein(a, b) <= limit)


@given(letters, letters)
def test_tokens_match_as_the_similarity_of_the_full_edit_distance(a: str, b: str) -> None:
    ka, kb = transliteration_key(a), transliteration_key(b)
    longest = max(len(ka), len(kb))
    if a == b or ka == kb:
        expected = True
    elif min(len(ka), len(kb)) < FUZZY_MIN_LENGTH:
        expected = False
    else:
        expected = 1 - levenshtein(ka, kb) / longest >= TOKEN_SIMILARITY_MIN
    assert tokens_match(a, b) == expected
