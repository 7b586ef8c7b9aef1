"""The brief for a terminal: plain text wrapped to a width, ANSI colour with ``color=True``.

Every statement ends with bracketed references such as ``[2]``; the References list at the
end maps each number to ``document:start-end`` and its outlet. Article text is untrusted:
control characters (terminal escape sequences included) are removed before anything is shown.
Plain ``textwrap`` rather than rich tables: rich took ~1 s for a brief of five articles.
"""

from __future__ import annotations

import textwrap
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

FACTS_TABLE_MAX_ROWS = 20  # a terminal screen; the rest are listed by outlet further down
MIN_TEXT_COLUMN = 24  # narrower than this and wrapped sentences become unreadable
OUTLETS_COLUMN_MIN = 22  # two short outlet names side by side
OUTLETS_COLUMN_SHARE = 4  # the outlets column takes at most a quarter of a wide terminal
ANSI = {"bold": "1", "dim": "2", "heading": "1;4", "green": "1;32", "yellow": "33", "red": "1;31"}
STATUS_STYLE = {
    FactStatus.CORROBORATED: "green",
    FactStatus.SINGLE_SOURCE: "yellow",
    FactStatus.DISPUTED: "red",
}


def _line(text: str) -> str:
    """One-line version of ``text`` (line breaks inside quotes and sentences become spaces)."""
    return " ".join(clean(text).split())


