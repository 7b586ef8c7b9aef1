"""What every route of one running app shares: the options, the store's readers, the
indexing queue, the caches and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from newsweave.render.html import BIDI_CONTROLS
from newsweave.render.layout import clean
from newsweave.serve.backend import SharedReader
from newsweave.serve.cache import TtlCache
from newsweave.serve.jobs import Jobs
from newsweave.serve.options import ServeOptions
from newsweave.store.api import StoreReader

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def safe_text(value: Any) -> Any:
    """Every value a template prints: control characters dropped and bidi controls shown as
    U+FFFD (they could make a page show an article's words in another order), then escaped
    by the autoescaping environment. Markup the templates build themselves passes as is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return clean(value).translate(BIDI_CONTROLS)
    return value


def make_templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=safe_text,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True, slots=True)
class ServeState:
    options: ServeOptions
    readers: SharedReader
    jobs: Jobs
    templates: jinja2.Environment
    pages: TtlCache[str | None]  # rendered story and fact pages (None: no such fact)
    briefs: TtlCache[bytes | None]  # briefs serialised for the API

    @property
    def reader(self) -> StoreReader:
        return self.readers.get()

    def render(self, name: str, **context: Any) -> str:
        return self.templates.get_template(name).render(options=self.options, **context)

    def close(self) -> None:
        self.jobs.close()
        self.readers.close()
