"""The brief as GitHub-flavoured Markdown, each statement citing its spans as footnotes.

A footnote ``[^n]`` names the span (``document:start-end``), the outlet and the quoted words.
Article text is untrusted: Markdown and HTML punctuation in it is backslash-escaped, so a
renderer shows it literally (no links, images or raw HTML come from article text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsweave.model import Brief, Fact, FactStatus, Mention
from newsweave.outlets import outlet_name
from newsweave.render.layout import (
    BriefLayout,
    RefTable,
    clean,
    describe_date,
    describe_figure,
    format_day,
    layout_brief,
)
from newsweave.render.utterances import Utterance, quote_words

FOOTNOTE_QUOTE_MAX_CHARS = 160  # a footnote shows the span's words; longer ones are cut here
# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup inline or in a table cell.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
STATUS_LABEL = {
    FactStatus.CORROBORATED: "✅ corroborated",
    FactStatus.SINGLE_SOURCE: "◻️ single-source",
    FactStatus.DISPUTED: "⚠️ disputed",
}


def md(text: str) -> str:
    """Untrusted text as inert inline Markdown on one line.

    >>> md("<b>5 * 3</b>\\n[x](y)")
    '\\\\<b\\\\>5 \\\\* 3\\\\</b\\\\> \\\\[x\\\\](y)'
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


