"""scripts/fuzz_readers.py's properties, with few examples: each generated hostile file of each
format is read into articles or named in ``rejected`` with a one-line reason, nothing escapes,
nothing is printed, and each read ends within the script's time bound. The script runs the same
properties for as long as it is given (docs/benchmarks.md, "Reader fuzzing")."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsweave.model import RejectReason

ROOT = Path(__file__).resolve().parents[2]
# Examples per format: seven formats at ~50 examples/s on the shared 2-core machine keep this
# file near 20 s; the script runs thousands per format.
CI_EXAMPLES = 60


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "scripts/fuzz_readers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_readers"] = module
    spec.loader.exec_module(module)
    return module


FUZZ = _script()


@pytest.mark.parametrize("name", sorted(FUZZ.FORMATS))
def test_generated_inputs_keep_the_reader_contract(tmp_path: Path, name: str) -> None:
    counter = [0]
    FUZZ.property_for(name, CI_EXAMPLES, tmp_path, counter)()
    assert counter[0] >= CI_EXAMPLES


@pytest.mark.parametrize(
    ("name", "data"),
    [  # failures the fuzzer found, kept as plain cases
        ("f.xml", b'<rss version="2.0"><channel><title>&#99999999;</title></channel></rss>'),
        ("f.xml", b'<rss version="2.0"><channel><title>&#55296;</title></channel></rss>'),
        (
            "f.xml",
            b'<rss version="2.0"><channel><item><pubDate>0000-00-00</pubDate>'
            b"<description>The port reopened on Monday.</description></item></channel></rss>",
        ),
        ("w.warc", b"WARC/1.0\r\nWARC-Type: response"),
        ("w.warc.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" * 2)),
    ],
)
def test_fuzzer_findings(tmp_path: Path, name: str, data: bytes) -> None:
    FUZZ.check_contract(FUZZ.Case(name, data), tmp_path)


def test_feed_with_a_bad_character_reference_is_still_read(tmp_path: Path) -> None:
    from newsweave.ingest import read_inputs

    feed = (
        '<rss version="2.0"><channel><title>Wire &#99999999;</title><item>'
        "<title>Port &#xD800;reopens</title>"
        "<description>The port of Vessa reopened on Monday, officials said.</description>"
        "</item></channel></rss>"
    )
    path = tmp_path / "wire.xml"
    path.write_text(feed, encoding="utf-8")
    result = read_inputs([str(path)])
    assert [r.reason for r in result.rejected] == []
    assert result.articles[0].title == "Port \ufffdreopens"
    assert result.articles[0].text.startswith("The port of Vessa")


def test_a_broken_archive_is_one_line(tmp_path: Path) -> None:
    from newsweave.ingest import read_inputs

    path = tmp_path / "w.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response")
    (rejected,) = read_inputs([str(path)]).rejected
    assert rejected.reason is RejectReason.MALFORMED
    assert len(rejected.describe().splitlines()) == 1
