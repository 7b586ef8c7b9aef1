"""Corpus mode on Dask (a LocalCluster of 2 worker processes) gives what the local engine
gives: the same stories, copies and briefs, whatever the batches sent to the workers."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from newsweave.api import BriefOptions
from newsweave.cli import main
from newsweave.corpus.api import CorpusOptions, open_index, run_on_index
from newsweave.corpus.briefs import story_briefs
from newsweave.corpus.dask_engine import DaskExecutor, dask_client
from newsweave.errors import EngineError
from newsweave.model import CopyRelation, StoryRun
from newsweave.render.json_out import brief_to_json
from tests.corpus.collection import collection

Result = tuple[StoryRun, list[CopyRelation], list[str]]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield str(cluster.scheduler_address)


def run(options: CorpusOptions, client: Client | None = None) -> Result:
    with open_index(None) as index:
        found = run_on_index(index, collection(), options, client=client)
        executor = None if client is None else DaskExecutor(client)
        briefs = [
            brief_to_json(b)
            for _, b in story_briefs(index, found.stories[:2], BriefOptions(executor=executor))
        ]
        return found, list(index.copies()), briefs


@pytest.fixture(scope="module")
def local() -> Result:
    return run(CorpusOptions(workers=1))


@pytest.mark.parametrize("batch", [3, 5, 256])
def test_dask_gives_the_local_stories_copies_and_briefs(
    scheduler: str, local: Result, batch: int
) -> None:
    options = CorpusOptions(engine="dask", scheduler=scheduler, batch=batch)
    with dask_client(scheduler) as client:
        found, copies, briefs = run(options, client)
    assert found.stories == local[0].stories
    assert (found.added, found.known) == (11, 0)
    assert copies == local[1] and copies  # the wire reprint
    assert briefs == local[2]


def test_the_cli_runs_on_a_given_scheduler(
    scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for article in collection():
        record = {"id": article.id, "text": article.text, "title": article.title}
        record |= {"outlet": article.outlet, "published": str(article.published)}
        (folder / f"{article.id}.json").write_text(json.dumps(record), encoding="utf-8")
    local_out, dask_out = tmp_path / "local.json", tmp_path / "dask.json"
    assert main(["cluster", str(folder), "--format", "json", "-o", str(local_out)]) == 0
    args = ["cluster", str(folder), "--format", "json", "-o", str(dask_out)]
    assert main([*args, "--engine", "dask", "--scheduler", scheduler]) == 0
    assert local_out.read_bytes() == dask_out.read_bytes()


def test_without_dask_installed_the_engine_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(EngineError, match=r"pip install 'newsweave\[dask\]'"), dask_client(None):
        pass


def test_an_unreachable_scheduler_is_one_line() -> None:
    with (
        pytest.raises(EngineError, match="cannot reach the Dask scheduler"),
        dask_client("tcp://127.0.0.1:9", timeout=2),
    ):
        pass


def test_scheduler_needs_the_dask_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cluster", "x", "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
