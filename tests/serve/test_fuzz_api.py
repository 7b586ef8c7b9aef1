"""Schemathesis fuzzes the HTTP API from its own OpenAPI document (``/openapi.json``) against
a real store: valid and invalid requests for every operation; none may get a 500, and every
response must match the document (status codes, content types, the schemas of the records
and of the brief). Examples are bounded so that CI spends well under a minute here.

(Schemathesis's pytest plugin does not run under this pytest, so each operation's strategy is
driven by Hypothesis directly.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.core.result import Ok
from schemathesis.schemas import APIOperation
from starlette.applications import Starlette

from newsweave.serve import ServeOptions, StoreBackend, create_app

EXAMPLES_PER_OPERATION = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}
Operation = APIOperation[Any, Any, Any, Any]
HOST = "127.0.0.1"  # the app answers loopback host names only
OPERATIONS = 9  # in docs/serve.md's table
MIN_CASES = 3  # an operation with one enum parameter has few distinct valid requests


@pytest.fixture(scope="module")
def app(store: Path) -> Iterator[Starlette]:
    app = create_app(StoreBackend(store), ServeOptions())
    yield app
    app.state.serve.close()


@pytest.fixture(scope="module")
def operations(app: Starlette) -> list[Operation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers={"host": HOST})
    return [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]


def test_document_lists_every_operation(operations: list[Operation]) -> None:
    assert len(operations) == OPERATIONS - 1  # /openapi.json does not describe itself


def test_valid_requests_are_answered_by_the_document(
    operations: list[Operation], record_property: Callable[[str, object], None]
) -> None:
    cases = sum(check_operation(operation, GenerationMode.POSITIVE) for operation in operations)
    record_property("cases", cases)
    assert cases >= len(operations) * MIN_CASES


def test_invalid_requests_are_refused_with_4xx(
    operations: list[Operation], record_property: Callable[[str, object], None]
) -> None:
    fuzzed, cases = [], 0
    for operation in operations:
        try:
            cases += check_operation(operation, GenerationMode.NEGATIVE)
        except Unsatisfiable:  # nothing of it can be invalid (no parameters, free strings)
            continue
        fuzzed.append(operation.label)
    record_property("cases", cases)
    assert {"GET /api/stories", "POST /api/articles"} <= set(fuzzed)


def check_operation(operation: Operation, mode: GenerationMode) -> int:
    """Fuzz one operation; the number of requests sent."""
    sent: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION[mode],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers(case: Case[Any]) -> None:
        sent.append(case.method)
        case.call_and_validate(headers={"host": HOST})

    answers()
    return len(sent)
