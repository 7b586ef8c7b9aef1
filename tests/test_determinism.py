"""Determinism: the same inputs in any order, with any number of workers, give the same JSON."""

from __future__ import annotations

from pathlib import Path

from newsweave.api import BriefOptions, brief
from newsweave.render.json_out import brief_to_json

STORY = Path(__file__).resolve().parents[1] / "examples" / "story"


def test_input_order_and_workers_do_not_change_a_byte() -> None:
    files = sorted(str(p) for p in STORY.iterdir() if not p.name.endswith(".meta.json"))
    forward = brief_to_json(brief(files, BriefOptions(workers=1)))
    backward = brief_to_json(brief(files[::-1], BriefOptions(workers=2)))
    assert forward == backward
    assert '"facts"' in forward and '"claims"' in forward
