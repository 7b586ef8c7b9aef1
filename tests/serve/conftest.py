"""A real store built once from the example story (and one hostile article), copied for each
test module so that modules which add articles do not change what the others read."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsweave.ingest import ReadOptions, iter_inputs
from newsweave.serve import ServeOptions, StoreBackend, create_app
from newsweave.store.api import update

EXAMPLES = Path(__file__).parents[2] / "examples" / "story"
BASE_URL = "http://127.0.0.1"
# The example's main story is found through one of its articles, not its title or size: which
# articles a story gathers, and the title it takes, are the story pass's to decide.
MAIN_ARTICLE = "eastgate-halvik-talks"  # Eastgate Daily's reprint of the Continental Press wire
# Article text and metadata are untrusted: every field tries to run script or mislead.
HOSTILE = {
    "id": "hostile-1",
    "title": "<script>alert('title')</script> Harbour \u202egnp.exe closes",
    "outlet": "<img src=x onerror=alert('outlet')>",
    "url": "javascript:alert('url')",
    "author": '"><svg onload=alert(1)>',
    "published": "2026-02-01",
    "text": "The harbour of Lindqvist closed on Monday after a storm, port officials said. "
    "</textarea><script>alert('text')</script> Ferries were held at Skarv until the "
    "wind eased, and 40 lorries waited at the gate. <b onmouseover=alert(2)>bold</b>",
}


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store") / "state"
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    items = iter_inputs([str(EXAMPLES), str(hostile)], ReadOptions(), None, warnings=[])
    result = update(folder, items)
    assert result.added == 10, result
    return folder


@pytest.fixture(scope="module")
def store(store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("copy") / "state"
    shutil.copytree(store_template, copy)
    return copy


def make_client(store: Path | str, options: ServeOptions | None = None) -> TestClient:
    return TestClient(create_app(StoreBackend(store), options), base_url=BASE_URL)


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with make_client(store) as client:
        yield client
