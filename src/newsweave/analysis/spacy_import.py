"""Importing spaCy without its command line.

spaCy's package imports its whole command line (typer, weasel, httpx, requests, jinja2 and
more) only to export one function, ``spacy.info``: 0.18 s of spaCy's 0.45 s import on the 2-core
machine (``python -X importtime``), paid by every fresh `newsweave brief`, which never runs
spaCy's command line. ``defer_spacy_cli`` arranges that the first ``import spacy`` of the
process is served a stand-in module for ``spacy.cli.info`` whose ``info`` imports the real one
when called. The stand-in lives only while spaCy's own ``__init__`` runs, so ``import spacy.cli``
afterwards loads the real command line as usual. Nothing else in spaCy changes: the same model,
the same parses.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

SPACY = "spacy"
CLI_INFO = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported on first use."""
    return importlib.import_module(CLI_INFO).info(*args, **kwargs)


class _WithoutCli(Loader):
    """spaCy's package loader, run while ``spacy.cli.info`` is the stand-in."""

    def __init__(self, inner: Loader) -> None:
        self.inner = inner

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        stand_in = ModuleType(CLI_INFO)
        stand_in.info = _info  # type: ignore[attr-defined]
        sys.modules[CLI_INFO] = stand_in
        try:
            self.inner.exec_module(module)
        finally:
            if sys.modules.get(CLI_INFO) is stand_in:
                del sys.modules[CLI_INFO]
            module.__loader__ = self.inner  # spaCy's package keeps its own loader (resources)
            if module.__spec__ is not None:
                module.__spec__.loader = self.inner


class _DeferSpacyCli(MetaPathFinder):
    """Finds spaCy's package as usual, once, and wraps its loader in ``_WithoutCli``."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != SPACY:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _WithoutCli(spec.loader)
        return spec


def defer_spacy_cli() -> None:
    """Make the first ``import spacy`` of this process skip spaCy's command line (see above).

    Does nothing once spaCy is imported; calling it again changes nothing.
    """
    if SPACY in sys.modules or any(isinstance(f, _DeferSpacyCli) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _DeferSpacyCli())
