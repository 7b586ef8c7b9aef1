"""Articles not in English are named and kept out of claims, facts and counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analysis.language import ENGLISH, UNDETERMINED, detect_language
from newsweave.api import brief

GERMAN_A = (
    "Die Regierung in Valdora hat am Freitag zwölf Milliarden Euro für den Ausbau der "
    "Bahnstrecke nach Korvask freigegeben. Das teilte das Verkehrsministerium in Halvik mit. "
    "Die Arbeiten sollen im Frühjahr beginnen und drei Jahre dauern."
)
GERMAN_B = (
    "Für den Ausbau der Bahnstrecke nach Korvask stellt die Regierung von Valdora fünfzehn "
    "Milliarden Euro bereit, wie das Verkehrsministerium am Freitag in Halvik mitteilte. Die "
    "Arbeiten beginnen demnach im Frühjahr."
)
ENGLISH_TEXT = (
    "The government of Valdora released twelve billion euros on Friday to upgrade the rail "
    "line to Korvask, the transport ministry said in Halvik. Work is due to start in spring."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH_TEXT, ENGLISH),
        (GERMAN_A, "de"),
        ("Le gouvernement a débloqué vendredi douze milliards d'euros pour le rail, a indiqué "
         "le ministère des transports à Halvik.", "fr"),
        ("Yes.", UNDETERMINED),
    ],
)  # fmt: skip
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_german_articles_are_named_and_kept_out_of_facts(tmp_path: Path) -> None:
    for name, text in (("de1", GERMAN_A), ("de2", GERMAN_B), ("en1", ENGLISH_TEXT)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = brief([str(tmp_path)])
    assert [d.language for d in result.documents] == ["de", "de", "en"]
    assert {m.document for f in result.facts for m in f.mentions} == {"en1"}
    assert all(c.sentence.document == "en1" for c in result.claims)
    (warning,) = [w for w in result.warnings if "not in English" in w]
    assert "de1 (de)" in warning and "de2 (de)" in warning


def test_a_collection_given_to_brief_is_pointed_to_corpus_mode() -> None:
    from newsweave.api import STORY_MAX_ARTICLES, collection_warning
    from tests.builders import make_article

    many = [make_article(text="x", id=f"a{n}") for n in range(STORY_MAX_ARTICLES + 1)]
    (warning,) = collection_warning(many)
    assert "newsweave cluster" in warning and "--corpus" in warning
    assert collection_warning(many[:STORY_MAX_ARTICLES]) == ()
