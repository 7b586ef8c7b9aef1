"""spaCy imported through newsweave skips its command line, and nothing of spaCy is lost."""

from __future__ import annotations

import subprocess
import sys

FRESH_PROCESS = """
import sys
import newsweave.analysis.nlp
import spacy
assert "spacy.cli" not in sys.modules, "spaCy's command line was imported"
assert "spacy.cli.info" not in sys.modules, "the stand-in outlived spaCy's import"
assert spacy.__spec__.loader is spacy.__loader__
assert type(spacy.__loader__).__module__.startswith("_frozen_importlib")
assert isinstance(spacy.info(silent=True), dict)
import spacy.cli
assert callable(spacy.cli.info) and spacy.cli.info is not spacy.info
print("ok")
"""


def test_spacy_is_imported_without_its_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
