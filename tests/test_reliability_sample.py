"""A sample of scripts/reliability.py's bad inputs, run in-process through ``api.brief``.

Each bad input is read or named in ``rejected``, the two good articles beside it survive, and
the run stays within a time budget (generous: the point is catching minutes-long hangs).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from newsweave.api import BriefOptions, brief

ROOT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 60.0
SAMPLE = (
    "binary",
    "empty",
    "cp1252 text",
    "broken jsonl lines",
    "xml external entity",
    "20,000 quotation marks",
    "10,000 nested brackets",
    "5,000 date-like tokens",
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "reliability", ROOT / "scripts" / "reliability.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["reliability"] = module
    spec.loader.exec_module(module)
    return module


RELIABILITY = _script()


@pytest.mark.parametrize("name", SAMPLE)
def test_bad_input_beside_good_articles(name: str, tmp_path: Path) -> None:
    specs = RELIABILITY.CASES[name](tmp_path)
    goods = [str(tmp_path / f"good{i}.txt") for i in (1, 2)]
    for path, text in zip(goods, RELIABILITY.GOOD, strict=True):
        Path(path).write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = brief([*specs, *goods], BriefOptions(workers=1))
    assert time.perf_counter() - start < BUDGET_SECONDS
    sources = [d.source for d in result.documents]
    assert all(any(g in s for s in sources) for g in goods), sources
    for spec in specs:
        named = [*sources, *(r.source for r in result.rejected)]
        assert any(Path(spec).name in s for s in named), (spec, named)
