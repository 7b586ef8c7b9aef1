"""The brief for a terminal: plain text wrapped to a width, ANSI colour with ``color=True``.

Every statement ends with bracketed references such as ``[2]``; the References list at the
end maps each number to ``document:start-end`` and its outlet. Article text is untrusted:
control characters (terminal escape sequences included) are removed before anything is shown.
Plain ``textwrap`` rather than rich tables: rich took ~1 s for a brief of five articles.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from newsweave.model import Brief, FactStatus, Mention, Relation
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
    """The whole brief as text ``width`` columns wide; ANSI styles only when ``color``.

    What is established, what outlets disagree on, what only one outlet says, quotes that
    outlets share, timeline, sources; the full lists stay in the JSON and HTML reports.
    """
    return fit_to_budget(
        layout_brief(brief), word_budget(brief), lambda layout: _render(layout, width, color)
    )


def _render(layout: BriefLayout, width: int, color: bool) -> str:
    out = _Writer(width, color)
    for section in (_header, _established, _disagreements, _single_source, _quotes, _timeline,
                    _comparison, _articles, _references):  # fmt: skip
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


def _more(out: _Writer, count: int, what: str) -> None:
    if count > 0:
        out.para(f"… {count} more {what} in the JSON and HTML reports.", "dim")


def _established(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Established")
    facts = layout.established
    if not facts:
        out.para("No fact is reported by two independent sources.")
    for fact in facts[: layout.caps.established]:
        out.bullet(f"{_line(fact.text)} {out.cite(fact.mentions)} — {layout.support_summary(fact)}")
    _more(out, len(facts) - layout.caps.established, "facts")


def _disagreements(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Disagreements")
    found = layout.disagreements
    if not found:
        out.para("none found")
    shown, hidden = layout.shown_disagreements()
    for fact, conflict in shown:
        style = "red" if conflict.relation is Relation.CONTRADICT else "yellow"
        out.para(f"{conflict.relation.value} ({conflict.kind.value})", style)
        out.bullet(f"{_line(fact.text)} {out.cite(fact.mentions)}")
        for side in conflict.sides:
            who = ", ".join(side.outlets) or "unknown outlet"
            if side_support(side):
                who += f" ({side_support(side)})"
            out.bullet(f"{who}: {_line(side.value)} {out.cite(side.mentions)}", level=1)
    _more(out, hidden, "differences")


def _single_source(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Only one outlet")
    if not layout.single_source:
        out.para("none")
    hidden = 0
    for group in layout.single_source:
        out.para(group.outlet, "bold")
        shown = group.facts[: layout.caps.single_per_outlet]
        hidden += len(group.facts) - len(shown)
        for fact in shown:
            out.bullet(f"{_line(fact.text)} {out.cite(fact.mentions)}", level=1)
    _more(out, hidden, "single-source details")


def _quotes(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Quotes")
    shared = layout.shared_quotes
    if not shared:
        out.para("No quote is carried by two outlets.")
    for speaker, utterance in shared[: layout.caps.quotes]:
        out.para(layout.speaker_label(speaker), "bold")
        _utterance(utterance, out)
    _more(out, len(shared) - layout.caps.quotes, "quotes")


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


def _timeline(layout: BriefLayout, out: _Writer) -> None:
    out.heading("Timeline")
    if not layout.timeline:
        out.para("No dates found.")
    for item in layout.timeline[: layout.caps.timeline]:
        out.para(describe_date(item), "bold")
        out.para(f"{item.text} {out.cite(item.mentions)}", indent="    ")
    _more(out, len(layout.timeline) - layout.caps.timeline, "dated events")


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
        for item in sorted(sources.overlap, key=lambda item: -item.shared_facts)[
            : layout.caps.overlap
        ]:
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
        out.bullet(f"{doc.id}: {outlet_name(doc)} · {day}{title}")
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
        out.para(f"[{ref.number}] {m.document}:{m.start}-{m.end}", indent=pad)
