"""The ``--state`` index under faults: a kill at every commit point of a batch, a second run on
the same state, damaged, newer, read-only and misplaced states."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.cli import EXIT_NO_INPUT, EXIT_OK, main
from newsweave.corpus.api import open_index
from newsweave.store.database import INDEX_FILE
from newsweave.store.index import FAULT_ENV, FAULT_EXIT
from tests.corpus.collection import collection
from tests.corpus.test_cli_corpus import record


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    root.mkdir()
    (root / "all.jsonl").write_text("\n".join(record(a) for a in collection()) + "\n")
    return root


def _cluster(
    crawl: Path, state: Path, fault: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    if fault is not None:
        env[FAULT_ENV] = fault
    args = ["cluster", str(crawl), "--state", str(state), "--batch", "3", "--format", "json"]
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *args, "-o", str(state.parent / "out.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _contents(state: Path) -> tuple[list[str], list[tuple[object, ...]], list[tuple[str, str]]]:
    """Articles, copies and story assignment of the index under ``state``."""
    db = sqlite3.connect(state / INDEX_FILE)
    try:
        articles = [str(r[0]) for r in db.execute("SELECT id FROM documents ORDER BY id")]
        copies = db.execute("SELECT * FROM copies ORDER BY source, target").fetchall()
        stories = db.execute("SELECT doc, story FROM assignment ORDER BY doc").fetchall()
        bands = db.execute("SELECT COUNT(*) FROM bands").fetchone()
        terms = db.execute("SELECT SUM(n) FROM frequencies").fetchone()
    finally:
        db.close()
    return articles, [*copies, bands, terms], stories


# Each commit point of a batch, in a middle batch (the 2nd of 4), and the story assignment.
FAULTS = ["documents:2", "copies:2", "commit:2", "assignment:1"]


def test_a_kill_at_any_commit_point_then_a_rerun_gives_a_clean_runs_state(
    crawl: Path, tmp_path: Path
) -> None:
    clean = tmp_path / "clean" / "state"
    clean.parent.mkdir()
    done = _cluster(crawl, clean)
    assert done.returncode == EXIT_OK, done.stderr
    expected = _contents(clean)
    assert len(expected[0]) == len(collection()) and expected[1][:-2]  # copies were found
    for fault in FAULTS:
        state = tmp_path / fault.replace(":", "-") / "state"
        state.parent.mkdir()
        crashed = _cluster(crawl, state, fault)
        assert crashed.returncode == FAULT_EXIT, (fault, crashed.stderr)
        partial = _contents(state)
        assert len(partial[0]) < len(expected[0]) or fault.startswith("assignment")
        rerun = _cluster(crawl, state)
        assert rerun.returncode == EXIT_OK, (fault, rerun.stderr)
        assert _contents(state) == expected, fault


def test_a_second_run_on_a_state_in_use_stops_with_one_line(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    with open_index(state):
        assert main(["cluster", str(crawl), "--state", str(state)]) == EXIT_NO_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newsweave: error: {state}: the index is in use by another newsweave run; "
                   "wait for it to finish"]  # fmt: skip
    assert main(["cluster", str(crawl), "--state", str(state)]) == EXIT_OK  # lock released


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newsweave: error: "), err
    assert "Traceback" not in err[0]
    return err[0]


def _built(crawl: Path, state: Path) -> None:
    assert main(["cluster", str(crawl), "--state", str(state), "-o", os.devnull]) == EXIT_OK


@pytest.mark.parametrize("damage", ["header", "middle", "truncated"])
def test_a_damaged_index_is_named_in_one_line(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    state = tmp_path / "state"
    _built(crawl, state)
    capsys.readouterr()
    path = state / INDEX_FILE
    data = bytearray(path.read_bytes())
    page = 4096
    if damage == "header":
        data[:100] = b"\xff" * 100
    elif damage == "middle":
        for n in range(1, len(data) // page):  # every page's b-tree header
            data[n * page : n * page + 12] = b"\xa5" * 12
    else:
        data = data[: len(data) // 2]
    path.write_bytes(bytes(data))
    assert main(["cluster", str(crawl), "--state", str(state)]) == EXIT_NO_INPUT
    line = _one_error_line(capsys)
    assert str(path) in line and ("damaged" in line or "not a usable" in line)


def test_an_index_of_a_newer_version_is_named(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    _built(crawl, state)
    capsys.readouterr()
    db = sqlite3.connect(state / INDEX_FILE)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    db.commit()
    db.close()
    assert main(["cluster", str(crawl), "--state", str(state)]) == EXIT_NO_INPUT
    assert "made by a newer newsweave (store format 99" in _one_error_line(capsys)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_state_is_one_line(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    _built(crawl, state)
    capsys.readouterr()
    state.chmod(0o555)
    try:
        assert main(["cluster", str(crawl), "--state", str(state)]) == EXIT_NO_INPUT
        assert "read-only" in _one_error_line(capsys)
    finally:
        state.chmod(0o755)


def test_a_state_path_that_is_a_file_is_one_line(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state.txt"
    state.write_text("not a folder")
    assert main(["cluster", str(crawl), "--state", str(state)]) == EXIT_NO_INPUT
    assert "--state must be a folder" in _one_error_line(capsys)
    assert json.loads(json.dumps(state.read_text())) == "not a folder"
