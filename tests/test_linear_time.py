"""Pathological texts cost no more than news prose of the same length.

The machine is noisy, so budgets are ratios against a normal text measured in the same test,
never absolute times. Before the fixes these texts took 10 to 1,000 times as long as prose.
"""

from __future__ import annotations

import time

import pytest

from newsweave.analysis.parse import PIECE_CHARS, parse_article
from newsweave.model import ArticleAnalysis, Mention
from newsweave.pipeline import build_pipeline
from tests.builders import make_article

SIZE = 30_000
# How many times the prose's time a pathological text may take: curly quotes make ~5 times as
# many tokens per character as prose (each token costs the same), so 10 leaves room for noise.
MAX_RATIO = 10.0
PROSE = (
    "The foreign ministers agreed on Thursday to reopen the rail link, officials said. "
    '"It was a very useful meeting," Varga told reporters outside the palace in Halvik. '
    "Freight traffic of about 1,600 km is expected to resume in April, the bank said.\n\n"
)


def _fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


PATHOLOGICAL = {
    "straight quotes": _fill('"'),
    "curly quotes": _fill("\u201c\u201d "),
    "nested brackets": "(" * (SIZE // 2) + ")" * (SIZE // 2),
    "date-like tokens": _fill("12/12/12 "),
    "one sentence": _fill("minister talks rail Halvik ship crew trade said the "),
    "capitalised words": _fill("Foreign Minister Aleksandr Varga "),
    "short lines": _fill("Talks\n"),
    "byline-like line": "By John Smith and " + _fill("Aa and ", SIZE - 30) + "x!",
}


def _seconds(text: str) -> float:
    pipeline = build_pipeline()
    start = time.perf_counter()
    pipeline.analyze(parse_article(make_article(text)))
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def prose_seconds() -> float:
    _seconds(PROSE)  # load the models outside the measurement
    return min(_seconds(_fill(PROSE)) for _ in range(2))


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_costs_about_as_much_as_prose(name: str, prose_seconds: float) -> None:
    seconds = _seconds(PATHOLOGICAL[name])
    assert seconds <= MAX_RATIO * prose_seconds, (name, seconds, prose_seconds)


def test_doubling_a_text_about_doubles_its_time() -> None:
    _seconds(PROSE)
    small = min(_seconds(_fill("Foreign Minister Aleksandr Varga ", n)) for n in (SIZE, SIZE))
    large = _seconds(_fill("Foreign Minister Aleksandr Varga ", 4 * SIZE))
    assert large <= 4 * 2.0 * small, (small, large)  # quadratic would be 16 times


def test_a_text_longer_than_a_piece_keeps_exact_offsets() -> None:
    text = _fill(PROSE, 2 * PIECE_CHARS + 12_345)
    done: ArticleAnalysis = build_pipeline().analyze(parse_article(make_article(text)))
    assert done.sentences[-1].end > 2 * PIECE_CHARS
    mentions: list[Mention] = [
        *(q.mention for q in done.quotes),
        *(f.mention for f in done.figures),
        *(d.mention for d in done.dates),
        *(m.mention for m in done.entity_mentions),
        *(c.mention for c in done.claims if c.mention is not None),
    ]
    for sentence in done.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert len(done.claims) > 100
