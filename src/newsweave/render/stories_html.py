"""The output of ``newsweave cluster`` as one self-contained HTML page (no network at all).

Story threads of two or more stories come first, each listing its stories (events) as links;
then the stories, largest first, each a ``<details>`` element that opens on its articles and
its copy relations; a copy relation shows each shared passage side by side, the words of the
origin and of the copier at the span offsets ``<mark>``ed with some context around them. A
filter box hides the stories whose title, outlets, ids and article titles miss a typed word.
Single-article stories are one line each at the end, so thousands of stories stay light; the
passages shown are capped per story for the same reason (the JSON output has them all).

The same rules as the brief's page (``render.html``): every piece of article text or metadata
is escaped where it is written, the script only toggles attributes, and the
Content-Security-Policy forbids every load from outside the page. ``documents`` is only asked
``.get(id)``, so a lazy mapping backed by an index works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsweave.model import Article, CopyRelation, SharedSpan, Story, StoryRun, Thread
from newsweave.outlets import outlet_name
from newsweave.render.html import esc, isolate_bidi, script_element
from newsweave.render.json_out import GENERATOR
from newsweave.render.layout import format_day
from newsweave.render.stories import (
    ARROW,
    article_label,
    copy_kind,
    count_run,
    describe_copy,
    describe_span,
    followed_threads,
    order_stories,
    story_title,
    thread_title,
)

# Enough words either side of a passage to see where it sits in the article (half a line).
CONTEXT_CHARS = 60
# A reprint shares its whole text: show the start of a passage, not 5,000 marked characters.
PASSAGE_CHARS_MAX = 300
# What one story shows of its copying. Measured on a synthetic collection of 43,000 articles
# in 8,000 stories with 35,000 reprints: 10 copies x 3 passages x 600 characters made a 68 MB
# page; these caps make it 21 MB, a quarter of it the article tables. A reprint shares
# everything, so its first passage says enough. The rest are listed as one line each; the JSON
# has them all.
COPIES_WITH_PASSAGES_MAX = 3
PASSAGES_PER_COPY_MAX = 2
PASSAGES_PER_REPRINT_MAX = 1


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A passage of an article with context: ``before + marked + after`` is contiguous text.

    ``omitted`` counts the passage's characters cut from the end of ``marked``.
    """

    before: str
    marked: str
    after: str
    cut_before: bool
    cut_after: bool
    omitted: int = 0


