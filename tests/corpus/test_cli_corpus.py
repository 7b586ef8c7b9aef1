"""``newsweave cluster`` and ``newsweave brief --corpus``, end to end on an invented collection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.cli import EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE, main
from newsweave.model import Article
from newsweave.render.stories_json import check_story_references, validate_stories_json
from newsweave.schema.schema import validate_brief_json
from tests.corpus.collection import GOLD, collection


def record(article: Article) -> str:
    published = article.published.isoformat() if article.published else None
    fields = {"id": article.id, "title": article.title, "text": article.text}
    return json.dumps({**fields, "outlet": article.outlet, "published": published})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The collection as two JSON Lines files and a broken one."""
    root = tmp_path / "crawl"
    root.mkdir()
    articles = collection()
    (root / "day1.jsonl").write_text("\n".join(record(a) for a in articles[:6]) + "\n")
    (root / "day2.jsonl").write_text("\n".join(record(a) for a in articles[6:]) + "\n")
    (root / "broken.jsonl").write_text('{"id": "x", "text": \n')
    return root


def test_cluster_json_lists_the_stories_and_validates(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "stories.json"
    assert main(["cluster", str(folder), "--format", "json", "-o", str(out)]) == EXIT_OK
    data = json.loads(out.read_text(encoding="utf-8"))
    validate_stories_json(data)
    assert check_story_references(data) == []
    assert {frozenset(s["documents"]) for s in data["stories"]} == {
        frozenset(d) for d in GOLD.values()
    }
    strike = data["stories"][0]
    assert strike["copies"][0]["from"] == "strike-wire"
    assert strike["copies"][0]["to"] == "strike-reprint"
    assert len(data["documents"]) == len(collection())
    assert [r["reason"] for r in data["rejected"]] == ["malformed"]
    assert "skipped" in capsys.readouterr().err


def test_cluster_text_and_html(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cluster", str(folder)]) == EXIT_OK
    text = capsys.readouterr().out
    assert "Kessin" in text and "5 stories" in text
    page = tmp_path / "stories.html"
    assert main(["cluster", str(folder), "--format", "html", "-o", str(page)]) == EXIT_OK
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "strike-reprint" in html


def test_state_folder_makes_the_second_run_add_only_new_articles(
    folder: Path, tmp_path: Path
) -> None:
    state, out = tmp_path / "state", tmp_path / "s.json"
    first = ["cluster", str(folder / "day1.jsonl"), "--state", str(state), "--format", "json"]
    assert main([*first, "-o", str(out)]) == EXIT_OK
    before = json.loads(out.read_text())
    second = ["cluster", str(folder / "day2.jsonl"), "--state", str(state), "--format", "json"]
    assert main([*second, "-o", str(out)]) == EXIT_OK
    after = json.loads(out.read_text())
    assert (before["added"], after["added"], after["known"]) == (6, 5, 0)
    assert {frozenset(s["documents"]) for s in after["stories"]} == {
        frozenset(d) for d in GOLD.values()
    }
    kept = {s["id"] for s in before["stories"]} & {s["id"] for s in after["stories"]}
    assert kept  # stories of the first run keep their ids


def test_brief_of_one_story_of_a_collection(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "stories.json"
    main(["cluster", str(folder), "--format", "json", "-o", str(out)])
    flood = next(
        s["id"] for s in json.loads(out.read_text())["stories"] if "flood-a" in s["documents"]
    )
    brief = tmp_path / "brief.json"
    args = [
        "brief",
        "--corpus",
        str(folder),
        "--story",
        flood,
        "--format",
        "json",
        "-o",
        str(brief),
    ]
    assert main(args) == EXIT_OK
    data = json.loads(brief.read_text())
    validate_brief_json(data)
    assert {d["id"] for d in data["documents"]} == GOLD["flood"]
    assert any(f["independent_sources"] == 2 for f in data["facts"])


def test_brief_of_a_thread_covers_its_stories_and_keeps_the_state(
    folder: Path, tmp_path: Path
) -> None:
    """The two summits, five weeks apart, are two stories of one thread; with --state the
    thread's brief is not stored (the store keeps briefs of stories) and nothing fails."""
    out, state = tmp_path / "stories.json", tmp_path / "state"
    main(["cluster", str(folder), "--format", "json", "-o", str(out)])
    stories = json.loads(out.read_text())["stories"]
    thread = next(s["thread"] for s in stories if "summit1-a" in s["documents"])
    brief = tmp_path / "brief.json"
    args = ["brief", "--corpus", str(folder), "--story", thread, "--state", str(state)]
    assert main([*args, "--format", "json", "-o", str(brief)]) == EXIT_OK
    data = json.loads(brief.read_text())
    validate_brief_json(data)
    assert {d["id"] for d in data["documents"]} == GOLD["summit1"] | GOLD["summit2"]


def test_brief_of_the_largest_story_counts_the_reprint_once(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "brief.json"
    assert main(["brief", "--corpus", str(folder), "--format", "json", "-o", str(brief)]) == EXIT_OK
    assert "briefing the largest" in capsys.readouterr().err
    data = json.loads(brief.read_text())
    assert {d["id"] for d in data["documents"]} == GOLD["strike"]
    copies = {(c["copier"], c["origin"]) for c in data["sources"]["copies"]}
    assert ("strike-reprint", "strike-wire") in copies
    for fact in data["facts"]:
        outlets = {s["outlet"] for s in fact["support"]}
        if {"Eastgate Daily", "Continental Press Agency"} <= outlets:
            assert fact["independent_sources"] < len(outlets)


def test_brief_of_every_story_as_json(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    assert (
        main(["brief", "--corpus", str(folder), "--all", "--format", "json", "-o", str(out)])
        == EXIT_OK
    )
    briefs = json.loads(out.read_text())
    assert len(briefs) == 4  # every story of two or more articles
    for item in briefs:
        validate_brief_json(item["brief"])


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--story", "s-nope"], "no story or thread 's-nope'", EXIT_NO_INPUT),
        (["--all", "--format", "html"], "give -o DIR", EXIT_USAGE),
    ],
)
def test_corpus_brief_errors_are_one_line(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str, code: int
) -> None:
    assert main(["brief", "--corpus", str(folder), *args]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert message in err[-1] and err[-1].startswith("newsweave: error:")


def test_story_options_need_corpus_mode(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(folder), "--story", "s-1"]) == EXIT_USAGE
    assert "need --corpus" in capsys.readouterr().err


def test_cluster_with_nothing_usable_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cluster", str(tmp_path / "missing")]) == EXIT_NO_INPUT
    assert "no usable article" in capsys.readouterr().err
