"""Reading articles: text, HTML, JSON/JSON Lines records and RSS/Atom feeds.

The public entry point is :func:`read_inputs`; bad inputs come back as ``model.Rejected`` data.
"""

from newsweave.ingest.options import MAX_INPUT_BYTES, ReadOptions, ReadResult
from newsweave.ingest.reader import iter_inputs, read_inputs

__all__ = ["MAX_INPUT_BYTES", "ReadOptions", "ReadResult", "iter_inputs", "read_inputs"]