def excerpt(text: str, start: int, end: int) -> Excerpt:
    """``text[start:end]`` with up to ``CONTEXT_CHARS`` of context, cut at word boundaries.

    >>> excerpt("The mayor said the bridge will close on Monday.", 19, 36).marked
    'bridge will close'
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    end = max(start, end)
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before, after = text[left:start], text[end:right]
    if left > 0 and not text[left - 1].isspace() and " " in before:  # a word cut in two
        before = before[before.index(" ") + 1 :]
    if right < len(text) and not text[right].isspace() and " " in after:
        after = after[: after.rindex(" ")]
    omitted = max(0, end - start - PASSAGE_CHARS_MAX)
    marked = text[start : end - omitted]
    return Excerpt(before, marked, "" if omitted else after, left > 0, right < len(text), omitted)


def excerpt_html(ex: Excerpt) -> str:
    """The excerpt escaped, its passage in ``<mark>``, cuts shown as ellipses."""
    lead = "…" if ex.cut_before and ex.before else ""
    more = (
        f' <span class="omitted">[… {ex.omitted:,} more shared characters]</span>'
        if ex.omitted
        else ""
    )
    tail = "…" if ex.cut_after and ex.after else ""
    return f"{lead}{esc(ex.before)}<mark>{esc(ex.marked)}</mark>{more}{esc(ex.after)}{tail}"


def render_stories_html(run: StoryRun, documents: Mapping[str, Article]) -> str:
    """The stories of ``run`` as one HTML page that works offline and loads nothing."""
    ordered = order_stories(run.stories)
    multi = [story for story in ordered if len(story.documents) > 1]
    singles = [story for story in ordered if len(story.documents) <= 1]
    counts = count_run(run)
    followed = followed_threads(run)
    in_threads = {story_id for thread in followed for story_id in thread.stories}
    body = "\n".join(
        [
            '<header class="masthead"><p class="kicker">newsweave stories</p>'
            f"<h1>{_title(counts.stories, counts.articles)}</h1>"
            f'<p class="meta">{esc(counts.describe())}</p></header>',
            _filter_box(len(ordered)),
            _threads_section(followed, {s.id: s for s in run.stories}),
            _multi_section(multi, documents, in_threads),
            _singles_section(singles, documents, in_threads),
            _rejected_section(run),
        ]
    )
    script, policy = script_element(SCRIPT)
    page = PAGE.format(
        csp=esc(policy),
        generator=esc(GENERATOR),
        title=_title(counts.stories, counts.articles),
        css=CSS,
        body=body,
        script=script,
    )
    return isolate_bidi(page)


def _title(stories: int, articles: int) -> str:
    noun = "article" if articles == 1 else "articles"
    return f"{stories:,} stor{'y' if stories == 1 else 'ies'} in {articles:,} {noun}"


def _filter_box(total: int) -> str:
    return (
        '<div class="filter" role="search"><label for="filter">Filter</label>'
        '<input type="search" id="filter" autocomplete="off" spellcheck="false" '
        'placeholder="words of a title, an outlet or an id  ( / )">'
        f'<span id="shown" aria-live="polite">{total:,} of {total:,} '
        f"stor{'y' if total == 1 else 'ies'}</span></div>"
    )


def _threads_section(threads: list[Thread], stories: Mapping[str, Story]) -> str:
    if not threads:
        return ""
    items = "\n".join(_thread(thread, stories) for thread in threads)
    return (
        f'<section id="threads"><h2>Story threads ({len(threads):,})</h2>'
        f'<ol class="threads">{items}</ol></section>'
    )


def _thread(thread: Thread, stories: Mapping[str, Story]) -> str:
    rows = "".join(_thread_story(story_id, stories.get(story_id)) for story_id in thread.stories)
    span = describe_span(thread.start, thread.end)
    return (
        f'<li class="thread" id="thread-{esc(thread.id)}">'
        f'<span class="size" title="articles">{thread.size:,}</span> '
        f'<span class="title">{esc(thread_title(thread))}</span> '
        f'<span class="when">{esc(span)} · {len(thread.stories):,} stories</span> '
        f"<code>{esc(thread.id)}</code><ul>{rows}</ul></li>"
    )


def _thread_story(story_id: str, story: Story | None) -> str:
    if story is None:
        return f"<li><code>{esc(story_id)}</code></li>"
    span = describe_span(story.start, story.end)
    return (
        f'<li><span class="when">{esc(span)}</span> '
        f'<a href="#story-{esc(story.id)}">{esc(story_title(story))}</a> '
        f'<span class="when">{len(story.documents):,} articles</span></li>'
    )


def _multi_section(
    stories: list[Story], documents: Mapping[str, Article], in_threads: set[str]
) -> str:
    items = "\n".join(_story(story, documents, story.id in in_threads) for story in stories)
    empty = '<p class="empty">No story has more than one article.</p>' if not stories else ""
    return (
        f'<section id="stories"><h2>Stories ({len(stories):,})</h2>{empty}'
        f'<div class="story-list">{items}</div></section>'
    )


def _story(story: Story, documents: Mapping[str, Article], followed: bool) -> str:
    outlets = ", ".join(story.outlets)
    thread = _thread_link(story, followed)
    copies = (
        f'<span class="badge">{len(story.copies):,} cop{"y" if len(story.copies) == 1 else "ies"}'
        "</span>"
        if story.copies
        else ""
    )
    return (
        f'<details class="story" id="story-{esc(story.id)}" data-search="'
        f'{esc(_search_text(story, documents))}"><summary>'
        f'<span class="size" title="articles">{len(story.documents):,}</span> '
        f'<span class="title">{esc(story_title(story))}</span> {copies} '
        f'<span class="when">{esc(describe_span(story.start, story.end))}</span> '
        f'<span class="outlets">{esc(outlets)}</span></summary>'
        f'<div class="story-body"><p class="story-id">story <code>{esc(story.id)}</code>'
        f"{thread}</p>"
        f"{_articles(story, documents)}{_copies(story, documents)}</div></details>"
    )


def _search_text(story: Story, documents: Mapping[str, Article]) -> str:
    """What the filter box matches: title, id, outlets, article ids and titles (lowercase)."""
    titles = [article.title or "" for d in story.documents if (article := documents.get(d))]
    words = [story.title, story.id, story.thread, *story.outlets, *story.documents, *titles]
    return " ".join(" ".join(words).split()).lower()


def _articles(story: Story, documents: Mapping[str, Article]) -> str:
    rows = "".join(_article_row(doc_id, documents.get(doc_id)) for doc_id in story.documents)
    return (
        '<table class="articles"><thead><tr><th>Published</th><th>Outlet</th><th>Title</th>'
        f"<th>Id</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _article_row(doc_id: str, article: Article | None) -> str:
    if article is None:
        missing = '<td colspan="3" class="empty">not available</td>'
        return f"<tr>{missing}<td><code>{esc(doc_id)}</code></td></tr>"
    day = format_day(article.published) if article.published else "undated"
    title = _linked(esc(article.title or "untitled"), article)
    return (
        f"<tr><td>{esc(day)}</td><td>{esc(outlet_name(article))}</td><td>{title}</td>"
        f"<td><code>{esc(doc_id)}</code></td></tr>"
    )


def _linked(title_html: str, article: Article | None) -> str:
    """The title as a link to the article's web address; only http(s), never ``javascript:``."""
    url = article.url if article else None
    if not url or not url.lower().startswith(("http://", "https://")):
        return title_html
    return f'<a href="{esc(url)}" rel="noreferrer noopener">{title_html}</a>'


