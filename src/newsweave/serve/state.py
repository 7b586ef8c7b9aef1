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
from newsweave.store.records import StorySummary

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
    pages: TtlCache[bytes | None]  # story and fact pages, gzipped (None: no such fact)
    briefs: TtlCache[bytes | None]  # briefs serialised for the API, gzipped
    lists: TtlCache[bytes]  # story lists (pages and API), gzipped, for a few seconds
    summaries: TtlCache[StorySummary | None]  # stories' summaries, for a few seconds

    @property
    def reader(self) -> StoreReader:
        return self.readers.get()

    def render(self, name: str, **context: Any) -> str:
        return self.templates.get_template(name).render(options=self.options, **context)

    def summary(self, story_id: str) -> StorySummary | None:
        """The story's summary, read at most every few seconds (and after each run)."""
        key = (story_id, self.jobs.current_generation)
        return self.summaries.get_or_make(key, lambda: self.reader.story(story_id))

    def close(self) -> None:
        self.jobs.close()
        self.readers.close()