def render_markdown(brief: Brief) -> str:
    """The whole brief as Markdown (sections, tables, footnotes last)."""
    layout, refs = layout_brief(brief), RefTable()
    sections = [
        _header(layout),
        _lead(layout, refs),
        _facts(layout, refs),
        _disputed(layout, refs),
        _single_source(layout, refs),
        _quotes(layout, refs),
        _timeline(layout, refs),
        _comparison(layout, refs),
        _figures(layout, refs),
        _articles(layout),
        _footnotes(layout, refs),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _cite(refs: RefTable, mentions: Iterable[Mention]) -> str:
    return "".join(f"[^{number}]" for number in refs.cite(mentions))


def _table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; ``align`` has one of ``l``/``r`` per column."""
    rule = "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _header(layout: BriefLayout) -> str:
    count, outlets = len(layout.documents), len(layout.outlets)
    names = ", ".join(md(name) for name in layout.outlets)
    statuses = " · ".join(
        f"{sum(f.status is status for f in layout.facts)} {status.value}" for status in FactStatus
    )
    return (
        f"# {md(layout.title)}\n\n"
        f"**{count} article{'s' if count != 1 else ''}** from {outlets} outlet"
        f"{'s' if outlets != 1 else ''} ({names}) · {layout.date_span}  \n"
        f"Facts: {statuses}"
    )


def _lead(layout: BriefLayout, refs: RefTable) -> str:
    if not layout.lead:
        return "## Lead\n\nNo claims found."
    return "## Lead\n\n" + " ".join(f"{md(f.text)}{_cite(refs, f.mentions)}" for f in layout.lead)


def _facts(layout: BriefLayout, refs: RefTable) -> str:
    if not layout.facts:
        return "## Facts\n\nNo facts found."
    rows = [
        (
            STATUS_LABEL[fact.status],
            layout.support_label(fact),
            md("; ".join(layout.outlet_labels(fact))) or "–",
            _fact_text(layout, fact, refs),
        )
        for fact in layout.facts
    ]
    return "## Facts\n\n" + _table(("Status", "Support", "Outlets", "Fact"), "llll", rows)


def _fact_text(layout: BriefLayout, fact: Fact, refs: RefTable) -> str:
    """The fact with its footnotes, then why its count is what it is (when that says more)."""
    why = layout.explanation(fact)
    text = f"{md(fact.text)}{_cite(refs, fact.mentions)}"
    return f"{text} — *{md(why)}*" if why else text


def _disputed(layout: BriefLayout, refs: RefTable) -> str:
    if not layout.disputed:
        return "## Disputed points\n\nnone found"
    lines = []
    for fact in layout.disputed:
        lines.append(f"- {md(fact.text)}{_cite(refs, fact.mentions)}")
        for conflict in fact.conflicts:
            lines.append(f"  - *{conflict.kind.value}*: {md(conflict.summary)}")
            lines.extend(
                f"    - {md(', '.join(side.outlets) or 'unknown outlet')}: "
                f"**{md(side.value)}**{_cite(refs, side.mentions)}"
                for side in conflict.sides
            )
    return "## Disputed points\n\n" + "\n".join(lines)


def _single_source(layout: BriefLayout, refs: RefTable) -> str:
    parts = ["## Single-source details"]
    for group in layout.single_source:
        items = "\n".join(f"- {_fact_text(layout, f, refs)}" for f in group.facts)
        parts.append(f"### {md(group.outlet)}\n\n{items}")
    if not layout.single_source:
        parts.append("none")
    return "\n\n".join(parts)


def _quotes(layout: BriefLayout, refs: RefTable) -> str:
    parts = ["## Quotes"]
    for group in layout.quotes:
        items = "\n".join(_utterance(utterance, refs) for utterance in group.utterances)
        parts.append(f"### {md(layout.speaker_label(group.speaker))}\n\n{items}")
    if not layout.quotes:
        parts.append("No quoted statements found.")
    if layout.scare_quotes:
        phrases = "; ".join(
            f"“{md(quote_words(q))}” ({md(layout.outlet_of(q.mention.document))})"
            f"{_cite(refs, [q.mention])}"
            for q in layout.scare_quotes
        )
        parts.append(f"Scare-quoted phrases: {phrases}")
    return "\n\n".join(parts)


def _utterance(utterance: Utterance, refs: RefTable) -> str:
    """The first wording as the quote, other wordings and other speakers nested under it."""
    first, *others = utterance.wordings
    lines = [
        f"- “{md(first.text)}” — *{md(', '.join(first.outlets))}*{_cite(refs, first.mentions)}"
    ]
    lines.extend(
        f"  - worded “{md(w.text)}” — *{md(', '.join(w.outlets))}*{_cite(refs, w.mentions)}"
        for w in others
    )
    lines.extend(
        f"  - attributed to **{md(a.speaker)}** by *{md(', '.join(a.outlets))}*"
        f"{_cite(refs, a.mentions)}"
        for a in utterance.other_speakers
    )
    return "\n".join(lines)


def _comparison(layout: BriefLayout, refs: RefTable) -> str:
    sources = layout.sources
    if not sources.outlets:
        return "## Source comparison\n\nNo comparison of outlets."
    rows = [
        (md(p.outlet), str(len(p.documents)), str(len(p.facts)), str(len(p.exclusive)))
        for p in sources.outlets
    ]
    parts = [
        "## Source comparison",
        _table(("Outlet", "Articles", "Facts", "Only here"), "lrrr", rows),
    ]
    if sources.overlap:
        ranked = sorted(sources.overlap, key=lambda item: -item.shared_facts)
        lines = [f"- {' & '.join(md(o) for o in i.outlets)}: {i.shared_facts}" for i in ranked]
        parts.append("### Shared facts\n\n" + "\n".join(lines))
    if sources.copies:
        lines = [
            f"- {md(layout.describe_copy(c))}{_cite(refs, c.passages)}" for c in sources.copies
        ]
        parts.append("### Copied text\n\n" + "\n".join(lines))
    if sources.relays:
        lines = [
            f"- {md(r.outlet)} cites {md(r.origin)}{_cite(refs, [r.mention])}"
            for r in sources.relays
        ]
        parts.append("### Relayed reports\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _figures(layout: BriefLayout, refs: RefTable) -> str:
    if not layout.figures:
        return "## Figures\n\nNo figures found."
    rows = [
        (
            f"{md(figure.mention.text)}{_cite(refs, [figure.mention])}",
            md(describe_figure(figure)),
            figure.kind.value,
            md(layout.outlet_of(figure.mention.document)),
        )
        for figure in layout.figures
    ]
    return "## Figures\n\n" + _table(("As written", "Reading", "Kind", "Outlet"), "llll", rows)


def _timeline(layout: BriefLayout, refs: RefTable) -> str:
    if not layout.timeline:
        return "## Timeline\n\nNo dates found."
    rows = [
        (f"**{md(describe_date(item))}**", f"{md(item.text)}{_cite(refs, item.mentions)}")
        for item in layout.timeline
    ]
    return "## Timeline\n\n" + _table(("When", "What"), "ll", rows)


def _articles(layout: BriefLayout) -> str:
    rows = [
        (
            md(doc.id),
            md(outlet_name(doc)),
            format_day(doc.published) if doc.published else "undated",
            md(doc.title or "–"),
            md(doc.source),
        )
        for doc in layout.documents
    ]
    parts = ["## Articles", _table(("Id", "Outlet", "Published", "Title", "Source"), "lllll", rows)]
    if layout.rejected:
        rejected = [(md(r.source), r.reason.value, md(r.detail)) for r in layout.rejected]
        parts.append(
            "### Rejected inputs\n\n" + _table(("Input", "Reason", "Detail"), "lll", rejected)
        )
    if layout.warnings:
        parts.append("\n".join(f"> **Warning:** {md(warning)}" for warning in layout.warnings))
    return "\n\n".join(parts)


def _footnotes(layout: BriefLayout, refs: RefTable) -> str:
    lines = []
    for ref in refs.refs:
        mention = ref.mention
        words = " ".join(mention.text.split())
        if len(words) > FOOTNOTE_QUOTE_MAX_CHARS:
            words = words[: FOOTNOTE_QUOTE_MAX_CHARS - 1] + "…"
        where = f"{mention.document}:{mention.start}-{mention.end}"
        outlet = layout.outlet_of(mention.document)
        lines.append(f"[^{ref.number}]: {md(where)}, {md(outlet)}: “{md(words)}”")
    return "\n".join(lines)
