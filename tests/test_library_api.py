"""The library API: ``newsweave.brief`` from in-memory records or paths, and the ``Brief``
renderers, without importing internal modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsweave
from newsweave.errors import InputError
from newsweave.schema.schema import validate_brief_json
from tests.corpus.collection import collection


def strike_records() -> list[dict[str, object]]:
    return [
        {
            "id": a.id,
            "text": a.text,
            "title": a.title,
            "source_domain": a.outlet,  # a news-please alias
            "date_publish": f"{a.published:%B %d, %Y}",  # not ISO: parsed, not dropped
        }
        for a in collection()
        if a.id.startswith("strike")
    ]


def test_records_in_memory_brief_as_the_same_records_read_from_a_file(tmp_path: Path) -> None:
    records = strike_records()
    (tmp_path / "strike.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records), encoding="utf-8"
    )
    in_memory = newsweave.brief(articles=records)
    from_file = newsweave.brief(paths=[str(tmp_path / "strike.jsonl")])
    assert [d.id for d in in_memory.documents] == sorted(str(r["id"]) for r in records)
    strip = [f.text for f in from_file.facts]
    assert [f.text for f in in_memory.facts] == strip
    assert {d.outlet for d in in_memory.documents} >= {"Eastgate Daily", "Harbor Gazette"}
    assert in_memory.facts and any(f.independent_sources >= 2 for f in in_memory.facts)


def test_bad_records_are_listed_with_a_reason_and_the_rest_briefed() -> None:
    found = newsweave.brief(articles=[*strike_records(), {"title": "no text"}, {"text": 7}])
    assert [r.source for r in found.rejected] == ["record 5", "record 6"]
    assert all(r.detail for r in found.rejected)
    assert len(found.documents) == 4
    with pytest.raises(InputError, match="no usable article"):
        newsweave.brief(articles=[{"title": "no text"}])


def test_the_brief_renders_itself() -> None:
    found = newsweave.brief(articles=strike_records())
    data = json.loads(found.to_json())
    validate_brief_json(data)
    assert data == found.to_dict()
    assert found.to_html().startswith("<!DOCTYPE html>")
    assert found.to_markdown().startswith("# ")
    assert "Kessin" in found.to_text()


def test_an_undated_warning_names_ten_articles_and_counts_the_rest() -> None:
    from newsweave.api import undated_warning
    from newsweave.model import Article

    (warning,) = undated_warning([Article(id=f"a{i}", source="x", text="t") for i in range(25)])
    assert "a9 and 15 more" in warning and "a10" not in warning
