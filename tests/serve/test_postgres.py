"""The app over a PostgreSQL store (``newsweave serve --db URL``): the API tests' bodies run
again on a store built from the same inputs in a fresh schema of the test server
(``tests/store/backends.py``: 127.0.0.1:5432, or ``NEWSWEAVE_TEST_DB``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from starlette.testclient import TestClient

from newsweave.ingest import ReadOptions, iter_inputs
from newsweave.store.api import update
from tests.serve import test_api, test_pages
from tests.serve.conftest import EXAMPLES, HOSTILE, make_client
from tests.store.backends import store_location


@pytest.fixture(scope="module")
def pg_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with store_location("postgresql", tmp_path_factory.mktemp("pg")) as location:
        items = iter_inputs([str(EXAMPLES), str(hostile)], ReadOptions(), None, warnings=[])
        assert update(location, items).added == 10
        with make_client(location) as client:
            yield client


SAME_BODIES: list[Callable[[TestClient], None]] = [
    test_api.test_story_list_sorted_by_size_with_counts,
    test_api.test_search_by_words_entities_and_outlets,
    test_api.test_filters_narrow_the_list,
    test_api.test_story_and_its_brief,
    test_api.test_article_and_outlet,
    test_pages.test_story_page_is_the_brief,
    test_pages.test_hostile_article_is_shown_as_text,
    test_api.test_added_records_join_a_story_without_a_restart,
]


@pytest.mark.parametrize("body", SAME_BODIES, ids=lambda body: body.__name__)
def test_same_answers_over_postgresql(
    pg_client: TestClient, body: Callable[[TestClient], None]
) -> None:
    body(pg_client)