def _copies(story: Story, documents: Mapping[str, Article]) -> str:
    if not story.copies:
        return ""
    shown = story.copies[:COPIES_WITH_PASSAGES_MAX]
    items = "".join(_copy(relation, documents) for relation in shown)
    rest = "".join(
        f'<li class="copy brief-copy">{esc(describe_copy(relation, documents))}</li>'
        for relation in story.copies[COPIES_WITH_PASSAGES_MAX:]
    )
    return f'<h3>Who copied whom</h3><ul class="copies">{items}{rest}</ul>'


def _copy(relation: CopyRelation, documents: Mapping[str, Article]) -> str:
    copier = article_label(relation.target, documents)
    origin = article_label(relation.source, documents)
    cap = PASSAGES_PER_REPRINT_MAX if relation.near_duplicate else PASSAGES_PER_COPY_MAX
    spans = relation.spans[:cap]
    passages = "".join(_passage(relation, span, documents) for span in spans)
    hidden = len(relation.spans) - len(spans)
    more = f'<p class="empty">… and {hidden:,} more passages</p>' if hidden > 0 else ""
    return (
        f'<li class="copy" data-from="{esc(relation.source)}" data-to="{esc(relation.target)}">'
        f'<p class="copy-head"><strong>{esc(copier)}</strong> {esc(ARROW)} '
        f"<strong>{esc(origin)}</strong>: {esc(copy_kind(relation))}, "
        f"{relation.shared_chars:,} chars shared</p>{passages}{more}</li>"
    )


def _passage(relation: CopyRelation, span: SharedSpan, documents: Mapping[str, Article]) -> str:
    """The passage in the origin and in the copier, side by side."""
    sides = [
        ("origin", relation.source, span.source_start, span.source_end),
        ("copier", relation.target, span.target_start, span.target_end),
    ]
    columns = "".join(
        _side(role, doc_id, start, end, documents) for role, doc_id, start, end in sides
    )
    return f'<div class="passage">{columns}</div>'


