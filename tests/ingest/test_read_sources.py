"""Folders, globs, standard input and the order of articles; the public API is pinned."""

from __future__ import annotations

import io
from pathlib import Path

import newsweave.ingest
from newsweave.ingest import ReadOptions, read_inputs
from newsweave.model import Rejected
from tests.ingest.helpers import write

BODY = "The ferry to Lisk Island resumed on Friday after a two-day strike."


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    write(root, "b.txt", BODY + " B")
    write(root, "a.txt", BODY + " A")
    write(root, "sub/c.html.txt", BODY + " C")
    write(root, "a.meta.json", '{"outlet": "Lisk Echo"}')
    write(root, ".hidden.txt", BODY)
    write(root, ".cache/x.txt", BODY)
    write(root, "README.md", "# Notes for the desk")
    return root


def test_folder_is_recursive_sorted_and_skips_hidden_sidecars_and_notes(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    result = read_inputs([str(root)])
    assert [a.source for a in result.articles] == [
        str(root / "a.txt"),
        str(root / "b.txt"),
        str(root / "sub" / "c.html.txt"),
    ]
    assert result.articles[0].outlet == "Lisk Echo"
    assert result.rejected == ()


def test_globs_are_sorted_and_recursive(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    flat = read_inputs([str(root / "*.txt")])
    assert [Path(a.source).name for a in flat.articles] == ["a.txt", "b.txt"]
    deep = read_inputs([str(root / "**" / "*.txt")])
    assert [Path(a.source).name for a in deep.articles] == ["a.txt", "b.txt", "c.html.txt"]


def test_order_follows_specs_and_duplicates_are_read_once(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    specs = [str(root / "b.txt"), "-", str(root), str(root / "*.txt")]
    result = read_inputs(specs, stdin=io.BytesIO(b"Breaking: ferry strike over."))
    assert [a.source for a in result.articles] == [
        str(root / "b.txt"),
        "<stdin>",
        str(root / "a.txt"),
        str(root / "sub" / "c.html.txt"),
    ]
    assert [a.id for a in result.articles] == ["b", "stdin", "a", "c-html"]


def test_explicit_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", BODY)
    (article,) = read_inputs([str(path)]).articles
    assert (article.text, article.input_format) == (BODY, "text")


def test_public_api_is_pinned() -> None:
    assert sorted(newsweave.ingest.__all__) == [
        "MAX_INPUT_BYTES",
        "ReadOptions",
        "ReadResult",
        "iter_inputs",
        "read_inputs",
    ]


def test_iter_inputs_streams_what_read_inputs_returns(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "empty.txt", "   ")
    write(tmp_path, "b.txt", BODY + " More.")
    streamed = list(newsweave.ingest.iter_inputs([str(tmp_path)]))
    result = read_inputs([str(tmp_path)])
    assert [x for x in streamed if not isinstance(x, Rejected)] == list(result.articles)
    assert [x for x in streamed if isinstance(x, Rejected)] == list(result.rejected)


def test_progress_counts_inputs_as_they_are_read(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    calls: list[tuple[int, int]] = []
    options = ReadOptions(progress=lambda done, total: calls.append((done, total)))
    result = read_inputs([str(root), str(tmp_path / "missing.txt")], options)
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]  # three articles, then the missing file
    assert len(result.articles) == 3 and len(result.rejected) == 1
    assert options == ReadOptions()  # the callback is not part of what is read