class _Writer:
    """Collects wrapped lines; styles are ANSI codes added after wrapping, only with colour."""

    def __init__(self, width: int, color: bool) -> None:
        self.width = max(width, MIN_TEXT_COLUMN + 8)
        self.color = color
        self.lines: list[str] = []
        self.refs = RefTable()

    def style(self, text: str, name: str) -> str:
        return f"\x1b[{ANSI[name]}m{text}\x1b[0m" if self.color and text else text

    def cite(self, mentions: Iterable[Mention]) -> str:
        return "".join(f"[{number}]" for number in self.refs.cite(mentions))

    def para(self, text: str, style: str = "", indent: str = "", hanging: str = "") -> None:
        wrapped = textwrap.wrap(
            _line(text),
            self.width,
            initial_indent=indent,
            subsequent_indent=hanging or indent,
            break_long_words=True,
            break_on_hyphens=False,
        )
        self.lines.extend(self.style(line, style) if style else line for line in wrapped)

    def bullet(self, text: str, level: int = 0) -> None:
        pad = "  " * level
        self.para(text, indent=f"{pad}• ", hanging=f"{pad}  ")

    def heading(self, title: str) -> None:
        self.lines.extend(["", self.style(title.upper(), "heading")])

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[int],
        align: str,
        styles: Sequence[str] = (),
    ) -> None:
        """Columns of the given widths (the last takes what is left); cells wrap.

        ``align`` has ``l`` or ``r`` per column; ``styles[i]`` colours row i's first cell.
        """
        gaps = 2 * (len(widths) - 1)
        widths = [*widths[:-1], max(self.width - sum(widths[:-1]) - gaps, MIN_TEXT_COLUMN)]
        self.lines.append(self.style(self._row(header, widths, align)[0], "dim"))
        self.lines.append(self.style("─" * min(self.width, sum(widths) + gaps), "dim"))
        for index, row in enumerate(rows):
            lines = self._row(row, widths, align)
            if index < len(styles):
                first = widths[0]
                lines[0] = self.style(lines[0][:first], styles[index]) + lines[0][first:]
            self.lines.extend(lines)

    @staticmethod
    def _row(cells: Sequence[str], widths: Sequence[int], align: str) -> list[str]:
        columns = [
            textwrap.wrap(_line(cell), width, break_on_hyphens=False) or [""]
            for cell, width in zip(cells, widths, strict=True)
        ]
        lines = []
        for index in range(max(len(column) for column in columns)):
            parts = [
                _pad(column[index] if index < len(column) else "", width, side)
                for column, width, side in zip(columns, widths, align, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
        return lines


def _pad(text: str, width: int, side: str) -> str:
    return text.rjust(width) if side == "r" else text.ljust(width)


def render_text(brief: Brief, *, width: int = 100, color: bool = False) -> str:
    """The whole brief as text ``width`` columns wide; ANSI styles only when ``color``."""
    layout, out = layout_brief(brief), _Writer(width, color)
    for section in (_header, _lead, _facts, _disputed, _single_source, _quotes, _timeline,
                    _comparison, _figures, _articles, _references):  # fmt: skip
        section(layout, out)
    return "\n".join(out.lines) + "\n"


def _header(layout: BriefLayout, out: _Writer) -> None:
    count, outlets = len(layout.documents), len(layout.outlets)
    out.para(layout.title, "bold")
    out.para(
        f"{count} article{'s' if count != 1 else ''} from {outlets} outlet"
        f"{'s' if outlets != 1 else ''} ({', '.join(layout.outlets)}) · {layout.date_span}"
    )
    counts = [f"{sum(f.status is s for f in layout.facts)} {s.value}" for s in FactStatus]
    out.para(f"Facts: {', '.join(counts)}", "dim")


def _lead(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Lead")
    parts = [f"{_line(fact.text)} {out.cite(fact.mentions)}" for fact in layout.lead]
    out.para(" ".join(parts) or "No claims found.")


def _facts(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Facts")
    if not layout.facts:
        out.para("No facts found.")
        return
    unconfirmed = sum(fact.status is FactStatus.SINGLE_SOURCE for fact in layout.facts)
    shown = layout.facts[: max(FACTS_TABLE_MAX_ROWS, len(layout.facts) - unconfirmed)]
    rows = [_fact_row(layout, fact, out) for fact in shown]
    styles = [STATUS_STYLE[fact.status] for fact in shown]
    longest = max(len(row[2]) for row in rows)
    outlets = min(longest, max(OUTLETS_COLUMN_MIN, out.width // OUTLETS_COLUMN_SHARE))
    out.table(("Status", "Support", "Outlets", "Fact"), rows, [13, 14, outlets, 0], "llll", styles)
    if len(shown) < len(layout.facts):
        more = len(layout.facts) - len(shown)
        out.para(f"… {more} more single-source facts, listed by outlet below.", "dim")


def _fact_row(layout: BriefLayout, fact: Fact, out: _Writer) -> tuple[str, str, str, str]:
    outlets = "; ".join(layout.outlet_labels(fact)) or "-"
    text = f"{_line(fact.text)} {out.cite(fact.mentions)}"
    why = layout.explanation(fact)
    return (
        fact.status.value,
        layout.support_label(fact),
        outlets,
        f"{text} — {why}" if why else text,
    )


def _disputed(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Disputed points")
    if not layout.disputed:
        out.para("none found")
    for fact in layout.disputed:
        out.bullet(f"{_line(fact.text)} {out.cite(fact.mentions)}")
        for conflict in fact.conflicts:
            out.bullet(f"{conflict.kind.value}: {_line(conflict.summary)}", level=1)
            for side in conflict.sides:
                who = ", ".join(side.outlets) or "unknown outlet"
                out.bullet(f"{who}: {_line(side.value)} {out.cite(side.mentions)}", level=2)


def _single_source(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Single-source details")
    if not layout.single_source:
        out.para("none")
    for group in layout.single_source:
        out.para(group.outlet, "bold")
        for fact in group.facts:
            why = layout.explanation(fact)
            text = f"{_line(fact.text)} {out.cite(fact.mentions)}"
            out.bullet(f"{text} — {why}" if why else text, level=1)


def _quotes(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Quotes")
    if not layout.quotes:
        out.para("No quoted statements found.")
    for group in layout.quotes:
        out.para(layout.speaker_label(group.speaker), "bold")
        for utterance in group.utterances:
            _utterance(utterance, out)
    if layout.scare_quotes:
        phrases = [
            f"“{quote_words(q)}” ({layout.outlet_of(q.mention.document)}) {out.cite([q.mention])}"
            for q in layout.scare_quotes
        ]
        out.para("Scare-quoted phrases: " + "; ".join(phrases), "dim")


def _utterance(utterance: Utterance, out: _Writer) -> None:
    """The first wording as the quote, other wordings and other speakers beneath it."""
    first, *others = utterance.wordings
    outlets = ", ".join(first.outlets)
    out.bullet(f"“{first.text}” — {outlets} {out.cite(first.mentions)}", level=1)
    for wording in others:
        cited = out.cite(wording.mentions)
        out.bullet(f"worded “{wording.text}” — {', '.join(wording.outlets)} {cited}", level=2)
    for other in utterance.other_speakers:
        cited = out.cite(other.mentions)
        out.bullet(f"attributed to {other.speaker} by {', '.join(other.outlets)} {cited}", level=2)


def _figures(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Figures")
    if not layout.figures:
        out.para("No figures found.")
        return
    rows = [
        (
            f"{figure.mention.text} {out.cite([figure.mention])}",
            describe_figure(figure),
            figure.kind.value,
            layout.outlet_of(figure.mention.document),
        )
        for figure in layout.figures
    ]
    out.table(("As written", "Reading", "Kind", "Outlet"), rows, [28, 26, 10, 0], "llll")


def _timeline(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Timeline")
    if not layout.timeline:
        out.para("No dates found.")
    for item in layout.timeline:
        out.para(describe_date(item), "bold")
        out.para(f"{item.text} {out.cite(item.mentions)}", indent="    ")


def _comparison(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Source comparison")
    sources = layout.sources
    if not sources.outlets:
        out.para("No comparison of outlets.")
        return
    rows = [
        (str(len(p.documents)), str(len(p.facts)), str(len(p.exclusive)), p.outlet)
        for p in sources.outlets
    ]
    out.table(("Articles", "Facts", "Only here", "Outlet"), rows, [8, 5, 9, 0], "rrrl")
    if sources.overlap:
        out.para("Shared facts", "bold")
        for item in sorted(sources.overlap, key=lambda item: -item.shared_facts):
            out.bullet(f"{' & '.join(item.outlets)}: {item.shared_facts}", level=1)
    if sources.copies:
        out.para("Copied text", "bold")
        for link in sources.copies:
            out.bullet(f"{layout.describe_copy(link)} {out.cite(link.passages)}", level=1)
    if sources.relays:
        out.para("Relayed reports", "bold")
        for relay in sources.relays:
            out.bullet(f"{relay.outlet} cites {relay.origin} {out.cite([relay.mention])}", level=1)


def _articles(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Articles")
    for doc in layout.documents:
        day = format_day(doc.published) if doc.published else "undated"
        title = f" · “{doc.title}”" if doc.title else ""
        out.bullet(f"{doc.id}: {outlet_name(doc)} · {day}{title} · {doc.source}")
    if layout.rejected:
        out.para(f"Rejected inputs ({len(layout.rejected)}):", "bold")
        for item in layout.rejected:
            out.bullet(item.describe(), level=1)
    for warning in layout.warnings:
        out.para(f"warning: {warning}", "yellow")


def _references(layout: BriefLayout, out: _Writer) -> None:
    if not out.refs.refs:
        return
    out.heading("References")
    digits = len(str(len(out.refs.refs)))
    for ref in out.refs.refs:
        m = ref.mention
        pad = " " * (digits - len(str(ref.number)))
        where = f"{m.document}:{m.start}-{m.end}"
        text = f"[{ref.number}] {where}  {layout.outlet_of(m.document)}"
        out.para(text, indent=pad, hanging=" " * (digits + 3))