def _side(role: str, doc_id: str, start: int, end: int, documents: Mapping[str, Article]) -> str:
    article = documents.get(doc_id)
    text = excerpt_html(excerpt(article.text, start, end)) if article else "text not available"
    where = f"{doc_id}:{start}-{end}"
    return (
        f'<div class="side {role}"><p class="who"><span class="role">{role}</span> · '
        f"{esc(article_label(doc_id, documents))} · <code>{esc(where)}</code></p>"
        f'<p class="excerpt">{text}</p></div>'
    )


def _singles_section(
    stories: list[Story], documents: Mapping[str, Article], in_threads: set[str]
) -> str:
    if not stories:
        return ""
    items = "\n".join(_single(story, documents, story.id in in_threads) for story in stories)
    return (
        f'<section id="singles"><h2>Single-article stories ({len(stories):,})</h2>'
        f'<ul class="singles">{items}</ul></section>'
    )


def _single(story: Story, documents: Mapping[str, Article], followed: bool) -> str:
    doc_id = story.documents[0] if story.documents else ""
    article = documents.get(doc_id) if doc_id else None
    outlet = outlet_name(article) if article else ", ".join(story.outlets)
    title = _linked(esc(story_title(story)), article)
    return (
        f'<li class="single" id="story-{esc(story.id)}" '
        f'data-search="{esc(_search_text(story, documents))}">'
        f'<span class="when">{esc(describe_span(story.start, story.end))}</span> '
        f'<span class="outlet">{esc(outlet)}</span> {title} <code>{esc(story.id)}</code>'
        f"{_thread_link(story, followed)}</li>"
    )


def _thread_link(story: Story, followed: bool) -> str:
    """A link to the story's thread when the thread has other stories too."""
    if not followed:
        return ""
    return f' · thread <a href="#thread-{esc(story.thread)}"><code>{esc(story.thread)}</code></a>'


def _rejected_section(run: StoryRun) -> str:
    rows = "".join(
        f'<tr><td class="source">{esc(r.source)}</td><td>{esc(r.reason.value)}</td>'
        f"<td>{esc(r.detail)}</td></tr>"
        for r in run.rejected
    )
    warnings = "".join(f"<li>{esc(w)}</li>" for w in run.warnings)
    if not rows and not warnings:
        return ""
    table = (
        f"<h2>Rejected inputs ({len(run.rejected):,})</h2><table><thead><tr><th>Input</th>"
        f"<th>Reason</th><th>Detail</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    notes = f'<ul class="warnings">{warnings}</ul>' if warnings else ""
    return f'<section id="rejected">{table}{notes}</section>'


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<meta name="referrer" content="no-referrer">
<title>{title} · newsweave</title>
<style>
{css}
</style>
</head>
<body>
<main class="stories-page">
{body}
<footer class="colophon">Generated by {generator}. Select a story to see its articles and the \
passages copied between them.</footer>
</main>
{script}
</body>
</html>
"""

CSS = """:root {
  --ink: #1d2330; --muted: #5d6677; --line: #e2e5eb; --paper: #fff; --panel: #f6f7f9;
  --accent: #2f5bd3; --hl: #ffe58a; --warn: #c2410c; color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e8ee; --muted: #9aa3b5; --line: #2e3443; --paper: #141821; --panel: #1b2030;
    --accent: #8aa8ff; --hl: #7a5d00; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.stories-page { max-width: 68rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .2rem 0 .4rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .7rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: .95rem; margin: 1rem 0 .4rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; margin: 0;
  color: var(--muted); }
.meta, .empty, .colophon, .story-id { color: var(--muted); }
.filter { display: none; position: sticky; top: 0; z-index: 2; background: var(--paper);
  padding: .6rem 0; border-bottom: 1px solid var(--line); gap: .6rem; align-items: center; }
.js .filter { display: flex; }
.filter input { flex: 1; font: inherit; padding: .35rem .6rem; border: 1px solid var(--line);
  border-radius: 6px; background: var(--panel); color: var(--ink); }
#shown { color: var(--muted); font-size: .85rem; white-space: nowrap;
  font-variant-numeric: tabular-nums; }
[hidden] { display: none !important; }
details.story { border-bottom: 1px solid var(--line); }
details.story > summary { cursor: pointer; padding: .5rem .2rem; display: flex; flex-wrap: wrap;
  align-items: baseline; gap: .2rem .7rem; list-style: none; }
