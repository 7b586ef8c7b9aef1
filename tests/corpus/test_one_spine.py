"""One spine: `brief X` and `brief --corpus X` give the same brief when X is one story."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.cli import main
from tests.corpus.collection import collection


def test_brief_and_corpus_brief_of_one_story_are_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "strike"
    folder.mkdir()
    for article in collection():
        if article.id.startswith("strike"):
            record = {"id": article.id, "text": article.text, "title": article.title}
            record |= {"outlet": article.outlet, "published": str(article.published)}
            (folder / f"{article.id}.json").write_text(json.dumps(record), encoding="utf-8")
    plain, corpus = tmp_path / "plain.json", tmp_path / "corpus.json"
    assert main(["brief", str(folder), "--format", "json", "-o", str(plain)]) == 0
    state = ["--state", str(tmp_path / "state")]
    args = ["brief", "--corpus", str(folder), *state, "--format", "json", "-o", str(corpus)]
    assert main(args) == 0
    one, other = json.loads(plain.read_text()), json.loads(corpus.read_text())
    assert len(other["documents"]) == 4
    assert one == other
