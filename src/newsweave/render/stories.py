"""The output of ``newsweave cluster`` for a terminal, and what every stories format shares.

Story threads of two or more stories come first, each with its stories (events); then the
stories, largest first, under each its articles and who copied whom. Stories of a
single article follow in one compact list, so that a collection of thousands of loose articles
stays readable. ``documents`` is any mapping from article id to ``Article`` and is only asked
``.get(id)``, so a lazy mapping backed by an index works as well as a dict; without it the
listing names articles by id. Article text and metadata are untrusted: control characters are
removed before anything reaches the terminal (``layout.clean``).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from newsweave.model import Article, CopyRelation, Story, StoryRun, Thread
from newsweave.outlets import outlet_name
from newsweave.render.layout import UNTITLED_STORY, clean, format_day
from newsweave.render.text import ANSI, MIN_TEXT_COLUMN

# A terminal screen per story: a wire story reprinted by 300 sites is still one story, and
# listing every reprint would bury the stories after it. The JSON output lists everything.
STORY_ARTICLES_SHOWN = 12
STORY_COPIES_SHOWN = 8
# Stories listed under a thread (the rest are counted): a thread is read for its course.
THREAD_STORIES_SHOWN = 12
ARROW = "<-"  # "copier <- origin": the direction the text travelled, readable in any terminal


@dataclass(frozen=True, slots=True)
class RunCounts:
    """The header numbers of a run: what was found and what was skipped."""

    stories: int
    articles: int
    multi: int  # stories of more than one article
    copies: int
    rejected: int

    def describe(self) -> str:
        """``"3 stories · 6 articles · 2 multi-article stories · 2 copies · 1 rejected"``."""
        parts = [
            _plural(self.stories, "story", "stories"),
            _plural(self.articles, "article"),
            _plural(self.multi, "multi-article story", "multi-article stories"),
            _plural(self.copies, "copy", "copies"),
            f"{self.rejected:,} rejected",
        ]
        return " · ".join(parts)


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def count_run(run: StoryRun) -> RunCounts:
    return RunCounts(
        stories=len(run.stories),
        articles=sum(len(story.documents) for story in run.stories),
        multi=sum(len(story.documents) > 1 for story in run.stories),
        copies=sum(len(story.copies) for story in run.stories),
        rejected=len(run.rejected),
    )


def order_stories(stories: Iterable[Story]) -> list[Story]:
    """Largest first; among stories of one size the most recent first, then by id."""
    return sorted(stories, key=lambda s: (-len(s.documents), -_ordinal(s.end or s.start), s.id))


def followed_threads(run: StoryRun) -> list[Thread]:
    """The threads of two or more stories, largest first (as the run lists them)."""
    return [thread for thread in run.threads if len(thread.stories) > 1]


def thread_title(thread: Thread) -> str:
    return " ".join(clean(thread.title).split()) or UNTITLED_STORY


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def describe_span(start: dt.date | None, end: dt.date | None) -> str:
    """``"7 Oct 2025"``, ``"7 Oct 2025 – 9 Oct 2025"`` or ``"undated"``.

    >>> describe_span(dt.date(2025, 10, 7), dt.date(2025, 10, 9))
    '7 Oct 2025 – 9 Oct 2025'
    """
    first, last = start or end, end or start
    if first is None or last is None:
        return "undated"
    return format_day(first) if first == last else f"{format_day(first)} – {format_day(last)}"


def story_title(story: Story) -> str:
    return " ".join(clean(story.title).split()) or UNTITLED_STORY


def article_label(doc_id: str, documents: Mapping[str, Article] | None) -> str:
    """The outlet of article ``doc_id``, or its id when the article is not at hand."""
    article = documents.get(doc_id) if documents is not None else None
    return outlet_name(article) if article else doc_id


def describe_copy(relation: CopyRelation, documents: Mapping[str, Article] | None) -> str:
    """``"Harbor Gazette <- Continental Press Agency: reprint, 2,340 chars shared"``.

    Article ids follow the outlets when both articles come from the same outlet.
    """
    copier = article_label(relation.target, documents)
    origin = article_label(relation.source, documents)
    if copier == origin:
        copier, origin = f"{copier} ({relation.target})", f"{origin} ({relation.source})"
    return (
        f"{copier} {ARROW} {origin}: {copy_kind(relation)}, {relation.shared_chars:,} chars shared"
    )


def copy_kind(relation: CopyRelation) -> str:
    """``"reprint"`` for a near-duplicate, else how many passages were copied."""
    if relation.near_duplicate:
        return "reprint"
    return _plural(len(relation.spans), "copied passage")


class _Lines:
    """Wrapped output lines; ANSI styles are added after wrapping, and only with colour."""

    def __init__(self, width: int, color: bool) -> None:
        self.width = max(width, MIN_TEXT_COLUMN + 8)
        self.color = color
        self.lines: list[str] = []

    def add(self, text: str, style: str = "", indent: str = "", hanging: str = "") -> None:
        wrapped = textwrap.wrap(
            " ".join(clean(text).split()),
            self.width,
            initial_indent=indent,
            subsequent_indent=hanging or indent,
            break_on_hyphens=False,
        )
        self.lines.extend(self.style(line, style) for line in wrapped)

    def style(self, text: str, name: str) -> str:
        return f"\x1b[{ANSI[name]}m{text}\x1b[0m" if self.color and name and text else text

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def render_stories_text(
    run: StoryRun,
    documents: Mapping[str, Article] | None = None,
    *,
    width: int = 100,
    color: bool = False,
) -> str:
    """The stories of ``run`` as text ``width`` columns wide; ANSI styles only when ``color``."""
    out = _Lines(width, color)
    out.add(count_run(run).describe(), "bold")
    if run.known:
        out.add(f"{run.added:,} articles added to an index that held {run.known:,}", "dim")
    followed = followed_threads(run)
    _threads(followed, {s.id: s for s in run.stories}, out)
    in_threads = {story_id for thread in followed for story_id in thread.stories}
    ordered = order_stories(run.stories)
    if followed and any(len(s.documents) > 1 for s in ordered):
        out.blank()
        out.add("Stories", "heading")
    for story in (s for s in ordered if len(s.documents) > 1):
        out.blank()
        _story(story, documents, out, story.thread if story.id in in_threads else "")
    _singles([s for s in ordered if len(s.documents) <= 1], documents, out, in_threads)
    _rejected(run, out)
    return "\n".join(out.lines) + "\n"


def _threads(threads: list[Thread], stories: Mapping[str, Story], out: _Lines) -> None:
    if not threads:
        return
    out.blank()
    out.add(f"Story threads ({len(threads):,})", "heading")
    for thread in threads:
        out.blank()
        out.add(f"{thread.id} · {thread_title(thread)}", "bold", hanging="    ")
        span = describe_span(thread.start, thread.end)
        meta = f"{span} · {len(thread.stories):,} stories · {thread.size:,} articles"
        out.add(meta, "dim", indent="    ", hanging="      ")
        shown = thread.stories[:THREAD_STORIES_SHOWN]
        for story_id in shown:
            story = stories.get(story_id)
            line = story_id if story is None else _thread_story_line(story)
            out.add(line, indent="    • ", hanging="      ")
        _more(len(thread.stories) - len(shown), "story", out, "stories")


def _thread_story_line(story: Story) -> str:
    """``"s-1a2b · 2 Mar 2026 – 3 Mar 2026 · 4 articles · Dockers strike at Kessin port"``."""
    span = describe_span(story.start, story.end)
    size = _plural(len(story.documents), "article")
    return f"{story.id} · {span} · {size} · {story_title(story)}"


def _story(
    story: Story, documents: Mapping[str, Article] | None, out: _Lines, thread: str = ""
) -> None:
    out.add(f"{story.id} · {story_title(story)}", "bold", hanging="    ")
    outlets = ", ".join(story.outlets) or "no outlet known"
    meta = f"{describe_span(story.start, story.end)} · {len(story.documents):,} articles"
    if thread:
        meta += f" · thread {thread}"
    out.add(f"{meta} · {outlets}", "dim", indent="    ", hanging="      ")
    shown = story.documents[:STORY_ARTICLES_SHOWN]
    if documents is None:
        out.add("articles: " + ", ".join(shown), indent="    ", hanging="      ")
    else:
        for doc_id in shown:
            out.add(_article_line(doc_id, documents), indent="    • ", hanging="      ")
    _more(len(story.documents) - len(shown), "article", out)
    copies = story.copies[:STORY_COPIES_SHOWN]
    for relation in copies:
        out.add(describe_copy(relation, documents), "yellow", "    copy: ", "          ")
    _more(len(story.copies) - len(copies), "copy", out, "copies")


def _more(count: int, word: str, out: _Lines, plural: str = "") -> None:
    if count > 0:
        words = _plural(count, word, plural).split(" ", 1)
        out.add(f"… and {words[0]} more {words[1]}", "dim", indent="      ")


def _article_line(doc_id: str, documents: Mapping[str, Article]) -> str:
    """``"7 Oct 2025 · Harbor Gazette · Calder Bridge to close (a2)"``."""
    article = documents.get(doc_id)
    if article is None:
        return doc_id
    day = format_day(article.published) if article.published else "undated"
    title = article.title or "untitled"
    return f"{day} · {outlet_name(article)} · {title} ({doc_id})"


def _singles(
    singles: list[Story],
    documents: Mapping[str, Article] | None,
    out: _Lines,
    in_threads: Collection[str] = (),
) -> None:
    if not singles:
        return
    out.blank()
    out.add(f"Single-article stories ({len(singles):,})", "heading")
    for story in singles:
        day = describe_span(story.start, story.end)
        doc_id = story.documents[0] if story.documents else ""
        article = documents.get(doc_id) if documents is not None and doc_id else None
        outlet = outlet_name(article) if article else ", ".join(story.outlets) or doc_id
        thread = f" · thread {story.thread}" if story.id in in_threads else ""
        out.add(f"{story.id} · {day} · {outlet} · {story_title(story)}{thread}", hanging="    ")


def _rejected(run: StoryRun, out: _Lines) -> None:
    if run.rejected:
        out.blank()
        out.add(f"Rejected inputs ({len(run.rejected):,})", "heading")
        for item in run.rejected:
            out.add(item.describe(), indent="  • ", hanging="    ")
    for warning in run.warnings:
        out.add(f"warning: {warning}", "yellow")