details.story > summary::-webkit-details-marker { display: none; }
details.story > summary::before { content: "▸"; color: var(--muted); width: .8rem; }
details.story[open] > summary::before { content: "▾"; }
details.story > summary:hover, details.story[open] > summary { background: var(--panel); }
summary .size { min-width: 2.2rem; text-align: right; font-weight: 700; color: var(--accent);
  font-variant-numeric: tabular-nums; }
summary .title { font-weight: 600; flex: 1 1 24rem; }
summary .when, summary .outlets { color: var(--muted); font-size: .85rem; }
summary .outlets { flex-basis: 100%; padding-left: 4.4rem; }
.badge { border-radius: 4px; padding: 0 .45rem; font-size: .72rem; font-weight: 600;
  color: #fff; background: var(--warn); }
.story-body { padding: .2rem .4rem 1rem 4.6rem; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin: .3rem 0 .8rem; }
th { text-align: left; font-size: .72rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); border-bottom: 2px solid var(--line); padding: .3rem .45rem; }
td { border-bottom: 1px solid var(--line); padding: .35rem .45rem; vertical-align: top; }
td.source { overflow-wrap: anywhere; }
a { color: var(--accent); }
ul.copies { list-style: none; padding: 0; margin: 0; }
li.copy { margin: 0 0 1rem; }
.copy-head { margin: 0 0 .3rem; }
.passage { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
  gap: .7rem; margin: .4rem 0; }
.side { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .75rem;
  background: var(--panel); }
.side .who { margin: 0; font-size: .8rem; color: var(--muted); }
.side .role { text-transform: uppercase; letter-spacing: .04em; font-size: .75rem; }
.side.copier .role { color: var(--warn); }
.excerpt { margin: .3rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere;
  font-family: Georgia, "Times New Roman", serif; line-height: 1.6; }
mark { background: var(--hl); color: inherit; border-radius: 2px; }
.omitted { color: var(--muted); font-size: .85rem; }
ol.threads { list-style: none; padding: 0; margin: 0; }
li.thread { padding: .5rem .2rem; border-bottom: 1px solid var(--line); }
li.thread .title { font-weight: 600; }
li.thread .when, li.thread code { color: var(--muted); font-size: .85rem; }
li.thread ul { margin: .3rem 0 0 2.6rem; padding: 0; font-size: .92rem; }
ul.singles { list-style: none; padding: 0; margin: 0; font-size: .92rem; }
li.single { padding: .2rem 0; border-bottom: 1px solid var(--line); }
li.single .when, li.single code { color: var(--muted); font-size: .82rem; }
li.single .outlet { font-weight: 600; }
.warnings { color: var(--warn); }
.colophon { margin-top: 3rem; font-size: .8rem; }"""

# The script only hides, shows and opens elements; it never writes text or HTML.
SCRIPT = """(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var box = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var texts = items.map(function (item) { return item.getAttribute("data-search"); });
  // Showing or hiding 8,000 stories takes the browser 0.2-0.5 s (measured on 2 cores).
  var FAST_FILTER_ITEMS = 2000;
  var noun = function (n) { return n === 1 ? " story" : " stories"; };
  function apply() {
    var terms = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    items.forEach(function (item, i) {
      var hit = terms.every(function (term) { return texts[i].indexOf(term) !== -1; });
      if (item.hidden === hit) { item.hidden = !hit; }  // touch only what changes: fast
      if (hit) { count += 1; }
    });
    shown.textContent = count.toLocaleString("en") + " of " + items.length.toLocaleString("en") +
      noun(items.length);
  }
  var pending = null;  // with thousands of stories, filter once typing pauses
  box.addEventListener("input", function () {
    window.clearTimeout(pending);
    if (items.length <= FAST_FILTER_ITEMS) {
      apply();
    } else {
      pending = window.setTimeout(apply, 150);
    }
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { window.clearTimeout(pending); box.value = ""; apply(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== box) {
      event.preventDefault();
      box.focus();
    }
  });
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  if (box.value) { apply(); }
})();"""
