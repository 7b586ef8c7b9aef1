"""The brief as GitHub-flavoured Markdown, each statement citing its spans as footnotes.

A footnote ``[^n]`` names the span (``document:start-end``) and the outlet.
Article text is untrusted: Markdown and HTML punctuation in it is backslash-escaped, so a
renderer shows it literally (no links, images or raw HTML come from article text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsweave.model import Brief, ConflictSide, FactStatus, Mention
from newsweave.outlets import outlet_name
from newsweave.render.layout import (
    BriefLayout,
    RefTable,
    clean,
    describe_date,
    fit_to_budget,
    format_day,
    layout_brief,
    side_support,
    word_budget,
)
from newsweave.render.utterances import Utterance

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
    """The brief as Markdown: what is established, what outlets disagree on, what only one
    outlet says, quotes, timeline, sources; the full lists stay in the JSON and HTML."""
    return fit_to_budget(layout_brief(brief), word_budget(brief), _render)


def _render(layout: BriefLayout) -> str:
    refs = RefTable()
    sections = [
        _header(layout),
        _established(layout, refs),
        _disagreements(layout, refs),
        _single_source(layout, refs),
        _quotes(layout, refs),
        _timeline(layout, refs),
        _comparison(layout, refs),
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


def _more(count: int, what: str) -> str:
    return f"\n\n*… {count} more {what} in the JSON and HTML reports.*" if count > 0 else ""


def _established(layout: BriefLayout, refs: RefTable) -> str:
    facts = layout.established
    if not facts:
        return "## Established\n\nNo fact is reported by two independent sources."
    lines = [
        f"- {md(fact.text)}{_cite(refs, fact.mentions)} — *{md(layout.support_summary(fact))}*"
        for fact in facts[: layout.caps.established]
    ]
    return (
        "## Established\n\n"
        + "\n".join(lines)
        + _more(len(facts) - layout.caps.established, "facts")
    )


def _disagreements(layout: BriefLayout, refs: RefTable) -> str:
    found = layout.disagreements
    if not found:
        return "## Disagreements\n\nNone found."
    lines: list[str] = []
    shown, hidden = layout.shown_disagreements()
    for fact, conflict in shown:
        lines.append(
            f"- **{conflict.relation.value}** ({conflict.kind.value}): {md(fact.text)}"
            f"{_cite(refs, fact.mentions)}"
        )
        lines.extend(
            f"  - {md(', '.join(side.outlets) or 'unknown outlet')}"
            f"{_side_support(side)}: **{md(side.value)}**"
            f"{_cite(refs, side.mentions)}"
            for side in conflict.sides
        )
    return "## Disagreements\n\n" + "\n".join(lines) + _more(hidden, "differences")


def _side_support(side: ConflictSide) -> str:
    return f" ({side_support(side)})" if side_support(side) else ""


def _single_source(layout: BriefLayout, refs: RefTable) -> str:
    parts = ["## Only one outlet"]
    hidden = 0
    for group in layout.single_source:
        shown = group.facts[: layout.caps.single_per_outlet]
        hidden += len(group.facts) - len(shown)
        items = "\n".join(f"- {md(f.text)}{_cite(refs, f.mentions)}" for f in shown)
        parts.append(f"### {md(group.outlet)}\n\n{items}")
    if not layout.single_source:
        parts.append("none")
    return "\n\n".join(parts) + _more(hidden, "single-source details")


def _quotes(layout: BriefLayout, refs: RefTable) -> str:
    shared = layout.shared_quotes
    if not shared:
        return "## Quotes\n\nNo quote is carried by two outlets."
    parts = ["## Quotes"]
    for speaker, utterance in shared[: layout.caps.quotes]:
        parts.append(f"**{md(layout.speaker_label(speaker))}**\n\n{_utterance(utterance, refs)}")
    return "\n\n".join(parts) + _more(len(shared) - layout.caps.quotes, "quotes")


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
        ranked = sorted(sources.overlap, key=lambda item: -item.shared_facts)[: layout.caps.overlap]
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


def _timeline(layout: BriefLayout, refs: RefTable) -> str:
    if not layout.timeline:
        return "## Timeline\n\nNo dates found."
    rows = [
        (f"**{md(describe_date(item))}**", f"{md(item.text)}{_cite(refs, item.mentions)}")
        for item in layout.timeline[: layout.caps.timeline]
    ]
    more = _more(len(layout.timeline) - layout.caps.timeline, "dated events")
    return "## Timeline\n\n" + _table(("When", "What"), "ll", rows) + more


def _articles(layout: BriefLayout) -> str:
    rows = [
        (
            md(doc.id),
            md(outlet_name(doc)),
            format_day(doc.published) if doc.published else "undated",
            md(doc.title or "–"),
        )
        for doc in layout.documents
    ]  # where each came from (file, URL) is in the JSON and HTML
    parts = ["## Articles", _table(("Id", "Outlet", "Published", "Title"), "llll", rows)]
    if layout.rejected:
        rejected = [(md(r.source), r.reason.value, md(r.detail)) for r in layout.rejected]
        parts.append(
            "### Rejected inputs\n\n" + _table(("Input", "Reason", "Detail"), "lll", rejected)
        )
    if layout.warnings:
        parts.append("\n".join(f"> **Warning:** {md(warning)}" for warning in layout.warnings))
    return "\n\n".join(parts)


def _footnotes(layout: BriefLayout, refs: RefTable) -> str:
    """``[^3]: a1:94-193``: the span's article (its outlet is in the Articles table) and
    offsets, never its words: the brief would say everything twice."""
    lines = []
    for ref in refs.refs:
        mention = ref.mention
        lines.append(f"[^{ref.number}]: {md(f'{mention.document}:{mention.start}-{mention.end}')}")
    return "\n".join(lines)
